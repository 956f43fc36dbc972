"""Dialogs gather input; commands and domain functions do the work."""
