"""A "Dân vận khéo" campaign of the test world with one registration in each state.

Used by the permission matrix (built lazily on the `world` object) and by the
view tests. The unit head's unit (`world.other_department`) owns one registration
per state; the official's unit (`world.department`) owns a submitted one that the
unit head may not see; the other commune has its own campaign and registration.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile

from models_registry.choices import RegistrationStatus
from models_registry.models import Campaign, EvidenceFile, Registration
from tests.factories import CampaignFactory, RegistrationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class RegistryWorld:
    campaign: Campaign
    foreign_campaign: Campaign
    registrations: dict[str, Registration]
    evidence: EvidenceFile


def build(world) -> RegistryWorld:
    """Create the campaign, one registration per state, and an evidence file."""
    official = world.users["official"]
    campaign = CampaignFactory(
        issuing_unit=world.commune,
        created_by=official,
        allow_multiple=True,
        eligible_units=[world.department, world.other_department],
    )
    head = world.users["unit_head"]
    registrations = {}
    for status in RegistrationStatus.values:
        registrations[status] = RegistrationFactory(
            campaign=campaign,
            unit=world.other_department,
            created_by=head,
            status=status,
            name=f"Mô hình ở trạng thái {status}",
            drop_reason="Không còn phù hợp" if status == RegistrationStatus.DROPPED else "",
            recognition_level="commune" if status == RegistrationStatus.RECOGNIZED else "",
        )
    registrations["other_unit"] = RegistrationFactory(
        campaign=campaign, unit=world.department, created_by=official, status=RegistrationStatus.SUBMITTED
    )
    foreign_campaign = CampaignFactory(
        issuing_unit=world.other_commune,
        created_by=official,
        eligible_units=[world.foreign_department],
    )
    registrations["foreign"] = RegistrationFactory(
        campaign=foreign_campaign, unit=world.foreign_department, created_by=official
    )
    evidence = EvidenceFile(
        registration=registrations["draft"],
        stored_token="a" * 32,
        original_name="Biên bản ra mắt mô hình.pdf",
        kind="pdf",
        size=len(PDF_BYTES),
        sha256="0" * 64,
        uploaded_by=head,
    )
    evidence.file.save("evidence", ContentFile(PDF_BYTES), save=False)
    evidence.save()
    return RegistryWorld(campaign, foreign_campaign, registrations, evidence)


def registry(world) -> RegistryWorld:
    """Return the registry scenario of `world`, building it on first use."""
    if not hasattr(world, "registry"):
        world.registry = build(world)
    return world.registry
