"""Imports and exports: files in, files out, no Qt."""
