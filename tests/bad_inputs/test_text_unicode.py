"""Bad inputs 9-14: right-to-left scripts, NFD, tone placement, look-alike letters, stacked marks, emoji."""

import json
import unicodedata

import pytest
from django.urls import reverse

from models_registry.models import Campaign, Field, Registration
from plans.models import Plan, ReferenceDocument
from tests.bad_inputs.text_helpers import (
    ARABIC,
    COMBINING_RUN,
    HEBREW,
    campaign_data,
    plan_data,
    post_edit,
    saved_plan,
    site_admin,
    snapshot,
    unit_admin_data,
)
from tests.conftest import client_for
from tests.factories import PlanFactory
from tests.models_registry.conftest import campaign, field  # noqa: F401 (fixtures)
from tests.models_registry.test_views import TWO_INDICATORS, form_data
from units.models import Unit

# --- row 9: genuine Arabic and Hebrew ------------------------------------------------------------


def test_row09_arabic_and_hebrew_are_stored_as_typed(campaign, field, unit_head):
    text = f"{' '.join(ARABIC)} / {' '.join(HEBREW)}"
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name=f"Mô hình {text}", participants=text),
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == f"Mô hình {text}"
    assert registration.participants == text
    assert text in client_for(unit_head).get(registration.get_absolute_url()).content.decode()


# --- row 10: decomposed (NFD) Vietnamese ---------------------------------------------------------

NFC_NAME = "Phong trào thi đua “Dân vận khéo” trong thực hiện nhiệm vụ chính trị"


def test_row10_nfd_is_stored_nfc_and_its_length_counted_after_nfc(campaign, field, unit_head):
    """Given a 255-character name (in NFC) typed in NFD (more code points), it fits the limit and is stored NFC."""
    assert (len(NFC_NAME), len(unicodedata.normalize("NFD", NFC_NAME))) == (68, 82)
    name = (NFC_NAME + " ") * 3 + NFC_NAME[: 255 - 3 * (len(NFC_NAME) + 1)]
    assert len(name) == 255 < len(unicodedata.normalize("NFD", name))
    response = client_for(unit_head).post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name=unicodedata.normalize("NFD", name)),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Registration.objects.get().name == name


def test_row10_nfd_campaign_name_is_found_as_a_duplicate(world, official):
    client = client_for(official)
    assert (
        client.post(reverse("models_registry:campaign_create"), campaign_data(world, name=NFC_NAME)).status_code == 302
    )
    response = client.post(
        reverse("models_registry:campaign_create"),
        campaign_data(world, name=unicodedata.normalize("NFD", NFC_NAME)),
    )
    assert response.status_code == 400
    assert "đã có phong trào cùng tên" in response.content.decode()
    assert Campaign.objects.get().name == NFC_NAME


def test_row10_nfd_search_finds_the_nfc_plan(world, official):
    PlanFactory(issuing_unit=world.commune, created_by=official, title=NFC_NAME)
    query = unicodedata.normalize("NFD", "thực hiện nhiệm vụ")
    content = client_for(official).get(reverse("plans:plan_list"), {"q": query}).content.decode()
    assert NFC_NAME in content


# --- row 11: old and new tone placement ----------------------------------------------------------

TONE_PAIRS = [("hoà giải", "hòa giải"), ("thuỷ lợi", "thủy lợi"), ("khoẻ mạnh", "khỏe mạnh")]


@pytest.mark.parametrize(("new_style", "old_style"), TONE_PAIRS, ids=["hoà", "thuỷ", "khoẻ"])
def test_row11_tone_placements_differ_even_in_nfc_and_are_stored_as_typed(world, official, new_style, old_style):
    assert unicodedata.normalize("NFC", new_style) != unicodedata.normalize("NFC", old_style)
    client = client_for(official)
    for title in (new_style, old_style):
        assert client.post(reverse("plans:plan_create"), plan_data(world, title=f"Kế hoạch {title}")).status_code == 302
    assert sorted(Plan.objects.values_list("title", flat=True)) == sorted(
        [f"Kế hoạch {new_style}", f"Kế hoạch {old_style}"]
    )


@pytest.mark.parametrize(("new_style", "old_style"), TONE_PAIRS, ids=["hoà", "thuỷ", "khoẻ"])
def test_row11_search_folds_either_placement(world, official, new_style, old_style):
    PlanFactory(issuing_unit=world.commune, created_by=official, title=f"Kế hoạch {old_style} năm 2025")
    client = client_for(official)
    for query in (new_style, old_style):
        content = client.get(reverse("plans:plan_list"), {"q": query}).content.decode()
        assert f"Kế hoạch {old_style} năm 2025" in content


@pytest.mark.parametrize(("new_style", "old_style"), TONE_PAIRS, ids=["hoà", "thuỷ", "khoẻ"])
def test_row11_campaign_name_in_the_other_tone_placement_is_flagged_as_a_duplicate(
    world, official, new_style, old_style
):
    client = client_for(official)
    url = reverse("models_registry:campaign_create")
    assert client.post(url, campaign_data(world, name=f"Phong trào {old_style}")).status_code == 302
    response = client.post(url, campaign_data(world, name=f"Phong trào {new_style.upper()}"))
    assert response.status_code == 400
    assert "đã có phong trào cùng tên" in response.content.decode()
    assert Campaign.objects.count() == 1


def test_row11_field_typed_in_the_other_tone_placement_reuses_the_existing_field(world, official):
    """The default field is "Văn hóa - Xã hội"; "Văn hoá - Xã hội" added as an extra field is the same field."""
    default = Field.objects.get(owner=None, name="Văn hóa - Xã hội")
    response = client_for(official).post(
        reverse("models_registry:campaign_create"),
        campaign_data(world, offered_fields=[], extra_fields="Văn hoá - Xã hội\nHoà giải ở cơ sở\nHòa giải ở cơ sở"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    offered = Campaign.objects.get().offered_fields.all()
    assert default in offered
    assert sorted(f.name for f in offered) == ["Hoà giải ở cơ sở", "Văn hóa - Xã hội"]


# --- row 12: "Ð" (U+00D0) for "Đ" (U+0110) -------------------------------------------------------


def test_row12_eth_is_refused_in_a_plan_symbol_and_the_plan_kept(world, official):
    plan = saved_plan(world, official, symbol="QĐ-UBND")
    before = snapshot(plan)
    response = post_edit(client_for(official), plan, world, symbol="QÐ-UBND")
    assert response.status_code == 400
    assert "U+00D0" in response.content.decode()
    assert snapshot(plan) == before


@pytest.mark.parametrize("eth", ["\u00d0", "\u00f0", "\u0189"], ids=["Eth", "eth", "African-D"])
def test_row12_look_alike_d_is_refused_in_a_document_number(world, official, eth):
    response = client_for(official).post(
        reverse("plans:reference_create"),
        {"doc_type": "quyet_dinh", "number_symbol": f"31/Q{eth}-UBND", "issued_on": "01/09/2025", "issuer": "UBND"},
    )
    assert response.status_code == 400
    assert f"U+{ord(eth):04X}" in response.content.decode()
    assert not ReferenceDocument.objects.exists()


def test_row12_eth_is_refused_in_a_unit_abbreviation(world):
    response = client_for(site_admin()).post(
        reverse("admin:units_unit_add"), unit_admin_data(world, abbreviation="BÐH")
    )
    assert response.status_code == 200
    assert "U+00D0" in response.content.decode()
    assert not Unit.objects.filter(name="Ban Quản lý chợ").exists()


@pytest.mark.parametrize("decision", ["125/QÐ-UBND", "125/QĐ-UBND"], ids=["eth", "d-with-stroke"])
def test_row12_eth_is_refused_in_a_commendation_decision_number(world, decision):
    """The leader recognizes an evaluated model with Giấy khen số 125/QĐ-UBND: typed with "Ð" it is refused."""
    from tests.models_registry.scenario import registry

    registration = registry(world).registrations["evaluated"]
    response = client_for(world.users["leader"]).post(
        reverse("models_registry:registration_recognize", args=[registration.pk]),
        {
            "level": "commune",
            "commendation_form": "certificate",
            "commendation_decision": decision,
            "commendation_date": "15/12/2025",
        },
    )
    registration.refresh_from_db()
    if "Ð" in decision:
        assert response.status_code == 400
        assert "U+00D0" in response.content.decode()
        assert (registration.status, registration.commendation_decision) == ("evaluated", "")
    else:
        assert response.status_code == 302
        assert (registration.status, registration.commendation_decision) == ("recognized", decision)


def test_row12_the_real_d_with_stroke_is_accepted_in_codes(world, official):
    client = client_for(official)
    assert client.post(reverse("plans:plan_create"), plan_data(world, symbol="QĐ-UBND")).status_code == 302
    assert Plan.objects.get().symbol == "QĐ-UBND"


# --- row 13: 50 combining marks on one letter -----------------------------------------------------


def test_row13_combining_marks_are_capped_when_stored(world, official):
    response = client_for(official).post(
        reverse("plans:plan_create"), plan_data(world, title="Ca" + "\u0301" * 50 + "nh báo", intro="e" + "\u0323" * 50)
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert not COMBINING_RUN.search(unicodedata.normalize("NFD", plan.title))
    assert not COMBINING_RUN.search(unicodedata.normalize("NFD", plan.intro))
    assert len(plan.title) <= len("Cánh báo") + 2


# --- row 14: emoji, an encoded surrogate, a lone surrogate in JSON -------------------------------


def test_row14_emoji_is_stored_and_shown(world, official):
    client = client_for(official)
    response = client.post(reverse("plans:plan_create"), plan_data(world, title="Ngày hội Đại đoàn kết 🎉🇻🇳"))
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.title == "Ngày hội Đại đoàn kết 🎉🇻🇳"
    assert "Ngày hội Đại đoàn kết 🎉🇻🇳" in client.get(plan.get_absolute_url()).content.decode()


def test_row14_utf8_encoded_surrogate_becomes_replacement_characters(world, official):
    """%ED%A0%80 is U+D800 encoded as UTF-8, which is not valid UTF-8: it is read as U+FFFD, not a 500."""
    from urllib.parse import urlencode

    body = urlencode({k: v for k, v in plan_data(world).items() if k != "title"}) + "&title=K%E1%BA%BF+ho%ED%A0%80ch"
    response = client_for(official).post(
        reverse("plans:plan_create"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302
    title = Plan.objects.get().title
    assert title.startswith("Kế ho\ufffd") and title.endswith("ch")
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in title)


@pytest.mark.parametrize("url_name", ["plans:plan_create", "models_registry:campaign_create"], ids=["plan", "campaign"])
def test_row14_lone_surrogate_in_json_is_a_400(world, official, url_name):
    """The portal reads no JSON: a JSON body (here with "\\ud800") reaches a form as an empty form, refused."""
    body = json.dumps({**plan_data(world), "name": "\ud800", "title": "\ud800"})
    assert "\\ud800" in body
    response = client_for(official).post(reverse(url_name), body, content_type="application/json")
    assert response.status_code == 400
    assert not Plan.objects.exists() and not Campaign.objects.exists()
