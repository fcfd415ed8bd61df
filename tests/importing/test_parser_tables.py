"""The plan text parser on task tables and pasted text: appendix tables, web pastes, Markdown, plain field lines.

Django-free, like test_parser_seeds.py.
"""

import datetime

from plans.importing import parse_plan
from tests.importing.parser_helpers import assert_sentences_kept, tasks_by_lead

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
    assert plan.sections[0].heading == "MỤC ĐÍCH - YÊU CẦU:"
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
        ("Mục đích:", "Tuyên truyền sâu rộng về truyền thống vẻ vang của công tác dân vận."),
        ("Yêu cầu:", "Tổ chức trang trọng, tiết kiệm, hiệu quả."),
    ]
    seminar, radio = (section.tasks[0] for section in plan.sections[1].children)
    assert seminar.content == "Tổ chức tọa đàm về công tác dân vận."
    assert seminar.lead_units == ["Phòng Văn hóa - Xã hội"]
    assert seminar.coordinating_units == ["Ủy ban MTTQ phường", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ phường"]
    assert (seminar.timeframe, seminar.expected_output) == ("tháng 10/2025.", "Báo cáo tọa đàm.")
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
