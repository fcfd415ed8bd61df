"""The named paragraph styles of the Word copy, so Word can keep a page together as the PDF does.

Every body paragraph takes one of these styles instead of Normal plus direct
formatting: Word's navigation pane then lists the headings, an official who
edits the text keeps the layout by picking a style, and the page-break rules
(a heading keeps with the next paragraph, no single line of a paragraph alone
at the top or foot of a page) live in the style as they live in
static/css/print.css for the PDF.
"""

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Times New Roman"

# Block kinds of plans.exports.printed.Block -> the style that prints them.
SECTION = "Heading 1"  # "I. MỤC ĐÍCH, YÊU CẦU": outline level 1 in the navigation pane
HEADING = "Heading 2"  # "1. Mục đích": outline level 2
BODY = "Nội dung"  # ô 6: the body text
BASIS = "Căn cứ"  # căn cứ ban hành, italic
LEAD = "Nội dung dẫn"  # a lead-in alone on its line ("- Phương pháp:"), kept with the next paragraph
RECIPIENT = "Nơi nhận"  # the Nơi nhận list, 11 pt, wrapped items hanging under their text
STYLE_OF_KIND = {"section": SECTION, "heading": HEADING, "basis": BASIS, "lead": LEAD}

# A Nơi nhận item's wrapped lines start under its text, past the "- " (its width at 11 pt).
RECIPIENT_HANG = Pt(6.4)


def add_styles(document) -> None:
    """Define the body, căn cứ, heading and Nơi nhận styles of the plan's Word copy."""
    body = _paragraph_style(document, BODY)
    _body_layout(body)
    basis = _paragraph_style(document, BASIS, base=body)
    basis.font.italic = True
    lead = _paragraph_style(document, LEAD, base=body)
    lead.paragraph_format.keep_with_next = True
    for name in (SECTION, HEADING):
        heading = document.styles[name]
        _plain_font(heading)
        heading.base_style = body
        _body_layout(heading)
        heading.font.bold = True
        heading.font.size = Pt(14)
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(0)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.keep_together = True
    recipient = _paragraph_style(document, RECIPIENT)
    recipient.font.size = Pt(11)
    recipient.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    recipient.paragraph_format.left_indent = RECIPIENT_HANG
    recipient.paragraph_format.first_line_indent = -RECIPIENT_HANG
    recipient.paragraph_format.widow_control = True


def style_for(kind: str) -> str:
    """Return the name of the style that prints a body block of `kind`."""
    return STYLE_OF_KIND.get(kind, BODY)


def _paragraph_style(document, name: str, *, base=None):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = base or document.styles["Normal"]
    style.quick_style = True
    return style


def _body_layout(style) -> None:
    """Justified, first line indented 1 cm, 6 pt after, never one line alone at a page's top or foot."""
    layout = style.paragraph_format
    layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    layout.first_line_indent = Cm(1)
    layout.space_after = Pt(6)
    layout.widow_control = True


def _plain_font(style) -> None:
    """Make a built-in heading use Times New Roman: drop its theme fonts (Calibri Light) and colour."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    style.font.italic = False
