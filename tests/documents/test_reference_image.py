"""Page 1 of a fixed plan looks like the committed reference picture, within a small pixel tolerance.

The pictures were checked by eye against official-format.md before they were committed.
After an intended layout change, regenerate them, look at them, and commit them:

    UPDATE_REFERENCE_IMAGES=1 .venv/bin/python -m pytest tests/documents/test_reference_image.py
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from plans.choices import PlanStatus
from plans.exports import render_plan_pdf
from tests.documents.conftest import build_plan
from tests.documents.pdftools import page_png, requires_poppler

pytestmark = requires_poppler

REFERENCE = Path(__file__).parent / "reference"
RESOLUTION = 50  # dpi: enough to see the layout, small enough to commit
PIXEL_THRESHOLD = 64  # a grey level difference below this is anti-aliasing, not layout
MAX_CHANGED_SHARE = 0.001  # at most 0.1 % of the pixels (about 240) may differ


@pytest.mark.parametrize("status", [PlanStatus.ISSUED, PlanStatus.DRAFT])
def test_page_one_matches_the_reference(world, status, tmp_path):
    plan = build_plan(world, status=status)
    actual = page_png(render_plan_pdf(plan), 1, resolution=RESOLUTION)
    reference = REFERENCE / f"plan-{status}-page1.png"
    actual_image = Image.open(io.BytesIO(actual)).convert("L")
    if os.environ.get("UPDATE_REFERENCE_IMAGES") == "1":
        actual_image.save(reference, optimize=True)
        pytest.skip(f"wrote {reference}: look at it before committing it")
    assert reference.exists(), f"{reference} is missing: run with UPDATE_REFERENCE_IMAGES=1"
    expected_image = Image.open(reference).convert("L")
    assert actual_image.size == expected_image.size  # A4 at 50 dpi: 414 x 585
    difference = ImageChops.difference(actual_image, expected_image).point(lambda v: 255 if v > PIXEL_THRESHOLD else 0)
    changed = difference.histogram()[255] / (difference.width * difference.height)
    if changed > MAX_CHANGED_SHARE:
        (tmp_path / "actual.png").write_bytes(actual)
        difference.save(tmp_path / "difference.png")
        pytest.fail(
            f"{changed:.2%} of page 1 differs from {reference.name}; see {tmp_path}/actual.png and difference.png"
        )


def test_the_tolerance_catches_a_visible_change():
    """The draft mark and the blank number alone change more than the tolerance allows."""
    issued = Image.open(REFERENCE / "plan-issued-page1.png").convert("L")
    draft = Image.open(REFERENCE / "plan-draft-page1.png").convert("L")
    difference = ImageChops.difference(issued, draft).point(lambda v: 255 if v > PIXEL_THRESHOLD else 0)
    assert difference.histogram()[255] / (difference.width * difference.height) > MAX_CHANGED_SHARE
