"""Parse the plain text of a Vietnamese plan (Kế hoạch, Chương trình) into a ParsedPlan.

The input is usually text extracted from a PDF or pasted from a web page: lines are broken
where the PDF line ended, page numbers stand alone in the middle of the text, spaces are
doubled, headings may carry Markdown bold markers, the header block may be missing or its
two columns interleaved, and a web page adds "|" table separators.

Approach, in order (each step lives in a module of this package, named in brackets; this module
holds `parse_plan`, which runs them, and fills what is left from the text):

1. Clean (`text`): NFC, drop zero-width and control characters, turn exotic spaces
   into spaces, strip trailing spaces, drop lines that are only a page number, take off the
   wrapper a file or web page adds (Markdown headings, quotes and escapes, HTML tags and
   entities, breadcrumbs, "Đăng ngày", view counts), and replace Markdown bold markers by a
   sentinel so headings can still be told apart. A web headline ("Kế hoạch số … ngày … của …
   về …", `headline`) is taken off too; it fills the header fields the document lacks.
2. Guard (`guards`): empty text and legacy encodings (TCVN3/VNI, mis-decoded UTF-8) raise
   `LegacyEncodingError`; a document of another type (BÁO CÁO, QUYẾT ĐỊNH...) raises
   `NotAPlanError`.
3. Zone (`zones`, `header`): the type line ("KẾ HOẠCH") splits the header (agency, number,
   place and date, searched across lines since PDF columns split them) from the title; the title runs until the first basis opener ("Căn cứ",
   "Thực hiện"...) or section marker; the tail starts at "Nơi nhận" or the first signature
   line ("TM.", "KT."...); an appendix starts at "Phụ lục".
4. Join (`paragraphs`): body lines are glued back into paragraphs. A line starts a new
   paragraph when it starts with a marker (I., 1., 1.1., a), -, +), when the previous line
   ended a sentence and this one starts with a capital, or when the previous line was a short
   numbered heading ("1. Phòng Văn hóa - Xã hội") followed by a capitalised line. "Short" is
   measured against the document's typical line width, so the same rules work for PDF text
   (one visual line per line) and for pasted text (one paragraph per line).
5. Classify (`tree`) each paragraph by its marker, split a heading from the text (bold prefix, a
   whole heading line without final punctuation, or a short "Heading: text"), and build the
   section tree with a stack: an item closes every open item down to the last one of the
   same kind, so any nesting order of numbering styles works.
6. Prelude (`bases`): paragraphs before the first section are split into clauses on ";"
   outside quotes and parentheses; clauses that start with an opener or a document type are
   bases, the rest (e.g. "Ủy ban nhân dân xã ... ban hành Kế hoạch ... như sau:") is the intro.
7. Tasks (`tasks`, with `labels`, `fields`, `units` and `tables`): inside content sections, an item
   whose sub-bullets carry "Cơ quan thực hiện:", "Thời gian thực hiện:"... becomes a task
   block; under "Tổ chức thực hiện" each unit's paragraphs and bullets become duty tasks led
   by that unit; "|" tables with a task header become tasks (appendix tables go to
   `appendix_tasks`).
   A lead is a unit only if it has a unit's shape (a kind word and a short name, `units.unit_shaped`);
   other phrases stay in the task's text and are listed for review.
8. Tail (`tail`): recipients ("- ...;" after "Nơi nhận", continuation lines joined), the signature
   block and the signer's name. An appendix that is not a task table is kept as the last part.

Nothing is dropped silently: what cannot be classified stays as text in a section, and every
guess is listed, in Vietnamese, in `ParsedPlan.uncertain`. `flatten.flatten_text` rebuilds
the text from the structure so tests can check that every sentence of the source survived.
"""

from __future__ import annotations

import difflib
import re

from .bases import _BASIS_OPENER, _bases_and_intro
from .errors import NotAPlanError
from .guards import _check_text, _find_type_line, _looks_like_untitled_plan, _reject_type, _type_from_symbol
from .header import _agency_from_text, _Header, _parse_header
from .headline import Headline, find_headline
from .paragraphs import _NUMBERED, _glue, _join_lines, _marker
from .structure import ParsedPlan, ParsedSection
from .tables import _is_table_line, _split_cells, _table_tasks
from .tail import _RECIPIENTS_LABEL, _make_signature, _parse_tail, _split_closing
from .tasks import _extract_tasks
from .text import _RULE_LINE, _clean_lines, _plain, _segments, _shorten, _squash, normalise_text
from .tree import _build_tree, _classify, _Item, _promote_short_heading
from .zones import _find_appendix, _find_tail, _split_title

__all__ = ["parse_plan"]


def parse_plan(text: str) -> ParsedPlan:
    """Parse the text of a plan; raise NotAPlanError or LegacyEncodingError when it cannot be one."""
    _check_text(text)
    lines = _clean_lines(text, keep_bold=True)
    plan = ParsedPlan()
    notes = plan.uncertain
    body_start = _read_top(lines, plan, notes)
    tail_start = _find_tail(lines, body_start)
    appendix_start = _find_appendix(lines, tail_start if tail_start < len(lines) else body_start)
    body_end = min(tail_start, appendix_start)
    items = [_classify(paragraph) for paragraph in _join_lines(lines[body_start:body_end])]
    prelude, items = _split_prelude(items)
    items, plan.closing = _split_closing(items)
    plan.bases, plan.intro = _bases_and_intro([item.body for item in prelude], notes)
    plan.sections = _build_tree(items, notes)
    _extract_tasks(plan.sections, notes)
    for section in plan.walk_sections():
        _promote_short_heading(section)
    _read_tail(lines[tail_start:appendix_start], plan, notes)
    _read_appendix(lines[appendix_start:], plan, notes)
    _fill_gaps(plan, notes)
    _review_tasks(plan, notes)
    return plan


def _review_tasks(plan: ParsedPlan, notes: list[str]) -> None:
    """List the tasks whose lead unit is unknown and the phrases that were not taken for units."""
    for task in plan.all_tasks():
        for phrase in task.unrecognised_units:
            notes.append(
                f"Không nhận ra “{_shorten(phrase)}” là đơn vị (nhiệm vụ “{_shorten(task.content, 60)}”); "
                "chưa gán, cần xem lại."
            )
        if not task.lead_units and not task.unrecognised_units:
            notes.append(f"Không xác định được cơ quan thực hiện nhiệm vụ: “{_shorten(task.content)}”.")


def _read_top(lines: list[str], plan: ParsedPlan, notes: list[str]) -> int:
    """Read header, type line and title into `plan`; return the index where the body starts.

    A web headline above the document is taken off the lines; it fills what the body's own header lacks.
    """
    headline = find_headline(lines)
    if headline:
        lines[headline[0]] = ""
    found = _find_type_line(lines)
    if found:
        type_index, plan.doc_type, rest = found
        _reject_type(plan.doc_type)
        header_lines = lines[:type_index]
        title, body_start = _split_title(lines, type_index + 1, rest)
    else:
        plan.doc_type = _type_from_symbol(lines) or ""
        if plan.doc_type:
            _reject_type(plan.doc_type)
        elif not _looks_like_untitled_plan(normalise_text("\n".join(lines))):
            raise NotAPlanError(
                "Không nhận ra văn bản là kế hoạch: không thấy tên loại “KẾ HOẠCH” hoặc “CHƯƠNG TRÌNH” "
                "ở phần đầu văn bản."
            )
        plan.doc_type = plan.doc_type or (headline[1].doc_type if headline else "KẾ HOẠCH")
        if not headline:
            notes.append("Không thấy dòng tên loại văn bản; đã coi đây là kế hoạch và để trống trích yếu.")
        body_start = _first_body_line(lines)
        header_lines, title = lines[:body_start], []
    plan.title = _squash(_glue_all(title))
    header = _parse_header(header_lines, notes)
    plan.parent_agency, plan.agency = header.parent_agency, header.agency
    plan.number, plan.symbol, plan.number_separator = header.number, header.symbol, header.separator
    plan.place, plan.issued_on = header.place, header.issued_on
    if headline:
        _fill_from_headline(plan, header, headline[1])
    if not header.number_seen:
        notes.append("Không tìm thấy số, ký hiệu văn bản.")
    if not header.date_seen:
        notes.append("Không tìm thấy địa danh và ngày ban hành.")
    return body_start


def _fill_from_headline(plan: ParsedPlan, header: _Header, headline: Headline) -> None:
    """Take from a web headline the number, date, agency and title the document's own header lacks."""
    if not header.number_seen and headline.symbol:
        plan.number, plan.symbol, plan.number_separator = headline.number, headline.symbol, headline.separator
        header.number_seen = True
    if not header.date_seen and headline.issued_on:
        plan.issued_on, plan.place = headline.issued_on, plan.place or headline.place
        header.date_seen = True
    if not plan.agency and headline.agency:
        plan.agency = headline.agency
    plan.title = plan.title or headline.title


def _glue_all(parts: list[str]) -> str:
    out = ""
    for part in parts:
        out = _glue(out, part) if out else part
    return _plain(out)


def _first_body_line(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        plain = _squash(_plain(line))
        if _BASIS_OPENER.match(plain) or _marker(plain)[0] in _NUMBERED:
            return index
    return 0


def _split_prelude(items: list[_Item]) -> tuple[list[_Item], list[_Item]]:
    count = 0
    for item in items:
        if item.kind == "none" or (item.kind == "dash" and _BASIS_OPENER.match(item.body)):
            count += 1
        else:
            break
    return items[:count], items[count:]


def _read_tail(lines: list[str], plan: ParsedPlan, notes: list[str]) -> None:
    tail = _parse_tail(lines)
    plan.recipients = tail.recipients
    plan.signature = _make_signature(tail.signature_lines, tail.signer)
    if not any(_RECIPIENTS_LABEL.match(segment) for segment in _segments(lines)):
        notes.append("Không tìm thấy phần “Nơi nhận”.")
    if plan.signature is None:
        notes.append("Không tìm thấy khối chữ ký.")
    elif not plan.signature.signer_name:
        notes.append("Không tìm thấy họ tên người ký.")
    for leftover in tail.leftovers:
        notes.append(f"Không xếp được dòng cuối văn bản: “{_shorten(leftover)}”.")


def _read_appendix(lines: list[str], plan: ParsedPlan, notes: list[str]) -> None:
    heading, rows = [], []
    for line in lines:
        plain = _squash(_plain(line))
        if not plain:
            continue
        if _is_table_line(plain):
            rows.append(_split_cells(plain))
        elif rows:
            rows[-1][-1] = f"{rows[-1][-1]} {plain}".strip()
        elif not _RULE_LINE.match(plain):
            heading.append(plain)
    if heading and not rows:  # forms, templates, notes: kept as the last part of the text, never dropped
        plan.sections.append(ParsedSection(numbering="none", heading=heading[0], text="\n".join(heading[1:])))
        notes.append(f"Phụ lục “{_shorten(heading[0])}” không phải bảng nhiệm vụ; đã giữ nguyên văn ở cuối nội dung.")
        return
    plan.appendix_heading = "\n".join(heading)
    if rows:
        tasks = _table_tasks(rows, notes)
        if tasks is None:
            notes.append("Phụ lục có bảng nhưng không nhận ra các cột nhiệm vụ; chưa nhập bảng này.")
        else:
            plan.appendix_tasks = tasks


def _fill_gaps(plan: ParsedPlan, notes: list[str]) -> None:
    if not plan.agency:
        agency, place = _agency_from_text(plan.intro, plan.closing, plan.title)
        if agency:
            plan.agency = agency
            notes.append(f"Không thấy tên cơ quan ban hành ở phần đầu; đã lấy theo nội dung: “{agency}”.")
            if not plan.place:
                plan.place = place
                notes.append(f"Địa danh được suy ra từ tên cơ quan: {place}.")
        else:
            notes.append("Không xác định được cơ quan ban hành.")
    if not plan.title:
        notes.append("Không tìm thấy trích yếu (tên) của kế hoạch.")
    if not plan.closing:
        notes.append("Không tìm thấy đoạn kết (“Trên đây là Kế hoạch …”).")
    body = [plan.title, plan.intro, *(b.text for b in plan.bases)]
    body += [f"{s.heading} {s.text}" for s in plan.walk_sections()]
    body += [t.content for t in plan.all_tasks()] + [plan.closing]
    plan.themes = _themes(*body)


# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------

_THEME = re.compile(r"chủ đề[^“\"”.;]{0,60}?[“\"](?P<theme>[^”\"]{3,300})[”\"]", re.I)


def _themes(*texts: str) -> list[str]:
    found: list[str] = []
    for text in texts:
        for match in _THEME.finditer(text or ""):
            theme = _squash(match["theme"]).strip(" ,.")
            if not any(difflib.SequenceMatcher(None, theme, seen).ratio() >= 0.85 for seen in found):
                found.append(theme)
    return found
