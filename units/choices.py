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
