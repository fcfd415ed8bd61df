"""The plan text parser on invented layouts: district and Party headers, drafts, no recipients, plain numbering.

Django-free, like test_parser_seeds.py.
"""

import datetime

from plans.importing import parse_plan
from tests.importing.parser_helpers import DISTRICT_PLAN, assert_sentences_kept, tasks_by_lead

# ---------------------------------------------------------------------------
# Invented variants
# ---------------------------------------------------------------------------


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
