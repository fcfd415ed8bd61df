"""Models of the models_registry app (none yet)."""
