"""The uploaded files: archived with the SHA-256 of each, and checked file by file before a restore uses them.

A restore unpacks the archive into a folder beside MEDIA_ROOT, checks every file
against the manifest, and only then moves the files into place, remembering what it
added and what it set aside so that a failed restore can put everything back.
"""

import hashlib
import io
import shutil
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from danvan.backup.common import BackupError

ARCHIVE = "media.tar.gz"
PREFIX = "media/"


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _files(root: Path) -> dict[str, Path]:
    """Every regular file under `root`, keyed by its path relative to `root` (with forward slashes)."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def archive(media_root: Path, target: Path) -> dict[str, str]:
    """Archive every file under `media_root` into `target`; return each file's SHA-256 by relative path.

    Each file is read once: the digest and the archived bytes are the same bytes even if
    the file is being replaced meanwhile. A file deleted while the archive is written is left out.
    """
    digests = {}
    with tarfile.open(target, "w:gz") as tar:
        for name, path in _files(media_root).items():
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            info = tarfile.TarInfo(PREFIX + name)
            info.size, info.mode, info.mtime = len(data), 0o644, int(path.stat().st_mtime)
            tar.addfile(info, io.BytesIO(data))
            digests[name] = hashlib.sha256(data).hexdigest()
    return digests


def stage(source: Path, expected: dict[str, str], media_root: Path) -> Path:
    """Unpack the archive in `source` beside `media_root` and check it file by file; return the folder."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-media-", dir=media_root.parent))
    try:
        with tarfile.open(source / ARCHIVE, "r:gz") as tar:
            for member in tar.getmembers():
                if member.isfile() and member.name.startswith(PREFIX):
                    member.name = member.name.removeprefix(PREFIX)
                    tar.extract(member, staging, filter="data")
        found = {name: _digest(path) for name, path in _files(staging).items()}
    except (OSError, tarfile.TarError, EOFError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(f"Tệp {ARCHIVE} bị hỏng hoặc không đọc được: {error}") from error
    wrong = sorted(name for name in expected.keys() | found.keys() if expected.get(name) != found.get(name))
    if wrong:
        shutil.rmtree(staging, ignore_errors=True)
        raise BackupError(
            f"{len(wrong)} tệp trong {ARCHIVE} thiếu hoặc không khớp SHA-256 ghi trong manifest.json: "
            + ", ".join(wrong[:5])
        )
    return staging


def conflicts(staging: Path, media_root: Path) -> list[str]:
    """The files the restore would overwrite with different bytes."""
    existing = _files(media_root)
    return sorted(
        name for name, path in _files(staging).items() if name in existing and _digest(existing[name]) != _digest(path)
    )


@dataclass
class Placed:
    """What moving the staged files into MEDIA_ROOT changed, so that it can be undone."""

    media_root: Path
    set_aside: Path
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)

    def undo(self) -> None:
        for name in self.added:
            (self.media_root / name).unlink(missing_ok=True)
        for name in self.replaced:
            (self.set_aside / name).replace(self.media_root / name)
        shutil.rmtree(self.set_aside, ignore_errors=True)

    def done(self) -> None:
        """Forget the set-aside files: the restore succeeded and --force kept a backup of them."""
        shutil.rmtree(self.set_aside, ignore_errors=True)


def place(staging: Path, media_root: Path) -> Placed:
    """Move the staged files into `media_root`; a file with other bytes there is set aside, not lost."""
    placed = Placed(media_root, Path(tempfile.mkdtemp(prefix=".replaced-media-", dir=media_root.parent)))
    try:
        for name, path in _files(staging).items():
            destination = media_root / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            if destination.is_file():
                if _digest(destination) == _digest(path):
                    continue
                aside = placed.set_aside / name
                aside.parent.mkdir(parents=True, exist_ok=True)
                destination.replace(aside)
                placed.replaced.append(name)
            path.replace(destination)
            placed.added.append(name)
    except OSError as error:
        placed.undo()
        raise BackupError(f"Không ghi được tệp vào thư mục media {media_root}: {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return placed
