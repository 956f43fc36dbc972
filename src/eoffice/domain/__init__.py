"""Domain rules in plain Python: no Qt here, so every rule is testable without a screen."""
