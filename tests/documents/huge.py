"""A plan holding 4.5 MB of text, as one was built before plans had a size limit (issue 15)."""

from plans.choices import Numbering
from plans.models import Plan, Section
from tests.documents.conftest import build_plan

PARAGRAPH = "Vận động Nhân dân tham gia bảo vệ môi trường, trồng, chăm sóc, bảo vệ cây xanh trên địa bàn xã. "
SECTION_TEXT = (PARAGRAPH * 500)[:50_000]  # the most one section's text may hold
HUGE_CHARS = 4_500_000


def make_huge(plan: Plan, chars: int = HUGE_CHARS) -> Plan:
    """Add `chars` characters of text to `plan` in sections as long as allowed (rows written directly)."""
    top = Section.objects.filter(plan=plan, parent=None).order_by("position").last()
    full, rest = divmod(chars, len(SECTION_TEXT))
    texts = [SECTION_TEXT] * full + ([SECTION_TEXT[:rest]] if rest else [])
    Section.objects.bulk_create(
        Section(plan=plan, parent=top, position=100 + i, numbering=Numbering.DASH, text=text)
        for i, text in enumerate(texts)
    )
    return plan


def huge_plan(world, **fields) -> Plan:
    return make_huge(build_plan(world, **fields))
