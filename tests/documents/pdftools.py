"""Reading PDFs and DOCX files back in tests: text through poppler's pdftotext, fonts through pdffonts."""

import html
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

# Everything above this line (points from the top) is the top margin: page numbers and the draft mark.
TOP_MARGIN_PT = 54

requires_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm")),
    reason="poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed: apt-get install poppler-utils",
)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def _with_file(pdf: bytes, callback):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        return callback(str(path))


def normalise(text: str) -> str:
    """Return `text` in NFKC with every run of whitespace made one space (ligatures and line breaks vanish)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def comparable(text: str) -> str:
    """Return `text` normalised, without the spaces after "-" and "/".

    A PDF line may end after a hyphen or a slash ("01-CTr/BXDĐ-" | "UBNDX"), where
    pdftotext cannot tell whether a space stood there; removing those spaces on
    both sides compares everything else strictly.
    """
    return re.sub(r"([-/]) ", r"\1", normalise(text))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Return (width, height) in points of each page."""
    return [(float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes, *, first: int | None = None, last: int | None = None) -> str:
    """Return the text of the PDF (or of pages first..last) in drawing order, margins included."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return _with_file(pdf, lambda path: _run("pdftotext", "-raw", "-enc", "UTF-8", *pages, path, "-"))


def pdf_body_text(pdf: bytes) -> str:
    """Return the text of every page without its top margin (page numbers and draft mark), in drawing order."""

    def read(path):
        texts = []
        for number, (width, height) in enumerate(page_sizes(pdf), start=1):
            crop = ["-x", "0", "-y", str(TOP_MARGIN_PT), "-W", str(int(width) + 1), "-H", str(int(height))]
            texts.append(
                _run("pdftotext", "-raw", "-enc", "UTF-8", "-f", str(number), "-l", str(number), *crop, path, "-")
            )
        return "\n".join(texts)

    return _with_file(pdf, read)


def page_margin_text(pdf: bytes, number: int) -> str:
    """Return the text in the top margin of page `number` (its page number, the draft mark)."""
    width, _ = page_sizes(pdf)[number - 1]
    crop = ["-x", "0", "-y", "0", "-W", str(int(width) + 1), "-H", str(TOP_MARGIN_PT)]
    return _with_file(
        pdf,
        lambda path: _run("pdftotext", "-raw", "-enc", "UTF-8", "-f", str(number), "-l", str(number), *crop, path, "-"),
    )


def pdf_fonts(pdf: bytes) -> list[dict]:
    """Return the fonts of the PDF as pdffonts lists them: name, type, embedded."""
    lines = _with_file(pdf, lambda path: _run("pdffonts", path)).splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni object ID: read the yes/no columns from the right.
        fonts.append({"name": parts[0], "embedded": parts[-5] == "yes", "subset": parts[-4] == "yes"})
    return fonts


def page_png(pdf: bytes, number: int, *, resolution: int = 50) -> bytes:
    """Return page `number` as a PNG rendered by pdftoppm."""

    def render(path):
        with tempfile.TemporaryDirectory() as folder:
            stem = Path(folder) / "page"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    str(resolution),
                    "-png",
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-singlefile",
                    path,
                    str(stem),
                ],
                check=True,
                timeout=60,
            )
            return stem.with_suffix(".png").read_bytes()

    return _with_file(pdf, render)


def docx_text(content: bytes) -> str:
    """Return the body text of a .docx in reading order: paragraphs, and table cells row by row."""
    document = docx.Document(io.BytesIO(content))
    lines = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, document).text)
        elif tag == "tbl":
            for row in Table(element, document).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    lines += [paragraph.text for paragraph in cell.paragraphs]
    return "\n".join(lines)


def effective(paragraph: Paragraph, name: str):
    """Return a paragraph format property as Word applies it: set on the paragraph, else on its style chain."""
    value = getattr(paragraph.paragraph_format, name)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, name)
        style = style.base_style
    return value


def page_layout_texts(pdf: bytes) -> list[str]:
    """Return each page's text as pdftotext -layout draws it, without the top margin (page number, draft mark)."""

    def read(path):
        texts = []
        for number, (width, height) in enumerate(page_sizes(pdf), start=1):
            crop = ["-x", "0", "-y", str(TOP_MARGIN_PT), "-W", str(int(width) + 1), "-H", str(int(height))]
            page = ["-f", str(number), "-l", str(number)]
            texts.append(_run("pdftotext", "-layout", "-enc", "UTF-8", *page, *crop, path, "-"))
        return texts

    return _with_file(pdf, read)


def lines_above_signature(pdf: bytes, label: str = "Nơi nhận:") -> list[str]:
    """Return the non-blank lines above the Nơi nhận / signature row on the page that holds it."""
    for text in page_layout_texts(pdf):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for index, line in enumerate(lines):
            if line.startswith(label):
                return lines[:index]
    raise AssertionError(f"no page holds {label!r}")


@dataclass
class Word:
    """A word drawn on a page, with its box in points from the top-left corner."""

    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float


def pdf_words(pdf: bytes) -> list[Word]:
    """Return every word of the PDF with its page and box, as pdftotext -bbox reads them."""
    xml = _with_file(pdf, lambda path: _run("pdftotext", "-bbox", "-enc", "UTF-8", path, "-"))
    words, page = [], 0
    for line in xml.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if found:
            left, top, right, bottom = (float(found.group(i)) for i in range(1, 5))
            words.append(Word(page, html.unescape(found.group(5)), left, top, right, bottom))
    return words


def line_of(words: list[Word], text: str) -> list[Word]:
    """Return the words of the first drawn line that reads `text` (words on one page, one baseline)."""
    wanted = text.split()
    for index in range(len(words)):
        run = words[index : index + len(wanted)]
        if [w.text for w in run] == wanted and len({(w.page, round(w.bottom)) for w in run}) == 1:
            return run
    raise AssertionError(f"no line reads {text!r}")


@dataclass
class Rule:
    """A horizontal line drawn on a page, and the clear space between it and the ink above it (points)."""

    top_pt: float
    left_pt: float
    right_pt: float
    clearance_pt: float


def page_rules(pdf: bytes, number: int, *, min_length_mm: float = 10, resolution: int = 300) -> list[Rule]:
    """Return the horizontal rules (solid runs of at least `min_length_mm`) below the top margin of a page."""
    from PIL import Image

    image = Image.open(io.BytesIO(page_png(pdf, number, resolution=resolution))).convert("L")
    width, height = image.size
    pixels = image.load()
    to_pt = 72 / resolution
    rules, y = [], int(TOP_MARGIN_PT / to_pt)
    while y < height:
        best = run = start = best_start = 0
        for x in range(width):
            if pixels[x, y] < 128:
                start, run = (x, 1) if run == 0 else (start, run + 1)
                if run > best:
                    best, best_start = run, start
            else:
                run = 0
        if best * to_pt >= min_length_mm * 72 / 25.4:
            left, right, top = best_start, best_start + best, y
            while y < height and pixels[(left + right) // 2, y] < 128:
                y += 1
            above = top - 1
            while above > 0 and all(pixels[x, above] >= 160 for x in range(left, right)):
                above -= 1
            rules.append(Rule(top * to_pt, left * to_pt, right * to_pt, (top - 1 - above) * to_pt))
        y += 1
    return rules
