"""Models of the plans app (none yet)."""
