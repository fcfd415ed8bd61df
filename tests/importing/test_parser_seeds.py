"""The plan text parser on the four real seed plans: every sentence kept, header, sections, tasks and tail.

Django-free: run with `python -m pytest -p no:django --noconftest tests/importing`
(or with the Django plugin on); nothing here touches settings or the database.
"""

import datetime

import pytest

from plans.importing import (
    ParsedPlan,
    parse_plan,
)
from plans.importing.guards import looks_like_plan
from tests.importing.parser_helpers import assert_sentences_kept, seed_text, tasks_by_lead, top_headings

# ---------------------------------------------------------------------------
# Seeds
# ---------------------------------------------------------------------------

SEEDS = [
    "thuong-hong-2025-dan-van-kheo.txt",
    "kim-thanh-2025-tuyen-truyen.txt",
    "gia-vien-2025-trien-khai.txt",
    "ke-sat-2025-2030-chuong-trinh-phoi-hop.txt",
]


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, ParsedPlan]]:
    return {name: (seed_text(name), parse_plan(seed_text(name))) for name in SEEDS}


@pytest.mark.parametrize("name", SEEDS)
def test_seed_keeps_every_sentence_in_order(seeds, name):
    source, plan = seeds[name]
    assert_sentences_kept(source, plan)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_is_a_plan(seeds, name):
    source, plan = seeds[name]
    assert looks_like_plan(source)
    assert plan.doc_type == "KẾ HOẠCH"


def test_thuong_hong_header_bases_and_intro(seeds):
    _, plan = seeds["thuong-hong-2025-dan-van-kheo.txt"]
    assert (plan.number, plan.symbol) == (31, "KH-UBND")
    assert plan.place == "Thượng Hồng"
    assert plan.issued_on == datetime.date(2025, 9, 12)
    assert plan.agency == "Ủy ban nhân dân xã Thượng Hồng"  # inferred from the intro: no agency lines
    assert plan.title == "Thực hiện phong trào “Dân vận khéo” trong hoạt động của Ủy ban nhân dân xã Thượng Hồng"
    assert len(plan.bases) == 4
    assert {basis.opening for basis in plan.bases} == {"Căn cứ"}
    assert plan.bases[0].text.startswith("Căn cứ Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư")
    assert plan.bases[1].text.startswith("Quyết định số 23-QĐ/TW")
    first = plan.bases[0].references[0]
    assert (first.number_symbol, first.doc_type, first.issuer) == ("43-KL/TW", "Kết luận", "Ban Bí thư")
    assert first.issued_on == datetime.date(2019, 1, 7)
    guide = plan.bases[2].references[0]
    assert (guide.doc_type, guide.number_symbol) == ("Hướng dẫn", "12-HD/BTGDVTU")
    assert guide.issuer == "Ban Tuyên giáo và Dân vận Thành ủy"
    assert guide.summary == "thực hiện phong trào thi đua “Dân vận khéo” năm 2025"
    nested = [ref.number_symbol for ref in plan.bases[3].references]
    assert nested == ["391/QĐ-UBND", "3177/QĐ-UBND"]
    assert plan.intro.startswith("Ủy ban nhân dân xã Thượng Hồng ban hành Kế hoạch")
    assert plan.intro.endswith("cụ thể như sau:")


def test_thuong_hong_sections_tasks_and_tail(seeds):
    _, plan = seeds["thuong-hong-2025-dan-van-kheo.txt"]
    assert top_headings(plan) == [
        "MỤC ĐÍCH, YÊU CẦU",
        "CHỈ TIÊU, MỤC TIÊU, NỘI DUNG, QUY TRÌNH THỰC HIỆN",
        "TỔ CHỨC THỰC HIỆN",
    ]
    content = plan.sections[1].children[2]
    assert [(s.numbering, s.label) for s in content.children][:2] == [("decimal", "3.1"), ("decimal", "3.2")]
    assert content.children[4].heading == "Trong lĩnh vực quốc phòng - an ninh."  # its period, as written
    goals = plan.sections[1].children[1].children
    assert [s.heading for s in goals] == ["Mục tiêu:", "Chủ thể thực hiện:", "Phương pháp:"]  # **bold**, with colons
    assert "* Lưu ý:" in [s.text for s in plan.sections[1].children[0].children]
    assert tasks_by_lead(plan) == {
        "Phòng Văn hóa – Xã hội xã": 3,
        "Các Phòng, đơn vị sự nghiệp trực thuộc UBND xã": 2,
        "Trung tâm Văn hóa Thể thao và Truyền thông xã": 2,
    }
    assert plan.sections[2].children[0].task_layout == "duties"
    assert plan.closing.startswith("Trên đây là Kế hoạch") and plan.closing.endswith("./.")
    assert plan.recipients == [
        "TT Đảng ủy – TT HĐND xã",
        "UB MTTQ VN xã",
        "CT, các PCT UBND xã",
        "Ban xây dựng Đảng",
        "Các Phòng chuyên môn",
        "Các đơn vị sự nghiệp trực thuộc",
        "Lưu: VT, VHXH",
    ]
    signature = plan.signature
    assert (signature.authority_prefix, signature.authority, signature.position, signature.signer_name) == (
        "TM.",
        "ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Hà Thị Thủy",
    )


def test_kim_thanh(seeds):
    _, plan = seeds["kim-thanh-2025-tuyen-truyen.txt"]
    assert (plan.number, plan.symbol, plan.issued_on) == (None, "", None)
    assert "Không tìm thấy số, ký hiệu văn bản." in plan.uncertain
    assert plan.agency == "Ủy ban nhân dân xã Kim Thành"
    assert plan.title == (
        "Tuyên truyền triển khai thực hiện công tác dân vận chính quyền trên địa bàn xã Kim Thành 6 tháng cuối năm 2025"
    )
    # Basis and intro are one paragraph in the source: "Thực hiện ...; Ủy ban nhân dân xã ... như sau:"
    assert len(plan.bases) == 1
    basis = plan.bases[0]
    assert basis.opening == "Thực hiện"
    assert basis.text.endswith("chính quyền các cấp trên địa bàn thành phố Hải Phòng")
    reference = basis.references[0]
    assert (reference.doc_type, reference.number_symbol) == ("Kế hoạch", "3177/QĐ-UBND")  # type as written
    assert reference.issued_on == datetime.date(2025, 8, 6)
    assert reference.issuer == "Ủy ban nhân dân thành phố Hải Phòng"
    assert reference.summary.startswith("ban hành danh mục nhiệm vụ")
    assert plan.intro.startswith("Ủy ban nhân dân xã Kim Thành xây dựng Kế hoạch")
    assert top_headings(plan) == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG, HÌNH THỨC TUYÊN TRUYỀN", "TỔ CHỨC THỰC HIỆN"]
    assert len(plan.sections[1].children[0].children) == 3  # "26/CT-UBND" and "01-KL/TW" are not markers
    assert tasks_by_lead(plan) == {
        "Phòng Văn hoá - Xã hội": 3,
        "Trung tâm Dịch vụ sự nghiệp công": 2,
        "Thủ trưởng các cơ quan, đơn vị sự nghiệp thuộc xã": 4,
    }
    assert plan.themes == [
        "Công tác dân vận chính quyền để thực hiện thắng lợi, thành công Đại hội Đảng bộ các cấp tiến tới Đại hội XIV của Đảng",
        "Mở rộng không gian kinh tế, đô thị; hoàn thiện cơ chế, chính sách đặc thù; tăng cường chuyển đổi xanh, chuyển đổi số",
    ]
    assert len(plan.recipients) == 6
    assert plan.recipients[0] == "Sở Nội vụ thành phố" and plan.recipients[-1] == "Lưu: VT, VHXH"
    signature = plan.signature
    assert (signature.authority_prefix, signature.authority, signature.position, signature.signer_name) == (
        "KT.",
        "CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Tình",
    )


def test_gia_vien(seeds):
    _, plan = seeds["gia-vien-2025-trien-khai.txt"]
    assert plan.agency == "Ủy ban nhân dân phường Gia Viên"
    assert plan.title.startswith("Triển khai công tác dân vận chính quyền năm 2025 với chủ đề “Công tác")
    assert plan.title.endswith("tiến tới Đại hội XIV của Đảng”")
    assert [basis.references[0].number_symbol for basis in plan.bases] == ["33/CT-TTg", "3177/QĐ-UBND"]
    assert [basis.opening for basis in plan.bases] == ["Thực hiện", "Thực hiện"]
    assert plan.intro.startswith("Ủy ban nhân dân phường Gia Viên ban hành") and plan.intro.endswith("như sau:")
    assert top_headings(plan) == ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ, CÔNG TÁC TRỌNG TÂM", "TỔ CHỨC THỰC HIỆN"]
    assert [child.label for child in plan.sections[1].children] == [str(n) for n in range(1, 12)]
    units = [section.heading for section in plan.sections[2].children]
    assert units[0] == "Phòng Văn hóa - Xã hội"
    assert units[3] == "Trung tâm sự nghiệp công:"  # "4. Trung tâm sự nghiệp công: Chủ động phối hợp ..."
    assert units[4] == "Đề nghị Ban Xây dựng đảng Đảng ủy"
    leads = tasks_by_lead(plan)
    assert sum(leads.values()) == 13
    assert leads["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"] == 3
    assert leads["Ban Xây dựng đảng Đảng ủy"] == 2  # "Đề nghị" is not part of the unit
    assert leads["Phòng Kinh tế, Hạ tầng và Đô thị"] == 1
    assert len(plan.themes) == 2
    assert plan.recipients[0] == "Thường trực Đảng ủy" and plan.recipients[-1] == "Lưu: VT"
    assert len(plan.recipients) == 6
    assert plan.signature.signer_name == "Chu Thanh Lương"
    assert (plan.signature.authority_prefix, plan.signature.position) == ("TM.", "CHỦ TỊCH")


def test_ke_sat(seeds):
    _, plan = seeds["ke-sat-2025-2030-chuong-trinh-phoi-hop.txt"]
    assert plan.agency == "Uỷ ban nhân dân xã Kẻ Sặt"
    assert plan.title.startswith("Thực hiện Chương trình phối hợp giữa Ban xây dựng Đảng")
    assert len(plan.bases) == 1
    assert plan.bases[0].references[0].number_symbol == "294/KH-UBND"
    assert top_headings(plan) == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG", "TỔ CHỨC THỰC HIỆN"]
    blocks = [task for section in plan.sections[1].walk() for task in section.tasks]
    assert len(blocks) == 5
    first = blocks[0]
    assert first.lead_units == [
        "Ủy ban nhân dân xã",
        "lực lượng vũ trang trên địa bàn xã",
        "các đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân xã",
    ]
    assert first.coordinating_units == ["Phòng Văn hóa-xã hội xã"]
    assert first.timeframe == "thường xuyên."  # "- Thời gian thực hiện: thường xuyên."
    assert first.form.startswith("Ban hành các văn bản triển khai thực hiện")
    assert first.labels["lead"] == "Cơ quan thực hiện"
    assert blocks[1].coordinating_units == [
        "Các Phòng chuyên môn, đơn vị sự nghiệp trực thuộc",
        "lực lượng vũ trang trên địa bàn xã",
        "các đơn vị sự nghiệp công lập thuộc UBND xã",
    ]
    assert blocks[2].lead_units == ["Phòng Văn hóa-xã hội xã"]  # "- Phòng Văn hóa-xã hội xã chủ trì, ..."
    assert blocks[3].content.startswith("Tổ chức theo dõi, kiểm tra, giám sát")
    assert blocks[4].lead_units == [] and blocks[4].timeframe == "từ năm 2025 và các năm tiếp theo."
    duties = [task for section in plan.sections[2].walk() for task in section.tasks]
    assert len(duties) == 7
    assert duties[-1].lead_units == ["Ủy ban Mặt trận Tổ quốc Việt Nam", "các tổ chức chính trị - xã hội xã"]
    assert plan.closing.startswith("Trong quá trình triển khai thực hiện")
    assert len(plan.recipients) == 9
    assert plan.recipients[0] == "Sở Nội vụ TP Hải Phòng (để báo cáo)" and plan.recipients[-1] == "Lưu VT"
    signature = plan.signature
    assert signature.authority_prefix == "TM."
    assert signature.authority == "ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    assert (signature.position, signature.signer_name) == ("PHÓ CHỦ TỊCH", "Phạm Thị Thu Hiền")
