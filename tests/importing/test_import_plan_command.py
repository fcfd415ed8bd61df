"""`import_plan PATH` without --unit finds the issuing unit from the agency; refusals name what is missing."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from plans.demo import SEEDS
from plans.importing import parse_plan, read_text
from plans.importing.agency import issuing_unit_for
from plans.importing.persist import plan_import_file
from plans.models import Plan
from tests.factories import CommuneFactory

CORPUS = Path(__file__).parent / "corpus"


def test_without_unit_the_agency_named_in_the_document_is_the_issuing_unit(world, official, capsys):
    call_command("import_plan", str(SEEDS / "thuong-hong-2025-dan-van-kheo.txt"), user=official.username)
    assert Plan.objects.get().issuing_unit == world.commune
    assert f"(mã {world.commune.pk})" in capsys.readouterr().out


def test_without_unit_a_party_plan_goes_to_the_government_of_its_place(world):
    dong_son = CommuneFactory(parent=world.city, name="Ủy ban nhân dân xã Đông Sơn", place_name="Đông Sơn")
    parsed = parse_plan(read_text(CORPUS / "1-markup" / "dong-son-2021-web-headline.txt"))
    assert parsed.agency == "Đảng ủy xã Đông Sơn"
    assert issuing_unit_for(parsed) == dong_son


def test_an_unknown_agency_is_an_error_naming_it(world, official):
    with pytest.raises(CommandError, match="“ỦY BAN NHÂN DÂN XÃ AN PHÚ”.*--unit"):
        call_command("import_plan", str(CORPUS / "1-markup" / "an-phu-2024-markdown.md"), user=official.username)
    assert not Plan.objects.exists()


def test_an_ambiguous_agency_is_an_error_listing_the_candidates(world, official):
    first = CommuneFactory(parent=world.city, name="Ủy ban nhân dân xã An Phú", place_name="An Phú")
    second = CommuneFactory(parent=world.city_department, name="Ủy ban nhân dân xã An Phú", place_name="An Phú")
    with pytest.raises(CommandError) as error:
        call_command("import_plan", str(CORPUS / "1-markup" / "an-phu-2024-markdown.md"), user=official.username)
    assert f"{first.pk}: Ủy ban nhân dân xã An Phú" in str(error.value)
    assert f"{second.pk}: Ủy ban nhân dân xã An Phú" in str(error.value)
    assert not Plan.objects.exists()


UNTITLED = """ỦY BAN NHÂN DÂN
XÃ THƯỢNG HỒNG
Số: 07/KH-UBND
Thượng Hồng, ngày 02 tháng 3 năm 2025
KẾ HOẠCH
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng công tác dân vận.
II. TỔ CHỨC THỰC HIỆN
Phòng Văn hóa - Xã hội chủ trì thực hiện.
"""


def test_a_plan_without_title_is_refused_naming_the_title(world, official):
    with pytest.raises(ValidationError) as error:
        plan_import_file(
            data=UNTITLED.encode(), filename="kh.txt", issuing_unit=world.commune, by=official, record_issued=True
        )
    assert "trích yếu" in error.value.messages[0]
    assert not Plan.objects.exists()
