"""DOCX: inspect the zip directory before anything is extracted, then read paragraphs and tables in order."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from ..errors import DocumentImportError, UnreadableDocumentError, UnsafeDocumentError, UnsupportedFormatError
from .limits import CORRUPT_DOCX, ENCRYPTED_WORD, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES
from .numbering import _Numbering

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
