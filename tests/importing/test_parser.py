"""Tests of the plan text parser: the four real seed plans, then invented variants.

Django-free: run with `python -m pytest -p no:django --noconftest tests/importing`
(or with the Django plugin on); nothing here touches settings or the database.
"""

import datetime
import re
from pathlib import Path

import pytest

from plans.importing import (
    LegacyEncodingError,
    NotAPlanError,
    ParsedPlan,
    parse_plan,
)
from plans.importing.flatten import flatten_text
from plans.importing.guards import looks_like_plan
from plans.importing.text import normalise_text, sentences
from plans.importing.units import split_units

REPO_SEEDS = Path(__file__).resolve().parents[2] / "plans" / "fixtures" / "seeds"
SHARED_SEEDS = Path("/work/shared/seeds")


def seed_text(name: str) -> str:
    """Return a seed plan's text, preferring the copy in the repository."""
    for folder in (REPO_SEEDS, SHARED_SEEDS):
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    raise FileNotFoundError(f"seed {name} not found in {REPO_SEEDS} or {SHARED_SEEDS}")


def _canon(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def first_missing_sentence(source: str, plan: ParsedPlan) -> str | None:
    """Return the first sentence of `source` not found, in order, in flatten_text(plan); None if all are.

    Sentences come from `sentences()` on the normalised source (page-number lines dropped).
    They are compared on letters and digits only, so line breaks, spacing, punctuation and
    list markers ("-", "I." vs "I-") may differ but every word and number must be there,
    in the same order.
    """
    flat = _canon(flatten_text(plan))
    position = 0
    for sentence in sentences(normalise_text(source)):
        found = flat.find(_canon(sentence), position)
        if found < 0:
            return sentence
        position = found + len(_canon(sentence))
    return None


def assert_sentences_kept(
    source: str, plan: ParsedPlan, *, from_type_line: bool = False, until_recipients: bool = False
) -> None:
    """Check `first_missing_sentence`, optionally only between "KẾ HOẠCH" and "Nơi nhận".

    A full header or a pasted signature table interleaves two columns (agency | national motto,
    recipients | signature) that the structure stores as fields, not as text in reading order;
    the variants check those fields one by one instead.
    """
    if from_type_line:
        source = source[source.index("KẾ HOẠCH") :]
    if until_recipients:
        source = source[: source.index("Nơi nhận")]
    missing = first_missing_sentence(source, plan)
    assert missing is None, f"sentence lost or out of order: {missing!r}"


def top_headings(plan: ParsedPlan) -> list[str]:
    return [section.heading for section in plan.sections]


def tasks_by_lead(plan: ParsedPlan) -> dict[str, int]:
    counts: dict[str, int] = {}
    for task in plan.all_tasks():
        key = " / ".join(task.lead_units)
        counts[key] = counts.get(key, 0) + 1
    return counts


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
    assert content.children[4].heading == "Trong lĩnh vực quốc phòng - an ninh"
    goals = plan.sections[1].children[1].children
    assert [s.heading for s in goals] == ["Mục tiêu", "Chủ thể thực hiện", "Phương pháp"]  # **bold** headings
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
    assert units[3] == "Trung tâm sự nghiệp công"  # "4. Trung tâm sự nghiệp công: Chủ động phối hợp ..."
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
    assert first.timeframe == "thường xuyên"
    assert first.form.startswith("Ban hành các văn bản triển khai thực hiện")
    assert first.labels["lead"] == "Cơ quan thực hiện"
    assert blocks[1].coordinating_units == [
        "Các Phòng chuyên môn, đơn vị sự nghiệp trực thuộc",
        "lực lượng vũ trang trên địa bàn xã",
        "các đơn vị sự nghiệp công lập thuộc UBND xã",
    ]
    assert blocks[2].lead_units == ["Phòng Văn hóa-xã hội xã"]  # "- Phòng Văn hóa-xã hội xã chủ trì, ..."
    assert blocks[3].content.startswith("Tổ chức theo dõi, kiểm tra, giám sát")
    assert blocks[4].lead_units == [] and blocks[4].timeframe == "từ năm 2025 và các năm tiếp theo"
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


# ---------------------------------------------------------------------------
# Invented variants
# ---------------------------------------------------------------------------

DISTRICT_PLAN = """\
UBND TỈNH HẢI DƯƠNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
UBND HUYỆN GIA LỘC           Độc lập - Tự do - Hạnh phúc
Số: 05/KH-UBND               Gia Lộc, ngày 08 tháng 02 năm 2021

KẾ HOẠCH
Thực hiện công tác dân vận chính quyền
trên địa bàn huyện năm 2021

Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng
cường và đổi mới công tác dân vận;
Căn cứ Kế hoạch số 15-KH/HU ngày 20/01/2021 của Huyện ủy Gia Lộc về công tác dân
vận năm 2021, Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao nhận thức của cán bộ, công chức về công tác dân vận chính quyền.
2. Yêu cầu
Bám sát chỉ đạo của cấp trên; triển khai đồng bộ, hiệu quả.
II. NỘI DUNG
1. Tổ chức quán triệt các văn bản về công tác dân vận đến toàn thể cán bộ,
công chức, viên chức.
2. Thực hiện tốt Quy chế dân chủ ở cơ sở.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Nội vụ
- Tham mưu UBND huyện triển khai Kế hoạch; tổng hợp, báo cáo kết quả.
2. Văn phòng HĐND và UBND huyện
- Đăng tải Kế hoạch trên Cổng thông tin điện tử huyện.
3. UBND các xã, thị trấn
- Xây dựng kế hoạch thực hiện tại địa phương.
Trên đây là Kế hoạch thực hiện công tác dân vận chính quyền năm 2021 của UBND huyện Gia Lộc./.
Nơi nhận:
- Thường trực Huyện ủy;
- UBND các xã, thị trấn;
- Lưu: VT, NV.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn Bình
"""


def test_district_level_plan():
    plan = parse_plan(DISTRICT_PLAN)
    assert (plan.parent_agency, plan.agency) == ("UBND TỈNH HẢI DƯƠNG", "UBND HUYỆN GIA LỘC")
    assert (plan.number, plan.symbol, plan.place) == (5, "KH-UBND", "Gia Lộc")
    assert plan.issued_on == datetime.date(2021, 2, 8)
    assert plan.title == "Thực hiện công tác dân vận chính quyền trên địa bàn huyện năm 2021"
    assert [basis.opening for basis in plan.bases] == ["Căn cứ", "Căn cứ"]
    assert plan.bases[1].references[0].issuer == "Huyện ủy Gia Lộc"
    assert plan.intro == "Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:"
    assert plan.sections[1].children[0].text.endswith("cán bộ, công chức, viên chức.")
    assert tasks_by_lead(plan) == {"Phòng Nội vụ": 1, "Văn phòng HĐND và UBND huyện": 1, "UBND các xã, thị trấn": 1}
    assert plan.recipients == ["Thường trực Huyện ủy", "UBND các xã, thị trấn", "Lưu: VT, NV"]
    assert plan.signature.signer_name == "Nguyễn Văn Bình"
    assert_sentences_kept(DISTRICT_PLAN, plan, from_type_line=True)


PARTY_STYLE_PLAN = """\
ĐẢNG BỘ HUYỆN THANH HÀ             ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY XÃ THANH SƠN
*
Số 12-KH/ĐU                        Thanh Sơn, ngày 15 tháng 3 năm 2024

KẾ HOẠCH
tăng cường công tác dân vận năm 2024
-----
Thực hiện Hướng dẫn số 05-HD/BDVHU, ngày 01/3/2024 của Ban Dân vận Huyện ủy về công tác dân vận năm 2024,
Ban Thường vụ Đảng ủy xây dựng kế hoạch như sau:
I- MỤC ĐÍCH, YÊU CẦU
1- Nâng cao nhận thức của cấp ủy, chính quyền về công tác dân vận.
2- Phát huy quyền làm chủ của Nhân dân.
II- NHIỆM VỤ VÀ GIẢI PHÁP
1.1. Đổi mới nội dung, phương thức công tác dân vận.
1.2. Thực hiện tốt phong trào thi đua "Dân vận khéo".
III- TỔ CHỨC THỰC HIỆN
1- Ban Xây dựng Đảng: chủ trì, tham mưu Ban Thường vụ triển khai kế hoạch.
2- Ủy ban Mặt trận Tổ quốc và các đoàn thể: tuyên truyền, vận động đoàn viên, hội viên.
Trên đây là Kế hoạch tăng cường công tác dân vận năm 2024./.
Nơi nhận:
- Ban Dân vận Huyện ủy;
- Lưu VP.
T/M ĐẢNG ỦY
BÍ THƯ

Trần Văn Nam
"""


def test_party_style_numbering_and_header():
    plan = parse_plan(PARTY_STYLE_PLAN)
    assert (plan.parent_agency, plan.agency) == ("ĐẢNG BỘ HUYỆN THANH HÀ", "ĐẢNG ỦY XÃ THANH SƠN")
    assert (plan.number, plan.symbol) == (12, "KH/ĐU")
    assert plan.issued_on == datetime.date(2024, 3, 15)
    assert [(s.numbering, s.label) for s in plan.sections] == [("roman", "I"), ("roman", "II"), ("roman", "III")]
    assert [c.label for c in plan.sections[0].children] == ["1", "2"]
    assert [(c.numbering, c.label) for c in plan.sections[1].children] == [("decimal", "1.1"), ("decimal", "1.2")]
    assert plan.bases[0].references[0].number_symbol == "05-HD/BDVHU"
    assert plan.intro == "Ban Thường vụ Đảng ủy xây dựng kế hoạch như sau:"
    leads = tasks_by_lead(plan)
    assert leads == {"Ban Xây dựng Đảng": 1, "Ủy ban Mặt trận Tổ quốc và các đoàn thể": 1}
    assert plan.signature.authority_prefix == "T/M"
    assert (plan.signature.authority, plan.signature.position) == ("ĐẢNG ỦY", "BÍ THƯ")
    assert_sentences_kept(PARTY_STYLE_PLAN, plan, from_type_line=True)


DRAFT_PLAN = """\
ỦY BAN NHÂN DÂN
XÃ AN LÃO
Số:       /KH-UBND
An Lão, ngày     tháng 10 năm 2025
KẾ HOẠCH
Tổ chức Ngày truyền thống công tác dân vận
Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị;
Ủy ban nhân dân xã An Lão xây dựng Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Tôn vinh cán bộ làm công tác dân vận.
II. TỔ CHỨC THỰC HIỆN
Giao Phòng Văn hóa - Xã hội chủ trì tổ chức lễ kỷ niệm.
Trên đây là Kế hoạch tổ chức Ngày truyền thống./.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""


def test_draft_plan_without_number_or_date():
    plan = parse_plan(DRAFT_PLAN)
    assert plan.agency == "ỦY BAN NHÂN DÂN XÃ AN LÃO"
    assert (plan.number, plan.symbol) == (None, "KH-UBND")
    assert (plan.place, plan.issued_on) == ("An Lão", None)
    assert "Số văn bản để trống (có thể là bản dự thảo)." in plan.uncertain
    assert "Ngày ban hành để trống hoặc không hợp lệ." in plan.uncertain
    assert plan.signature.signer_name == ""
    assert "Không tìm thấy họ tên người ký." in plan.uncertain
    assert_sentences_kept(DRAFT_PLAN, plan, from_type_line=True)


NO_RECIPIENTS_PLAN = """\
KẾ HOẠCH
Tuyên truyền công tác dân vận năm 2025
Thực hiện Kế hoạch số 10/KH-UBND ngày 02/01/2025 của UBND thành phố; UBND phường Lê Chân ban hành Kế hoạch như sau:
I. NỘI DUNG
- Tuyên truyền trên hệ thống loa truyền thanh.
II. TỔ CHỨC THỰC HIỆN
- Trung tâm Dịch vụ sự nghiệp công: phát thanh hằng tuần.
Trên đây là Kế hoạch tuyên truyền công tác dân vận năm 2025./.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Thị Hoa
"""


def test_plan_without_recipients():
    plan = parse_plan(NO_RECIPIENTS_PLAN)
    assert plan.recipients == []
    assert "Không tìm thấy phần “Nơi nhận”." in plan.uncertain
    assert plan.signature.signer_name == "Lê Thị Hoa"
    assert plan.agency == "UBND phường Lê Chân"
    assert tasks_by_lead(plan) == {"Trung tâm Dịch vụ sự nghiệp công": 1}
    assert plan.all_tasks()[0].content == "phát thanh hằng tuần."
    assert_sentences_kept(NO_RECIPIENTS_PLAN, plan)


APPENDIX_PLAN = """\
ỦY BAN NHÂN DÂN
XÃ TIÊN LÃNG
Số: 20/KH-UBND
Tiên Lãng, ngày 10 tháng 3 năm 2025
KẾ HOẠCH
Công tác dân vận chính quyền năm 2025
Căn cứ Quyết định số 3177/QĐ-UBND ngày 06/8/2025 của Ủy ban nhân dân thành phố Hải Phòng;
Ủy ban nhân dân xã ban hành Kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Thực hiện hiệu quả công tác dân vận chính quyền.
II. NHIỆM VỤ CỤ THỂ
(Có Phụ lục kèm theo)
III. TỔ CHỨC THỰC HIỆN
Các phòng, đơn vị căn cứ Phụ lục để triển khai.
Trên đây là Kế hoạch công tác dân vận chính quyền năm 2025./.
Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Vũ Văn Hải

Phụ lục
DANH MỤC NHIỆM VỤ CÔNG TÁC DÂN VẬN NĂM 2025
(Kèm theo Kế hoạch số 20/KH-UBND ngày 10/3/2025 của UBND xã Tiên Lãng)
| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |
|---|---|---|---|---|---|
| 1 | Tuyên truyền Quy chế dân chủ ở cơ sở | Phòng Văn hóa - Xã hội | Trung tâm Dịch vụ sự nghiệp công, các thôn | Quý III/2025 | Tin, bài |
| 2 | Đối thoại với Nhân dân | Văn phòng HĐND và UBND | Phòng Kinh tế, Hạ tầng và Đô thị | Tháng 11/2025 | Báo cáo kết quả |
"""


def test_appendix_task_table():
    plan = parse_plan(APPENDIX_PLAN)
    assert len(plan.appendix_tasks) == 2
    first, second = plan.appendix_tasks
    assert first.marker == "1"
    assert first.content == "Tuyên truyền Quy chế dân chủ ở cơ sở"
    assert first.lead_units == ["Phòng Văn hóa - Xã hội"]
    assert first.coordinating_units == ["Trung tâm Dịch vụ sự nghiệp công", "các thôn"]
    assert (first.timeframe, first.expected_output) == ("Quý III/2025", "Tin, bài")
    assert second.lead_units == ["Văn phòng HĐND và UBND"]
    assert second.coordinating_units == ["Phòng Kinh tế, Hạ tầng và Đô thị"]
    assert plan.appendix_heading.startswith("Phụ lục\nDANH MỤC NHIỆM VỤ")
    assert plan.signature.signer_name == "Vũ Văn Hải"
    assert plan.sections[1].text == "(Có Phụ lục kèm theo)"
    assert_sentences_kept(APPENDIX_PLAN, plan, from_type_line=True)


WEB_PASTE_PLAN = (
    "ỦY BAN NHÂN DÂN XÃ AN PHÚ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Số: 15/KH-UBND | Độc lập - Tự do - Hạnh phúc\n"
    "| An Phú, ngày 3 tháng 4 năm 2025\n"
    "KẾ HOẠCH\n"
    "Tổ chức phong trào thi đua \u201cDân vận khéo\u201d năm 2025\n"
    "Căn cứ Hướng dẫn số 05-HD/BDVTU ngày 10/3/2025 của Ban Dân vận\u00a0Tỉnh ủy\n"
    "về phong trào thi đua \u201cDân vận khéo\u201d năm 2025;\n"
    "UBND xã An Phú ban hành kế hoạch như sau:\n"
    "I. MỤC ĐÍCH - YÊU CẦU:\n"
    "- Tạo sự chuyển biến về nhận thức, hành động của cán bộ,\n"
    "công chức.\u200b\n"
    "II. NỘI DUNG:\n"
    "1. Đăng ký mô hình\n"
    "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n"
    "|---|---|---|---|---|\n"
    "| 1 | Đăng ký mô hình “Dân vận khéo” | Các phòng, đơn vị sự nghiệp thuộc xã | Phòng Văn hóa - Xã hội | Trước 30/4/2025 |\n"
    "III. TỔ CHỨC THỰC HIỆN:\n"
    "- Phòng Văn hóa - Xã hội: tham mưu tổng hợp, báo cáo kết quả.\n"
    "- Phòng Kinh tế, Hạ tầng và Đô thị: bố trí kinh phí.\n"
    "Trên đây là Kế hoạch tổ chức phong trào thi đua “Dân vận khéo” năm 2025./.\n"
    "Nơi nhận: | TM. ỦY BAN NHÂN DÂN\n"
    "- UBND huyện; | CHỦ TỊCH\n"
    "- Lưu: VT. |\n"
    "| Trần Văn Bình\n"
)


def test_text_pasted_from_a_web_page():
    plan = parse_plan(WEB_PASTE_PLAN)
    assert plan.agency == "ỦY BAN NHÂN DÂN XÃ AN PHÚ"
    assert (plan.number, plan.symbol) == (15, "KH-UBND")
    assert plan.issued_on == datetime.date(2025, 4, 3)
    assert plan.bases[0].references[0].issuer == "Ban Dân vận Tỉnh ủy"
    assert plan.sections[0].heading == "MỤC ĐÍCH - YÊU CẦU"
    assert plan.sections[0].children[0].text.endswith("của cán bộ, công chức.")
    table_section = plan.sections[1].children[0]
    assert table_section.task_layout == "blocks"
    assert table_section.tasks[0].lead_units == ["Các phòng, đơn vị sự nghiệp thuộc xã"]
    assert table_section.tasks[0].timeframe == "Trước 30/4/2025"
    assert tasks_by_lead(plan)["Phòng Kinh tế, Hạ tầng và Đô thị"] == 1
    assert plan.recipients == ["UBND huyện", "Lưu: VT"]
    assert (plan.signature.authority, plan.signature.signer_name) == ("ỦY BAN NHÂN DÂN", "Trần Văn Bình")
    assert_sentences_kept(WEB_PASTE_PLAN, plan, from_type_line=True, until_recipients=True)


MARKDOWN_TWO_COLUMN_PLAN = """\
ỦY BAN NHÂN DÂN                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHƯỜNG HỒNG BÀNG                             Độc lập - Tự do - Hạnh phúc
                                         ________________________
Số: 108/KH-UBND                       Hồng Bàng, ngày 20 tháng 10 năm 2025

**KẾ HOẠCH**
**Tổ chức các hoạt động kỷ niệm 95 năm Ngày truyền thống công tác dân vận**
**của Đảng (15/10/1930 - 15/10/2025)**

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;

Căn cứ Kế hoạch số 60-KH/ĐU ngày 01/10/2025 của Đảng ủy phường về tổ chức các hoạt động kỷ niệm;

Để các hoạt động kỷ niệm diễn ra thiết thực, Ủy ban nhân dân phường ban hành Kế hoạch như sau:

**I. MỤC ĐÍCH, YÊU CẦU**

**1. Mục đích:** Tuyên truyền sâu rộng về truyền thống vẻ vang của công tác dân vận.

**2. Yêu cầu:** Tổ chức trang trọng, tiết kiệm, hiệu quả.

**II. NỘI DUNG**

a) Tổ chức tọa đàm về công tác dân vận.
- Cơ quan chủ trì: Phòng Văn hóa - Xã hội.
- Đơn vị phối hợp: Ủy ban MTTQ phường, Đoàn Thanh niên và Hội Liên hiệp Phụ nữ phường.
- Thời gian: tháng 10/2025.
- Sản phẩm: Báo cáo tọa đàm.

b) Tuyên truyền trên hệ thống loa phát thanh.
- Chủ trì: Trung tâm Dịch vụ sự nghiệp công.
- Thời gian thực hiện: từ ngày 01/10 đến ngày 15/10/2025.

**III. TỔ CHỨC THỰC HIỆN**

1. Phòng Văn hóa - Xã hội: Chủ trì, phối hợp với các đơn vị triển khai Kế hoạch; tổng hợp kết quả báo cáo UBND phường trước ngày 20/10/2025.

2. Giao Văn phòng HĐND và UBND phường bố trí kinh phí thực hiện.

Trên đây là Kế hoạch tổ chức các hoạt động kỷ niệm 95 năm Ngày truyền thống công tác dân vận của Đảng. Yêu cầu các đơn vị nghiêm túc triển khai thực hiện./.

**Nơi nhận:**                                     **TM. ỦY BAN NHÂN DÂN**
- Thường trực Đảng ủy phường;                        **KT. CHỦ TỊCH**
- Các phòng, đơn vị;                                 **PHÓ CHỦ TỊCH**
- Lưu: VT, VHXH.

                                                    (Đã ký)

                                                    **Đỗ Mạnh Hùng**
"""


def test_markdown_plan_with_two_column_signature_and_task_blocks():
    plan = parse_plan(MARKDOWN_TWO_COLUMN_PLAN)
    assert (plan.agency, plan.number, plan.place) == ("ỦY BAN NHÂN DÂN PHƯỜNG HỒNG BÀNG", 108, "Hồng Bàng")
    assert plan.title.endswith("của Đảng (15/10/1930 - 15/10/2025)")
    law = plan.bases[0].references[0]
    assert (law.doc_type, law.number_symbol, law.summary) == ("Luật", "", "Tổ chức chính quyền địa phương")
    assert law.issued_on == datetime.date(2025, 6, 16)
    assert plan.intro.startswith("Để các hoạt động kỷ niệm diễn ra thiết thực")
    purposes = plan.sections[0].children
    assert [(s.heading, s.text) for s in purposes] == [
        ("Mục đích", "Tuyên truyền sâu rộng về truyền thống vẻ vang của công tác dân vận."),
        ("Yêu cầu", "Tổ chức trang trọng, tiết kiệm, hiệu quả."),
    ]
    seminar, radio = (section.tasks[0] for section in plan.sections[1].children)
    assert seminar.content == "Tổ chức tọa đàm về công tác dân vận."
    assert seminar.lead_units == ["Phòng Văn hóa - Xã hội"]
    assert seminar.coordinating_units == ["Ủy ban MTTQ phường", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ phường"]
    assert (seminar.timeframe, seminar.expected_output) == ("tháng 10/2025", "Báo cáo tọa đàm")
    assert seminar.labels == {
        "lead": "Cơ quan chủ trì",
        "coordinating": "Đơn vị phối hợp",
        "timeframe": "Thời gian",
        "expected_output": "Sản phẩm",
    }
    assert radio.lead_units == ["Trung tâm Dịch vụ sự nghiệp công"]
    duties = [task for section in plan.sections[2].walk() for task in section.tasks]
    assert [task.lead_units for task in duties] == [["Phòng Văn hóa - Xã hội"], ["Văn phòng HĐND và UBND phường"]]
    assert plan.recipients == ["Thường trực Đảng ủy phường", "Các phòng, đơn vị", "Lưu: VT, VHXH"]
    signature = plan.signature
    assert (signature.authority, signature.position, signature.signer_name) == (
        "ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Đỗ Mạnh Hùng",
    )
    assert plan.uncertain == []
    assert_sentences_kept(MARKDOWN_TWO_COLUMN_PLAN, plan, from_type_line=True, until_recipients=True)


BLOCKS_AS_PLAIN_LINES = """\
KẾ HOẠCH
Tuyên truyền Luật Thực hiện dân chủ ở cơ sở
Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022; UBND xã Đông Hải ban hành Kế hoạch như sau:
I. NỘI DUNG
1. Tổ chức hội nghị quán triệt Luật
Cơ quan chủ trì: Phòng Văn hóa - Xã hội
Cơ quan phối hợp: Công an xã, các thôn
Thời gian thực hiện: Quý IV/2025
2. Tuyên truyền trên Zalo, Facebook của xã
- Trung tâm Dịch vụ sự nghiệp công thực hiện, cập nhật tin bài hằng tuần
II. TỔ CHỨC THỰC HIỆN
Đề nghị Ủy ban MTTQ xã phối hợp tuyên truyền đến các hội viên
Trên đây là Kế hoạch tuyên truyền Luật Thực hiện dân chủ ở cơ sở./.
"""


def test_task_fields_on_plain_lines_and_closing_after_unpunctuated_line():
    plan = parse_plan(BLOCKS_AS_PLAIN_LINES)
    meeting = plan.sections[0].children[0].tasks[0]
    assert meeting.content == "Tổ chức hội nghị quán triệt Luật"
    assert meeting.lead_units == ["Phòng Văn hóa - Xã hội"]
    assert meeting.coordinating_units == ["Công an xã", "các thôn"]
    assert meeting.timeframe == "Quý IV/2025"
    assert plan.sections[0].children[1].tasks == []  # no field line: a plain content item
    front = plan.sections[1]
    assert front.children[0].tasks[0].lead_units == ["Ủy ban MTTQ xã"]
    assert plan.closing == "Trên đây là Kế hoạch tuyên truyền Luật Thực hiện dân chủ ở cơ sở./."
    assert_sentences_kept(BLOCKS_AS_PLAIN_LINES, plan)


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


NESTED_IMPLEMENTATION = """\
KẾ HOẠCH
Công tác dân vận năm 2025
1. Mục đích, yêu cầu
- Nâng cao hiệu quả công tác dân vận.
2. Tổ chức thực hiện
a) Phòng Văn hóa - Xã hội: tham mưu, theo dõi, tổng hợp.
b) Công an xã: bảo đảm an ninh trật tự.
Trên đây là Kế hoạch công tác dân vận năm 2025./.
"""


def test_implementation_part_without_roman_numbering():
    plan = parse_plan(NESTED_IMPLEMENTATION)
    assert [s.heading for s in plan.sections] == ["Mục đích, yêu cầu", "Tổ chức thực hiện"]
    assert tasks_by_lead(plan) == {"Phòng Văn hóa - Xã hội": 1, "Công an xã": 1}
    assert_sentences_kept(NESTED_IMPLEMENTATION, plan)
