"""Official-document output: PDF render time by length, serving the stored issued PDF, DOCX, LibreOffice check.

Run with `make bench` or `.venv/bin/python bench/bench_documents.py`.
Builds synthetic plans with realistic Vietnamese text in a throw-away database:
one of about 5 pages, and one 16 times as long. Times are medians of warm runs
(after one render), through the same bounded child process the views use.

The module is import-safe (everything runs under `main()`), as multiprocessing asks of a
main module (the PDF renderer's children no longer import it again: danvan/document_child.py).
"""

import io
import logging
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

PARAGRAPHS = [
    "Vận động Nhân dân tích cực xây dựng xã nông thôn mới nâng cao, nông thôn mới kiểu mẫu, phát triển kinh tế "
    "nông thôn; dồn điền, đổi thửa, khắc phục tình trạng đất bị bỏ hoang; chuyển dịch cơ cấu cây trồng theo hướng "
    "sản xuất hàng hóa, liên kết tiêu thụ sản phẩm nông nghiệp.",
    "Vận động Nhân dân tham gia bảo vệ môi trường, trồng, chăm sóc, bảo vệ cây xanh; xây dựng tuyến đường sáng - "
    "xanh - sạch - đẹp; phân loại, thu gom, vận chuyển, xử lý chất thải, rác thải sinh hoạt tại nguồn.",
    "Nâng cao chất lượng tiếp công dân, đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền với Nhân dân; "
    "giải quyết kịp thời, dứt điểm các kiến nghị, phản ánh chính đáng của người dân ngay từ cơ sở.",
    "Đẩy mạnh cải cách hành chính, chuyển đổi số trong giải quyết thủ tục hành chính; cán bộ, công chức bộ phận một "
    "cửa thực hiện tốt phương châm “trọng dân, gần dân, hiểu dân, giúp dân, học dân và có trách nhiệm với dân”.",
    "Tuyên truyền, vận động đồng bào có đạo sống “tốt đời, đẹp đạo”, đoàn kết, gắn bó với cộng đồng; phát huy vai "
    "trò của người có uy tín trong cộng đồng dân cư tham gia giữ gìn an ninh, trật tự ở địa bàn.",
]
FIELDS = ["kinh tế", "văn hóa - xã hội", "quốc phòng - an ninh", "xây dựng Đảng và hệ thống chính trị"]


def build_plan(*, official, commune, department, blocks: int, title: str):
    """Create a draft plan with `blocks` content sub-sections (about 2.5 per page) and an appendix."""
    from plans.choices import Numbering, TaskLayout
    from plans.models import Plan, PlanBasis, Section, Task

    plan = Plan.objects.create(
        issuing_unit=commune,
        created_by=official,
        title=title,
        symbol="KH-UBND",
        place_name="Thượng Hồng",
        intro="Ủy ban nhân dân xã Thượng Hồng ban hành Kế hoạch thực hiện công tác dân vận chính quyền năm 2025 như sau:",
        closing="Trên đây là Kế hoạch thực hiện công tác dân vận chính quyền năm 2025 của Ủy ban nhân dân xã.",
        recipients="UBND thành phố (để b/c);\nTT Đảng ủy, HĐND xã (để b/c);\nCác phòng, đơn vị thuộc xã;\nLưu: VT, VHXH.",
        signature_authority="TM. ỦY BAN NHÂN DÂN",
        signer_title="CHỦ TỊCH",
        signer_name="Hà Thị Thủy",
        has_appendix=True,
    )
    for position, text in enumerate(
        [
            "Căn cứ Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết số 25-NQ/TW",
            "Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác dân vận",
        ]
    ):
        PlanBasis.objects.create(plan=plan, position=position, text=text)
    position = iter(range(10**6))

    def section(parent=None, **fields):
        return Section.objects.create(plan=plan, parent=parent, position=next(position), **fields)

    aims = section(numbering=Numbering.ROMAN, heading="MỤC ĐÍCH, YÊU CẦU")
    for heading in ["Mục đích", "Yêu cầu"]:
        part = section(aims, numbering=Numbering.ARABIC, heading=heading)
        for text in PARAGRAPHS[:2]:
            section(part, numbering=Numbering.DASH, text=text)
    content = section(numbering=Numbering.ROMAN, heading="NỘI DUNG, NHIỆM VỤ")
    for index in range(blocks):
        part = section(
            content,
            numbering=Numbering.ARABIC,
            heading=f"Trong lĩnh vực {FIELDS[index % len(FIELDS)]}",
            task_layout=TaskLayout.BLOCKS,
        )
        for text in PARAGRAPHS[index % 3 : index % 3 + 2]:
            section(part, numbering=Numbering.DASH, text=text)
        Task.objects.create(
            plan=plan,
            section=part,
            position=next(position),
            content=PARAGRAPHS[(index + 2) % len(PARAGRAPHS)],
            lead_text="Phòng Văn hóa - Xã hội",
            coordinating_text="Các phòng, đơn vị thuộc xã",
            timeframe_text="Thường xuyên",
            expected_output="Báo cáo kết quả",
        )
    section(numbering=Numbering.ROMAN, heading="TỔ CHỨC THỰC HIỆN", text=PARAGRAPHS[3])
    for index in range(max(3, blocks // 2)):
        Task.objects.create(
            plan=plan,
            position=next(position),
            content=f"Nhiệm vụ {index + 1}: {PARAGRAPHS[index % len(PARAGRAPHS)][:120]}",
            lead_text="Các phòng, đơn vị",
            timeframe_text="Quý IV/2025",
            expected_output="Báo cáo",
        )
    return plan


class PeakMemory(logging.Handler):
    """Collect the peak resident memory that danvan.documents logs for each render child."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.mb = 0

    def emit(self, record):
        self.mb = max(self.mb, getattr(record, "peak_rss_mb", 0))

    def __enter__(self):
        logger = logging.getLogger("danvan.documents")
        self.previous = logger.level, logger.propagate
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logger.addHandler(self)
        return self

    def __exit__(self, *exc):
        logger = logging.getLogger("danvan.documents")
        logger.removeHandler(self)
        logger.setLevel(self.previous[0])
        logger.propagate = self.previous[1]


def median_seconds(function, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def libreoffice_pages(docx_bytes: bytes) -> int:
    """Return the page count LibreOffice gives the DOCX when it converts it to PDF."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "plan.docx"
        source.write_bytes(docx_bytes)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return page_count((Path(folder) / "plan.pdf").read_bytes())


def main():
    from django.test import Client
    from harness import bench_database, measure_page, one_commune, report

    from danvan.documents import Limits, html_to_pdf, html_to_pdf_limited
    from plans.exports import plan_docx, render_plan_pdf, store_issued_pdf
    from plans.models import Plan

    with bench_database():
        commune, department, official = one_commune()
        short = build_plan(
            official=official,
            commune=commune,
            department=department,
            blocks=6,
            title="Thực hiện công tác dân vận chính quyền năm 2025",
        )
        long = build_plan(
            official=official,
            commune=commune,
            department=department,
            blocks=168,
            title="Thực hiện công tác dân vận chính quyền giai đoạn 2025 - 2030",
        )

        # The fixed cost of the bounded child process, against laying out in this process.
        tiny = '<html><head><link rel="stylesheet" href="css/print.css"></head><body><p>Kế hoạch</p></body></html>'
        limits = Limits(timeout_seconds=60, memory_mb=2048, max_html_bytes=10**7)
        html_to_pdf_limited(tiny, limits=limits)
        html_to_pdf(tiny)
        child = median_seconds(lambda: html_to_pdf_limited(tiny, limits=limits), 9)
        in_process = median_seconds(lambda: html_to_pdf(tiny), 9)
        report("child_process_overhead_ms", (child - in_process) * 1000)

        figures, peaks = {}, {}
        for name, plan, runs in [("plan_5p", short, 7), ("plan_16x", long, 3)]:
            with PeakMemory() as peak:
                pdf = render_plan_pdf(plan)  # warm-up: templates, forkserver
            peaks[name] = peak.mb
            figures[name] = (page_count(pdf), median_seconds(lambda plan=plan: render_plan_pdf(plan), runs))
            report(f"{name}_pages", figures[name][0])
            report(f"{name}_pdf_median_ms", figures[name][1] * 1000)
            report(f"{name}_docx_median_ms", median_seconds(lambda plan=plan: plan_docx(plan), runs) * 1000)
        (short_pages, short_time), (long_pages, long_time) = figures["plan_5p"], figures["plan_16x"]
        report("pdf_ms_per_extra_page", (long_time - short_time) * 1000 / (long_pages - short_pages))
        report("plan_5p_child_peak_rss_mb", peaks["plan_5p"])
        report("plan_16x_child_peak_rss_mb", peaks["plan_16x"])

        Plan.objects.filter(pk=short.pk).update(status="issued", number=31, year=2025, issued_on="2025-09-12")
        store_issued_pdf(plan_id=short.pk)
        client = Client()
        client.force_login(official, backend="django.contrib.auth.backends.ModelBackend")
        served = measure_page(client, f"/plans/{short.pk}/pdf/", runs=30)
        report("issued_pdf_serve_median_ms", served["median_ms"])
        report("issued_pdf_serve_p95_ms", served["p95_ms"])
        report("issued_pdf_serve_queries", served["queries"])
        Plan.objects.get(pk=short.pk).issued_pdf.delete(save=False)

        if shutil.which("soffice"):
            for name, plan in [("plan_5p", short), ("plan_16x", long)]:
                pages = libreoffice_pages(plan_docx(plan))
                report(f"libreoffice_{name}_pages", pages)
                report(f"libreoffice_ratio{'' if name == 'plan_5p' else '_16x'}", pages / figures[name][0])
        else:
            report("libreoffice_ratio", "skipped (soffice not installed)")


if __name__ == "__main__":
    main()
