"""Write the corpus documents that are not text: a Word file with a task table and a PDF with a text layer.

Run from the project root after editing the texts below: `.venv/bin/python tests/importing/corpus/make_binaries.py`;
then review and update their snapshots with `manage.py import_snapshot --update PATH`.
"""

import datetime
from pathlib import Path

HERE = Path(__file__).parent

DOCX_HEADER = [
    ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("XÃ HƯNG ĐẠO", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 44/KH-UBND", "Hưng Đạo, ngày 07 tháng 5 năm 2025"),
]
DOCX_BODY = [
    "KẾ HOẠCH",
    "Triển khai Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ năm 2025",
    "Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;",
    "Ủy ban nhân dân xã Hưng Đạo ban hành Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Đổi mới công tác dân vận của cơ quan hành chính nhà nước ở cơ sở.",
    "II. NHIỆM VỤ CỤ THỂ",
]
DOCX_TABLE = [
    ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm"),
    (
        "1",
        "Quán triệt Chỉ thị đến cán bộ, công chức",
        "Văn phòng HĐND và UBND",
        "Phòng Văn hóa - Xã hội",
        "Quý II/2025",
        "Hội nghị",
    ),
    (
        "2",
        "Khảo sát sự hài lòng của người dân",
        "Trung tâm Phục vụ hành chính công",
        "Các thôn",
        "Tháng 9/2025",
        "Báo cáo khảo sát",
    ),
]
DOCX_TAIL = [
    "III. TỔ CHỨC THỰC HIỆN",
    "Văn phòng HĐND và UBND xã theo dõi, tổng hợp kết quả thực hiện.",
    "Trên đây là Kế hoạch triển khai Chỉ thị số 33/CT-TTg năm 2025 của Ủy ban nhân dân xã Hưng Đạo./.",
]
DOCX_SIGN = [
    ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"),
    ("- Đảng ủy xã;", "CHỦ TỊCH"),
    ("- Lưu: VT.", "Khúc Thị Duyên"),
]

PDF_HTML = """<html><head><meta charset="utf-8"><style>body{font-family:serif;font-size:12pt} p{margin:0}</style></head><body>
<p>ỦY BAN NHÂN DÂN</p><p>XÃ LIÊN MINH</p><p>Số: 61/KH-UBND</p><p>Liên Minh, ngày 12 tháng 6 năm 2024</p>
<p>KẾ HOẠCH</p><p>Tuyên truyền cải cách hành chính năm 2024</p>
<p>Thực hiện Kế hoạch số 140/KH-UBND ngày 02/02/2024 của Ủy ban nhân dân huyện, Ủy ban nhân dân xã Liên Minh ban hành Kế hoạch như sau:</p>
<p>I. MỤC ĐÍCH, YÊU CẦU</p><p>Nâng cao nhận thức của Nhân dân về cải cách hành chính.</p>
<p>II. NỘI DUNG</p><p>1. Tuyên truyền về dịch vụ công trực tuyến.</p><p>2. Hướng dẫn Nhân dân thanh toán trực tuyến.</p>
<p>III. TỔ CHỨC THỰC HIỆN</p><p>1. Phòng Văn hóa - Xã hội chủ trì tuyên truyền trên hệ thống truyền thanh.</p>
<p>2. Đoàn Thanh niên xã hướng dẫn Nhân dân cài đặt ứng dụng.</p>
<p>Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2024 của Ủy ban nhân dân xã Liên Minh./.</p>
<p>Nơi nhận:</p><p>- Đảng ủy xã;</p><p>- Lưu: VT.</p><p>TM. ỦY BAN NHÂN DÂN</p><p>CHỦ TỊCH</p><p>Ninh Văn Quyết</p>
</body></html>"""


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    header = document.add_table(rows=0, cols=2)
    for left, right in DOCX_HEADER:
        cells = header.add_row().cells
        cells[0].text, cells[1].text = left, right
    for line in DOCX_BODY:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(DOCX_TABLE[0]))
    for row in DOCX_TABLE:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for line in DOCX_TAIL:
        document.add_paragraph(line)
    signature = document.add_table(rows=0, cols=2)
    for left, right in DOCX_SIGN:
        cells = signature.add_row().cells
        cells[0].text, cells[1].text = left, right
    document.core_properties.created = datetime.datetime(2025, 5, 7)
    document.save(path)


def write_pdf(path: Path) -> None:
    from weasyprint import HTML

    path.write_bytes(HTML(string=PDF_HTML).write_pdf())


if __name__ == "__main__":
    write_docx(HERE / "4-labels" / "hung-dao-2025-word-task-table.docx")
    write_pdf(HERE / "2-header" / "lien-minh-2024-pdf-text-layer.pdf")
