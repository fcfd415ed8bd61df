"""Permission rules of the units app (loaded by rules' autodiscovery)."""

from units import permissions  # noqa: F401  (registers the rules)
