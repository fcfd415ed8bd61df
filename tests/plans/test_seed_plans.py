"""The four real seed plans, imported through the services, print back every sentence in order."""

from html import unescape

import pytest

from plans.demo import SEED_COMMUNES, SEEDS
from plans.document import plan_document
from plans.importing.fidelity import body_of, sentences_kept
from plans.models import Plan
from tests.demo_seed import demo_seeded


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with demo_seeded(django_db_blocker):
        yield {
            name: Plan.objects.filter(issuing_unit__place_name=place, issuing_unit__kind="commune").earliest("pk")
            for name, place in SEED_COMMUNES.items()
        }


@pytest.mark.django_db
@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_seed_plan_prints_every_sentence_in_order(seeded, filename):
    source = (SEEDS / filename).read_text(encoding="utf-8")
    document = plan_document(seeded[filename])
    kept, total, missing = sentences_kept(body_of(source), document.plain_text())
    assert missing is None, f"{filename}: {kept}/{total} sentences kept; first missing: {missing}"


@pytest.mark.django_db
def test_thuong_hong_is_issued_with_its_number_date_and_signer(seeded):
    plan = seeded["thuong-hong-2025-dan-van-kheo.txt"]
    assert plan.status == "issued"
    assert plan.reference == "31/KH-UBND"
    assert f"{plan.issued_on:%d/%m/%Y}" == "12/09/2025"
    assert plan.signer_name == "Hà Thị Thủy"
    assert plan.signature_authority == "TM. ỦY BAN NHÂN DÂN"
    assert plan.tasks.count() >= 7
    assert plan_document(plan).date_line == "Thượng Hồng, ngày 12 tháng 9 năm 2025"


@pytest.mark.django_db
def test_seed_plans_without_number_are_drafts(seeded):
    assert seeded["kim-thanh-2025-tuyen-truyen.txt"].status == "draft"
    assert seeded["kim-thanh-2025-tuyen-truyen.txt"].signer_title == "PHÓ CHỦ TỊCH"
    assert seeded["kim-thanh-2025-tuyen-truyen.txt"].signature_authority == "KT. CHỦ TỊCH"


@pytest.mark.django_db
@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_seed_plan_recipients_and_bases_are_kept(seeded, filename):
    plan = seeded[filename]
    assert plan.bases.exists()
    assert len(plan.recipient_list) >= 5
    assert plan.recipient_list[-1].startswith("Lưu")
    assert plan.tasks.filter(lead_units__isnull=False).exists()


@pytest.mark.django_db
def test_ke_sat_task_blocks_keep_their_fields(seeded):
    plan = seeded["ke-sat-2025-2030-chuong-trinh-phoi-hop.txt"]
    block = plan.tasks.filter(section__task_layout="blocks").first()
    assert block.form and block.timeframe_text
    text = plan_document(plan).plain_text()
    assert "Cơ quan thực hiện: " in text and "Hình thức: " in text


@pytest.mark.django_db
def test_seed_references_are_in_the_catalogue_once(seeded):
    from plans.models import ReferenceDocument

    numbers = list(ReferenceDocument.objects.exclude(number_key="").values_list("number_key", "issued_on"))
    assert len(numbers) == len(set(numbers))
    assert ReferenceDocument.objects.filter(number_key="3177/QĐ-UBND").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("filename", list(SEED_COMMUNES))
def test_seed_plan_page_shows_every_sentence(seeded, filename, client):
    """Given a seed plan, when an official of its commune opens its page, the document shows every sentence in order.

    An official of the commune, not the supervisor: the seed plans that are still drafts stay inside their commune.
    """
    from django.contrib.auth import get_user_model
    from django.utils.html import strip_tags

    from units.choices import Role

    official = get_user_model().objects.create_user(
        username=f"canbo-{filename[:20]}", password=None, unit=seeded[filename].issuing_unit, role=Role.OFFICIAL
    )
    client.force_login(official, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(seeded[filename].get_absolute_url()).content.decode()
    document = html[html.index('id="document"') : html.index("Nơi nhận:")]
    source = (SEEDS / filename).read_text(encoding="utf-8")
    kept, total, missing = sentences_kept(body_of(source), unescape(strip_tags(document)))
    assert missing is None, f"{filename}: {kept}/{total} sentences on the page; first missing: {missing}"
