"""Plans (Kế hoạch), the documents they rest on, their sections, tasks and history."""

import datetime
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.models import CleanTextModel, TimeStampedModel, TransitionRecord
from danvan.text import fold
from plans.choices import (
    CLOSED_TASK_STATUSES,
    EDITABLE_STATUSES,
    PLAN_STATUS_BADGES,
    DocumentType,
    Numbering,
    PlanKind,
    PlanStatus,
    Recurrence,
    ReferenceType,
    ReminderKind,
    ReminderStatus,
    TaskLayout,
    TaskStatus,
    TimeframeKind,
    UpdateKind,
)
from units.models import Unit, UnitGroup


class ReferenceDocumentQuerySet(models.QuerySet):
    def matching(self, *, number_symbol: str, issued_on: datetime.date | None):
        """Return catalogue entries with the same canonical number (and date, when known)."""
        from plans.numbers import canonical_number

        entries = self.filter(number_key=canonical_number(number_symbol))
        return entries.filter(issued_on=issued_on) if issued_on else entries

    def same_document(self, *, number_symbol: str, issued_on: datetime.date | None, issuer: str = ""):
        """Return catalogue entries that are this document: the same canonical number in the same year.

        Numbers restart every January, so "31/KH-UBND" of 2025 and of 2026 are two
        documents; an entry of another named issuer is another document too.
        """
        from plans.numbers import canonical_number

        entries = self.filter(number_key=canonical_number(number_symbol))
        if issued_on:
            entries = entries.filter(Q(issued_on__year=issued_on.year) | Q(issued_on__isnull=True))
        if issuer:
            entries = entries.filter(Q(issuer="") | Q(issuer__iexact=issuer))
        return entries


class ReferenceDocument(TimeStampedModel):
    """A document that plans cite as a legal basis: a resolution, decision, directive, law, another plan.

    One catalogue shared by every plan; when the document is itself a plan in
    the portal, `plan` links to it, so a city plan shows the plans implementing it.
    """

    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    number_key = models.CharField(max_length=60, blank=True, db_index=True, editable=False)
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=ReferenceType.choices)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    summary = models.TextField(_("trích yếu"), max_length=2000, blank=True)
    plan = models.ForeignKey(
        "Plan",
        verbose_name=_("kế hoạch trên cổng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_as",
    )

    objects = ReferenceDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản căn cứ")
        verbose_name_plural = _("văn bản căn cứ")
        ordering = ["-issued_on", "number_symbol"]
        constraints = [
            models.UniqueConstraint(
                fields=["number_key", "issued_on"],
                condition=~Q(number_key=""),
                name="reference_number_unique_per_date",
            )
        ]

    def __str__(self):
        parts = [self.get_doc_type_display()]
        if self.number_symbol:
            parts.append(f"số {self.number_symbol}")
        if self.issued_on:
            parts.append(f"ngày {self.issued_on:%d/%m/%Y}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)

    def save(self, *args, **kwargs):
        from plans.numbers import canonical_number

        self.number_key = canonical_number(self.number_symbol)
        super().save(*args, **kwargs)


class PlanQuerySet(models.QuerySet):
    def awaiting_approval(self):
        """Return plans submitted to a leader and not yet decided."""
        return self.filter(status=PlanStatus.SUBMITTED)

    def issued(self):
        """Return plans that were issued (including those since completed)."""
        return self.filter(status__in=[PlanStatus.ISSUED, PlanStatus.COMPLETED])

    def editable(self):
        return self.filter(status__in=EDITABLE_STATUSES)


class Plan(TimeStampedModel):
    """An official plan document (Kế hoạch) of a People's Committee or one of its units."""

    issuing_unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT, related_name="plans"
    )
    parent_agency = models.CharField(
        _("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Dòng trên tên cơ quan ban hành, nếu có.")
    )
    doc_type = models.CharField(
        _("loại văn bản"), max_length=5, choices=DocumentType.choices, default=DocumentType.PLAN
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True, editable=False)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True, help_text=_("Ví dụ: KH-UBND."))
    place_name = models.CharField(_("địa danh"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True, editable=False)
    title = models.CharField(_("trích yếu"), max_length=500)
    kind = models.CharField(
        _("loại kế hoạch"), max_length=20, choices=PlanKind.choices, default=PlanKind.IMPLEMENTATION
    )
    themes = models.TextField(_("chủ đề"), blank=True, max_length=4000, help_text=_("Mỗi chủ đề một dòng."))
    period_label = models.CharField(
        _("giai đoạn"), max_length=100, blank=True, help_text=_("Ví dụ: 6 tháng cuối năm 2025, năm 2025.")
    )
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    intro = models.TextField(_("câu dẫn"), blank=True, max_length=20000)
    closing = models.TextField(_("đoạn kết"), blank=True, max_length=20000)
    recipients = models.TextField(_("nơi nhận"), blank=True, max_length=4000, help_text=_("Mỗi nơi nhận một dòng."))
    signature_authority = models.CharField(
        _("thẩm quyền ký"), max_length=150, blank=True, help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN")
    )
    signer_title = models.TextField(
        _("chức vụ người ký"),
        max_length=300,
        blank=True,
        help_text=_("Mỗi dòng một chức danh, ví dụ: CHỦ TỊCH; hoặc hai dòng KT. CHỦ TỊCH và PHÓ CHỦ TỊCH."),
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)
    has_appendix = models.BooleanField(_("in phụ lục bảng nhiệm vụ"), default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implementing_plans",
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies", editable=False
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plans_created", editable=False
    )
    issued_pdf = models.FileField(upload_to="plans/issued/", blank=True, editable=False)
    issued_pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Title, introduction, themes, sections and tasks folded to lower case without
    # diacritics (danvan.text.fold, equal to PostgreSQL's lower(unaccent())), kept by
    # plans.services.plan_reindex and searched through a trigram index on PostgreSQL.
    search_text = models.TextField(blank=True, editable=False, default="")

    history = HistoricalRecords(excluded_fields=["updated_at", "issued_pdf", "search_text"])
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["issuing_unit", "status"]), models.Index(fields=["-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_unit", "year", "doc_type", "number"],
                condition=Q(number__isnull=False),
                name="plan_number_unique_per_unit_year_type",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="plan_period_ordered",
            ),
            models.CheckConstraint(condition=Q(number__isnull=True) | Q(number__gte=1), name="plan_number_positive"),
            models.CheckConstraint(
                condition=~Q(status__in=["issued", "completed"]) | Q(number__isnull=False, issued_on__isnull=False),
                name="plan_issued_has_number_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """Return "31/KH-UBND", or "…/KH-UBND" before a number is assigned."""
        number = f"{self.number:02d}" if self.number else "…"
        return f"{number}/{self.symbol}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def status_badge(self) -> str:
        """Return the Bootstrap colour of the status badge: "success" for an issued plan."""
        return PLAN_STATUS_BADGES.get(self.status, "dark")

    @property
    def theme_list(self) -> list[str]:
        return [line for line in self.themes.splitlines() if line.strip()]

    @property
    def recipient_list(self) -> list[str]:
        return [line for line in self.recipients.splitlines() if line.strip()]


class PlanBasis(CleanTextModel):
    """One legal-basis clause of a plan ("Căn cứ Quyết định số 3177/QĐ-UBND ..."), in order.

    `text` is the clause exactly as printed, without its ";" or "."; it begins with the
    opening phrase only where the document repeats it. `opening` is the phrase that applies.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bases")
    position = models.PositiveIntegerField(default=0)
    opening = models.CharField(_("từ mở đầu"), max_length=30, default="Căn cứ")
    text = models.TextField(_("nội dung căn cứ"), max_length=4000)
    references = models.ManyToManyField(
        ReferenceDocument, verbose_name=_("văn bản được viện dẫn"), blank=True, related_name="bases"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:80]


class Section(CleanTextModel):
    """A numbered part of a plan's body: "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) ...", "- ...".

    Markers are counted from the position among siblings of the same numbering.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField(default=0)
    numbering = models.CharField(_("kiểu đánh số"), max_length=10, choices=Numbering.choices, default=Numbering.ARABIC)
    heading = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    text = models.TextField(_("nội dung"), blank=True, max_length=50000)
    task_layout = models.CharField(
        _("in nhiệm vụ"), max_length=10, choices=TaskLayout.choices, blank=True, default=TaskLayout.NONE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("mục")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.heading or self.text[:80]


# How urgent a task is, for sorting lists: 0 open with a due date, 1 open without one, 2 done or cancelled.
# Lists order by (TASK_URGENCY, next_due_on, -id), which the "task_urgency" index serves, so the first
# page of the most urgent tasks is read straight from the index however many tasks there are.
TASK_URGENCY = Case(
    When(status__in=CLOSED_TASK_STATUSES, then=Value(2)),
    When(next_due_on__isnull=True, then=Value(1)),
    default=Value(0),
    output_field=models.IntegerField(),
)
URGENCY_ORDER = (TASK_URGENCY, F("next_due_on").asc(), "-pk")


class TaskQuerySet(models.QuerySet):
    def open(self):
        """Return tasks neither done nor cancelled."""
        return self.exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])

    def overdue(self, today: datetime.date):
        """Return open tasks of running (issued) plans late on `today`: a deadline, a period end or a report passed.

        Derived from `next_due_on` (plans/schedule.py) and the day asked, never
        stored. A completed plan's unfinished tasks are closed with it, not late.
        """
        return self.filter(self.overdue_condition(today))

    @staticmethod
    def overdue_condition(today: datetime.date):
        return Exact(TASK_URGENCY, 0) & Q(next_due_on__lt=today, plan__status=PlanStatus.ISSUED)

    def running_between(self, start: datetime.date, end: datetime.date):
        """Return tracked tasks of the plans running in the period: issued by its end, not ended before its start.

        The dashboards count a period's tasks this way, and their links filter the task list with it.
        """
        return self.tracked().filter(
            Q(plan__period_end__isnull=True) | Q(plan__period_end__gte=start), plan__issued_on__lte=end
        )

    def tracked(self):
        """Return tasks of published (issued or completed) plans: the only ones followed up."""
        return self.filter(plan__status__in=[PlanStatus.ISSUED, PlanStatus.COMPLETED])

    def due_within(self, today: datetime.date, days: int):
        """Return open tasks of running (issued) plans due between `today` and `days` days later, late ones excluded.

        A regular task counts when its report period (half-year) ends in that
        window and it has no progress update dated in the period.
        """
        return self.filter(self.due_within_condition(today, days))

    @staticmethod
    def due_within_condition(today: datetime.date, days: int):
        from plans.schedule import report_period

        horizon = today + datetime.timedelta(days=days)
        condition = Exact(TASK_URGENCY, 0) & Q(next_due_on__gte=today, next_due_on__lte=horizon)
        period_start, period_end = report_period(today)
        if period_end <= horizon:
            condition |= (
                Q(timeframe_kind=TimeframeKind.REGULAR)
                & ~Q(status__in=CLOSED_TASK_STATUSES)
                & (Q(last_reported_on__isnull=True) | Q(last_reported_on__lt=period_start))
            )
        return condition & Q(plan__status=PlanStatus.ISSUED)

    def led_by(self, unit_id: int):
        """Return tasks the unit leads, named directly or as a member of a lead group."""
        return self.filter(self._role_of(unit_id, "lead"))

    def coordinated_by(self, unit_id: int):
        """Return tasks the unit helps with, named directly or as a member of a coordinating group."""
        return self.filter(self._role_of(unit_id, "coordinating"))

    def involving(self, unit_id: int):
        """Return tasks the unit leads or helps with."""
        return self.filter(self._role_of(unit_id, "lead") | self._role_of(unit_id, "coordinating"))

    @staticmethod
    def _role_of(unit_id: int, role: str) -> Q:
        """Return "the unit has this role in the task", directly or through a group it belongs to.

        Most units belong to no group: then it is one plain subquery, which the
        database drives a plan from; otherwise an IN over a UNION of the two.
        """
        units = getattr(Task, f"{role}_units").through.objects.filter(unit_id=unit_id).values("task_id")
        if not UnitGroup.members.through.objects.filter(unit_id=unit_id).exists():
            return Q(pk__in=units)
        groups = getattr(Task, f"{role}_groups").through.objects.filter(unitgroup__members=unit_id).values("task_id")
        return Q(pk__in=units.union(groups))

    def by_urgency(self):
        """Order open tasks first, the earliest due (so the latest late) first, undated ones after, closed last."""
        return self.order_by(*URGENCY_ORDER)


class Task(TimeStampedModel):
    """A duty a plan assigns: what, who leads, who helps, how, and when.

    The plan document prints its tasks from these rows, so the document and the
    task list can never disagree.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, verbose_name=_("in trong mục"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    position = models.PositiveIntegerField(default=0)
    content = models.TextField(_("nội dung nhiệm vụ"), max_length=20000)
    lead_units = models.ManyToManyField(Unit, verbose_name=_("cơ quan chủ trì"), blank=True, related_name="led_tasks")
    lead_groups = models.ManyToManyField(
        UnitGroup, verbose_name=_("nhóm cơ quan chủ trì"), blank=True, related_name="led_tasks"
    )
    lead_text = models.CharField(
        _("cơ quan thực hiện (như in)"),
        max_length=500,
        blank=True,
        help_text=_("Để trống để in theo danh sách đơn vị."),
    )
    coordinating_units = models.ManyToManyField(
        Unit, verbose_name=_("cơ quan phối hợp"), blank=True, related_name="coordinated_tasks"
    )
    coordinating_groups = models.ManyToManyField(
        UnitGroup, verbose_name=_("nhóm cơ quan phối hợp"), blank=True, related_name="coordinated_tasks"
    )
    coordinating_text = models.CharField(_("cơ quan phối hợp (như in)"), max_length=500, blank=True)
    form = models.TextField(_("hình thức"), blank=True, max_length=4000)
    timeframe_kind = models.CharField(
        _("loại thời gian"), max_length=20, choices=TimeframeKind.choices, default=TimeframeKind.REGULAR
    )
    timeframe_text = models.CharField(_("thời gian thực hiện (như in)"), max_length=300, blank=True)
    recurrence = models.CharField(_("định kỳ"), max_length=20, choices=Recurrence.choices, blank=True)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    due_date = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    expected_output = models.CharField(_("sản phẩm"), max_length=500, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED, editable=False
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0, editable=False)
    # When the task, or its next periodic report, is due (plans/schedule.py); kept by save().
    # "Overdue" is `next_due_on < today`, derived on each read and never stored.
    next_due_on = models.DateField(_("hạn tiếp theo"), null=True, blank=True, editable=False)
    # Date of the latest progress report; recurring tasks count their reported occurrences from it.
    last_reported_on = models.DateField(_("báo cáo gần nhất"), null=True, blank=True, editable=False)
    # The content folded without diacritics (danvan.text.fold), searched with a trigram index on PostgreSQL.
    search_text = models.TextField(blank=True, editable=False, default="")

    history = HistoricalRecords(excluded_fields=["updated_at", "search_text"])
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(TASK_URGENCY, F("next_due_on"), F("id").desc(), name="task_urgency"),
            models.Index(fields=["next_due_on"], name="task_next_due_on"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_at_most_100"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="task_dates_ordered",
            ),
        ]

    def __str__(self):
        return self.content[:100]

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#task-{self.pk}"

    def save(self, *args, **kwargs):
        """Save, keeping the due date and the folded search text in step with the task's fields."""
        from plans.schedule import task_next_due

        self.next_due_on = task_next_due(self)
        self.search_text = fold(self.content or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "next_due_on", "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_TASK_STATUSES

    def is_overdue_on(self, today: datetime.date) -> bool:
        """Whether the task is late on `today` (see TaskQuerySet.overdue)."""
        late = not self.is_closed and self.next_due_on is not None and self.next_due_on < today
        return late and self.plan.status == PlanStatus.ISSUED

    @cached_property
    def days_late(self) -> int:
        """Return how many days the task is late today (0 when it is not), computed once per object."""
        today = timezone.localdate()
        return (today - self.next_due_on).days if self.is_overdue_on(today) else 0

    @property
    def is_overdue(self) -> bool:
        return self.days_late > 0


class PlanTransition(TransitionRecord):
    """One move of a plan through its workflow: who, when, from, to, and the comment."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=PlanStatus.choices)
    to_status = models.CharField(max_length=20, choices=PlanStatus.choices)


class ImportRecord(models.Model):
    """One plan document file imported into the portal, kept so the same file is never imported twice."""

    issuing_unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(_("tên tệp"), max_length=255)
    source_text = models.TextField(_("văn bản gốc"))
    uncertain = models.JSONField(_("chỗ chưa chắc chắn"), default=list, blank=True)
    unmatched_units = models.JSONField(_("đơn vị chưa khớp"), default=list, blank=True)
    created_units = models.ManyToManyField(Unit, verbose_name=_("đơn vị mới tạo"), blank=True, related_name="+")
    detected_number = models.PositiveIntegerField(null=True, blank=True)
    detected_date = models.DateField(null=True, blank=True)
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, related_name="imports")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhập văn bản")
        verbose_name_plural = _("lần nhập văn bản")
        ordering = ["-imported_at"]
        constraints = [models.UniqueConstraint(fields=["issuing_unit", "sha256"], name="import_file_once_per_unit")]

    def __str__(self):
        return self.filename


# --- task tracking: progress updates, evidence, reminders, spreadsheet imports -------------------


class ProgressUpdateQuerySet(models.QuerySet):
    def progress_reports(self):
        return self.filter(kind=UpdateKind.PROGRESS)

    def timeline(self):
        """Return entries newest first, with their author, unit and evidence files."""
        return self.select_related("author", "author_unit").prefetch_related("files").order_by("-created_at", "-pk")


class ProgressUpdate(CleanTextModel):
    """One entry of a task's timeline: a progress report, a comment, or the cancellation.

    A progress report is written by the lead unit on a date, with the percent
    done, what was done and evidence files. Comments come from the coordinating
    units and the officials following the task up. Entries are never edited or
    deleted: the timeline is the record of what each unit said and when.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(_("loại"), max_length=20, choices=UpdateKind.choices, default=UpdateKind.PROGRESS)
    reported_on = models.DateField(_("ngày báo cáo"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), null=True, blank=True)
    previous_percent = models.PositiveSmallIntegerField(_("tiến độ trước đó (%)"), null=True, blank=True)
    text = models.TextField(_("nội dung"), max_length=4000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sheet = models.ForeignKey(
        "TaskSheetImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["task", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100), name="progress_update_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(kind=UpdateKind.PROGRESS, percent__isnull=False)
                | (~Q(kind=UpdateKind.PROGRESS) & Q(percent__isnull=True)),
                name="progress_update_percent_only_on_reports",
            ),
        ]

    def __str__(self):
        if self.kind == UpdateKind.PROGRESS:
            return f"{self.reported_on:%d/%m/%Y}: {self.percent}%"
        return f"{self.reported_on:%d/%m/%Y}: {self.get_kind_display()}"

    @property
    def lowered(self) -> bool:
        return self.percent is not None and self.previous_percent is not None and self.percent < self.previous_percent


def evidence_path(instance, filename: str) -> str:
    """Return a generated storage name under tasks/evidence/: never the name the user gave."""
    import uuid

    extension = filename.rpartition(".")[2].lower() if "." in filename else "bin"
    return f"tasks/evidence/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class EvidenceFile(models.Model):
    """A document or photo attached to a progress report as evidence of the work done.

    Stored under MEDIA_ROOT with a generated name; the name the user gave is kept
    only to be offered back on download.
    """

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class TaskReminder(models.Model):
    """One reminder about one task to one person on one day, written before its email is sent.

    The unique constraint is what makes `send_reminders` send nothing twice on a
    day however often it runs; an email that failed stays here and is retried by
    the next run of the same day.
    """

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField(_("ngày nhắc"))
    kind = models.CharField(_("loại nhắc"), max_length=20, choices=ReminderKind.choices)
    status = models.CharField(
        _("trạng thái gửi"), max_length=20, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhắc việc")
        verbose_name_plural = _("lần nhắc việc")
        ordering = ["-on", "task", "person"]
        indexes = [models.Index(fields=["on", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["task", "person", "on"], name="task_reminder_once_per_person_day")
        ]

    def __str__(self):
        return f"{self.on:%d/%m/%Y} {self.person}: {self.get_kind_display()}"


class TaskSheetImport(models.Model):
    """A progress spreadsheet a unit head uploaded, with the rows read from it and what each will do.

    Kept from the preview to the apply, so both see the same rows; the file's
    hash makes uploading the same file twice say so instead of applying it again.
    """

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(_("tên tệp"), max_length=255)
    rows = models.JSONField(_("các dòng"), default=list)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    applied_at = models.DateTimeField(_("áp dụng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tệp cập nhật tiến độ")
        verbose_name_plural = _("tệp cập nhật tiến độ")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["uploaded_by", "sha256"], name="task_sheet_once_per_person")]

    def __str__(self):
        return self.filename

    @property
    def changes(self) -> list[dict]:
        return [row for row in self.rows if row["action"] == "change"]

    @property
    def refusals(self) -> list[dict]:
        return [row for row in self.rows if row["action"] == "refuse"]
