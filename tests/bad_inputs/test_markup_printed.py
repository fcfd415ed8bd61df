"""Bad inputs 15-20 on one plan full of markup: its pages and its PDF, rendered once for the module (`printed`)."""

import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from plans.models import Plan
from tests.bad_inputs.markup_helpers import (
    A4,
    IMAGE,
    LINKS,
    PAGE_SIZE,
    QUOTES,
    SCRIPT,
    TEMPLATE_SYNTAX,
    TEXTAREA,
    Elements,
    active_scheme,
    pdf_actions,
)
from tests.conftest import client_for
from tests.documents.pdftools import comparable, page_sizes, pdf_text, requires_poppler
from tests.factories import CityFactory, CommuneFactory, DepartmentFactory, UserFactory
from units.choices import Role

# The module's PDF is built in a module-scoped fixture: the marker makes pytest-django set up the
# test database even when only the PDF tests are selected.
pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("page", PAGES)
def test_row18_img_onerror_in_the_longest_texts_is_shown_as_text(printed, page):
    html = printed.pages[page]
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    parsed = Elements(html)
    assert not any(tag == "img" and "onerror" in attrs for tag, attrs in parsed.tags)
    assert parsed.event_handlers() == []


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
