"""Where the signature and seal images go on the page, per NĐ 30/2020, Phụ lục I, Mục II.7–8.

The signer's image (blue, transparent PNG) sits centred between the signing
authority and the signer's name; the agency's seal (red, transparent PNG, real
size) covers about a third of the signer's image on its left. The portal's own
documents mark the blank space of the signature block with the id SIGNATURE_ANCHOR,
which WeasyPrint writes as a named destination (its page and top-left corner), so
the boxes are placed without reading the page's text. A PDF without that
destination (an older copy) is searched for the signer's name instead. When neither
is found, or an image is missing, the signature is invisible (still a valid
signature, just not drawn).
"""

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.images import PdfImage, pil_image
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.writer import PdfFileWriter
from pyhanko.stamp import StaticStampStyle

from signing.filecache import FileCache

MM = 72 / 25.4
# From static/css/print.css: A4 text block between the 30 mm and 15 mm margins; the footer's right
# column (the signature block) takes 62 % of it and centres its lines.
LEFT_MARGIN, RIGHT_MARGIN = 30 * MM, 15 * MM
SIGNATURE_COLUMN = (0.38, 1.0)
SIGN_SPACE = 30 * MM  # `.signature .sign-space` height
SIGNATURE_SIZE = (50 * MM, 25 * MM)
SEAL_DIAMETER = 36 * MM  # a commune People's Committee seal; the real size of the demo image
# The `id` of the `.sign-space` element in the print templates of plans, reports and registrations.
SIGNATURE_ANCHOR = "signature-space"
MAX_TREE_NODES = 256  # a bound on walking a name or page tree, against a cyclic one


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


def _placement(index: int, page_width: float, centre_y: float) -> Placement:
    """Return the boxes centred at `centre_y` in the signature column of a page `page_width` wide."""
    text_width = page_width - LEFT_MARGIN - RIGHT_MARGIN
    left, right = (LEFT_MARGIN + share * text_width for share in SIGNATURE_COLUMN)
    centre_x = (left + right) / 2
    w, h = SIGNATURE_SIZE
    signature = (centre_x - w / 2, centre_y - h / 2, centre_x + w / 2, centre_y + h / 2)
    seal_right = signature[0] + w / 3
    seal = (seal_right - SEAL_DIAMETER, centre_y - SEAL_DIAMETER / 2, seal_right, centre_y + SEAL_DIAMETER / 2)
    return Placement(index, tuple(round(v, 2) for v in signature), tuple(round(v, 2) for v in seal))


def _dests(root) -> list:
    """Return the flat [name, destination, ...] list of the catalog's /Dests name tree (leaves in order)."""
    names = root.get("/Names")
    tree = names.get_object().get("/Dests") if names is not None else None
    pending, flat = ([tree] if tree is not None else []), []
    for _ in range(MAX_TREE_NODES):
        if not pending:
            return flat
        node = pending.pop(0).get_object()
        flat.extend(item.get_object() for item in node.get("/Names", ()))
        pending[:0] = node.get("/Kids", ())
    raise ValueError("name tree too large or cyclic")


def _page_index(page_ref) -> int:
    """Return the 0-based index of the page `page_ref` points to, counting the pages before it in each parent."""
    if page_ref.get_object().get("/Type") != "/Page":
        raise ValueError("the destination does not point to a page")
    index, ref = 0, page_ref
    for _ in range(MAX_TREE_NODES):
        node = ref.get_object()
        if "/Parent" not in node:
            return index
        parent_ref = node.raw_get("/Parent")
        kids = parent_ref.get_object()["/Kids"]
        for position in range(len(kids)):
            sibling_ref = kids.raw_get(position)
            if sibling_ref.reference == ref.reference:
                break
            sibling = sibling_ref.get_object()
            index += int(sibling["/Count"]) if sibling.get("/Type") == "/Pages" else 1
        else:
            raise ValueError("a page missing from its parent's kids")
        ref = parent_ref
    raise ValueError("page tree too deep or cyclic")


def anchored(reader) -> Placement | None:
    """Place the boxes from the SIGNATURE_ANCHOR destination of a pyHanko `reader`; None without one.

    The destination holds the page and the top-left corner of the blank space, so
    the boxes are centred in it; only the catalog, the name tree and the page
    objects are read, never a content stream.
    """
    try:
        names = _dests(reader.root)
        for position in range(0, len(names) - 1, 2):
            if str(names[position]) == SIGNATURE_ANCHOR:
                destination = names[position + 1]
                break
        else:
            return None
        if isinstance(destination, dict):
            destination = destination["/D"]  # a destination may also be given as a dictionary
        page_ref, kind, top = destination.raw_get(0), destination[1], destination[3]
        if kind != "/XYZ" or top is None:
            return None
        index = _page_index(page_ref)
        box = [float(v) for v in page_ref.get_object()["/MediaBox"]]
        return _placement(index, box[2] - box[0], float(top) - SIGN_SPACE / 2)
    except (PdfError, KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None  # a malformed name tree or destination: the caller falls back to the text search


def _from_name(reader: pypdf.PdfReader, name: str) -> Placement | None:
    """Place the boxes above the signer's name, searching its pages from the last (slow: reads the text)."""
    for index in reversed(range(len(reader.pages))):
        page = reader.pages[index]
        if page.mediabox.width > page.mediabox.height:
            continue  # a landscape appendix page never holds the signature block
        baseline = _name_baseline(page, name)
        if baseline is not None:
            return _placement(
                index, float(page.mediabox.width), baseline + 14 + SIGN_SPACE / 2
            )  # above the name's 14 pt line
    return None


def locate(pdf: bytes, signer_name: str) -> Placement | None:
    """Find the signature block by the signer's name, searching from the last page; None when absent."""
    name = _norm(signer_name)
    if not name:
        return None
    return _from_name(pypdf.PdfReader(io.BytesIO(pdf)), name)


@dataclass(frozen=True)
class _Encoded:
    """An image XObject as written once: its dictionary, its compressed bytes and its soft mask (transparency)."""

    entries: dict
    data: bytes
    mask: "_Encoded | None"

    @classmethod
    def of(cls, stream) -> "_Encoded":
        entries = {key: value for key, value in stream.items() if key not in ("/SMask", "/Length")}
        mask = cls.of(stream["/SMask"]) if "/SMask" in stream else None
        return cls(entries, stream.encoded_data, mask)

    def add_to(self, writer) -> generic.IndirectObject:
        entries = generic.DictionaryObject(self.entries)
        if self.mask is not None:
            entries["/SMask"] = self.mask.add_to(writer)
        return writer.add_object(generic.StreamObject(entries, encoded_data=self.data))


class _PreparedImage(PdfImage):
    """pyHanko's image appearance, with the XObject compressed once rather than in every signed file."""

    def __init__(self, image: Image.Image, encoded: _Encoded):
        super().__init__(image)
        self.encoded = encoded

    @property
    def image_ref(self) -> generic.IndirectObject:
        if self._image_ref is None or self._image_ref.get_pdf_handler() is not self.writer:
            self._image_ref = self.encoded.add_to(self.writer)
        return self._image_ref


def _prepare(path: Path) -> tuple[Image.Image, _Encoded]:
    """Return the PNG at `path` as RGBA and as a compressed XObject (about 3 ms of zlib per signature saved)."""
    with Image.open(path) as source:
        image = source.convert("RGBA")
    scratch = PdfFileWriter()
    return image, _Encoded.of(pil_image(image, scratch).get_object())


_PREPARED = FileCache(_prepare, max_files=16)


def image_style(path: Path | None) -> StaticStampStyle | None:
    """Return a borderless stamp that draws only the PNG at `path` (transparency kept), or None without one."""
    if path is None or not path.is_file():
        return None
    image, encoded = _PREPARED.get(path)
    return StaticStampStyle(background=_PreparedImage(image, encoded), border_width=0, background_opacity=1.0)
