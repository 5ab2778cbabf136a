"""Writes and state changes, one module per theme (HackSoft styleguide: services write, selectors read)."""
