"""Demo data of the "Dân vận khéo" app: the Thượng Hồng 2025 campaign, and synthetic campaigns for benchmarks.

`seed_registry()` runs after the units (and, when present, the plans) demo data.
The 2025 campaign follows Kế hoạch 31/KH-UBND of 12/9/2025: every department
and service unit registers a model tied to its work by the end of September,
and reports before 15/12/2025. Every move goes through the services, so the
history is the one a real campaign would leave. Running it twice changes nothing.
"""

import datetime
from decimal import Decimal
from itertools import cycle

from django.contrib.auth import get_user_model
from django.db import transaction

from models_registry import services
from models_registry.choices import RegistrationStatus
from models_registry.models import Campaign, Criterion, Field, Indicator, Registration, RegistrationTransition
from plans.models import Plan
from units.choices import OPERATIONAL_KINDS, Role, UnitKind
from units.models import Unit

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


def _head_of(unit: Unit):
    """Return the unit's head: a demo login if there is one, else a person record without a password."""
    User = get_user_model()
    head = User.objects.filter(unit=unit, role=Role.UNIT_HEAD, is_active=True).order_by("pk").first()
    if head:
        return head
    for prefix, (username, full_name, position) in HEADS.items():
        if unit.name.startswith(prefix):
            head, created = User.objects.get_or_create(
                username=username,
                defaults={"unit": unit, "role": Role.UNIT_HEAD, "full_name": full_name, "position": position},
            )
            if created:
                head.set_unusable_password()
                head.save()
            return head
    return None


def _ensure_units(commune: Unit) -> None:
    last = max(commune.children.values_list("position", flat=True), default=0)
    for offset, (name, abbreviation, kind) in enumerate(EXTRA_UNITS, start=1):
        Unit.objects.get_or_create(
            parent=commune,
            name=name,
            defaults={
                "short_name": name,
                "abbreviation": abbreviation,
                "kind": kind,
                "place_name": commune.place_name,
                "position": last + offset,
            },
        )


def _walk(
    registration: Registration, target: str, *, achieved: dict[str, object], exemplary: bool, head, official, leader
) -> Registration:
    """Move a new draft to `target` through the services, each step by the person who takes it.

    `achieved` maps indicator names to the results reported (default: the target).
    """
    for step in PATHS[target]:
        if step == "submit":
            registration = services.registration_submit(registration=registration, by=head, today=DURING_REGISTRATION)
        elif step == "return":
            registration = services.registration_return(
                registration=registration,
                by=official,
                comment="Đề nghị bổ sung mốc thời gian cho từng chỉ tiêu và người phụ trách ở từng thôn.",
            )
        elif step == "accept":
            registration = services.registration_accept(registration=registration, by=official)
        elif step == "start":
            registration = services.registration_start(
                registration=registration, by=head, comment="Đã ra mắt mô hình tại hội nghị của đơn vị."
            )
        elif step == "report":
            results = {i.pk: achieved.get(i.name, i.target) for i in registration.indicators.all()}
            registration = services.registration_report(
                registration=registration,
                by=head,
                self_assessment="Đơn vị đã triển khai đủ các nội dung đăng ký; các chỉ tiêu đạt và vượt kế hoạch. "
                "Người dân đồng tình, tham gia tích cực; mô hình có thể duy trì và nhân rộng.",
                achieved=results,
            )
        elif step == "evaluate":
            scores = {c.pk: c.max_score - Decimal(c.position % 3) for c in registration.campaign.criteria.all()}
            registration = services.registration_evaluate(
                registration=registration, by=official, scores=scores, comment="Mô hình thiết thực, hiệu quả rõ."
            )
        elif step == "recognize":
            registration = services.registration_recognize(
                registration=registration,
                by=leader,
                level="commune",
                is_exemplary=exemplary,
                commendation_form="certificate",
                commendation_decision="512/QĐ-UBND",
                commendation_date=datetime.date(2025, 12, 22),
            )
    return registration


def _register(campaign, unit, head, model: dict) -> Registration:
    fields = dict(model)
    rows = fields.pop("indicators")
    field = Field.objects.get(owner__isnull=True, name=fields.pop("field"))
    registration = services.registration_create(
        campaign=campaign,
        by=head,
        today=DURING_REGISTRATION,
        field=field,
        indicators=[{"name": n, "measure": m, "baseline": b, "target": t} for n, m, b, t, *_ in rows],
        start_date=datetime.date(2025, 10, 1),
        end_date=datetime.date(2025, 12, 15),
        person_in_charge=head.get_full_name(),
        contact=f"{head.username}@thuonghong.haiphong.gov.vn",
        kind="model",
        subject="collective",
        origin="new",
        **fields,
    )
    return registration


@transaction.atomic
def seed_thuong_hong_campaign() -> Campaign | None:
    """Create the Thượng Hồng 2025 campaign and its registrations; return it, or None if it already exists."""
    commune = Unit.objects.filter(name=DEMO_COMMUNE, kind=UnitKind.COMMUNE).first()
    if commune is None:
        return None
    name = CAMPAIGN_NAME.format(year=2025)
    if Campaign.objects.filter(issuing_unit=commune, year=2025, name=name).exists():
        return None
    User = get_user_model()
    official = User.objects.filter(unit__parent=commune, role=Role.OFFICIAL, is_active=True).order_by("pk").first()
    leader = User.objects.filter(unit=commune, role=Role.LEADER, is_active=True).order_by("pk").first()
    if official is None or leader is None:
        return None
    _ensure_units(commune)
    plan = Plan.objects.filter(issuing_unit=commune, title__icontains="Dân vận khéo").order_by("pk").first()
    campaign = services.campaign_create(
        by=official,
        issuing_unit=commune,
        name=name,
        year=2025,
        plan=plan,
        registration_deadline=datetime.date(2025, 9, 30),
        report_deadline=datetime.date(2025, 12, 15),
    )
    units = {unit.name: unit for unit in campaign.eligible_units.all()}
    for prefix, target, model in MODELS:
        unit = next((u for n, u in units.items() if n.startswith(prefix)), None)
        head = _head_of(unit) if unit else None
        if head is None:
            continue
        if prefix == "Phòng Kinh tế":
            first = _register(campaign, unit, head, DROPPED_MODEL)
            services.registration_submit(registration=first, by=head, today=DURING_REGISTRATION)
            services.registration_drop(registration=first, by=head, comment=DROP_REASON)
        registration = _register(campaign, unit, head, model)
        achieved = {row[0]: row[4] for row in model["indicators"] if len(row) > 4}
        registration = _walk(
            registration,
            target,
            achieved=achieved,
            exemplary=prefix == "Phòng Văn hóa",
            head=head,
            official=official,
            leader=leader,
        )
        if target == S.RECOGNIZED and prefix == "Phòng Văn hóa":
            others = [u for n, u in units.items() if n.startswith("Trung tâm Văn hóa")]
            services.registration_replicate(registration=registration, by=leader, units=others)
    return campaign


# --- volume for benchmarks -------------------------------------------------------------------------

SCALE_YEARS = (2021, 2022, 2023, 2024, 2025)
SCALE_STATUSES = [S.RECOGNIZED, S.IMPLEMENTING, S.ACCEPTED, S.SUBMITTED, S.EVALUATED, S.NOT_RECOGNIZED, S.DRAFT]
SCALE_MODEL_NAMES = [
    "Một cửa thân thiện, gần dân",
    "Bình dân học vụ số",
    "Chợ văn minh thương mại",
    "Khu dân cư không có tội phạm",
    "Vận động bảo hiểm y tế toàn dân",
    "Tuyến đường sáng - xanh - sạch - đẹp",
    "Dân vận khéo trong giải phóng mặt bằng",
    "Trường học an toàn",
]


@transaction.atomic
def seed_scale(*, scale: int, communes_per_scale: int = 25, years=SCALE_YEARS, per_campaign: int = 5) -> int:
    """Add campaigns with registrations, by bulk_create, to the synthetic communes "Mẫu NNN"; return how many.

    Each of the first `scale * communes_per_scale` synthetic communes gets a campaign per year, with
    `per_campaign` of its operational units registered in mixed states. Communes that already have
    campaigns are skipped, so running again adds nothing.
    """
    User = get_user_model()
    author, _created = User.objects.get_or_create(username="dvk-tonghop", defaults={"full_name": "Dữ liệu tổng hợp"})
    communes = list(
        Unit.objects.filter(kind=UnitKind.COMMUNE, name__startswith="Ủy ban nhân dân xã Mẫu ")
        .exclude(dvk_campaigns__isnull=False)
        .order_by("name")[: scale * communes_per_scale]
    )
    if not communes:
        return 0
    units_by_commune: dict[int, list[Unit]] = {}
    for unit in Unit.objects.filter(parent__in=communes, kind__in=OPERATIONAL_KINDS).order_by("position", "pk"):
        units_by_commune.setdefault(unit.parent_id, []).append(unit)
    default_fields = services.default_fields()
    campaigns = Campaign.objects.bulk_create(
        Campaign(
            issuing_unit=commune,
            year=year,
            name=CAMPAIGN_NAME.format(year=year),
            registration_deadline=datetime.date(year, 9, 30),
            report_deadline=datetime.date(year, 12, 15),
            created_by=author,
        )
        for commune in communes
        for year in years
    )
    Eligible = Campaign.eligible_units.through
    Offered = Campaign.offered_fields.through
    Eligible.objects.bulk_create(
        Eligible(campaign_id=c.pk, unit_id=u.pk) for c in campaigns for u in units_by_commune.get(c.issuing_unit_id, [])
    )
    Offered.objects.bulk_create(Offered(campaign_id=c.pk, field_id=f.pk) for c in campaigns for f in default_fields)
    Criterion.objects.bulk_create(
        Criterion(campaign=c, position=1, name="Hiệu quả thiết thực, có khả năng nhân rộng", max_score=100)
        for c in campaigns
    )
    statuses, names, fields = cycle(SCALE_STATUSES), cycle(SCALE_MODEL_NAMES), cycle(default_fields)
    registrations = []
    for campaign in campaigns:
        for unit in units_by_commune.get(campaign.issuing_unit_id, [])[:per_campaign]:
            status = next(statuses)
            decided = status in (S.RECOGNIZED, S.NOT_RECOGNIZED, S.EVALUATED)
            registrations.append(
                Registration(
                    campaign=campaign,
                    unit=unit,
                    name=f"{next(names)} ({unit.short_name or unit.name}, {campaign.year})",
                    field=next(fields),
                    problem="Vấn đề người dân quan tâm tại địa bàn.",
                    objectives="Giải quyết dứt điểm, được người dân đồng tình.",
                    method="Tuyên truyền, vận động, đối thoại với người dân.",
                    place_scope=campaign.issuing_unit.name,
                    participants="Cán bộ đơn vị; người dân",
                    start_date=datetime.date(campaign.year, 10, 1),
                    end_date=datetime.date(campaign.year, 12, 15),
                    person_in_charge="Người phụ trách",
                    contact="vanphong@example.invalid",
                    status=status,
                    exclusive=True,
                    created_by=author,
                    total_score=Decimal(90) if decided else None,
                    recognition_level="commune" if status == S.RECOGNIZED else "",
                )
            )
    for registration in registrations:
        registration.search_text = registration.index_text()  # bulk_create skips save()
    registrations = Registration.objects.bulk_create(registrations, batch_size=2000)
    Indicator.objects.bulk_create(
        (
            Indicator(
                registration=r,
                position=1,
                name="Tỷ lệ người dân hài lòng",
                measure="%",
                baseline=Decimal(80),
                target=Decimal(95),
                achieved=Decimal(96) if r.status in (S.RECOGNIZED, S.NOT_RECOGNIZED, S.EVALUATED) else None,
            )
            for r in registrations
        ),
        batch_size=2000,
    )
    RegistrationTransition.objects.bulk_create(
        (
            RegistrationTransition(registration=r, from_status=S.DRAFT, to_status=S.SUBMITTED, by=author)
            for r in registrations
            if r.status != S.DRAFT
        ),
        batch_size=2000,
    )
    return len(registrations)


def seed_registry(*, scale: int = 0) -> dict[str, int]:
    """Create the demo "Dân vận khéo" data; with `scale`, add synthetic campaigns in volume.

    Idempotent: the Thượng Hồng campaign is created once, and synthetic communes that
    already have campaigns are skipped. Returns what was created, for the command to print.
    """
    campaign = seed_thuong_hong_campaign()
    created = {
        "campaigns": 1 if campaign else 0,
        "registrations": campaign.registrations.count() if campaign else 0,
    }
    if scale:
        created["scale_registrations"] = seed_scale(scale=scale)
    return created
