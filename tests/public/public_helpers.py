"""The given of the public-page tests: a commune's documents in every state, with stored issued copies."""

import datetime
import hashlib

from django.core.files.base import ContentFile

from tests.factories import CampaignFactory, IssuedPlanFactory, RegistrationFactory, TaskFactory

PDF = b"%PDF-1.4\n% ban ban hanh luu tru\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def store_copy(document, pdf: bytes = PDF):
    """Keep `pdf` as the document's stored issued copy with its SHA-256, as the issuance does; return it reloaded."""
    model = type(document)
    storage = model._meta.get_field("issued_pdf").storage
    name = storage.save(f"public-tests/{model.__name__.lower()}-{document.pk}.pdf", ContentFile(pdf))
    model.objects.filter(pk=document.pk).update(issued_pdf=name, issued_pdf_sha256=hashlib.sha256(pdf).hexdigest())
    return model.objects.get(pk=document.pk)


def issued_plan(world, **fields):
    """An issued plan of our commune with a stored copy and two tasks, one half done."""
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"], **fields)
    TaskFactory(plan=plan, content="Tuyên truyền pháp luật đến từng thôn", lead_units=[world.department])
    task = TaskFactory(plan=plan, content="Hỗ trợ người dân làm thủ tục trực tuyến", lead_units=[world.department])
    type(task).objects.filter(pk=task.pk).update(status="in_progress", progress=50)
    return store_copy(plan)


def issued_report(world, *, published: bool = True, status: str = "issued"):
    """A half-year report of our commune, issued (or in `status`) with a stored copy."""
    from reports.models import PeriodicReport

    issued = status == "issued"
    report = PeriodicReport.objects.create(
        unit=world.commune,
        period_kind="first_half" if issued else "year",
        year=2025,
        title="Báo cáo kết quả công tác dân vận 6 tháng đầu năm 2025",
        status=status,
        number=7 if issued else None,
        number_year=2025 if issued else None,
        issued_on=datetime.date(2025, 7, 15) if issued else None,
        signer_name="Hà Thị Thủy",
        published=published,
        created_by=world.users["official"],
    )
    return store_copy(report) if issued else report


def recognized_model(world, *, status: str = "recognized", name: str = "Một cửa thân thiện, gần dân"):
    """A "Dân vận khéo" model of our commune's department in `status` (recognised by default)."""
    campaign = CampaignFactory(issuing_unit=world.commune, created_by=world.users["official"])
    return RegistrationFactory(
        campaign=campaign,
        unit=world.department,
        name=name,
        status=status,
        recognition_level="commune",
        self_assessment="Giảm 40% số lần người dân phải đi lại.",
        created_by=world.users["unit_head"],
        indicators=[{"name": "Tỷ lệ hồ sơ đúng hạn", "measure": "%", "baseline": 90, "target": 98, "achieved": 99}],
    )
