"""The registration, campaign and report lists print rows their views built, and count a city's rows once (issue 19)."""

import pytest
from django.db import connection
from django.template.defaultfilters import date
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localtime

from models_registry.choices import RegistrationStatus as S
from reports import services as report_services
from tests.conftest import client_for
from tests.factories import CampaignFactory, RegistrationFactory
from tests.tasks.test_task_list_template_queries import queries_while_rendering

LISTS = ["models_registry:registration_list", "models_registry:campaign_list", "reports:report_list"]


@pytest.fixture
def listed(world, official):
    """Given a campaign of the commune with a submitted and a recognized model, and an issued yearly report."""
    campaign = CampaignFactory(issuing_unit=world.commune, eligible_units=[world.department, world.other_department])
    RegistrationFactory(campaign=campaign, unit=world.department, status=S.SUBMITTED)
    RegistrationFactory(
        campaign=campaign, unit=world.other_department, status=S.RECOGNIZED, recognition_level="commune"
    )
    report_services.report_create(unit=world.commune, period_kind="year", year=2025, by=official)
    return campaign


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("role", ["official", "supervisor"])
def test_the_template_runs_no_query(world, listed, url, role):
    """Given listed rows, when the page renders, then every query ran in the view, none in the template."""
    assert queries_while_rendering(client_for(world.users[role]), reverse(url)) == []


def registration_counts(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum("COUNT(*)" in q["sql"] and "models_registry_registration" in q["sql"] for q in queries)


def test_a_repeat_visit_reuses_the_count_until_a_registration_is_written(world, listed, supervisor):
    """Given the supervisor's registration list, a second visit counts no rows; a written registration counts again."""
    url, supervisor = reverse("models_registry:registration_list"), client_for(supervisor)
    assert registration_counts(supervisor, url) == 1
    assert registration_counts(supervisor, url) == 0
    RegistrationFactory(campaign=listed, unit=world.users["unit_head"].unit, status=S.ACCEPTED, exclusive=False)
    assert registration_counts(supervisor, url) == 1
    assert "3 mục" in supervisor.get(url).content.decode()


def test_a_row_prints_what_the_registration_itself_prints(world, listed, official):
    """Given a scored, continued model, its row shows the model's own address, labels, unit, score and date."""
    registration = RegistrationFactory(
        campaign=CampaignFactory(issuing_unit=world.commune, year=2026),
        unit=world.department,
        status=S.EVALUATED,
        total_score="92.50",
        origin="continued",
        continued_from=listed.registrations.first(),
        kind="exemplar",
    )
    registration.refresh_from_db()
    page = client_for(official).get(reverse("models_registry:registration_list")).content.decode()
    row = page[page.index(registration.get_absolute_url()) :]
    row = row[: row.index("</tr>")]
    for text in (
        f"{registration.get_kind_display()} · {registration.get_subject_display()} · tiếp tục từ năm trước",
        f'data-label="Đơn vị">{registration.unit}<',
        'data-label="Năm">2026<',
        f">{registration.get_status_display()}</span>",
        'data-label="Điểm">92,50<',
        f'data-label="Ngày tạo">{date(localtime(registration.created_at), "d/m/Y")}<',
    ):
        assert text in row, text


def test_filter_options_are_read_once_until_a_field_or_unit_changes(world, listed, official):
    """Given the registration list visited once, a repeat visit reads no field or unit; a renamed one shows at once."""
    from models_registry.services import default_fields

    url, client = reverse("models_registry:registration_list"), client_for(official)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    read = [q["sql"] for q in queries if 'FROM "models_registry_field"' in q["sql"] or 'FROM "units_unit"' in q["sql"]]
    assert not any("models_registry_field" in sql for sql in read)
    field = default_fields()[0]
    field.name = "Lĩnh vực vừa đổi tên"
    field.save()
    world.department.name = "Phòng vừa đổi tên"
    world.department.save()
    page = client.get(url).content.decode()
    assert f'<option value="{field.pk}">Lĩnh vực vừa đổi tên</option>' in page
    assert f'<option value="{world.department.pk}">Phòng vừa đổi tên</option>' in page


def test_the_registration_and_campaign_lists_keep_their_own_counts(world, listed, supervisor):
    """Given both registry lists counted under one generation, each page still prints its own number of rows."""
    client = client_for(supervisor)
    assert ">2 mục</p>" in client.get(reverse("models_registry:registration_list")).content.decode()
    assert ">1 mục</p>" in client.get(reverse("models_registry:campaign_list")).content.decode()
    assert ">2 mục</p>" in client.get(reverse("models_registry:registration_list")).content.decode()
