"""Choices of the units app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """What kind of body a unit is."""

    # Province or centrally-run city (Thành phố Hải Phòng).
    CITY = "city", _("Tỉnh, thành phố")
    # District level, abolished on 1/7/2025; kept for older documents.
    DISTRICT = "district", _("Quận, huyện (trước 1/7/2025)")
    # Commune, ward or special zone: the People's Committee of xã/phường/đặc khu.
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    # Specialised department (phòng chuyên môn), or a city department (sở).
    DEPARTMENT = "department", _("Phòng, ban chuyên môn")
    # Public service unit: service centres, schools, health stations.
    SERVICE_UNIT = "service_unit", _("Đơn vị sự nghiệp")
    # Party body: Đảng ủy, Ban Xây dựng Đảng.
    PARTY = "party", _("Tổ chức Đảng")
    # Fatherland Front and mass organisations.
    MASS_ORG = "mass_org", _("Mặt trận, đoàn thể")
    # Commune police and military command.
    ARMED_FORCE = "armed_force", _("Lực lượng vũ trang")
    # Village or residential group.
    VILLAGE = "village", _("Thôn, tổ dân phố")


# Kinds that are a level of government: a user's data is scoped to the nearest one.
GOVERNMENT_KINDS = (UnitKind.CITY, UnitKind.DISTRICT, UnitKind.COMMUNE)
# Kinds of the commune's own units, eligible by default for a "Dân vận khéo" campaign.
OPERATIONAL_KINDS = (UnitKind.DEPARTMENT, UnitKind.SERVICE_UNIT)


class Role(models.TextChoices):
    """What a person does in the portal; one role per person."""

    # Cán bộ, chuyên viên: drafts plans and tasks, compiles reports, runs the campaign.
    OFFICIAL = "official", _("Cán bộ, chuyên viên")
    # Trưởng phòng, thủ trưởng đơn vị: registers the unit's model, reports progress on its tasks.
    UNIT_HEAD = "unit_head", _("Trưởng phòng, thủ trưởng đơn vị")
    # Chủ tịch, Phó Chủ tịch UBND: approves, returns, signs and issues; sees the dashboards.
    LEADER = "leader", _("Lãnh đạo UBND")
    # Supervising body (Sở Nội vụ): reads everything below its government, writes nothing.
    SUPERVISOR = "supervisor", _("Cơ quan giám sát")


class NotificationKind(models.TextChoices):
    """What a notification is about; each person chooses per kind how they hear of it."""

    # Work handed to the person: a plan or report to approve, a registration to check, new tasks.
    TODO = "todo", _("Việc cần xử lý")
    # What became of the person's own document: returned, approved, issued, accepted, recognised.
    RESULT = "result", _("Kết quả xử lý")
    # Comments and progress reports on tasks the person follows.
    ACTIVITY = "activity", _("Góp ý, tiến độ nhiệm vụ")
    # Deadlines coming or passed (report parts to send).
    REMINDER = "reminder", _("Nhắc hạn")


class NotificationMode(models.TextChoices):
    """How a person hears of one kind of notification, beside the bell."""

    # An email as soon as the change is saved.
    NOW = "now", _("Gửi thư ngay")
    # One email a day listing the day's notifications (manage.py send_digest).
    DIGEST = "digest", _("Thư tổng hợp mỗi ngày")
    # Only under the bell, no email.
    APP = "app", _("Chỉ thông báo trên Cổng")


class EmailStatus(models.TextChoices):
    """Where the email of one notification stands."""

    # No email: the person chose in-app only, or the notification is of no kind (sent by its own mailer).
    NONE = "", _("Không gửi thư")
    # To be sent once the change is committed.
    PENDING = "pending", _("Chờ gửi")
    # Waiting for the next daily digest.
    DIGEST = "digest", _("Chờ thư tổng hợp")
    SENT = "sent", _("Đã gửi thư")
    # The mail server refused or did not answer; the in-app notification stands.
    FAILED = "failed", _("Gửi thư không được")
    # The person has no email address.
    NO_ADDRESS = "no_address", _("Chưa có địa chỉ thư")
