"""Choices of the plans app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    """Where a plan is in its life."""

    # Being written by an official of the issuing unit; editable.
    DRAFT = "draft", _("Dự thảo")
    # Sent to the leader for approval; frozen until approved or returned.
    SUBMITTED = "submitted", _("Chờ duyệt")
    # Sent back by the leader with a comment; editable again, then resubmitted.
    RETURNED = "returned", _("Bị trả lại")
    # Approved by the leader, waiting for signature and a number.
    APPROVED = "approved", _("Đã duyệt")
    # Signed and numbered; the official record. Never edited again.
    ISSUED = "issued", _("Đã ban hành")
    # Every task done or the period over; kept for reference.
    COMPLETED = "completed", _("Đã hoàn thành")


# The Bootstrap colour of each status's badge in lists and headings.
PLAN_STATUS_BADGES: dict[str, str] = {
    PlanStatus.DRAFT: "secondary",
    PlanStatus.SUBMITTED: "warning",
    PlanStatus.RETURNED: "danger",
    PlanStatus.APPROVED: "info",
    PlanStatus.ISSUED: "success",
    PlanStatus.COMPLETED: "dark",
}

EDITABLE_STATUSES = (PlanStatus.DRAFT, PlanStatus.RETURNED)


class PlanKind(models.TextChoices):
    """What a plan is for."""

    # Propaganda and communication of a policy.
    PROPAGANDA = "propaganda", _("Tuyên truyền")
    # Implementing a higher level's decision or plan.
    IMPLEMENTATION = "implementation", _("Triển khai thực hiện")
    # Launching an emulation movement such as "Dân vận khéo".
    EMULATION = "emulation", _("Phong trào thi đua")
    # A coordination programme between bodies.
    COORDINATION = "coordination", _("Chương trình phối hợp")
    # Anything else.
    OTHER = "other", _("Khác")


class DocumentType(models.TextChoices):
    """Type of an issued document, with its symbol code (Nghị định 30/2020, Phụ lục III)."""

    # Kế hoạch: the usual type of a plan.
    PLAN = "KH", _("Kế hoạch")
    # Chương trình: a coordination programme.
    PROGRAMME = "CTr", _("Chương trình")


class ReferenceType(models.TextChoices):
    """Type of a referenced document (legal basis)."""

    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    DECISION = "quyet_dinh", _("Quyết định")
    REGULATION = "quy_dinh", _("Quy định")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    CONCLUSION = "ket_luan", _("Kết luận")
    PLAN = "ke_hoach", _("Kế hoạch")
    GUIDANCE = "huong_dan", _("Hướng dẫn")
    LAW = "luat", _("Luật")
    DECREE = "nghi_dinh", _("Nghị định")
    CIRCULAR = "thong_tu", _("Thông tư")
    PROGRAMME = "chuong_trinh", _("Chương trình")
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    NOTICE = "thong_bao", _("Thông báo")
    OTHER = "khac", _("Văn bản khác")


class Numbering(models.TextChoices):
    """How a section's marker is printed; the number itself is counted, never typed."""

    ROMAN = "roman", _("I., II., III.")
    ARABIC = "arabic", _("1., 2., 3.")
    DECIMAL = "decimal", _("1.1., 1.2.")
    LETTER = "letter", _("a), b), c)")
    DASH = "dash", _("Gạch đầu dòng -")
    PLUS = "plus", _("Dấu cộng +")
    NONE = "none", _("Đoạn văn (không đánh số)")


class TaskLayout(models.TextChoices):
    """Where and how a section prints the tasks attached to it."""

    # The section prints no tasks.
    NONE = "", _("Không in nhiệm vụ")
    # Each task is a "-" duty line of the unit the section names ("Tổ chức thực hiện").
    DUTIES = "duties", _("Nhiệm vụ của đơn vị (gạch đầu dòng)")
    # Each task is a block with "Cơ quan thực hiện / phối hợp / Hình thức / Thời gian thực hiện".
    BLOCKS = "blocks", _("Khối nhiệm vụ (cơ quan thực hiện, phối hợp, hình thức, thời gian)")


class DutyMarker(models.TextChoices):
    """What a duty line of a "Tổ chức thực hiện" section begins with, as its source wrote it."""

    # "- Tham mưu ...": a dash bullet, the default for a duty typed in the portal.
    DASH = "-", _("Gạch đầu dòng -")
    # "+ Tham mưu ...": a plus bullet.
    PLUS = "+", _("Dấu cộng +")
    # "Tham mưu ...": a plain paragraph under the unit's heading.
    NONE = "", _("Đoạn văn (không gạch đầu dòng)")


class TimeframeKind(models.TextChoices):
    """When a task is to be done."""

    # Thường xuyên: all the time, reported each period.
    REGULAR = "regular", _("Thường xuyên")
    # Before a deadline.
    DEADLINE = "deadline", _("Có hạn hoàn thành")
    # Over a period with a start and an end.
    PERIOD = "period", _("Trong một khoảng thời gian")
    # Khi có chỉ đạo: when the higher level directs it.
    WHEN_DIRECTED = "when_directed", _("Khi có chỉ đạo")
    # Every month, quarter, half-year or year of the plan's period.
    RECURRING = "recurring", _("Định kỳ")


class Recurrence(models.TextChoices):
    """How often a recurring task falls due."""

    NONE = "", _("Không")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng một lần")
    YEARLY = "yearly", _("Hằng năm")


class TaskStatus(models.TextChoices):
    """Progress of a task; "overdue" is derived from dates, never stored."""

    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Đã hủy")


# --- task tracking ------------------------------------------------------------------------------

# Task statuses that end the work: nothing more is due, no reminder is sent.
CLOSED_TASK_STATUSES = (TaskStatus.DONE, TaskStatus.CANCELLED)


class UpdateKind(models.TextChoices):
    """What one entry of a task's timeline is."""

    # A progress report by the lead unit: date, percent, text and evidence files.
    PROGRESS = "progress", _("Báo cáo tiến độ")
    # A remark by a coordinating unit or by the official following the task up; no percent.
    COMMENT = "comment", _("Ý kiến")
    # The task was cancelled; the text is the reason.
    CANCELLATION = "cancellation", _("Hủy nhiệm vụ")


class ReminderKind(models.TextChoices):
    """Why a person is reminded of a task on a given day."""

    # The task (or its next periodic report) falls due within the next few days.
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    # The task is late; sent to the lead unit's people.
    OVERDUE = "overdue", _("Quá hạn")
    # Late beyond the escalation threshold; sent to the head of the lead unit.
    ESCALATED_HEAD = "escalated_head", _("Quá hạn, báo thủ trưởng đơn vị")
    # Late beyond twice the threshold; sent to the leader of the government.
    ESCALATED_LEADER = "escalated_leader", _("Quá hạn, báo lãnh đạo UBND")


class ReminderStatus(models.TextChoices):
    """Where the email of one reminder is."""

    # Written, not yet sent.
    PENDING = "pending", _("Chờ gửi")
    # Claimed by a run that is handing it to the mail server; never claimed twice.
    SENDING = "sending", _("Đang gửi")
    # Handed to the mail server.
    SENT = "sent", _("Đã gửi")
    # The mail server refused or could not be reached; the next run of the same day retries.
    FAILED = "failed", _("Gửi lỗi")
    # The person has no email address: told in the app only.
    NO_EMAIL = "no_email", _("Không có email, chỉ báo trong ứng dụng")
