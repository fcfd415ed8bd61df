"""What waits for those who oversee rather than do: a supervisor over communes, and the administrator."""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from danvan.models import AuditAction, AuditEntry
from models_registry.models import Campaign
from reports.choices import PartStatus
from reports.models import UnitPart
from reports.selectors.cache import period_figures
from reports.selectors.home.items import HOME_LIST_LIMIT, WorkItem, WorkList, first_rows
from reports.selectors.periods import Period
from reports.selectors.rollup import rollup_figures
from units.models import User

# How far back the administrator's list of failed logins looks.
FAILED_LOGIN_DAYS = 7


# --- a supervisor --------------------------------------------------------------------------------


def commune_alerts(*, user, today: datetime.date) -> dict[str, WorkList]:
    """Return the communes under `user` that need a look: late report parts, late tasks, coverage below target.

    Late tasks and coverage are the roll-up's own figures for the current half-year
    (`rollup_figures`), so the home and the roll-up never disagree; each list puts the
    worst commune first and links to its dashboard or its late tasks.
    """
    period = Period.containing(today)
    root = user.scope.root
    rows = period_figures(f"rollup:{root.pk}", period, today, lambda: rollup_figures(root, period, today=today))
    commune_ids = [row["id"] for row in rows]
    names = {row["id"]: row["name"] for row in rows}
    late_parts = dict(
        UnitPart.objects.filter(cycle__government_id__in=commune_ids, cycle__deadline__lt=today)
        .exclude(status=PartStatus.SUBMITTED)
        .order_by()
        .values("cycle__government_id")
        .annotate(n=Count("pk"))
        .values_list("cycle__government_id", "n")
    )
    targets = dict(
        Campaign.objects.filter(issuing_unit_id__in=commune_ids, year=period.year)
        .order_by()
        .values("issuing_unit_id")
        .annotate(target=Max("target_percent"))
        .values_list("issuing_unit_id", "target")
    )

    def dashboard(pk: int) -> str:
        return reverse("reports:commune_dashboard", args=[pk])

    parts = sorted(late_parts.items(), key=lambda pair: (-pair[1], names.get(pair[0], "")))
    part_items = [
        WorkItem(names[pk], dashboard(pk), ["phần báo cáo quá hạn"], late=True, figure=n)
        for pk, n in parts
        if pk in names
    ]
    tasks = sorted((row for row in rows if row["tasks_late"]), key=lambda row: (-row["tasks_late"], row["name"]))
    task_items = [
        WorkItem(
            row["name"],
            f"{reverse('tasks:task_list')}?commune={row['id']}&overdue=on",
            ["nhiệm vụ quá hạn"],
            late=True,
            figure=row["tasks_late"],
        )
        for row in tasks
    ]
    below = sorted(
        (row for row in rows if row["id"] in targets and row["coverage_percent"] < targets[row["id"]]),
        key=lambda row: (row["coverage_percent"], row["name"]),
    )
    coverage_items = [
        WorkItem(
            row["name"],
            dashboard(row["id"]),
            [
                f"{row['counted']}/{row['eligible']} đơn vị có mô hình",
                f"đạt {row['coverage_percent']}%, chỉ tiêu {targets[row['id']]}%",
            ],
        )
        for row in below
    ]
    rollup = reverse("reports:rollup")
    return {
        "late_parts": WorkList(
            "communes-late-parts", "Xã chậm nộp báo cáo", "Xem", len(part_items), part_items[:HOME_LIST_LIMIT], rollup
        ),
        "late_tasks": WorkList(
            "communes-late-tasks",
            "Xã có nhiệm vụ quá hạn",
            "Xem",
            len(task_items),
            task_items[:HOME_LIST_LIMIT],
            rollup,
        ),
        "coverage": WorkList(
            "communes-coverage",
            "Xã chưa đạt chỉ tiêu “Dân vận khéo”",
            "Xem",
            len(coverage_items),
            coverage_items[:HOME_LIST_LIMIT],
            rollup,
        ),
    }


# --- the administrator ---------------------------------------------------------------------------


def people_without_workplace() -> WorkList:
    """Return the active accounts without a unit or a role (administrators aside), the newest first."""
    people = (
        User.objects.filter(Q(unit__isnull=True) | Q(role=""), is_active=True, is_staff=False, is_superuser=False)
        .only("pk", "username", "full_name", "date_joined")
        .order_by("-date_joined", "-pk")
    )
    rows, count = first_rows(people)
    items = [
        WorkItem(p.get_full_name() or p.username, reverse("admin:units_user_change", args=[p.pk]), [p.username])
        for p in rows
    ]
    more = reverse("admin:units_user_changelist")
    return WorkList("without-workplace", "Tài khoản chưa được phân công", "Phân công", count, items, more)


def locked_accounts(*, now: datetime.datetime | None = None) -> WorkList:
    """Return the logins django-axes is refusing now (too many failures within the cool-off), the latest first."""
    now = now or timezone.now()
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=now - settings.AXES_COOLOFF_TIME
    ).order_by("-attempt_time", "-pk")
    rows, count = first_rows(attempts)
    items = [
        WorkItem(
            a.username or "(không rõ)",
            reverse("admin:axes_accessattempt_change", args=[a.pk]),
            [
                a.ip_address or "",
                f"{a.failures_since_start} lần sai",
                timezone.localtime(a.attempt_time).strftime("%H:%M %d/%m/%Y"),
            ],
            late=True,
        )
        for a in rows
    ]
    more = reverse("admin:axes_accessattempt_changelist")
    return WorkList("locked-accounts", "Tài khoản đang bị khóa", "Mở khóa", count, items, more)


def failed_logins(*, now: datetime.datetime | None = None) -> WorkList:
    """Return the failed logins of the last FAILED_LOGIN_DAYS days from the audit trail, the latest first."""
    now = now or timezone.now()
    entries = AuditEntry.objects.filter(
        action=AuditAction.LOGIN_FAILED, at__gte=now - datetime.timedelta(days=FAILED_LOGIN_DAYS)
    ).order_by("-at", "-pk")
    rows, count = first_rows(entries)
    items = [
        WorkItem(
            e.username or "(không rõ)",
            reverse("admin:danvan_auditentry_change", args=[e.pk]),
            [e.ip_address or "", timezone.localtime(e.at).strftime("%H:%M %d/%m/%Y")],
        )
        for e in rows
    ]
    more = f"{reverse('admin:danvan_auditentry_changelist')}?action__exact={AuditAction.LOGIN_FAILED}"
    return WorkList("failed-logins", f"Đăng nhập sai trong {FAILED_LOGIN_DAYS} ngày", "Xem", count, items, more)
