"""Tests of the file readers: DOCX/PDF/TXT dispatch, and the safety checks done before opening a file.

Django-free, like test_parser_seeds.py.
"""

import codecs
import io
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from plans.importing import (
    UnreadableDocumentError,
    UnsafeDocumentError,
    UnsupportedFormatError,
    parse_plan,
    read_text,
)
from plans.importing.readers import NO_TEXT_LAYER

# ---------------------------------------------------------------------------
# Helpers that build files
# ---------------------------------------------------------------------------


def build_docx(path) -> None:
    """Write a small plan laid out as commune offices do: header and signature tables, lists, a task table."""
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ THƯỢNG HỒNG"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 31/KH-UBND"
    header.cell(1, 1).text = "Thượng Hồng, ngày 12 tháng 9 năm 2025"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện phong trào “Dân vận khéo” năm 2025")
    document.add_paragraph("Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị về Quy chế công tác dân vận;")
    document.add_paragraph("Ủy ban nhân dân xã Thượng Hồng ban hành Kế hoạch như sau:")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Nâng cao nhận thức về công tác dân vận.", style="List Number")
    document.add_paragraph("Phát huy sức mạnh của cả hệ thống chính trị.", style="List Number")
    document.add_paragraph("II. NHIỆM VỤ")
    tasks = document.add_table(rows=2, cols=4)
    for i, text in enumerate(["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]):
        tasks.cell(0, i).text = text
    for i, text in enumerate(["1", "Đăng ký mô hình", "Các phòng, đơn vị sự nghiệp thuộc xã", "Tháng 9/2025"]):
        tasks.cell(1, i).text = text
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Phòng Văn hóa - Xã hội: tham mưu tổng hợp, báo cáo kết quả.", style="List Bullet")
    document.add_paragraph("Trên đây là Kế hoạch thực hiện phong trào “Dân vận khéo” năm 2025./.")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- TT Đảng ủy;\n- Lưu: VT, VHXH."
    signature.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nHà Thị Thủy"
    document.save(path)


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes(tmp_path) -> bytes:
    path = tmp_path / "ke-hoach.docx"
    build_docx(path)
    return path.read_bytes()


def rewrite_docx(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """Copy a DOCX, replacing or adding parts."""
    source = zipfile.ZipFile(io.BytesIO(data))
    entries = {name: source.read(name) for name in source.namelist()}
    entries.update(replace or {})
    entries.update(add or {})
    return zip_bytes(entries)


def minimal_pdf(text: str) -> bytes:
    """Return a one-page PDF whose text layer holds `text` (ASCII, Helvetica)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------


def test_docx_is_read_in_order_with_tables_and_list_labels(tmp_path):
    path = tmp_path / "ke-hoach.docx"
    build_docx(path)

    text = read_text(path)

    lines = text.split("\n")
    assert lines[:4] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ THƯỢNG HỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert "1. Nâng cao nhận thức về công tác dân vận." in lines
    assert "2. Phát huy sức mạnh của cả hệ thống chính trị." in lines
    assert "| STT | Nội dung | Cơ quan chủ trì | Thời gian |" in lines
    assert "| 1 | Đăng ký mô hình | Các phòng, đơn vị sự nghiệp thuộc xã | Tháng 9/2025 |" in lines
    assert "- Phòng Văn hóa - Xã hội: tham mưu tổng hợp, báo cáo kết quả." in lines


def test_docx_text_parses_into_a_plan(tmp_path):
    plan = parse_plan(read_text(docx_bytes(tmp_path), "ke-hoach.docx"))

    assert (plan.agency, plan.number, plan.symbol) == ("ỦY BAN NHÂN DÂN XÃ THƯỢNG HỒNG", 31, "KH-UBND")
    assert [s.heading for s in plan.sections] == ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN"]
    assert [c.label for c in plan.sections[0].children] == ["1", "2"]
    assert plan.sections[1].tasks[0].lead_units == ["Các phòng, đơn vị sự nghiệp thuộc xã"]
    assert plan.all_tasks()[-1].lead_units == ["Phòng Văn hóa - Xã hội"]
    assert plan.recipients == ["TT Đảng ủy", "Lưu: VT, VHXH"]
    assert plan.signature.signer_name == "Hà Thị Thủy"


def test_docx_with_too_many_entries_is_rejected_before_opening(tmp_path):
    data = rewrite_docx(docx_bytes(tmp_path), add={f"word/media/x{i}.xml": b"" for i in range(2_001)})
    with pytest.raises(UnsafeDocumentError) as error:
        read_text(data, "bom.docx")
    assert "zip bomb" in error.value.message


def test_docx_that_inflates_past_100_mb_is_rejected_before_opening(tmp_path):
    buffer = io.BytesIO(rewrite_docx(docx_bytes(tmp_path)))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/big.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(101):
            member.write(b"\0" * (1024 * 1024))
    with pytest.raises(UnsafeDocumentError) as error:
        read_text(buffer.getvalue(), "bom.docx")
    assert "100 MB" in error.value.message


def test_non_zip_renamed_docx_is_rejected():
    with pytest.raises(UnsupportedFormatError) as error:
        read_text("KẾ HOẠCH\nđây là văn bản thuần".encode(), "ke-hoach.docx")
    assert "không khớp" in error.value.message


def test_pdf_renamed_docx_is_rejected():
    with pytest.raises(UnsupportedFormatError):
        read_text(minimal_pdf("KE HOACH"), "ke-hoach.docx")


def test_executable_renamed_docx_is_rejected():
    with pytest.raises(UnsafeDocumentError):
        read_text(b"MZ\x90\x00" + b"\x00" * 100, "ke-hoach.docx")


def test_docm_extension_is_rejected(tmp_path):
    with pytest.raises(UnsafeDocumentError) as error:
        read_text(docx_bytes(tmp_path), "ke-hoach.docm")
    assert "macro" in error.value.message


def test_docx_with_macro_content_type_is_rejected(tmp_path):
    data = docx_bytes(tmp_path)
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    types = types.replace(
        b"</Types>",
        b'<Override PartName="/word/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    data = rewrite_docx(data, replace={"[Content_Types].xml": types}, add={"word/vbaProject.bin": b"\x00"})
    with pytest.raises(UnsafeDocumentError):
        read_text(data, "ke-hoach.docx")


def test_docx_with_a_doctype_is_rejected(tmp_path):
    data = docx_bytes(tmp_path)
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    evil = document.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
    with pytest.raises(UnsafeDocumentError):
        read_text(rewrite_docx(data, replace={"word/document.xml": evil}), "ke-hoach.docx")


def test_truncated_docx_is_unreadable(tmp_path):
    data = docx_bytes(tmp_path)
    with pytest.raises(UnreadableDocumentError):
        read_text(data[: len(data) // 2], "ke-hoach.docx")


def test_encrypted_word_file_is_unreadable():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512  # encrypted DOCX files are OLE containers
    with pytest.raises(UnreadableDocumentError) as error:
        read_text(ole, "ke-hoach.docx")
    assert "mật khẩu" in error.value.message


def test_zip_that_is_not_a_word_document_is_rejected():
    with pytest.raises(UnsupportedFormatError):
        read_text(zip_bytes({"hello.txt": b"xin chao"}), "ke-hoach.docx")


# ---------------------------------------------------------------------------
# Text files
# ---------------------------------------------------------------------------


def test_txt_with_utf8_bom(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(codecs.BOM_UTF8 + "KẾ HOẠCH\nTuyên truyền".encode())
    assert read_text(path) == "KẾ HOẠCH\nTuyên truyền"


def test_txt_in_utf16_is_detected():
    assert read_text("KẾ HOẠCH dân vận".encode("utf-16"), "a.txt") == "KẾ HOẠCH dân vận"
    assert read_text("KẾ HOẠCH dân vận".encode("utf-16-le"), "a.txt") == "KẾ HOẠCH dân vận"


def test_txt_in_windows_1258_is_decoded_and_composed():
    decomposed = "Kê\u0301 hoa\u0323ch tuyên truyê\u0300n"  # cp1258 stores tone marks as combining characters
    assert read_text(decomposed.encode("cp1258"), "a.txt") == "Kế hoạch tuyên truyền"


def test_markdown_file_is_read_as_text():
    assert read_text("**KẾ HOẠCH**".encode(), "a.md") == "**KẾ HOẠCH**"


@pytest.mark.parametrize("data", [b"", b"   \n\n"])
def test_empty_file_is_unreadable(data):
    with pytest.raises(UnreadableDocumentError) as error:
        read_text(data, "a.txt")
    assert error.value.message == "Tệp rỗng, không có nội dung để nhập."


def test_unknown_extension_is_unsupported():
    with pytest.raises(UnsupportedFormatError):
        read_text(b"{\\rtf1 hello}", "a.rtf")


def test_file_object_is_accepted():
    assert read_text(io.BytesIO("KẾ HOẠCH".encode()), "a.txt") == "KẾ HOẠCH"


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


def test_pdf_text_layer_is_read():
    text = read_text(minimal_pdf("KE HOACH Tuyen truyen cong tac dan van nam 2025"), "ke-hoach.pdf")
    assert "KE HOACH Tuyen truyen cong tac dan van nam 2025" in text


def test_pdf_without_text_layer_asks_for_ocr():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableDocumentError) as error:
        read_text(buffer.getvalue(), "scan.pdf")
    assert error.value.message == NO_TEXT_LAYER


def test_corrupt_pdf_is_unreadable():
    with pytest.raises(UnreadableDocumentError):
        read_text(b"%PDF-1.4\n" + b"garbage" * 50, "ke-hoach.pdf")
