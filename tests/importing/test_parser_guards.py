"""What the plan text parser refuses (reports, decisions, legacy encodings, shapeless text) and how it cleans text.

Django-free, like test_parser_seeds.py.
"""

import pytest

from plans.importing import (
    LegacyEncodingError,
    NotAPlanError,
    parse_plan,
)
from plans.importing.guards import looks_like_plan
from plans.importing.text import sentences
from plans.importing.units import split_units
from tests.importing.parser_helpers import DISTRICT_PLAN


def test_a_report_is_rejected_with_its_type():
    report = "ỦY BAN NHÂN DÂN\nXÃ KIM THÀNH\nSố: 45/BC-UBND\nBÁO CÁO\nKết quả công tác dân vận chính quyền năm 2025\n"
    with pytest.raises(NotAPlanError) as error:
        parse_plan(report)
    assert "báo cáo" in error.value.message
    assert not looks_like_plan(report)


def test_a_decision_is_rejected_with_its_type():
    decision = "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch công tác dân vận\nĐiều 1. Ban hành kèm theo Quyết định này...\n"
    with pytest.raises(NotAPlanError) as error:
        parse_plan(decision)
    assert "quyết định" in error.value.message


@pytest.mark.parametrize("text", ["", "   \n\n  ", "12\n3\n"])
def test_empty_text_is_rejected(text):
    with pytest.raises(NotAPlanError) as error:
        parse_plan(text)
    assert error.value.message == "Văn bản trống, không có nội dung để nhập."


def test_tcvn3_text_is_rejected():
    tcvn3 = "KÕ ho¹ch\nTuyªn truyÒn c«ng t¸c d©n vËn chÝnh quyÒn n¨m 2025\nI. Môc ®Ých, yªu cÇu\n"
    with pytest.raises(LegacyEncodingError) as error:
        parse_plan(tcvn3)
    assert "Unicode" in error.value.message


def test_vni_text_is_rejected():
    vni = "KEÁ HOAÏCH\nTuyeân truyeàn coâng taùc daân vaän chính quyeàn naêm 2025\n"
    with pytest.raises(LegacyEncodingError):
        parse_plan(vni)


def test_mis_decoded_utf8_is_rejected():
    mojibake = (
        "KẾ HOẠCH".encode().decode("cp1252", errors="replace")
        + "\n"
        + "Tuyên truyền dân vận".encode().decode("cp1252", errors="replace")
    )
    with pytest.raises(LegacyEncodingError):
        parse_plan(mojibake)


def test_text_without_any_plan_shape_is_rejected():
    with pytest.raises(NotAPlanError):
        parse_plan("Xin chào, đây là một đoạn văn bất kỳ.\nKhông có gì ở đây.")


def test_nfd_and_zero_width_characters_are_normalised():
    import unicodedata

    text = unicodedata.normalize("NFD", DISTRICT_PLAN).replace("Số: 05", "Số:\u200b 05")
    plan = parse_plan(text)
    assert plan.number == 5
    assert plan.agency == "UBND HUYỆN GIA LỘC"


def test_split_units_keeps_group_phrases_and_compound_names():
    assert split_units("các phòng, đơn vị sự nghiệp thuộc xã") == ["các phòng, đơn vị sự nghiệp thuộc xã"]
    assert split_units("Phòng Kinh tế, Hạ tầng và Đô thị; Công an xã.") == [
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Công an xã",
    ]
    assert split_units("Văn phòng HĐND và UBND, Phòng Văn hóa - Xã hội và Trung tâm Dịch vụ sự nghiệp công") == [
        "Văn phòng HĐND và UBND",
        "Phòng Văn hóa - Xã hội",
        "Trung tâm Dịch vụ sự nghiệp công",
    ]
    assert split_units("các ban, ngành, đoàn thể xã") == ["các ban, ngành, đoàn thể xã"]
    assert split_units("") == []


def test_sentences_ignore_line_breaks_and_page_numbers():
    text = "Câu thứ nhất kéo dài\n\n3\n\nsang dòng sau. Câu thứ hai./.\nNơi nhận:"
    assert sentences(text) == ["Câu thứ nhất kéo dài sang dòng sau.", "Câu thứ hai./.", "Nơi nhận:"]
