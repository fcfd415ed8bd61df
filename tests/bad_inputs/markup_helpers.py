"""The markup the markup tests (test_markup_*.py, rows 15-20) type, and how they read pages and PDFs back.

The portal has no rich-text field: every text a person types is plain text, escaped by Django's
templates on the page and in the PDF (a rich-text field, if one is ever added, must be cleaned with nh3).
The tests type markup through the real forms, then parse the pages with an HTML parser (so a broken-out
attribute or element would be seen as one) and read the PDF back.
"""

import io
import re
from html.parser import HTMLParser
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
A4 = (595.28, 841.89)

SCRIPT = "<script>alert(1)</script>"
QUOTES = '" onmouseover="alert(1)'
TEXTAREA = "</textarea><script>alert(2)</script>"
LINKS = [
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    "data:text/html,<script>alert(1)</script>",
]
IMAGE = "<img src=x onerror=alert(3)>"
PAGE_SIZE = "</p><style>@page{size:100000cm}</style>"
TEMPLATE_SYNTAX = ["{{ settings.SECRET_KEY }}", "{% debug %}"]


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside each <script> and <style>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._inside: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._inside = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data):
        if self._inside:
            self.raw[self._inside][-1] += data

    def event_handlers(self) -> list[str]:
        """Return every on* attribute (onclick, onerror, onmouseover...) on any element."""
        return [name for _tag, attrs in self.tags for name in attrs if name.startswith("on")]

    def urls(self) -> list[str]:
        """Return every href, src, action and formaction value."""
        return [
            value or ""
            for _tag, attrs in self.tags
            for name, value in attrs.items()
            if name in {"href", "src", "action", "formaction", "xlink:href"}
        ]


def active_scheme(url: str) -> bool:
    """Whether a browser would run or render `url` itself: javascript:, data:, vbscript: (after trimming)."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    return cleaned.startswith(("javascript:", "data:", "vbscript:"))


def pdf_actions(pdf: bytes) -> list[str]:
    """Return what in the PDF could act when opened or clicked: open actions, scripts, links, annotation actions."""
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    found = [key for key in ("/OpenAction", "/AA") if key in catalog]
    names = catalog.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        found.append("/JavaScript")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" or "/A" in annotation or "/AA" in annotation:
                found.append(f"annotation {annotation.get('/Subtype')}")
    return found
