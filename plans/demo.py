"""Demo data of the plans app: the four seed plans, read by the importer and saved through the services,
and the progress of their tasks (with synthetic volume for benchmarks)."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from plans.importing import parse_plan
from plans.importing.persist import import_parsed_plan
from plans.models import Plan, Task
from units.choices import Role, UnitKind
from units.models import Unit

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
# Seed file -> place name of the commune or ward that issued it.
SEED_COMMUNES = {
    "thuong-hong-2025-dan-van-kheo.txt": "Thượng Hồng",
    "kim-thanh-2025-tuyen-truyen.txt": "Kim Thành",
    "gia-vien-2025-trien-khai.txt": "Gia Viên",
    "ke-sat-2025-2030-chuong-trinh-phoi-hop.txt": "Kẻ Sặt",
}


def seed_plans() -> list[tuple[str, Plan, list[str]]]:
    """Import each seed plan once; return (file, plan, unmatched unit names) for those created now."""
    created = []
    author = get_user_model().objects.filter(role=Role.OFFICIAL).order_by("pk").first()
    for filename, place in SEED_COMMUNES.items():
        commune = Unit.objects.get(kind=UnitKind.COMMUNE, place_name=place)
        parsed = parse_plan((SEEDS / filename).read_text(encoding="utf-8"))
        if Plan.objects.filter(issuing_unit=commune, title=parsed.title[:500]).exists():
            continue
        by = get_user_model().objects.filter(unit__parent=commune, role=Role.OFFICIAL).first() or author
        report = import_parsed_plan(parsed=parsed, issuing_unit=commune, by=by)
        created.append((filename, report.plan, report.unmatched_units))
    return created


# --- task progress ------------------------------------------------------------------------------

# The Thượng Hồng plan's tasks in order: deadlines its text states, then the reports its units make.
# Each report: (days after the plan's issue, percent, what was done); a comment has percent None.
THUONG_HONG_PROGRESS = [
    # 1. Khen thưởng các gương điển hình: in progress.
    {
        "reports": [
            (28, 20, "Đã đề nghị các Phòng, đơn vị giới thiệu gương điển hình trong phong trào."),
            (60, 40, "Đã tổng hợp 12 gương điển hình; đang lấy ý kiến Ban xây dựng Đảng."),
        ]
    },
    # 2. Tổng hợp kiến nghị, phản ánh: in progress.
    {"reports": [(45, 60, "Đã tổng hợp 9 kiến nghị của UB MTTQ và các đoàn thể; 5 kiến nghị đã được trả lời.")]},
    # 3. Báo cáo BTV Đảng ủy "trước ngày 15/12/2025": late, stuck at 60%.
    {
        "deadline": datetime.date(2025, 12, 15),
        "reports": [(70, 60, "Đã có dự thảo báo cáo; còn chờ số liệu của Trung tâm Văn hóa Thể thao và Truyền thông.")],
    },
    # 4. Đăng ký mô hình "trong tháng 9 năm 2025": done on time, with the registration list attached.
    {
        "deadline": datetime.date(2025, 9, 30),
        "reports": [
            (6, 50, "Đã hướng dẫn các Phòng, đơn vị mẫu đăng ký mô hình."),
            (15, 100, "Đủ 100% Phòng, đơn vị đã đăng ký mô hình; bản tổng hợp gửi Phòng Văn hóa – Xã hội."),
        ],
        "evidence": "Danh sách đăng ký mô hình Dân vận khéo 2025.pdf",
    },
    # 5. Kiểm tra, đôn đốc: in progress.
    {"reports": [(50, 30, "Đã kiểm tra 3/8 mô hình tại các Phòng, đơn vị.")]},
    # 6. Thông tin, tuyên truyền: done.
    {
        "reports": [
            (20, 50, "Đã mở chuyên mục “Dân vận khéo” trên trang thông tin điện tử xã."),
            (75, 100, "Đã đăng 18 tin, bài và phát 6 chương trình trên đài truyền thanh."),
        ]
    },
    # 7. Phát hiện nhân tố mới: not started, with a comment from the office following it up.
    {"comment": (40, "Đề nghị Trung tâm gửi danh sách nhân tố mới trước kỳ báo cáo năm.")},
]

# People who report for the seed units that have no demo login; they cannot log in.
REPORTERS = {
    "Phòng Văn hóa": ("demo.tp.vhxh", "Phạm Thị Hoa", "Trưởng phòng Văn hóa - Xã hội"),
    "Trung tâm Văn hóa": ("demo.gd.ttvh", "Đỗ Văn Nam", "Giám đốc Trung tâm Văn hóa Thể thao và Truyền thông"),
}

# A minimal one-page PDF, the demo's evidence file.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _reporter(units: list[Unit]):
    """Return the head of the first lead unit that has one, else a demo head (without a password) of a seed unit."""
    from units.models import User

    head = User.objects.filter(unit__in=units, role=Role.UNIT_HEAD, is_active=True).order_by("pk").first()
    if head:
        return head
    for unit in units:
        for prefix, (username, full_name, position) in REPORTERS.items():
            if unit.name.startswith(prefix):
                person, created = User.objects.get_or_create(
                    username=username,
                    defaults={"full_name": full_name, "position": position, "unit": unit, "role": Role.UNIT_HEAD},
                )
                if created:
                    person.set_unusable_password()
                    person.save()
                return person
    return None


def seed_thuong_hong_progress(*, today: datetime.date | None = None) -> int:
    """Give the tasks of the issued Thượng Hồng plan their progress reports, once; return how many were written."""
    from django.utils import timezone

    from plans.choices import TimeframeKind
    from plans.models import ProgressUpdate
    from plans.rules import task_lead_unit_ids
    from plans.services import task_comment, task_report_progress

    today = today or timezone.localdate()
    commune = Unit.objects.filter(kind=UnitKind.COMMUNE, place_name="Thượng Hồng").first()
    plan = (
        Plan.objects.issued().filter(issuing_unit=commune, title__contains="Dân vận khéo").order_by("pk").first()
        if commune
        else None
    )
    if plan is None or ProgressUpdate.objects.filter(task__plan=plan).exists():
        return 0
    written = 0
    for task, script in zip(plan.tasks.order_by("position", "pk"), THUONG_HONG_PROGRESS, strict=False):
        if "deadline" in script:
            task.timeframe_kind, task.due_date = TimeframeKind.DEADLINE, script["deadline"]
            task._change_reason = "Ghi hạn hoàn thành theo nội dung văn bản"
            task.save(update_fields=["timeframe_kind", "due_date", "updated_at"])
        units = list(Unit.objects.filter(pk__in=task_lead_unit_ids(task)).order_by("position", "pk"))
        reporter = _reporter(units)
        for offset, percent, text in script.get("reports", []):
            day = min(plan.issued_on + datetime.timedelta(days=offset), today)
            if reporter is None:
                break
            files = []
            if percent == 100 and script.get("evidence"):
                files = [_demo_file(script["evidence"])]
            task_report_progress(task=task, by=reporter, reported_on=day, percent=percent, text=text, files=files)
            written += 1
        if "comment" in script:
            offset, text = script["comment"]
            task_comment(task=task, by=plan.created_by, text=text, today=plan.issued_on + datetime.timedelta(offset))
            written += 1
    return written


def _demo_file(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


# Synthetic volume: per synthetic commune, plans of this many tasks, spread over its twelve units.
SCALE_PLANS_PER_COMMUNE = 8
SCALE_TASKS_PER_PLAN = 50
SCALE_CONTENTS = [
    "Tuyên truyền, phổ biến Nghị quyết về công tác dân vận đến cán bộ, công chức và Nhân dân",
    "Tổ chức đối thoại với Nhân dân về giải phóng mặt bằng dự án",
    "Vận động Nhân dân tham gia bảo hiểm y tế, bảo hiểm xã hội tự nguyện",
    "Kiểm tra, đôn đốc thực hiện mô hình “Dân vận khéo” tại các đơn vị",
    "Xây dựng chuyên mục tuyên truyền trên trang thông tin điện tử và Zalo",
    "Tổng hợp, báo cáo kết quả thực hiện công tác dân vận chính quyền",
    "Tiếp nhận, giải quyết phản ánh, kiến nghị của người dân đúng hạn",
    "Vận động Nhân dân giữ gìn vệ sinh môi trường, phân loại rác tại nguồn",
]


def seed_task_scale(*, scale: int, today: datetime.date | None = None) -> int:
    """Add `scale` × 10,000 tracked tasks with progress reports, by bulk_create; return how many tasks were added.

    The tasks go to issued synthetic plans of the synthetic communes "Ủy ban nhân
    dân xã Mẫu NNN" (seed_demo --scale creates 25 per step), 400 per commune over
    its twelve units, with deadlines, periods, recurring and regular timeframes
    and updates spread over dates. Communes that have synthetic plans already are
    skipped, so running again adds nothing.
    """
    from django.contrib.auth.hashers import make_password
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from danvan.text import fold
    from plans.choices import PlanKind, PlanStatus, Recurrence, TaskStatus, TimeframeKind
    from plans.models import ProgressUpdate
    from plans.schedule import next_due

    today = today or timezone.localdate()
    wanted_communes = scale * 10_000 // (SCALE_PLANS_PER_COMMUNE * SCALE_TASKS_PER_PLAN)
    author, _created = get_user_model().objects.get_or_create(
        username="nhiemvu-tonghop", defaults={"full_name": "Dữ liệu tổng hợp", "password": make_password(None)}
    )
    synthetic = Plan.objects.filter(issuing_unit=OuterRef("pk"), created_by=author)
    communes = list(
        Unit.objects.filter(kind=UnitKind.COMMUNE, name__startswith="Ủy ban nhân dân xã Mẫu ")
        .exclude(Exists(synthetic))
        .order_by("name")[:wanted_communes]
    )
    if not communes:
        return 0
    units: dict[int, list[int]] = {}
    for unit_id, parent_id in (
        Unit.objects.filter(parent__in=communes).order_by("position", "pk").values_list("pk", "parent_id")
    ):
        units.setdefault(parent_id, []).append(unit_id)
    kinds = PlanKind.values
    periods = [
        (datetime.date(2025, 7, 1), datetime.date(2025, 12, 31), "6 tháng cuối năm 2025", datetime.date(2025, 7, 10)),
        (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), "năm 2026", datetime.date(2026, 1, 12)),
    ]
    plans = Plan.objects.bulk_create(
        [
            Plan(
                issuing_unit=commune,
                created_by=author,
                title=f"Kế hoạch thực hiện công tác dân vận chính quyền {periods[n % 2][2]} (số {n + 1})",
                symbol="KH-UBND",
                place_name=commune.place_name,
                kind=kinds[n % len(kinds)],
                period_start=periods[n % 2][0],
                period_end=periods[n % 2][1],
                period_label=periods[n % 2][2],
                status=PlanStatus.ISSUED,
                number=n + 1,
                year=periods[n % 2][3].year,
                issued_on=periods[n % 2][3],
                signer_name="Chủ tịch UBND xã",
                search_text=fold(f"ke hoach cong tac dan van chinh quyen {periods[n % 2][2]}"),
            )
            for commune in communes
            for n in range(SCALE_PLANS_PER_COMMUNE)
        ],
        batch_size=1000,
    )
    timeframes = [
        (TimeframeKind.REGULAR, ""),
        (TimeframeKind.DEADLINE, ""),
        (TimeframeKind.REGULAR, ""),
        (TimeframeKind.DEADLINE, ""),
        (TimeframeKind.PERIOD, ""),
        (TimeframeKind.RECURRING, Recurrence.QUARTERLY),
        (TimeframeKind.DEADLINE, ""),
        (TimeframeKind.RECURRING, Recurrence.MONTHLY),
        (TimeframeKind.WHEN_DIRECTED, ""),
        (TimeframeKind.REGULAR, ""),
    ]
    tasks, leads, reports = [], [], []
    for plan in plans:
        span = (plan.period_end - plan.period_start).days
        commune_units = units.get(plan.issuing_unit_id) or [plan.issuing_unit_id]
        for index in range(SCALE_TASKS_PER_PLAN):
            seed = plan.pk * 131 + index * 17
            kind, recurrence = timeframes[index % len(timeframes)]
            due = plan.period_start + datetime.timedelta(days=20 + seed % max(span - 20, 1))
            content = f"{SCALE_CONTENTS[seed % len(SCALE_CONTENTS)]} (nhiệm vụ {index + 1})"
            # Reports: most tasks whose date has passed are done, later ones are under way or not started;
            # dated after the plan's issue and never after today.
            roll = seed % 10
            if due < today:
                percents = (
                    [50, 100] if roll < 5 else [100] if roll < 7 else [40] if roll < 8 else [30, 70] if roll < 9 else []
                )
            else:
                percents = [100] if roll < 2 else [20 + roll * 5] if roll < 5 else [30, 60] if roll < 6 else []
            report_days = sorted(
                min(plan.issued_on + datetime.timedelta(days=15 + (seed + 40 * k) % 150), today)
                for k in range(len(percents))
            )
            last = max(report_days) if report_days else None
            progress = percents[-1] if percents else 0
            task = Task(
                plan=plan,
                position=index + 1,
                content=content,
                search_text=fold(content),
                timeframe_kind=kind,
                recurrence=recurrence,
                start_date=plan.period_start if kind == TimeframeKind.PERIOD else None,
                end_date=due if kind == TimeframeKind.PERIOD else None,
                due_date=due if kind == TimeframeKind.DEADLINE else None,
                status=TaskStatus.DONE
                if progress == 100
                else TaskStatus.IN_PROGRESS
                if progress
                else TaskStatus.NOT_STARTED,
                progress=progress,
                last_reported_on=last,
            )
            task.next_due_on = next_due(
                timeframe_kind=kind,
                recurrence=recurrence,
                start_date=task.start_date,
                end_date=task.end_date,
                due_date=task.due_date,
                plan_start=plan.period_start,
                plan_end=plan.period_end,
                plan_year=plan.year,
                last_reported=last,
            )
            tasks.append(task)
            leads.append(commune_units[(plan.pk + index) % len(commune_units)])
            reports.append(list(zip(report_days, percents, strict=True)))
    tasks = Task.objects.bulk_create(tasks, batch_size=2000)
    Task.lead_units.through.objects.bulk_create(
        (Task.lead_units.through(task_id=task.pk, unit_id=unit_id) for task, unit_id in zip(tasks, leads, strict=True)),
        batch_size=5000,
    )
    ProgressUpdate.objects.bulk_create(
        (
            ProgressUpdate(
                task_id=task.pk,
                reported_on=day,
                percent=percent,
                previous_percent=previous,
                text="Đã triển khai theo kế hoạch." if percent < 100 else "Đã hoàn thành.",
                author=author,
                author_unit_id=unit_id,
            )
            for task, unit_id, task_reports in zip(tasks, leads, reports, strict=True)
            for (day, percent), previous in zip(task_reports, [0] + [p for _d, p in task_reports], strict=False)
        ),
        batch_size=5000,
    )
    return len(tasks)


@transaction.atomic
def seed_task_progress(*, scale: int = 0) -> dict[str, int]:
    """Give the seed plans' tasks their progress; with `scale`, add scale × 10,000 synthetic tracked tasks.

    Idempotent: the Thượng Hồng reports are written once, and synthetic
    communes that already have synthetic plans are skipped.
    """
    return {
        "updates": seed_thuong_hong_progress(),
        "tasks": seed_task_scale(scale=scale) if scale else 0,
    }
