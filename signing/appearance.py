"""Where the signature and seal images go on the page, per NĐ 30/2020, Phụ lục I, Mục II.7–8.

The signer's image (blue, transparent PNG) sits centred between the signing
authority and the signer's name; the agency's seal (red, transparent PNG, real
size) covers about a third of the signer's image on its left. The portal finds
the signer's name on the rendered page and places both boxes from there; when
the name is not found, or an image is missing, the signature is invisible
(still a valid signature, just not drawn).
"""

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
from PIL import Image
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.stamp import StaticStampStyle

MM = 72 / 25.4
# From static/css/print.css: A4 text block between the 30 mm and 15 mm margins; the footer's right
# column (the signature block) takes 62 % of it and centres its lines.
LEFT_MARGIN, RIGHT_MARGIN = 30 * MM, 15 * MM
SIGNATURE_COLUMN = (0.38, 1.0)
SIGN_SPACE = 30 * MM  # `.signature .sign-space` height
SIGNATURE_SIZE = (50 * MM, 25 * MM)
SEAL_DIAMETER = 36 * MM  # a commune People's Committee seal; the real size of the demo image


@dataclass(frozen=True)
class Placement:
    """The page (0-based) and the boxes (x1, y1, x2, y2 in PDF points) of the two images."""

    page: int
    signature: tuple[float, float, float, float]
    seal: tuple[float, float, float, float]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _name_baseline(page, name: str) -> float | None:
    """Return the PDF y of the baseline of the last line on `page` that is exactly `name` in the right half."""
    width = float(page.mediabox.width)
    found: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if _norm(text) == name:
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            if x > width / 2:
                found.append(y)

    page.extract_text(visitor_text=visit)
    return min(found) if found else None


def locate(pdf: bytes, signer_name: str) -> Placement | None:
    """Find the signature block by the signer's name, searching from the last page; None when absent."""
    name = _norm(signer_name)
    if not name:
        return None
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for index in reversed(range(len(reader.pages))):
        page = reader.pages[index]
        if page.mediabox.width > page.mediabox.height:
            continue  # a landscape appendix page never holds the signature block
        baseline = _name_baseline(page, name)
        if baseline is None:
            continue
        text_width = float(page.mediabox.width) - LEFT_MARGIN - RIGHT_MARGIN
        left, right = (LEFT_MARGIN + share * text_width for share in SIGNATURE_COLUMN)
        centre_x = (left + right) / 2
        centre_y = baseline + 14 + SIGN_SPACE / 2  # above the name's 14 pt line, in the blank space
        w, h = SIGNATURE_SIZE
        signature = (centre_x - w / 2, centre_y - h / 2, centre_x + w / 2, centre_y + h / 2)
        seal_right = signature[0] + w / 3
        seal = (seal_right - SEAL_DIAMETER, centre_y - SEAL_DIAMETER / 2, seal_right, centre_y + SEAL_DIAMETER / 2)
        return Placement(index, tuple(round(v, 2) for v in signature), tuple(round(v, 2) for v in seal))
    return None


def image_style(path: Path | None) -> StaticStampStyle | None:
    """Return a borderless stamp that draws only the PNG at `path` (transparency kept), or None without one."""
    if path is None or not path.is_file():
        return None
    with Image.open(path) as source:
        image = source.convert("RGBA")
    return StaticStampStyle(background=PdfImage(image), border_width=0, background_opacity=1.0)
