"""Read the text of an uploaded plan file (.txt/.md, .docx, .pdf) without trusting it.

The type is decided from the magic bytes and checked against the extension, so a PDF or an
executable renamed ".docx" is rejected. A DOCX is inspected from its zip directory before
anything is extracted: entry count, declared uncompressed size, zip encryption, macro and
OLE content types, and DTDs in its XML parts. (Python's zipfile never inflates an entry past
its declared size, so checking declared sizes bounds what python-docx can extract.)
"""

from __future__ import annotations

import codecs
import io
import os
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import BinaryIO

from .errors import DocumentImportError, UnreadableDocumentError, UnsafeDocumentError, UnsupportedFormatError

__all__ = ["read_text"]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGES = 300

TEXT_EXTENSIONS = (".txt", ".md")
MACRO_EXTENSIONS = (".docm", ".dotm", ".xlsm", ".pptm")

NO_TEXT_LAYER = "Tệp PDF không có lớp văn bản (có thể là bản scan); hãy nhận dạng ký tự (OCR) trước khi nhập."
CORRUPT_DOCX = "Tệp .docx bị hỏng hoặc không đầy đủ; hãy mở bằng Word, lưu lại rồi nhập lại."
ENCRYPTED_WORD = (
    "Tệp Word đã được đặt mật khẩu hoặc ở định dạng .doc cũ; hãy mở bằng Word, bỏ mật khẩu và "
    "lưu thành .docx rồi nhập lại."
)


def read_text(path_or_bytes: str | os.PathLike | bytes | bytearray | memoryview | BinaryIO, filename: str = "") -> str:
    """Return the text of a .txt/.md, .docx or .pdf file given as a path, bytes or a binary file object.

    `filename` gives the extension when bytes are passed (and overrides the path's name).
    Raise a DocumentImportError subclass with a Vietnamese message when the file cannot be read.
    """
    data, name = _load(path_or_bytes, filename)
    if not data.strip(b"\x00 \t\r\n"):
        raise UnreadableDocumentError("Tệp rỗng, không có nội dung để nhập.")
    extension = Path(name).suffix.lower()
    if extension in MACRO_EXTENSIONS:
        raise UnsafeDocumentError("Không nhận tệp có macro (.docm); hãy lưu lại thành .docx thông thường.")
    kind = _sniff(data)
    if kind == "executable":
        raise UnsafeDocumentError("Tệp là chương trình chạy được, không phải văn bản; tệp bị từ chối.")
    if kind == "ole":
        raise UnreadableDocumentError(ENCRYPTED_WORD)
    readers = {"zip": (".docx", _read_docx), "pdf": (".pdf", _read_pdf), "text": (TEXT_EXTENSIONS, _read_plain)}
    if kind not in readers:
        raise UnsupportedFormatError()
    expected, reader = readers[kind]
    if extension and extension not in (expected if isinstance(expected, tuple) else (expected,)):
        raise _mismatch(extension, kind)
    return reader(data)


def _load(source, filename: str) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        filename = filename or path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise UnreadableDocumentError(_too_big())
            data = path.read_bytes()
        except OSError as error:
            raise UnreadableDocumentError("Không mở được tệp.") from error
    elif hasattr(source, "read"):
        data = source.read(MAX_FILE_BYTES + 1)
        filename = filename or Path(getattr(source, "name", "") or "").name
    else:
        raise UnsupportedFormatError()
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableDocumentError(_too_big())
    return data, filename or ""


def _too_big() -> str:
    return f"Tệp quá lớn (hơn {MAX_FILE_BYTES // (1024 * 1024)} MB)."


def _sniff(data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")):
        return "executable"
    if data.startswith((b"{\\rtf", b"Rar!", b"\x1f\x8b", b"7z\xbc\xaf", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "other"
    return "text"


def _mismatch(extension: str, kind: str) -> UnsupportedFormatError:
    actual = {"zip": "tệp nén (Word .docx)", "pdf": "PDF", "text": "văn bản thuần"}[kind]
    return UnsupportedFormatError(
        f"Nội dung tệp ({actual}) không khớp với phần mở rộng “{extension}”; tệp bị từ chối. "
        "Hãy chọn đúng tệp .docx, .pdf, .txt hoặc .md."
    )


# ---------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------


def _read_plain(data: bytes) -> str:
    text = _decode(data)
    if "\x00" in text:
        raise UnsupportedFormatError("Tệp chứa ký tự rỗng (NUL), không phải văn bản thuần.")
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding)
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return _strict(data, encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")  # Windows Vietnamese; TCVN3/VNI bytes are caught later by the parser
    except UnicodeDecodeError:
        raise UnreadableDocumentError(_unknown_encoding()) from None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UnreadableDocumentError(_unknown_encoding()) from None


def _unknown_encoding() -> str:
    return "Không xác định được bảng mã của tệp văn bản; hãy lưu tệp với bảng mã UTF-8 (Unicode) rồi nhập lại."


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------

_MACRO_MARKERS = (b"macroenabled", b"vbaproject", b"vnd.ms-office.activex", b"oleobject", b"vnd.ms-word.vbadata")
_DTD_MARKERS = (b"<!doctype", b"<!entity")


def _read_docx(data: bytes) -> str:
    _inspect_docx(data)
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
        lines = _docx_lines(document)
    except DocumentImportError:
        raise
    except Exception as error:  # python-docx raises many types on damaged parts
        raise UnreadableDocumentError(CORRUPT_DOCX) from error
    return unicodedata.normalize("NFC", "\n".join(lines))


def _inspect_docx(data: bytes) -> None:
    """Reject a DOCX from its zip directory before python-docx extracts anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UnreadableDocumentError(CORRUPT_DOCX) from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise UnsafeDocumentError(
                f"Tệp .docx có quá nhiều thành phần (hơn {MAX_ZIP_ENTRIES:,}".replace(",", ".")
                + "); nghi là tệp độc hại (zip bomb) nên bị từ chối."
            )
        if sum(entry.file_size for entry in entries) > MAX_UNZIPPED_BYTES:
            raise UnsafeDocumentError(
                "Tệp .docx khi giải nén lớn hơn 100 MB; nghi là tệp độc hại (zip bomb) nên bị từ chối."
            )
        if any(entry.flag_bits & 0x1 for entry in entries):
            raise UnreadableDocumentError(ENCRYPTED_WORD)
        names = {entry.filename for entry in entries}
        if not {"[Content_Types].xml", "word/document.xml"} <= names:
            raise UnsupportedFormatError("Tệp nén này không phải tài liệu Word (.docx).")
        _reject_active_content(archive, names)


def _reject_active_content(archive: zipfile.ZipFile, names: set[str]) -> None:
    content_types = _member(archive, "[Content_Types].xml").lower()
    if any(marker in content_types for marker in _MACRO_MARKERS) or any(_is_active_part(name) for name in names):
        raise UnsafeDocumentError(
            "Tệp chứa macro hoặc đối tượng nhúng (OLE/ActiveX); không nhận tệp .docm hay tệp có macro. "
            "Hãy lưu lại thành .docx thông thường."
        )
    for name in names:
        if name.lower().endswith((".xml", ".rels")) and any(m in _member(archive, name).lower() for m in _DTD_MARKERS):
            raise UnsafeDocumentError("Tệp .docx chứa khai báo DOCTYPE/ENTITY không được phép; tệp bị từ chối.")


def _is_active_part(name: str) -> bool:
    name = name.lower()
    return name.endswith("vbaproject.bin") or "/activex/" in name or ("/embeddings/" in name and name.endswith(".bin"))


def _member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, KeyError, RuntimeError, EOFError, OSError, ValueError) as error:
        raise UnreadableDocumentError(CORRUPT_DOCX) from error


def _docx_lines(document) -> list[str]:
    """Return the body's paragraphs and tables in reading order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)
    lines: list[str] = []

    def visit(container) -> None:
        for element in container.iterchildren():
            if element.tag == qn("w:p"):
                paragraph = Paragraph(element, document)
                lines.append(numbering.prefix(paragraph) + paragraph.text)
            elif element.tag == qn("w:tbl"):
                lines.extend(_table_lines(Table(element, document), numbering))
            elif element.tag == qn("w:sdt"):
                content = element.find(qn("w:sdtContent"))
                if content is not None:
                    visit(content)

    visit(document.element.body)
    return lines


_TASK_HEADER = re.compile(r"^(?:STT|TT|Số TT)$|nội dung|nhiệm vụ|chủ trì|phối hợp|thời gian|sản phẩm", re.I)
_LAYOUT_CELL = re.compile(r"^(?:Nơi nhận|TM\.|KT\.|TL\.|TUQ\.|T/M|K/T|CỘNG H|ĐẢNG CỘNG SẢN|Số\s*:)", re.I)


def _is_layout_table(rows: list[list]) -> bool:
    """Tell a header/signature layout table from a data table."""
    first = [cell.text.strip() for cell in rows[0]]
    if any(_LAYOUT_CELL.match(text) for row in rows for text in (cell.text.strip() for cell in row)):
        return True
    return len(rows) <= 4 and max(len(r) for r in rows) <= 3 and not any(_TASK_HEADER.search(t) for t in first)


def _table_lines(table, numbering: _Numbering) -> list[str]:
    """Render a table: a layout table (header, signature) cell by cell; a data table as "| a | b |" rows."""
    rows = [_unique_cells(row) for row in table.rows]
    if not rows:
        return []
    is_layout = _is_layout_table(rows)
    lines: list[str] = []
    for cells in rows:
        if is_layout:
            for cell in cells:
                lines.extend(numbering.prefix(p) + p.text for p in cell.paragraphs)
        else:
            texts = [re.sub(r"\s*\n\s*", " ", cell.text).strip().replace("|", "/") for cell in cells]
            lines.append("| " + " | ".join(texts) + " |")
    return lines


def _unique_cells(row) -> list:
    cells, seen = [], set()
    for cell in row.cells:  # a merged cell is returned once per grid column it spans
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


class _Numbering:
    """Compute the automatic list labels Word shows ("1.", "a)", "-") but python-docx does not return."""

    _BULLETS = {"-": "-", "–": "-", "+": "+", "o": "+", "◦": "+"}

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError, ValueError):
            return
        from docx.oxml.ns import qn

        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    self._val(lvl, "w:numFmt", "decimal"),
                    self._val(lvl, "w:lvlText", ""),
                    int(self._val(lvl, "w:start", "1") or 1),
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})

    @staticmethod
    def _val(node, tag: str, default: str) -> str:
        from docx.oxml.ns import qn

        child = node.find(qn(tag))
        return child.get(qn("w:val"), default) if child is not None else default

    def prefix(self, paragraph) -> str:
        num_id, level = self._num_pr(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return self._BULLETS.get(text.strip(), "+" if level else "-") + " "
        if fmt == "none":
            return ""

        def label(match: re.Match) -> str:
            index = int(match.group(1)) - 1
            start = levels.get(index, ("decimal", "", 1))[2]
            return _format_number(max(counters[index], 1) + start - 1, levels.get(index, ("decimal",))[0])

        return re.sub(r"%(\d)", label, text) + " "

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        from docx.oxml.ns import qn

        candidates = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            candidates.append(style.element.pPr)
            style = style.base_style
        for ppr in candidates:
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            if num_id is not None:
                level = int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
                return num_id.get(qn("w:val")), min(max(level, 0), 8)
        return None, 0


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, remainder = divmod(value - 1, 26)
            letters = chr(ord("a") + remainder) + letters
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while value >= number:
            out, value = out + letters, value - number
    return out


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


def _read_pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError as error:  # pragma: no cover - pypdf is a pinned dependency
        raise UnsupportedFormatError("Máy chủ chưa cài thư viện đọc PDF (pypdf); chưa nhập được tệp PDF.") from error
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt_without_password(reader):
            raise UnreadableDocumentError("Tệp PDF được đặt mật khẩu; hãy bỏ mật khẩu rồi nhập lại.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnsafeDocumentError(
                f"Tệp PDF có hơn {MAX_PDF_PAGES} trang, quá dài cho một kế hoạch; tệp bị từ chối."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentImportError:
        raise
    except Exception as error:  # pypdf raises many types on damaged files
        raise UnreadableDocumentError("Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được.") from error
    text = unicodedata.normalize("NFC", "\n".join(pages))
    if len(re.findall(r"[^\W\d_]", text)) < 20:
        raise UnreadableDocumentError(NO_TEXT_LAYER)
    return text


def _decrypt_without_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False
