"""The Thượng Hồng 2025 campaign as data: the extra units, their heads, and one model per unit.

The campaign follows Kế hoạch 31/KH-UBND of 12/9/2025: every department and service unit
registers a model tied to its work by the end of September, and reports before 15/12/2025.
"""

import datetime

from models_registry.choices import RegistrationStatus
from units.choices import UnitKind

S = RegistrationStatus
DEMO_COMMUNE = "Ủy ban nhân dân xã Thượng Hồng"
CAMPAIGN_NAME = "Phong trào thi đua “Dân vận khéo” năm {year}"
# The demo "today" of each step, so deadline checks read as they did in 2025.
DURING_REGISTRATION = datetime.date(2025, 9, 25)

# Units of a commune after the 2025 merger that the unit fixture does not list; added under
# Thượng Hồng so the campaign has the spread of units a real commune has (name, abbreviation, kind).
EXTRA_UNITS = [
    ("Phòng Kinh tế", "KT", UnitKind.DEPARTMENT),
    ("Trung tâm Phục vụ hành chính công", "TTPVHCC", UnitKind.SERVICE_UNIT),
    ("Trạm Y tế xã Thượng Hồng", "TYT", UnitKind.SERVICE_UNIT),
    ("Trường Trung học cơ sở Thượng Hồng", "THCS", UnitKind.SERVICE_UNIT),
    ("Trường Tiểu học Thượng Hồng", "TH", UnitKind.SERVICE_UNIT),
    ("Trường Mầm non Thượng Hồng", "MN", UnitKind.SERVICE_UNIT),
]
# Heads of units that have none among the demo logins: people records only, no password.
HEADS = {
    "Phòng Văn hóa": ("dvk-vhxh", "Phạm Thị Hoa", "Trưởng phòng Văn hóa - Xã hội"),
    "Trung tâm Văn hóa": ("dvk-ttvh", "Vũ Văn Long", "Giám đốc Trung tâm Văn hóa Thể thao và Truyền thông"),
    "Phòng Kinh tế": ("dvk-kt", "Nguyễn Văn Thắng", "Trưởng phòng Kinh tế"),
    "Trung tâm Phục vụ": ("dvk-ttpv", "Đỗ Thị Thu", "Giám đốc Trung tâm Phục vụ hành chính công"),
    "Trạm Y tế": ("dvk-tyt", "Bùi Văn Khánh", "Trạm trưởng Trạm Y tế"),
    "Trường Trung học": ("dvk-thcs", "Lương Thị Mai", "Hiệu trưởng Trường THCS Thượng Hồng"),
    "Trường Tiểu học": ("dvk-th", "Hoàng Văn Tú", "Hiệu trưởng Trường Tiểu học Thượng Hồng"),
    "Trường Mầm non": ("dvk-mn", "Đinh Thị Yến", "Hiệu trưởng Trường Mầm non Thượng Hồng"),
}


def _model(name, field, problem, objectives, method, place, participants, resources, indicators, **extra):
    return {
        "name": name,
        "field": field,
        "problem": problem,
        "objectives": objectives,
        "method": method,
        "place_scope": place,
        "participants": participants,
        "resources": resources,
        "indicators": indicators,
        **extra,
    }


# One model per unit (matched by the start of its name), with the state it reaches in the demo.
MODELS = [
    (
        "Phòng Văn hóa",
        S.RECOGNIZED,
        _model(
            "Bình dân học vụ số: mỗi hộ một người biết dùng dịch vụ công trực tuyến",
            "Văn hóa - Xã hội",
            "Sau sáp nhập, nhiều hộ ở các thôn xa trụ sở chưa biết nộp hồ sơ trực tuyến, phải đi lại nhiều lần.",
            "Mỗi hộ có ít nhất một người biết cài VNeID và nộp hồ sơ dịch vụ công trực tuyến.",
            "Lập tổ công nghệ số cộng đồng ở từng thôn; mở lớp buổi tối tại nhà văn hóa; "
            "đoàn viên thanh niên hướng dẫn tận nhà người cao tuổi.",
            "Các thôn của xã Thượng Hồng",
            "Tổ công nghệ số cộng đồng, Đoàn Thanh niên, Hội Phụ nữ; người dân các thôn",
            "Kinh phí chuyển đổi số của xã; nhà văn hóa thôn; tình nguyện viên",
            [("Hộ có người biết nộp hồ sơ trực tuyến", "%", 35, 80, 86), ("Lớp hướng dẫn tổ chức", "lớp", 0, 20, 24)],
        ),
    ),
    (
        "Trung tâm Phục vụ",
        S.RECOGNIZED,
        _model(
            "Một cửa thân thiện, gần dân: “4 xin, 4 luôn”",
            "Dịch vụ hành chính công",
            "Người dân phản ánh phải chờ lâu và chưa được hướng dẫn kê khai hồ sơ đầy đủ.",
            "Nâng tỷ lệ hồ sơ đúng hạn và mức hài lòng của người dân tại bộ phận một cửa.",
            "Bố trí quầy hướng dẫn, máy tra cứu; công khai quy trình, lệ phí; thực hiện “4 xin, 4 luôn”; "
            "khảo sát hài lòng tại quầy và trực tuyến hằng tháng.",
            "Trung tâm Phục vụ hành chính công xã",
            "Công chức, viên chức của Trung tâm; người dân, doanh nghiệp đến giao dịch",
            "Kinh phí thường xuyên; máy tra cứu thông tin",
            [("Hồ sơ giải quyết đúng hạn", "%", 93, 98, 99), ("Người dân hài lòng", "%", 85, 95, 96)],
        ),
    ),
    (
        "Trung tâm Văn hóa",
        S.EVALUATED,
        _model(
            "Loa truyền thanh thông minh: tiếng nói chính quyền gần dân",
            "Văn hóa - Xã hội",
            "Thông tin về chính sách mới sau sáp nhập đến người dân chậm, nhiều thôn loa cũ hỏng.",
            "Mọi thôn nghe được bản tin của xã; người dân phản ánh được qua chuyên mục hỏi - đáp.",
            "Phát bản tin hằng ngày; chuyên mục “Dân hỏi - chính quyền trả lời” mỗi tuần; "
            "đăng lại bản tin trên trang Zalo của xã.",
            "Toàn xã",
            "Trung tâm Văn hóa Thể thao và Truyền thông; trưởng thôn; người dân",
            "Hệ thống loa thông minh; kinh phí sự nghiệp văn hóa",
            [
                ("Thôn phủ sóng loa thông minh", "thôn", 8, 15, 15),
                ("Câu hỏi của người dân được trả lời", "câu", 0, 100, 112),
            ],
        ),
    ),
    (
        "Trường Trung học",
        S.SELF_ASSESSED,
        _model(
            "Trường học an toàn, nói không với ma túy và bạo lực học đường",
            "Quốc phòng - An ninh",
            "Có học sinh sử dụng thuốc lá điện tử; nguy cơ bạo lực học đường qua mạng xã hội.",
            "Không có học sinh vi phạm pháp luật; phụ huynh cùng nhà trường quản lý học sinh.",
            "Phối hợp Công an xã tuyên truyền dưới cờ; lập nhóm Zalo phụ huynh từng lớp; hòm thư góp ý kín.",
            "Trường THCS Thượng Hồng",
            "Giáo viên chủ nhiệm, Công an xã, Hội cha mẹ học sinh; học sinh toàn trường",
            "Kinh phí hoạt động của nhà trường; xã hội hóa từ Hội cha mẹ học sinh",
            [("Học sinh vi phạm pháp luật", "em", 2, 0, 0), ("Buổi tuyên truyền pháp luật", "buổi", 4, 12, 13)],
        ),
    ),
    (
        "Phòng Kinh tế",
        S.IMPLEMENTING,
        _model(
            "Dân vận khéo trong giải phóng mặt bằng dự án đường trục xã",
            "Kinh tế",
            "Một số hộ chưa đồng thuận bàn giao mặt bằng, làm chậm dự án trọng điểm.",
            "Bàn giao đủ mặt bằng đúng tiến độ, không có khiếu nại vượt cấp.",
            "Đối thoại với từng hộ; công khai phương án bồi thường tại nhà văn hóa; "
            "người có uy tín trong thôn cùng vận động.",
            "Các thôn có tuyến đường đi qua",
            "Phòng Kinh tế, Mặt trận, trưởng thôn, người có uy tín; các hộ bị ảnh hưởng",
            "Kinh phí bồi thường của dự án",
            [("Hộ bàn giao mặt bằng", "hộ", 0, 46), ("Khiếu nại vượt cấp", "vụ", 3, 0)],
        ),
    ),
    (
        "Trạm Y tế",
        S.ACCEPTED,
        _model(
            "Vận động bảo hiểm y tế toàn dân “Đến từng nhà, hiểu từng người”",
            "Văn hóa - Xã hội",
            "Tỷ lệ tham gia bảo hiểm y tế hộ gia đình còn thấp ở nhóm lao động tự do.",
            "Nâng tỷ lệ người dân có thẻ bảo hiểm y tế.",
            "Nhân viên y tế thôn cùng chi hội phụ nữ đến từng hộ chưa có thẻ; hướng dẫn gia hạn trên VssID.",
            "Toàn xã",
            "Trạm Y tế, nhân viên y tế thôn, Hội Phụ nữ; hộ chưa có thẻ",
            "Kinh phí hỗ trợ của xã cho hộ cận nghèo",
            [("Người dân có thẻ bảo hiểm y tế", "%", 91, 95)],
        ),
    ),
    (
        "Trường Tiểu học",
        S.SUBMITTED,
        _model(
            "Mỗi thầy cô là một tuyên truyền viên an toàn giao thông",
            "Quốc phòng - An ninh",
            "Cổng trường ùn tắc giờ tan học; phụ huynh chở con không đội mũ bảo hiểm.",
            "Không có học sinh bị tai nạn giao thông; cổng trường thông thoáng.",
            "Phân luồng đón trả học sinh; giáo viên trực cổng; ký cam kết với phụ huynh.",
            "Trường Tiểu học Thượng Hồng",
            "Giáo viên, Công an xã; học sinh và phụ huynh",
            "",
            [("Phụ huynh ký cam kết", "%", 60, 100)],
        ),
    ),
    (
        "Văn phòng",
        S.RETURNED,
        _model(
            "Chính quyền lắng nghe: đối thoại định kỳ với người dân",
            "Văn phòng và Tư pháp",
            "Kiến nghị của người dân sau sáp nhập tăng, nhiều kiến nghị chưa được trả lời đúng hạn.",
            "Mọi kiến nghị được tiếp nhận, trả lời đúng hạn; đối thoại định kỳ hằng quý.",
            "Tổ chức đối thoại hằng quý; theo dõi kiến nghị trên sổ điện tử; công khai kết quả trả lời.",
            "Trụ sở UBND xã và các thôn",
            "Lãnh đạo UBND xã, Văn phòng HĐND và UBND; người dân",
            "Kinh phí thường xuyên",
            [("Kiến nghị được trả lời đúng hạn", "%", 80, 100)],
        ),
    ),
    (
        "Trường Mầm non",
        S.DRAFT,
        _model(
            "Cô giáo là mẹ hiền: phụ huynh cùng chăm trẻ",
            "Văn hóa - Xã hội",
            "Phụ huynh ít tham gia hoạt động của nhà trường.",
            "Phụ huynh tham gia các ngày hội của trường.",
            "Tổ chức ngày hội gia đình; nhóm Zalo lớp.",
            "Trường Mầm non Thượng Hồng",
            "Giáo viên, phụ huynh",
            "",
            [("Phụ huynh tham gia ngày hội", "%", 40, 70)],
        ),
    ),
]
# A first model of Phòng Kinh tế, dropped after the merger, before the one it carries out now.
DROPPED_MODEL = _model(
    "Vận động dồn điền, đổi thửa khắc phục ruộng bỏ hoang",
    "Kinh tế",
    "Nhiều thửa ruộng nhỏ bị bỏ hoang.",
    "Giảm diện tích ruộng bỏ hoang.",
    "Họp thôn vận động các hộ đổi thửa.",
    "Các thôn thuần nông",
    "Phòng Kinh tế, trưởng thôn; các hộ nông dân",
    "",
    [("Diện tích bỏ hoang được đưa vào sản xuất", "ha", 0, 12)],
)
DROP_REASON = "Sau sáp nhập, việc dồn điền đổi thửa do thành phố chỉ đạo chung; phòng đăng ký mô hình khác."
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: ["submit"],
    S.RETURNED: ["submit", "return"],
    S.ACCEPTED: ["submit", "accept"],
    S.IMPLEMENTING: ["submit", "accept", "start"],
    S.SELF_ASSESSED: ["submit", "accept", "start", "report"],
    S.EVALUATED: ["submit", "accept", "start", "report", "evaluate"],
    S.RECOGNIZED: ["submit", "accept", "start", "report", "evaluate", "recognize"],
}
