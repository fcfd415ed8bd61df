"""Where uploaded and issued files are written, with write failures that say what they are.

Django's file-system storage lets an OSError (a read-only or full disk, a missing mount, a
folder the server's user may not write) escape as itself, which is indistinguishable from
any other OSError and ends as a 500. Here it becomes a MediaWriteError, which
danvan.middleware.ServiceUnavailableMiddleware answers with a 503 page in Vietnamese; the
request's transaction rolls back as it would for any other error.
"""

from django.core.files.storage import FileSystemStorage


class MediaWriteError(OSError):
    """The media folder refused to store a file."""


class PortalFileSystemStorage(FileSystemStorage):
    """The file-system storage of uploads (evidence) and issued copies; see the module docstring."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except MediaWriteError:
            raise
        except OSError as error:
            raise MediaWriteError(f"Cannot write {name!r} under {self.location}: {error}") from error
