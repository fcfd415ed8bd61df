"""Choices of the models_registry app, and the one table of legal registration moves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    """Where a model registration is in the campaign (domain.md, "Workflows")."""

    # Being written by the unit; editable, not yet sent to the commune.
    DRAFT = "draft", _("Dự thảo")
    # Sent to the commune's office; frozen until accepted or returned.
    SUBMITTED = "submitted", _("Chờ xem xét")
    # Sent back by an official with a comment; the unit edits it (it becomes a draft again).
    RETURNED = "returned", _("Bị trả lại")
    # Accepted by the commune: the unit counts as registered.
    ACCEPTED = "accepted", _("Đã chấp nhận")
    # The unit has launched the model and is carrying it out.
    IMPLEMENTING = "implementing", _("Đang thực hiện")
    # The unit has reported its results and assessed itself.
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    # An official has scored it against the campaign's criteria.
    EVALUATED = "evaluated", _("Đã chấm điểm")
    # The leader recognized it as a "Dân vận khéo" model, at a level.
    RECOGNIZED = "recognized", _("Được công nhận")
    # The leader decided not to recognize it.
    NOT_RECOGNIZED = "not_recognized", _("Không công nhận")
    # Given up before evaluation, with a reason.
    DROPPED = "dropped", _("Đã dừng")


S = RegistrationStatus


# Bootstrap colour of each status badge.
STATUS_STYLES = {
    S.DRAFT: "secondary",
    S.SUBMITTED: "warning",
    S.RETURNED: "danger",
    S.ACCEPTED: "info",
    S.IMPLEMENTING: "primary",
    S.SELF_ASSESSED: "dark",
    S.EVALUATED: "dark",
    S.RECOGNIZED: "success",
    S.NOT_RECOGNIZED: "light",
    S.DROPPED: "light",
}

# The unit may change the registration's content only in these states.
EDITABLE_STATUSES = (S.DRAFT, S.RETURNED)
# Sent to the commune and waiting for its answer.
PENDING_STATUSES = (S.SUBMITTED, S.RETURNED)
# Accepted by the commune and not dropped: these units count towards the campaign's target.
COUNTED_STATUSES = (S.ACCEPTED, S.IMPLEMENTING, S.SELF_ASSESSED, S.EVALUATED, S.RECOGNIZED, S.NOT_RECOGNIZED)
# A unit with a registration in one of these states is not asked to register again.
ACTIVE_STATUSES = (*PENDING_STATUSES, *COUNTED_STATUSES)
# States from which an earlier model can be continued the next year.
CONTINUABLE_STATUSES = (S.IMPLEMENTING, S.SELF_ASSESSED, S.EVALUATED, S.RECOGNIZED, S.NOT_RECOGNIZED)
# The unit may attach evidence while preparing or carrying out the model.
EVIDENCE_STATUSES = (S.DRAFT, S.RETURNED, S.ACCEPTED, S.IMPLEMENTING)


class ModelKind(models.TextChoices):
    """Whether the registration is a way of working or an exemplary person or collective."""

    # Mô hình: a way of organising dân vận work that works and can be replicated.
    MODEL = "model", _("Mô hình")
    # Điển hình: an exemplary collective or individual to follow.
    EXEMPLAR = "exemplar", _("Điển hình")


class Subject(models.TextChoices):
    """Who carries out the model."""

    # Tập thể: a unit, team or group.
    COLLECTIVE = "collective", _("Tập thể")
    # Cá nhân: one person.
    INDIVIDUAL = "individual", _("Cá nhân")


class Origin(models.TextChoices):
    """Whether the model starts this year or continues an earlier year's model with higher targets."""

    # Mô hình mới, starting in the campaign's year.
    NEW = "new", _("Mô hình mới")
    # Mô hình tiếp tục, from an earlier year, still effective, with higher targets.
    CONTINUED = "continued", _("Tiếp tục từ năm trước")


class RecognitionLevel(models.TextChoices):
    """Which level of government recognized the model (two-tier local government since 1/7/2025)."""

    # Công nhận cấp xã, phường, đặc khu.
    COMMUNE = "commune", _("Cấp xã")
    # Công nhận cấp tỉnh, thành phố.
    CITY = "city", _("Cấp tỉnh, thành phố")
    # Công nhận, biểu dương cấp Trung ương.
    CENTRAL = "central", _("Cấp Trung ương")


class CommendationForm(models.TextChoices):
    """How a recognized model was commended."""

    # Biểu dương: praise without a certificate.
    PRAISE = "praise", _("Biểu dương")
    # Giấy khen of the commune chairman.
    CERTIFICATE = "certificate", _("Giấy khen")
    # Bằng khen of the city chairman or higher.
    MERIT = "merit", _("Bằng khen")


class EvidenceKind(models.TextChoices):
    """The file types accepted as evidence, recognised by their first bytes."""

    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (.docx)")
    XLSX = "xlsx", _("Excel (.xlsx)")
    JPEG = "jpg", _("Ảnh JPEG")
    PNG = "png", _("Ảnh PNG")


# The five fields every campaign offers by default (official-format.md §8, the 31/KH-UBND plan).
DEFAULT_FIELDS = [
    "Kinh tế",
    "Văn hóa - Xã hội",
    "Văn phòng và Tư pháp",
    "Dịch vụ hành chính công",
    "Quốc phòng - An ninh",
]

# Default evaluation criteria: the recognition criteria of official-format.md §8 (Quảng Ngãi 2021
# guidance). No national score exists; the points are our proposal and the commune may change them.
DEFAULT_CRITERIA = [
    ("Tên gọi cụ thể, địa chỉ rõ ràng, thuộc một lĩnh vực; đăng ký với cơ quan phát động", 10),
    ("Được cấp ủy, chính quyền lãnh đạo, chỉ đạo thực hiện", 10),
    ("Huy động được nhiều lực lượng cùng tham gia", 15),
    ("Nhân dân đồng tình, hưởng ứng và tham gia", 15),
    ("Giải quyết được vấn đề bức xúc, cấp thiết ở địa phương, đơn vị", 20),
    ("Hiệu quả thiết thực, có khả năng duy trì bền vững và nhân rộng", 30),
]
