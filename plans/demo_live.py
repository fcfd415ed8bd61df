"""This year's demo plans, dated relative to the day the demo is built, so every role has work on that day.

The four seed plans (plans/demo.py) keep their own numbers and dates: they are the
fidelity fixtures of the importer. Beside them each demo commune gets an issued plan
of the current year whose tasks are on time, due soon and late, and Thượng Hồng (the
commune of the demo logins) also gets a plan waiting for its leader and one returned
to its official. Every move goes through the services, made by someone allowed to make
it, so history, audit rows and notifications are the real ones. Keyed by title, so
running it twice changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model

from plans.choices import Numbering, PlanKind, TimeframeKind
from plans.models import Plan
from units.choices import Role, UnitKind
from units.models import Unit

# The demo communes: place name -> a short ASCII key for the usernames of their (password-less) people.
COMMUNES = {"Thượng Hồng": "thuonghong", "Kim Thành": "kimthanh", "Gia Viên": "giavien", "Kẻ Sặt": "kesat"}
LOGIN_COMMUNE = "Thượng Hồng"
ISSUED_DAYS_AGO = 40

# A task: (content, lead unit name prefix, deadline in days from today, reports as (days ago, percent)).
ISSUED_TASKS = [
    ("Tổ chức hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân", "Văn phòng", 5, [(3, 40)]),
    ("Tổng hợp kiến nghị của cử tri gửi kỳ họp Hội đồng nhân dân", "Văn phòng", -8, [(20, 30)]),
    ("Rà soát, công khai thủ tục hành chính; giải quyết hồ sơ của người dân đúng hạn", "Văn phòng", 25, [(2, 100)]),
    ("Tuyên truyền chuyển đổi số trên đài truyền thanh và trang thông tin điện tử", "Phòng Văn", 40, [(10, 50)]),
    ("Báo cáo kết quả thực hiện Quy chế dân chủ ở cơ sở", "Phòng Văn", -15, []),
    ("Đăng tin, bài về gương điển hình “Dân vận khéo” của các đơn vị", "Trung tâm", 3, []),
]
OTHER_TASKS = [
    ("Tuyên truyền, vận động Nhân dân tham gia bảo hiểm y tế, bảo hiểm xã hội tự nguyện", "Phòng Văn", -12, [(25, 40)]),
    ("Vận động Nhân dân phân loại rác thải tại nguồn", "Trung tâm", 6, [(5, 60)]),
    ("Tổ chức đối thoại với Nhân dân về giải phóng mặt bằng", "Phòng Văn", 30, [(8, 100)]),
    ("Kiểm tra việc thực hiện mô hình “Dân vận khéo” ở các thôn", "Trung tâm", 20, []),
]
SUBMITTED_TASKS = [
    ("Xây dựng chuyên mục “Chuyển đổi số cho mọi nhà” trên trang thông tin điện tử xã", "Phòng Văn", 60, []),
    ("Thành lập tổ công nghệ số cộng đồng ở các thôn", "Văn phòng", 45, []),
]
RETURNED_TASKS = [("Tổ chức lớp tập huấn kỹ năng dân vận cho cán bộ thôn", "Văn phòng", 50, [])]
RETURN_COMMENT = "Đề nghị bổ sung kinh phí thực hiện và giao rõ đơn vị chủ trì từng nhiệm vụ; trình lại trước thứ Sáu."


def issued_title(year: int) -> str:
    return f"Kế hoạch thực hiện công tác dân vận chính quyền năm {year}"


def submitted_title(year: int) -> str:
    return f"Kế hoạch tuyên truyền, vận động Nhân dân tham gia chuyển đổi số năm {year}"


def returned_title(year: int) -> str:
    return f"Kế hoạch bồi dưỡng kỹ năng dân vận cho cán bộ cơ sở năm {year}"


def _person(username: str, *, unit: Unit, role: str, full_name: str, position: str):
    """Return a demo person (created without a password, so they cannot log in) or the existing one."""
    person, created = get_user_model().objects.get_or_create(
        username=username, defaults={"unit": unit, "role": role, "full_name": full_name, "position": position}
    )
    if created:
        person.set_unusable_password()
        person.save()
    return person


def commune_people(commune: Unit):
    """Return (official, leader) of a demo commune: the demo logins where there are some, else made here."""
    User = get_user_model()
    active = User.objects.filter(is_active=True).order_by("pk")
    official = active.filter(unit__parent=commune, role=Role.OFFICIAL).first()
    leader = active.filter(unit=commune, role=Role.LEADER).first()
    key = COMMUNES.get(commune.place_name, f"u{commune.pk}")
    if official is None:
        office = commune.children.filter(name__startswith="Phòng Văn").first() or commune.children.first()
        official = _person(
            f"demo.{key}.canbo", unit=office, role=Role.OFFICIAL, full_name="Chuyên viên " + commune.place_name,
            position="Chuyên viên Phòng Văn hóa - Xã hội",
        )  # fmt: skip
    if leader is None:
        leader = _person(
            f"demo.{key}.lanhdao", unit=commune, role=Role.LEADER, full_name="Chủ tịch UBND " + commune.place_name,
            position="Chủ tịch UBND xã",
        )  # fmt: skip
    return official, leader


def unit_head(unit: Unit, key: str):
    """Return the head of `unit`: a demo login if there is one, else a password-less person made here."""
    head = get_user_model().objects.filter(unit=unit, role=Role.UNIT_HEAD, is_active=True).order_by("pk").first()
    return head or _person(
        f"demo.{key}.tp{unit.pk}", unit=unit, role=Role.UNIT_HEAD, full_name=f"Thủ trưởng {unit.short_name or unit.name}",
        position=f"Thủ trưởng {unit.name}",
    )  # fmt: skip


def _lead(commune: Unit, prefix: str) -> Unit:
    children = commune.children.order_by("position", "pk")
    return children.filter(name__startswith=prefix).first() or children.first()


def _draft(*, commune: Unit, official, title: str, kind: str, today: datetime.date, tasks) -> Plan:
    """Write a draft plan with one section and its tasks, as the official would in the editor."""
    from plans.services import plan_create, section_add, task_add

    year = today.year
    plan = plan_create(
        by=official,
        issuing_unit=commune,
        title=title,
        kind=kind,
        period_label=f"năm {year}",
        period_start=today - datetime.timedelta(days=ISSUED_DAYS_AGO + 5),
        period_end=today + datetime.timedelta(days=200),
        intro="Thực hiện chương trình công tác năm của Ủy ban nhân dân, Ủy ban nhân dân xã ban hành kế hoạch như sau:",
    )
    section_add(plan=plan, numbering=Numbering.ROMAN, heading="MỤC ĐÍCH, YÊU CẦU", text="Nâng cao hiệu quả công tác.")
    work = section_add(plan=plan, numbering=Numbering.ROMAN, heading="NHIỆM VỤ, GIẢI PHÁP")
    for content, prefix, days, _reports in tasks:
        task_add(
            plan=plan,
            section=work,
            content=content,
            lead_units=[_lead(commune, prefix)],
            timeframe_kind=TimeframeKind.DEADLINE,
            due_date=today + datetime.timedelta(days=days),
        )
    return plan


def _issue_with_progress(*, plan: Plan, commune: Unit, official, leader, today: datetime.date, tasks) -> int:
    """Submit, approve and issue `plan` (dated 40 days ago), then report its tasks' progress; return the reports."""
    from plans.services import plan_approve, plan_issue, plan_submit, task_report_progress

    issued_on = today - datetime.timedelta(days=ISSUED_DAYS_AGO)
    plan = plan_submit(plan=plan, by=official)
    plan = plan_approve(plan=plan, by=leader, comment="Đồng ý.")
    plan = plan_issue(plan=plan, by=leader, on=issued_on)
    key = COMMUNES.get(commune.place_name, f"u{commune.pk}")
    written = 0
    for task, (_content, _prefix, _days, reports) in zip(plan.tasks.order_by("position", "pk"), tasks, strict=True):
        for days_ago, percent in reports:
            head = unit_head(task.lead_units.order_by("pk").first(), key)
            task_report_progress(
                task=task,
                by=head,
                reported_on=max(today - datetime.timedelta(days=days_ago), issued_on),
                percent=percent,
                text="Đã hoàn thành." if percent == 100 else "Đang triển khai theo kế hoạch.",
                today=today,
            )
            written += 1
    return written


def seed_commune_people() -> None:
    """Make sure every demo commune has its official and leader, before anything is signed or issued."""
    for commune in Unit.objects.filter(kind=UnitKind.COMMUNE, place_name__in=list(COMMUNES)):
        commune_people(commune)


def seed_live_plans(*, today: datetime.date) -> int:
    """Create this year's demo plans in every demo commune that lacks them; return how many plans were made."""
    from plans.services import plan_return, plan_submit

    made = 0
    for place in COMMUNES:
        commune = Unit.objects.filter(kind=UnitKind.COMMUNE, place_name=place).first()
        if commune is None:
            continue
        official, leader = commune_people(commune)
        title = issued_title(today.year)
        if not Plan.objects.filter(issuing_unit=commune, title=title).exists():
            tasks = ISSUED_TASKS if place == LOGIN_COMMUNE else OTHER_TASKS
            plan = _draft(
                commune=commune, official=official, title=title, kind=PlanKind.IMPLEMENTATION, today=today, tasks=tasks
            )
            _issue_with_progress(plan=plan, commune=commune, official=official, leader=leader, today=today, tasks=tasks)
            made += 1
        if place != LOGIN_COMMUNE:
            continue
        if not Plan.objects.filter(issuing_unit=commune, title=submitted_title(today.year)).exists():
            plan = _draft(
                commune=commune, official=official, title=submitted_title(today.year), kind=PlanKind.PROPAGANDA,
                today=today, tasks=SUBMITTED_TASKS,
            )  # fmt: skip
            plan_submit(plan=plan, by=official)
            made += 1
        if not Plan.objects.filter(issuing_unit=commune, title=returned_title(today.year)).exists():
            plan = _draft(
                commune=commune, official=official, title=returned_title(today.year), kind=PlanKind.IMPLEMENTATION,
                today=today, tasks=RETURNED_TASKS,
            )  # fmt: skip
            plan = plan_submit(plan=plan, by=official)
            plan_return(plan=plan, by=leader, comment=RETURN_COMMENT)
            made += 1
    return made


__all__ = ["COMMUNES", "commune_people", "seed_live_plans", "unit_head"]
