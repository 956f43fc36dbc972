"""Small widgets shared by every tab."""
