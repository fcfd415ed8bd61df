"""Every text field at its maximum length renders as a page, a PDF, a DOCX and a workbook without error (#16).

Each model's CharFields and TextFields with a `max_length` are filled to the limit with
words (so lines can wrap, as real text does), straight in the database as a form would
have stored them; then every view that shows or prints the object answers 200.
"""

import io

import pytest
from django.db import models
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from models_registry.models import Registration
from plans.models import Plan, PlanBasis, Section, Task
from reports import services as report_services
from reports.models import PeriodicReport
from tests.conftest import client_for
from tests.factories import (
    CampaignFactory,
    IssuedPlanFactory,
    RegistrationFactory,
    SectionFactory,
    TaskFactory,
)

WORDS = "Dân vận khéo trong xây dựng nông thôn mới, chuyển đổi số và bảo đảm an sinh xã hội "


def filled(length: int) -> str:
    """Return words repeated to exactly `length` characters, ending on a letter."""
    text = (WORDS * (length // len(WORDS) + 1))[:length]
    return text[:-1] + "x"


def fill_to_max(instance: models.Model, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Fill every free-text field of `instance` to its maximum length in the database; return their names."""
    names = []
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or not field.max_length:
            continue
        if field.choices or not field.editable or field.name in skip or isinstance(field, models.EmailField):
            continue
        names.append(field.name)
    type(instance)._default_manager.filter(pk=instance.pk).update(
        **{name: filled(instance._meta.get_field(name).max_length) for name in names}
    )
    return names


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def long_plan(world):
    plan = IssuedPlanFactory(issuing_unit=world.commune, created_by=world.users["official"])
    assert fill_to_max(plan, skip=("symbol", "search_text", "place_name"))
    basis = PlanBasis.objects.create(plan=plan, text="Căn cứ")
    fill_to_max(basis, skip=("opening",))
    section = SectionFactory(plan=plan)
    fill_to_max(section)
    task = TaskFactory(plan=plan, section=section, lead_units=[world.other_department])
    fill_to_max(task)
    return Plan.objects.get(pk=plan.pk)


def test_a_plan_with_every_field_at_its_limit_shows_prints_and_exports(world, long_plan):
    client = client_for(world.users["leader"])
    assert client.get(reverse("plans:plan_detail", args=[long_plan.pk])).status_code == 200
    pdf = client.get(reverse("plans:plan_pdf", args=[long_plan.pk]))
    assert pdf.status_code == 200 and body(pdf).startswith(b"%PDF")
    docx = client.get(reverse("plans:plan_docx", args=[long_plan.pk]))
    assert docx.status_code == 200
    document = Document(io.BytesIO(body(docx)))
    assert 0 < len(document.core_properties.title) <= 255
    sheet = client.get(reverse("tasks:task_export"))
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(body(sheet))).active.iter_rows(values_only=True))
    assert any(Task.objects.get(plan=long_plan).content in row for row in rows)
    task = Task.objects.get(plan=long_plan)
    assert client.get(reverse("tasks:task_detail", args=[task.pk])).status_code == 200
    assert Section.objects.filter(plan=long_plan).count() == 1


def test_a_registration_with_every_field_at_its_limit_shows_and_prints(world):
    campaign = CampaignFactory(issuing_unit=world.commune, year=2025, eligible_units=[world.other_department])
    fill_to_max(campaign, skip=("search_text",))
    registration = RegistrationFactory(
        campaign=campaign, unit=world.other_department, created_by=world.users["unit_head"]
    )
    assert fill_to_max(registration, skip=("search_text",))
    client = client_for(world.users["official"])
    registration = Registration.objects.get(pk=registration.pk)
    assert client.get(reverse("models_registry:registration_detail", args=[registration.pk])).status_code == 200
    pdf = client.get(reverse("models_registry:registration_pdf", args=[registration.pk]))
    assert pdf.status_code == 200 and body(pdf).startswith(b"%PDF")


def test_a_report_with_every_field_at_its_limit_shows_prints_and_exports(world):
    report = report_services.report_create(
        unit=world.commune, period_kind="year", year=2025, by=world.users["official"]
    )
    assert fill_to_max(report)
    report = PeriodicReport.objects.get(pk=report.pk)
    client = client_for(world.users["leader"])
    assert client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 200
    pdf = client.get(reverse("reports:report_pdf", args=[report.pk]))
    assert pdf.status_code == 200 and body(pdf).startswith(b"%PDF")
    workbook = client.get(reverse("reports:report_xlsx", args=[report.pk]))
    assert workbook.status_code == 200 and load_workbook(io.BytesIO(body(workbook))).worksheets
