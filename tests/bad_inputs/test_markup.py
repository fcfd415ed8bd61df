"""Bad inputs 15-20 of docs/bad-inputs.md: markup, links and template syntax typed into text fields.

The portal has no rich-text field: every text a person types is plain text, escaped by Django's
templates on the page and in the PDF (a rich-text field, if one is ever added, must be cleaned with nh3). These tests
type markup through the real forms, then parse the pages with an HTML parser (so a broken-out
attribute or element would be seen as one) and read the PDF back. The PDF is rendered once for
the module (`printed`).
"""

import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from models_registry.models import Registration
from plans.models import Plan
from tests.conftest import client_for, enroll_two_factor
from tests.documents.pdftools import comparable, page_sizes, pdf_text, requires_poppler
from tests.factories import TEST_PASSWORD, CityFactory, CommuneFactory, DepartmentFactory, PlanFactory, UserFactory
from tests.models_registry.conftest import campaign, field  # noqa: F401 (fixtures)
from tests.models_registry.test_views import TWO_INDICATORS, form_data
from units.choices import Role

# The module's PDF is built in a module-scoped fixture: the marker makes pytest-django set up the
# test database even when only the PDF tests are selected.
pytestmark = pytest.mark.django_db

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


# --- one plan full of markup, printed once -------------------------------------------------------


@dataclass
class Printed:
    """A plan whose texts are all markup: its pages (detail, edit form, preview) and its PDF."""

    pages: dict[str, str]
    pdf: bytes
    text: str
    sizes: list[tuple[float, float]]


INTRO = "\n".join([*LINKS, PAGE_SIZE, *TEMPLATE_SYNTAX])
SECTION_TEXT = f"{TEXTAREA}\n{IMAGE}"


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker) -> Printed:
    """Create through the forms a plan with markup in its title, introduction, section and signer; print it.

    Built once per module in a transaction that is rolled back; only plain values leave it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        commune = CommuneFactory(parent=CityFactory(), place_name="Thượng Hồng")
        official = UserFactory(unit=DepartmentFactory(parent=commune), role=Role.OFFICIAL)
        client = client_for(official)
        response = client.post(
            reverse("plans:plan_create"),
            {
                "title": f"{SCRIPT} Kế hoạch thử",
                "kind": "other",
                "doc_type": "KH",
                "issuing_unit": commune.pk,
                "intro": INTRO,
                "signer_name": QUOTES,
                "recipients": f"{SCRIPT};\nLưu: VT.",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        plan = Plan.objects.get()
        response = client.post(
            reverse("plans:section_add", args=[plan.pk]),
            {"numbering": "roman", "heading": QUOTES, "text": SECTION_TEXT},
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        pages = {
            "detail": client.get(plan.get_absolute_url()),
            "edit": client.get(reverse("plans:plan_edit", args=[plan.pk])),
            "preview": client.get(reverse("plans:plan_preview", args=[plan.pk])),
            "list": client.get(reverse("plans:plan_list")),
        }
        assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
        download = client.get(reverse("plans:plan_pdf", args=[plan.pk]))
        assert download.status_code == 200
        pdf = download.content
        result = Printed(
            pages={name: page.content.decode() for name, page in pages.items()},
            pdf=pdf,
            text=comparable(pdf_text(pdf)),
            sizes=page_sizes(pdf),
        )
        transaction.set_rollback(True)
    return result


PAGES = ["detail", "edit", "preview"]


# --- row 15: <script> -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", [*PAGES, "list"])
def test_row15_script_tag_is_literal_text_on_the_page(printed, page):
    html = printed.pages[page]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kế hoạch thử" in html
    assert SCRIPT not in html
    assert not any("alert(" in script for script in Elements(html).raw["script"])


@requires_poppler
def test_row15_script_tag_is_literal_text_in_the_pdf(printed):
    assert comparable(f"{SCRIPT} Kế hoạch thử") in printed.text
    assert comparable(f"{SCRIPT};") in printed.text  # the recipients list
    assert pdf_actions(printed.pdf) == []


def test_row15_script_tag_in_a_registration_is_literal_text(campaign, field, unit_head):
    client = client_for(unit_head)
    response = client.post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, name=f"{SCRIPT} Mô hình", problem=SCRIPT),
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.name == f"{SCRIPT} Mô hình"
    html = client.get(registration.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mô hình" in html
    assert SCRIPT not in html


# --- row 16: breaking out of an attribute or a text area ------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_row16_quotes_cannot_leave_an_attribute(printed, page):
    html = printed.pages[page]
    assert "&quot; onmouseover=&quot;alert(1)" in html
    assert QUOTES not in html
    assert Elements(html).event_handlers() == []


def test_row16_signer_name_stays_inside_its_value_attribute(printed):
    """The edit form puts the signer's name in an <input value="...">: the parser reads it back whole."""
    inputs = [attrs for tag, attrs in Elements(printed.pages["edit"]).tags if tag == "input"]
    signer = next(attrs for attrs in inputs if attrs.get("name") == "signer_name")
    assert signer["value"] == QUOTES
    assert set(signer) <= {"type", "name", "value", "maxlength", "class", "id", "aria-describedby", "aria-invalid"}


def test_row16_closing_textarea_stays_inside_the_text_area(printed):
    html = printed.pages["edit"]
    assert "&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert TEXTAREA not in html
    textareas = re.findall(r"<textarea[^>]*>(.*?)</textarea>", html, re.DOTALL)
    assert any("alert(1)" in text and "onmouseover" not in text for text in textareas)  # the introduction


def test_row16_a_refused_form_shows_the_typed_markup_escaped(world, official):
    """Given markup in every box of a form that fails (no title), the 400 page shows it escaped."""
    response = client_for(official).post(
        reverse("plans:plan_create"),
        {
            "title": "",
            "kind": "other",
            "doc_type": "KH",
            "issuing_unit": world.commune.pk,
            "signer_name": QUOTES,
            "place_name": QUOTES,
            "intro": TEXTAREA,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert QUOTES not in html and TEXTAREA not in html
    parsed = Elements(html)
    assert parsed.event_handlers() == []
    assert not any("alert(" in script for script in parsed.raw["script"])
    values = [attrs.get("value") for tag, attrs in parsed.tags if tag == "input"]
    assert values.count(QUOTES) == 2
    assert not Plan.objects.exists()


def template_files() -> list[Path]:
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_row16_every_attribute_holding_a_variable_is_quoted():
    """An unquoted attribute (value={{ x }}) is broken out of by a space; no template has one."""
    unquoted = re.compile(r"\s[\w:-]+=\{[{%]")
    files = template_files()
    assert len(files) > 50
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unquoted.search(line)
    ]
    assert offenders == []


# --- row 17: javascript: and data: links ----------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_row17_link_like_text_is_never_an_href(printed, page):
    html = printed.pages[page]
    parsed = Elements(html)
    assert page == "preview" or parsed.urls()  # the full pages have links; the preview fragment has none
    assert not any(active_scheme(url) for url in parsed.urls())
    assert "javascript:alert(1)" in html  # shown as text
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;bấm vào đây&lt;/a&gt;" in html


@requires_poppler
def test_row17_link_like_text_is_not_a_link_in_the_pdf(printed):
    for link in LINKS:
        assert comparable(link) in printed.text
    assert pdf_actions(printed.pdf) == []


NEXT = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
]
NEXT_IDS = ["javascript", "mixed-case", "leading-space", "tab", "data", "data-base64"]


@pytest.mark.parametrize("target", NEXT, ids=NEXT_IDS)
def test_row17_login_never_follows_a_javascript_or_data_next(world, target):
    """Given ?next=javascript:… on the login page, the hidden field and the redirect after login ignore it."""
    client = client_for(None)
    page = client.get(reverse("login"), {"next": target})
    assert page.status_code == 200
    values = [attrs.get("value") or "" for tag, attrs in Elements(page.content.decode()).tags if tag == "input"]
    assert not any(active_scheme(value) for value in values)
    response = client.post(reverse("login"), {"username": "canbo", "password": TEST_PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("target", NEXT, ids=NEXT_IDS)
def test_row17_second_factor_never_follows_a_javascript_or_data_next(world, target):
    leader = world.users["leader"]
    codes = enroll_two_factor(leader)
    client = client_for(leader, verified=False)
    page = client.get(reverse("two_factor_verify"), {"next": target})
    parsed = Elements(page.content.decode())
    hidden = next(attrs for tag, attrs in parsed.tags if tag == "input" and attrs.get("name") == "next")
    assert hidden["value"] == reverse("home")
    response = client.post(reverse("two_factor_verify"), {"token": codes[0], "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("target", NEXT[:1] + NEXT[4:5], ids=["javascript", "data"])
def test_row17_marking_notifications_read_never_follows_a_javascript_or_data_next(world, official, target):
    response = client_for(official).post(reverse("units:notification_read"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("units:notification_list")


# --- row 18: <img onerror> where rich text would be ----------------------------------------------


def test_row18_the_portal_has_no_rich_text_so_no_template_marks_user_text_safe():
    """Every text field is plain text: no template turns escaping off or marks a value safe.

    If a rich-text field is ever added, it must be cleaned with nh3 before it is stored or shown.
    """
    unsafe = re.compile(r"\|\s*safe\b|\|\s*safeseq\b|{%\s*autoescape\s+off")
    offenders = [str(path.relative_to(ROOT)) for path in template_files() if unsafe.search(path.read_text("utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("page", PAGES)
def test_row18_img_onerror_in_the_longest_texts_is_shown_as_text(printed, page):
    html = printed.pages[page]
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    parsed = Elements(html)
    assert not any(tag == "img" and "onerror" in attrs for tag, attrs in parsed.tags)
    assert parsed.event_handlers() == []


def test_row18_img_onerror_in_a_registrations_method_is_shown_as_text(campaign, field, unit_head):
    client = client_for(unit_head)
    response = client.post(
        reverse("models_registry:registration_create", args=[campaign.pk]),
        form_data(field, TWO_INDICATORS, method=f"Cách làm: {IMAGE}", objectives=IMAGE),
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.method == f"Cách làm: {IMAGE}"  # stored as typed: it is text, not markup
    html = client.get(registration.get_absolute_url()).content.decode()
    assert "Cách làm: &lt;img src=x onerror=alert(3)&gt;" in html
    assert Elements(html).event_handlers() == []


@requires_poppler
def test_row18_img_onerror_prints_as_text(printed):
    assert comparable(IMAGE) in printed.text


# --- row 19: a stylesheet closing the paragraph -----------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_row19_style_element_is_escaped_on_the_page(printed, page):
    html = printed.pages[page]
    assert "&lt;/p&gt;&lt;style&gt;@page{size:100000cm}&lt;/style&gt;" in html
    assert not any("100000cm" in style for style in Elements(html).raw["style"])


@requires_poppler
def test_row19_style_element_has_no_effect_on_the_pdf(printed):
    assert comparable(PAGE_SIZE) in printed.text
    assert printed.sizes and all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in printed.sizes)


# --- row 20: template syntax -------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_row20_template_syntax_is_shown_literally_on_the_page(printed, page):
    html = printed.pages[page]
    for syntax in TEMPLATE_SYNTAX:
        assert syntax in html
    assert settings.SECRET_KEY not in html


@requires_poppler
def test_row20_template_syntax_is_printed_literally_in_the_pdf(printed):
    for syntax in TEMPLATE_SYNTAX:
        assert comparable(syntax) in printed.text
    assert settings.SECRET_KEY not in printed.text


def test_row20_template_syntax_in_a_title_is_literal_in_the_list_and_search(world, official):
    PlanFactory(issuing_unit=world.commune, created_by=official, title="Kế hoạch {{ settings.SECRET_KEY }} {% debug %}")
    client = client_for(official)
    for query in ({}, {"q": "{{ settings.SECRET_KEY }}"}):
        html = client.get(reverse("plans:plan_list"), query).content.decode()
        assert "Kế hoạch {{ settings.SECRET_KEY }} {% debug %}" in html
        assert settings.SECRET_KEY not in html
