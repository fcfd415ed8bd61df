"""Values read from files (trust roots, CRLs, signature images), kept while each file is unchanged.

One entry per path: a file replaced on disk (a CRL renewed every few days, a new
signature image) takes the old entry's place rather than sitting beside it, so a
large CRL is never held twice. A changed modification time or size counts as a new file.
"""

from collections.abc import Callable
from pathlib import Path


class FileCache:
    """Return `load(path)` for a path, computed again only when the file's mtime or size changes."""

    def __init__(self, load: Callable[[Path], object], *, max_files: int = 32):
        self.load, self.max_files = load, max_files
        self._entries: dict[str, tuple[tuple[int, int], object]] = {}

    def get(self, path) -> object:
        path = Path(path)
        stat = path.stat()
        stamp, key = (stat.st_mtime_ns, stat.st_size), str(path)
        entry = self._entries.get(key)
        if entry is not None and entry[0] == stamp:
            return entry[1]
        value = self.load(path)
        if key not in self._entries and len(self._entries) >= self.max_files:
            self._entries.pop(next(iter(self._entries)))  # the oldest file first
        self._entries[key] = (stamp, value)
        return value
