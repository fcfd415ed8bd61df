"""Files handed to the browser: safe, Vietnamese-friendly names (RFC 6266) and the attachment response.

Kept apart from danvan/documents.py, so an Excel export or an evidence download
does not load the PDF renderer.
"""

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f"*/:<>?\\|]+')


def safe_filename(name: str, *, max_length: int = 120) -> str:
    """Return `name` without characters that are unsafe in a file name, trimmed to `max_length`."""
    name = unicodedata.normalize("NFC", _UNSAFE_FILENAME.sub(" ", name))
    name = re.sub(r"\s+", " ", name).strip(" .")
    if len(name) > max_length:
        name = name[:max_length].rsplit(" ", 1)[0].rstrip(" .,;-")
    return name or "van-ban"


def ascii_filename(name: str) -> str:
    """Return `name` in ASCII, for clients that ignore filename*: "Kế hoạch" -> "Ke hoach"."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    # Only characters no header parser misreads: no quotes, ";", "=", "%" or backslash.
    return re.sub(r"\s+", " ", re.sub(r"[^A-Za-z0-9 .,()_+-]", " ", ascii_only)).strip() or "van-ban"


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """Return a Content-Disposition value (RFC 6266) with an ASCII `filename` and a UTF-8 `filename*`.

    `filename` is the Vietnamese name with its extension; it is made safe here.
    """
    stem, dot, extension = filename.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", extension):
        stem, extension = filename, ""
    stem = safe_filename(stem)
    suffix = f".{extension.lower()}" if extension else ""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_filename(stem)}{suffix}\"; filename*=UTF-8''{quote(stem + suffix, safe='')}"


def attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """Return `content` as a download named `filename` (made safe, with an ASCII fallback)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response
