"""Where the visible signature goes: from the signature block's anchor, or by the signer's name in older PDFs."""

import io

import pypdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from weasyprint import HTML

from signing import appearance
from signing.service import AGENCY_FIELD, SIGNER_FIELD, identity_of_person, identity_of_unit, sign_issued
from tests.signing.test_sign import issue

NAME = "Hà Thị Thủy"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def two_page_pdf(*, anchor: bool) -> bytes:
    """A small document whose signature block, with or without the anchor, is on its second page."""
    anchor_id = ' id="signature-space"' if anchor else ""
    space = f'<div class="sign-space"{anchor_id}></div>'
    return HTML(
        string=f"""<style>@page {{ size: A4; margin: 20mm 15mm 20mm 30mm }}
        .signature {{ text-align: center; font-weight: 700; font-size: 14pt }} .sign-space {{ height: 30mm }}</style>
        <p style="break-after: page">Trang một.</p>
        <table style="width: 100%; table-layout: fixed"><col style="width: 38%"><col style="width: 62%">
        <tr><td>Nơi nhận:</td><td class="signature"><div>CHỦ TỊCH</div>{space}<div>{NAME}</div></td></tr></table>"""
    ).write_pdf()


def field_pages(pdf: bytes) -> dict[str, int]:
    """Return the 0-based page of each signature widget, by field name."""
    pages = {}
    for index, page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages):
        for annot in page.get("/Annots") or ():
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig":
                pages[annot["/T"]] = index
    return pages


def rects(pdf: bytes) -> dict[str, list[float]]:
    return {
        s.field_name: [float(v) for v in s.sig_field["/Rect"]]
        for s in PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    }


def test_an_issued_plan_is_signed_at_its_signature_block_anchor_without_reading_the_page_text(
    world, pkcs12_keys, monkeypatch, django_capture_on_commit_callbacks
):
    """Given an issued plan whose signature block is past page 1, the boxes go where the name search put them."""

    def no_text_search(page, name):
        raise AssertionError("the page text was read")

    with monkeypatch.context() as patched:
        patched.setattr(appearance, "_name_baseline", no_text_search)
        stored = issue(world, django_capture_on_commit_callbacks).issued_pdf.read()

    by_name = appearance.locate(stored, NAME)  # the text search, for comparison
    assert by_name.page >= 1
    assert field_pages(stored) == {SIGNER_FIELD: by_name.page, AGENCY_FIELD: by_name.page}
    found = rects(stored)
    for field, box in ((SIGNER_FIELD, by_name.signature), (AGENCY_FIELD, by_name.seal)):
        assert found[field] == pytest.approx(box, abs=1.5)  # the anchor centres in the blank space exactly


def test_the_anchor_gives_the_page_and_the_middle_of_the_blank_space(world, pkcs12_keys):
    pdf = two_page_pdf(anchor=True)
    placement = appearance.anchored(PdfFileReader(io.BytesIO(pdf)))
    assert placement.page == 1
    by_name = appearance.locate(pdf, NAME)
    assert placement.signature == pytest.approx(by_name.signature, abs=1.5)


def test_a_pdf_without_the_anchor_is_still_signed_above_the_signer_name(world, pkcs12_keys):
    pdf = two_page_pdf(anchor=False)
    assert appearance.anchored(PdfFileReader(io.BytesIO(pdf))) is None
    signed = sign_issued(pdf, signer=identity_of_person(world.users["leader"]), agency=identity_of_unit(world.commune))
    by_name = appearance.locate(pdf, NAME)
    assert field_pages(signed) == {SIGNER_FIELD: 1, AGENCY_FIELD: 1}
    assert rects(signed)[SIGNER_FIELD] == pytest.approx(by_name.signature, abs=0.01)


def test_a_pdf_with_neither_anchor_nor_name_is_signed_invisibly(world, pkcs12_keys):
    pdf = HTML(string="<p>Văn bản không có khối chữ ký.</p>").write_pdf()
    signed = sign_issued(pdf, signer=identity_of_person(world.users["leader"]), agency=identity_of_unit(world.commune))
    assert all(rect == [0.0] * 4 for rect in rects(signed).values())


def test_the_drawn_images_are_the_png_files_with_their_transparency(world, pkcs12_keys, keys_dir):
    """The appearance draws each PNG as is, though its compressed form is prepared once and reused."""
    from PIL import Image

    leader, commune = world.users["leader"], world.commune
    pdf = two_page_pdf(anchor=True)
    for _ in range(2):  # the second signature of each image comes from the prepared copy
        signed = sign_issued(pdf, signer=identity_of_person(leader), agency=identity_of_unit(commune))
    for signature in PdfFileReader(io.BytesIO(signed)).embedded_signatures:
        label = f"user-{leader.pk}" if signature.field_name == SIGNER_FIELD else f"unit-{commune.pk}"
        with Image.open(keys_dir / f"{label}.png") as png:
            expected = png.convert("RGBA")
        appearance_stream = signature.sig_field["/AP"]["/N"]
        images = []
        pending = [appearance_stream]
        while pending:  # the image sits in a form XObject inside the appearance
            for item in pending.pop()["/Resources"].get("/XObject", {}).values():
                item = item.get_object()
                (images if item["/Subtype"] == "/Image" else pending).append(item)
        (image,) = images
        assert (image["/Width"], image["/Height"]) == expected.size
        assert image.data == expected.convert("RGB").tobytes()
        assert image["/SMask"].data == expected.split()[-1].tobytes()
