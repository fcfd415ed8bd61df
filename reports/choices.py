"""Choices of the reports app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    """Which part of a year a periodic report covers."""

    # January to June (báo cáo 6 tháng đầu năm).
    FIRST_HALF = "first_half", _("6 tháng đầu năm")
    # July to December (báo cáo 6 tháng cuối năm).
    SECOND_HALF = "second_half", _("6 tháng cuối năm")
    # The whole calendar year (báo cáo năm).
    YEAR = "year", _("Cả năm")


class ReportStatus(models.TextChoices):
    """Where a periodic report stands in its workflow, like a plan."""

    # Being written by an official; figures refresh when regenerated.
    DRAFT = "draft", _("Dự thảo")
    # Sent to a leader for approval.
    SUBMITTED = "submitted", _("Chờ duyệt")
    # Sent back by the leader with a comment; editable again.
    RETURNED = "returned", _("Bị trả lại")
    # Approved by the leader, waiting to be numbered and issued.
    APPROVED = "approved", _("Đã duyệt")
    # Issued with its number N/BC-UBND; its figures are frozen.
    ISSUED = "issued", _("Đã ban hành")


S = ReportStatus


# The official may change the narrative and regenerate the figures only in these states.
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED)

# Symbol of the report's number: 12/BC-UBND.
REPORT_SYMBOL = "BC-UBND"


class PartStatus(models.TextChoices):
    """Where a unit's part of a report cycle stands."""

    # Not yet sent by the unit.
    PENDING = "pending", _("Chưa nộp")
    # Sent by the unit to the office.
    SUBMITTED = "submitted", _("Đã nộp")
    # Sent back by the office with a comment; the unit sends it again.
    RETURNED = "returned", _("Bị trả lại")
