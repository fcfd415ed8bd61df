"""The "Dân vận khéo" pages: the registration journey, refusals that write nothing, coverage, lists and their cost."""

import json
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from models_registry import services
from models_registry.choices import RegistrationStatus
from models_registry.models import Registration, RegistrationTransition
from tests.conftest import client_for
from tests.factories import CampaignFactory, DepartmentFactory, RegistrationFactory
from tests.models_registry.conftest import REGISTRATION_FIELDS

S = RegistrationStatus


def form_data(field, indicators, **overrides):
    """Return the POST data of the registration form with its indicator formset."""
    data = {
        **{k: v for k, v in REGISTRATION_FIELDS.items() if k not in ("start_date", "end_date")},
        "start_date": "01/10/2025",
        "end_date": "31/12/2025",
        "field": field.pk,
        "indicators-TOTAL_FORMS": len(indicators),
        "indicators-INITIAL_FORMS": 0,
        "indicators-MIN_NUM_FORMS": 0,
        "indicators-MAX_NUM_FORMS": 30,
        **overrides,
    }
    for index, row in enumerate(indicators):
        for key, value in row.items():
            data[f"indicators-{index}-{key}"] = value
    return data


TWO_INDICATORS = [
    {"name": "Tỷ lệ hồ sơ đúng hạn", "measure": "%", "baseline": "92", "target": "98"},
    {"name": "Lượt người dân được hướng dẫn", "measure": "lượt", "baseline": "", "target": "1.500"},
]


def coverage_figure(client, campaign) -> str:
    content = client.get(campaign.get_absolute_url()).content.decode()
    return re.search(r'id="coverage-figure">([^<]+)<', content).group(1)


def test_register_return_fix_resubmit_accept_raises_coverage(world, campaign, field, unit_head, official):
    """The journey of the issue: register with two indicators, submit, return, fix, resubmit, accept; coverage rises."""
    head, clerk = client_for(unit_head), client_for(official)
    assert coverage_figure(clerk, campaign) == "0/2"
    response = head.post(
        reverse("models_registry:registration_create", args=[campaign.pk]), form_data(field, TWO_INDICATORS)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    registration = Registration.objects.get()
    assert registration.indicators.count() == 2
    head.post(reverse("models_registry:registration_submit", args=[registration.pk]))
    clerk.post(
        reverse("models_registry:registration_return", args=[registration.pk]),
        {"comment": "Chỉ tiêu thứ hai cần mốc thời gian."},
    )
    registration.refresh_from_db()
    assert registration.status == S.RETURNED
    page = head.get(registration.get_absolute_url()).content.decode()
    assert "Chỉ tiêu thứ hai cần mốc thời gian." in page
    edit = head.get(reverse("models_registry:registration_edit", args=[registration.pk]))
    assert edit.status_code == 200
    response = head.post(
        reverse("models_registry:registration_edit", args=[registration.pk]),
        form_data(
            field,
            [TWO_INDICATORS[0], {**TWO_INDICATORS[1], "name": "Lượt người dân được hướng dẫn đến 31/12"}],
            version=registration.version,
        ),
    )
    assert response.status_code == 302
    head.post(reverse("models_registry:registration_submit", args=[registration.pk]))
    assert coverage_figure(clerk, campaign) == "0/2"
    clerk.post(reverse("models_registry:registration_accept", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == S.ACCEPTED
    assert coverage_figure(clerk, campaign) == "1/2"
    assert list(registration.transitions.values_list("to_status", flat=True)) == [
        "submitted",
        "returned",
        "draft",
        "submitted",
        "accepted",
    ]


def test_unit_head_editing_another_units_registration_gets_404_and_nothing_is_written(world, campaign, field):
    other = RegistrationFactory(campaign=campaign, unit=world.department, name="Mô hình của phòng khác")
    client = client_for(world.users["unit_head"])
    url = reverse("models_registry:registration_edit", args=[other.pk])
    response = client.post(url, form_data(field, TWO_INDICATORS, name="Sửa lén", version=other.version))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "Mô hình của phòng khác"
    assert other.indicators.count() == 1


def test_unit_head_editing_a_submitted_registration_gets_403_and_nothing_is_written(draft, field, unit_head):
    services.registration_submit(registration=draft, by=unit_head)
    draft.refresh_from_db()
    url = reverse("models_registry:registration_edit", args=[draft.pk])
    response = client_for(unit_head).post(url, form_data(field, TWO_INDICATORS, name="Sửa muộn", version=draft.version))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.name == REGISTRATION_FIELDS["name"]
    assert draft.status == S.SUBMITTED


def test_non_numeric_target_is_a_form_error_and_nothing_is_created(campaign, field, unit_head):
    rows = [{"name": "Tỷ lệ hài lòng", "measure": "%", "baseline": "80", "target": "khoảng 90"}]
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]), form_data(field, rows)
    )
    assert response.status_code == 400
    assert "phải là một số" in response.content.decode()
    assert not Registration.objects.exists()


def test_second_registration_gets_a_clear_message(draft, campaign, field, unit_head):
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]), form_data(field, TWO_INDICATORS)
    )
    assert response.status_code == 400
    assert "mỗi đơn vị chỉ đăng ký một mô hình" in response.content.decode()
    assert Registration.objects.count() == 1


def test_stale_edit_answers_409_with_both_versions(draft, field, unit_head):
    client = client_for(unit_head)
    url = reverse("models_registry:registration_edit", args=[draft.pk])
    old_version = draft.version
    client.post(url, form_data(field, TWO_INDICATORS, name="Bản của tab thứ nhất", version=old_version))
    response = client.post(url, form_data(field, TWO_INDICATORS, name="Bản của tab thứ hai", version=old_version))
    assert response.status_code == 409
    content = response.content.decode()
    assert "Bản của tab thứ nhất" in content and "Bản của tab thứ hai" in content
    draft.refresh_from_db()
    assert draft.name == "Bản của tab thứ nhất"


def test_continuing_last_years_model_prefills_the_form(world, campaign, unit_head):
    old = CampaignFactory(issuing_unit=world.commune, year=2024, eligible_units=[world.other_department])
    previous = RegistrationFactory(
        campaign=old,
        unit=world.other_department,
        status=S.RECOGNIZED,
        recognition_level="commune",
        name="Tổ công nghệ số cộng đồng",
        indicators=[{"name": "Hộ dùng dịch vụ công trực tuyến", "measure": "hộ", "target": 300, "achieved": 320}],
    )
    client = client_for(unit_head)
    page = client.get(reverse("models_registry:registration_create", args=[campaign.pk])).content.decode()
    assert f"?continue={previous.pk}" in page
    page = client.get(
        reverse("models_registry:registration_create", args=[campaign.pk]), {"continue": previous.pk}
    ).content.decode()
    assert 'value="Tổ công nghệ số cộng đồng"' in page
    assert 'value="320"' in page  # last year's result becomes the new baseline
    assert 'value="continued" selected' in page


def test_remind_button_emails_and_lists_the_date(world, campaign, official, django_capture_on_commit_callbacks):
    world.department.people.update(email="vhxh@thuonghong.gov.vn")
    client = client_for(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("models_registry:campaign_remind", args=[campaign.pk]), follow=True)
    assert "Đã nhắc 2 đơn vị" in response.content.decode()
    assert len(mail.outbox) == 1
    response = client.post(reverse("models_registry:campaign_remind", args=[campaign.pk]), follow=True)
    assert "Hôm nay đã nhắc" in response.content.decode()
    assert len(mail.outbox) == 1


def test_unit_head_sees_an_in_app_reminder_until_registering(campaign, unit_head, field):
    client = client_for(unit_head)
    assert "Đơn vị của bạn chưa gửi đăng ký" in client.get(reverse("models_registry:campaign_list")).content.decode()
    registration = services.registration_create(
        campaign=campaign, by=unit_head, indicators=TWO_INDICATORS, field=field, **REGISTRATION_FIELDS
    )
    services.registration_submit(registration=registration, by=unit_head)
    assert (
        "Đơn vị của bạn chưa gửi đăng ký" not in client.get(reverse("models_registry:campaign_list")).content.decode()
    )


def test_coverage_page_feeds_the_chart_without_inline_script(world, campaign, official):
    RegistrationFactory(campaign=campaign, unit=world.other_department, status=S.ACCEPTED)
    content = client_for(official).get(campaign.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script id="coverage-data" type="application/json">(.*?)</script>', content).group(1))
    assert data["status"]["values"][data["status"]["labels"].index("Đã chấp nhận")] == 1
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", content)
    assert scripts == []
    assert "vendor/chartjs/chart.umd.min.js" in content and "js/coverage_chart.js" in content
    assert 'style="' not in content


def make_registrations(campaign, count, start=0):
    for index in range(start, start + count):
        unit = DepartmentFactory(parent=campaign.issuing_unit, name=f"Trường học thử {index}")
        campaign.eligible_units.add(unit)
        status = [S.DRAFT, S.SUBMITTED, S.ACCEPTED, S.RECOGNIZED][index % 4]
        RegistrationFactory(
            campaign=campaign,
            unit=unit,
            status=status,
            recognition_level="commune" if status == S.RECOGNIZED else "",
        )


@pytest.mark.parametrize("url_name", ["models_registry:campaign_detail", "models_registry:registration_list"])
def test_query_count_does_not_grow_with_volume(campaign, official, url_name):
    """Given 4 and then 40 registrations, the coverage page and the registration list make the same queries."""
    client = client_for(official)
    url = reverse(url_name, args=[campaign.pk] if url_name.endswith("detail") else None)
    make_registrations(campaign, 4)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    make_registrations(campaign, 36, start=4)
    client.get(url)  # the new rows dropped the list's cached count: the first visit after a write counts again
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


def test_campaign_list_query_count_does_not_grow(world, official):
    client = client_for(official)
    CampaignFactory(issuing_unit=world.commune, eligible_units=[world.department])
    client.get(reverse("models_registry:campaign_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("models_registry:campaign_list"))
    for year in range(2010, 2020):
        make_registrations(CampaignFactory(issuing_unit=world.commune, year=year), 2, start=year * 10)
    client.get(reverse("models_registry:campaign_list"))  # the new campaigns dropped the cached count: counted again
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("models_registry:campaign_list"))
    assert len(many) == len(few)


@pytest.mark.parametrize("query", ["mot cua than thien", "MỘT CỬA THÂN THIỆN", "thân thiện", "xa hoi than thien"])
def test_search_ignores_diacritics(world, campaign, official, query):
    RegistrationFactory(campaign=campaign, unit=world.department, name="Một cửa thân thiện, gần dân")
    RegistrationFactory(campaign=campaign, unit=world.other_department, name="Dân vận khéo trong giải phóng mặt bằng")
    content = client_for(official).get(reverse("models_registry:registration_list"), {"q": query}).content.decode()
    assert "Một cửa thân thiện, gần dân" in content
    assert "giải phóng mặt bằng" not in content


def test_list_filters_sorts_and_survives_bad_parameters(world, campaign, official):
    RegistrationFactory(campaign=campaign, unit=world.department, name="Bình dân học vụ số", status=S.ACCEPTED)
    RegistrationFactory(campaign=campaign, unit=world.other_department, name="An toàn giao thông", status=S.SUBMITTED)
    client = client_for(official)
    url = reverse("models_registry:registration_list")
    content = client.get(url, {"status": "accepted"}).content.decode()
    assert "Bình dân học vụ số" in content and "An toàn giao thông" not in content
    content = client.get(url, {"sort": "name"}).content.decode()
    assert content.index("An toàn giao thông") < content.index("Bình dân học vụ số")
    for params in ({"sort": "password"}, {"page": "-1"}, {"page": "abc"}, {"year": "99999"}, {"q": "' OR 1=1 --"}):
        assert client.get(url, params).status_code == 200


def test_unit_head_sees_own_units_and_recognized_models_only(world, campaign, unit_head):
    RegistrationFactory(campaign=campaign, unit=world.department, name="Mô hình nháp của phòng khác")
    RegistrationFactory(
        campaign=campaign,
        unit=world.department,
        name="Mô hình được công nhận của phòng khác",
        status=S.RECOGNIZED,
        recognition_level="commune",
        exclusive=False,
    )
    RegistrationFactory(campaign=campaign, unit=world.other_department, name="Mô hình của đơn vị mình")
    content = client_for(unit_head).get(reverse("models_registry:registration_list")).content.decode()
    assert "Mô hình của đơn vị mình" in content
    assert "Mô hình được công nhận của phòng khác" in content
    assert "Mô hình nháp của phòng khác" not in content


def test_gallery_shows_recognized_models_with_results(world, campaign, supervisor):
    RegistrationFactory(
        campaign=campaign,
        unit=world.department,
        name="Chợ văn minh thương mại",
        status=S.RECOGNIZED,
        recognition_level="commune",
        is_exemplary=True,
        indicators=[{"name": "Hộ kinh doanh cam kết", "measure": "hộ", "target": 50, "achieved": 62}],
    )
    RegistrationFactory(
        campaign=campaign, unit=world.other_department, name="Mô hình đang thực hiện", status=S.IMPLEMENTING
    )
    content = client_for(supervisor).get(reverse("models_registry:gallery")).content.decode()
    assert "Chợ văn minh thương mại" in content and "Tiêu biểu" in content and "62" in content
    assert "Mô hình đang thực hiện" not in content


def test_workflow_buttons_follow_the_rules(world, draft, unit_head, official, leader):
    """The buttons shown are those the server accepts: the unit head sees Gửi đăng ký, the official does not."""
    url = draft.get_absolute_url()
    assert "Gửi đăng ký" in client_for(unit_head).get(url).content.decode()
    assert "Gửi đăng ký" not in client_for(official).get(url).content.decode()
    services.registration_submit(registration=draft, by=unit_head)
    official_page = client_for(official).get(url).content.decode()
    assert "Chấp nhận" in official_page and "Trả lại phiếu" in official_page
    assert "Chấp nhận" not in client_for(leader).get(url).content.decode()


def test_report_and_evaluate_pages_refuse_bad_numbers(world, draft, unit_head, official):
    from tests.models_registry.workflow_helpers import advance

    registration = advance(draft, S.IMPLEMENTING, world)
    first, second = registration.indicators.all()
    response = client_for(unit_head).post(
        reverse("models_registry:registration_report", args=[registration.pk]),
        {"self_assessment": "Đạt", f"achieved_{first.pk}": "99", f"achieved_{second.pk}": "nhiều"},
    )
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == S.IMPLEMENTING
    services.registration_report(
        registration=registration,
        by=unit_head,
        self_assessment="Đạt",
        achieved={first.pk: "99", second.pk: "1600"},
    )
    criteria = list(registration.campaign.criteria.all())
    data = {f"score_{c.pk}": str(c.max_score) for c in criteria}
    data[f"score_{criteria[0].pk}"] = str(criteria[0].max_score + 5)
    response = client_for(official).post(reverse("models_registry:registration_evaluate", args=[registration.pk]), data)
    assert response.status_code == 400
    assert "Điểm phải từ 0 đến" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == S.SELF_ASSESSED
    assert not RegistrationTransition.objects.filter(registration=registration, to_status=S.EVALUATED).exists()


def test_official_launches_a_campaign_from_the_form(world, official):
    """Given the create form's defaults, posting it launches a campaign with the commune's units and fields."""
    from models_registry.models import Campaign
    from models_registry.services import default_fields

    client = client_for(official)
    page = client.get(reverse("models_registry:campaign_create")).content.decode()
    assert "Phong trào thi đua “Dân vận khéo” năm" in page
    response = client.post(
        reverse("models_registry:campaign_create"),
        {
            "name": "Phong trào thi đua “Dân vận khéo” năm 2026",
            "year": 2026,
            "registration_deadline": "30/09/2026",
            "report_deadline": "15/12/2026",
            "target_percent": 100,
            "eligible_units": [world.department.pk, world.other_department.pk],
            "offered_fields": [f.pk for f in default_fields()],
            "extra_fields": "Tôn giáo, dân tộc",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get(year=2026)
    assert campaign.issuing_unit == world.commune
    assert campaign.offered_fields.count() == 6
    assert campaign.registration_deadline.month == 9


def test_campaign_form_refuses_units_of_another_commune(world, official):
    response = client_for(official).post(
        reverse("models_registry:campaign_create"),
        {
            "name": "Phong trào sai đơn vị",
            "year": 2026,
            "registration_deadline": "30/09/2026",
            "report_deadline": "15/12/2026",
            "target_percent": 100,
            "eligible_units": [world.foreign_department.pk],
        },
    )
    assert response.status_code == 400


def test_reopening_lets_a_late_unit_register(campaign, field, unit_head, official):
    import datetime

    campaign.registration_deadline = datetime.date(2025, 1, 1)
    campaign.report_deadline = datetime.date(2025, 12, 31)
    campaign.save()
    url = reverse("models_registry:registration_create", args=[campaign.pk])
    response = client_for(unit_head).post(url, form_data(field, TWO_INDICATORS))
    assert response.status_code == 400 and "hết hạn đăng ký" in response.content.decode()
    client_for(official).post(reverse("models_registry:campaign_reopen", args=[campaign.pk]))
    assert client_for(unit_head).post(url, form_data(field, TWO_INDICATORS)).status_code == 302
    assert Registration.objects.filter(campaign=campaign).count() == 1
