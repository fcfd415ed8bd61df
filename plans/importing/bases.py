"""Legal bases and the introductory sentence (step 6 of the approach described in `parser`).

Split the paragraphs before the first section into clauses; clauses that open with "Căn cứ",
"Thực hiện"... or a document type are bases, the rest is the intro. Each basis lists the documents
it cites, with type, number and symbol, date, issuer and summary.
"""

from __future__ import annotations

import datetime
import re

from .header import _make_date
from .structure import ParsedBasis, ParsedReference
from .text import _split_clauses, _squash

_BASIS_OPENER = re.compile(
    r"^(?P<opening>Căn cứ|Thực hiện|Thi hành|Theo|Xét|Trên cơ sở|Tiếp tục thực hiện|Triển khai thực hiện|Triển khai)\b"
)


_DOC_TYPE_WORDS = (
    "Thông tư liên tịch",
    "Quyết định",
    "Kế hoạch",
    "Quy định",
    "Quy chế",
    "Chỉ thị",
    "Nghị quyết",
    "Kết luận",
    "Hướng dẫn",
    "Bộ luật",
    "Luật",
    "Nghị định",
    "Thông tư",
    "Chương trình",
    "Công văn",
    "Thông báo",
    "Đề án",
    "Pháp lệnh",
    "Hiến pháp",
    "Văn bản",
    "Công điện",
    "Thông tri",
    "Điều lệ",
    "Báo cáo",
    "Tờ trình",
    "Phương án",
)
_DOC_TYPE_START = re.compile(r"^(?:" + "|".join(_DOC_TYPE_WORDS) + r")\b")
_CODE_TO_TYPE = {
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "QyĐ": "Quy định",
    "QC": "Quy chế",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "ĐA": "Đề án",
    "CV": "Công văn",
    "BC": "Báo cáo",
}
_NUMBER_SYMBOL = (
    r"\d{1,5}(?:\s*/\s*\d{4})?(?:\s*[-/]\s*|\s+)[A-ZĐ][A-Za-zĐđ0-9]*(?:\s*[-/&]\s*[A-ZĐ0-9][A-Za-zĐđ0-9]*)*"
)
_REFERENCE = re.compile(
    r"(?P<type>" + "|".join(_DOC_TYPE_WORDS) + r")\s+(?:số\s*)?(?P<ns>" + _NUMBER_SYMBOL + r")"
    r"|(?P<bare>\bsố\s*)(?P<ns2>" + _NUMBER_SYMBOL + r")"
    r"|(?P<law>\b(?:Bộ luật|Luật|Hiến pháp|Pháp lệnh))\s+(?P<name>[A-ZĐ][^;,]*?)(?=\s+(?:ngày|số|năm)\b|[;,]|$)",
    re.I,
)
_REF_DATE = re.compile(
    r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(?P<raw>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|"
    r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}\s*/\s*\d{5,6}|\d{1,2}\s*/\s*\d{1,2})"
)
_REF_ISSUER = re.compile(r"^\s*,?\s*(?:của|do)\s+(?P<issuer>[^,;:(“\"]+)")
_ISSUER_STOP = re.compile(
    r"\s+(?:về|ban hành|V/v|v/v|quy định|phê duyệt|hướng dẫn|triển khai|thực hiện|trên|tại|gắn|nhằm|để|kèm theo|"
    r"với|trong|đối với|việc)\b"
)
_SIBLING_BEFORE = re.compile(
    r"(?:^|[;,]|\bvà|\bcùng|\bCăn cứ|\bThực hiện|\bThi hành|\bTheo|\bXét|\bTriển khai|\bTrên cơ sở)\s*$"
)


def _is_basis_clause(clause: str, after_basis: bool) -> bool:
    if re.search(r"(?:như sau|sau đây)\s*:?\s*$|:\s*$", clause):
        return False
    if _BASIS_OPENER.match(clause):
        return True
    return bool(_DOC_TYPE_START.match(clause)) and (after_basis or bool(re.search(r"\bsố\s*\d", clause)))


_INTRO_AFTER_COMMA = re.compile(
    r",\s+(?=(?:Ủy ban|Uỷ ban|UBND|Ban|Đảng ủy|Phòng|Hội đồng|Trung tâm)[^,;]{0,80}?\b(?:ban hành|xây dựng|triển khai)\b)"
)


def _bases_and_intro(paragraphs: list[str], notes: list[str]) -> tuple[list[ParsedBasis], str]:
    bases: list[ParsedBasis] = []
    intro: list[str] = []
    for paragraph in paragraphs:
        if intro:
            intro.append(paragraph)
            continue
        clauses = [clause for clause in _split_clauses(paragraph) if clause]
        for position, clause in enumerate(clauses):
            pieces = _INTRO_AFTER_COMMA.split(clause, 1)
            if not _is_basis_clause(pieces[0], bool(bases)):
                intro.append("; ".join(clauses[position:]))
                break
            bases.append(_make_basis(pieces[0], bases, notes))
            if len(pieces) == 2:
                intro.append("; ".join([pieces[1], *clauses[position + 1 :]]))
                break
    return bases, "\n".join(intro)


def _make_basis(clause: str, previous: list[ParsedBasis], notes: list[str]) -> ParsedBasis:
    clause = clause.rstrip(" .;")
    match = _BASIS_OPENER.match(clause)
    opening = match["opening"] if match else (previous[-1].opening if previous else "")
    return ParsedBasis(opening=opening, text=clause, references=_references(clause, notes))


def _parse_reference_date(raw: str, notes: list[str], ns: str) -> datetime.date | None:
    match = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", raw) or re.fullmatch(
        r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", raw
    )
    date = _make_date(*match.groups()) if match else None
    if date is None:
        notes.append(f"Ngày của văn bản {ns} không hợp lệ: “{raw}”.")
    return date


def _clean_summary(text: str) -> str:
    text = re.sub(r"^\s*(?:về việc|về|V/v|v/v)\s+", "", text.strip(" ,;"))
    text = re.sub(r"\s+(?:và|cùng)$", "", text).strip(" ,;.")
    if text.startswith(("“", '"')) and text.endswith(("”", '"')) and text.count("“") <= 1:
        text = text[1:-1].strip()
    return text


def _references(clause: str, notes: list[str]) -> list[ParsedReference]:
    """Find the documents cited in a basis clause."""
    matches = _merge_law_numbers(clause, list(_REFERENCE.finditer(clause)))
    starts = [(m[0] if isinstance(m, tuple) else m).start() for m in matches]
    siblings = [i for i, start in enumerate(starts) if _SIBLING_BEFORE.search(clause[:start])]
    references = []
    for i, match in enumerate(matches):
        next_start = starts[i + 1] if i + 1 < len(matches) else len(clause)
        if i in siblings:
            later = [starts[j] for j in siblings if j > i]
            span_end = later[0] if later else len(clause)
        else:
            span_end = next_start
        reference = _make_reference(clause, match, span_end, nested=i not in siblings, notes=notes)
        if reference.number_symbol or i in siblings:  # a law only named inside another's summary is no basis
            references.append(reference)
    return references


def _merge_law_numbers(clause: str, matches: list) -> list:
    """Join a law's name and the "số NN/YYYY/QHnn" right after it into one reference: a (law, number) pair."""
    out: list = []
    for match in matches:
        previous = out[-1] if out else None
        if (
            previous is not None
            and not isinstance(previous, tuple)
            and previous["law"]
            and match["ns2"]
            and re.fullmatch(r"[^;\d“”\"]{0,60}", clause[previous.end() : match.start()])
        ):
            out[-1] = (previous, match)
        else:
            out.append(match)
    return out


def _make_reference(clause: str, match, span_end: int, *, nested: bool, notes: list[str]) -> ParsedReference:
    law = None
    if isinstance(match, tuple):  # "Luật <name> số NN/YYYY/QHnn"
        law, match = match
    if match["law"]:
        date_match = _REF_DATE.match(clause[match.end() :])
        issued_on = _parse_reference_date(_squash(date_match["raw"]), notes, match["name"]) if date_match else None
        return ParsedReference(doc_type=match["law"], issued_on=issued_on, summary=match["name"].strip())
    ns = _normalise_number_symbol(match["ns"] or match["ns2"])
    doc_type = match["type"] or (law["law"] if law else "")
    code = re.split(r"[-/]", re.sub(r"^\d+(?:/\d{4})?[-/]", "", ns))[0]
    if not doc_type:
        doc_type = _CODE_TO_TYPE.get(code, "")
        notes.append(f"Loại của văn bản {ns} được suy ra từ ký hiệu: {doc_type or 'không rõ'}.")
    elif code in _CODE_TO_TYPE and _CODE_TO_TYPE[code].lower() != doc_type.lower():
        notes.append(f"Loại văn bản “{doc_type}” không khớp với ký hiệu {ns}.")
    rest = clause[match.end() : span_end]
    issued_on, issuer = None, ""
    date_match = _REF_DATE.match(rest)
    if date_match:
        issued_on = _parse_reference_date(_squash(date_match["raw"]), notes, ns)
        rest = rest[date_match.end() :]
    issuer_match = _REF_ISSUER.match(rest)
    if issuer_match:
        issuer = _ISSUER_STOP.split(issuer_match["issuer"], 1)[0].strip()
        rest = rest[issuer_match.start("issuer") + len(issuer) :]
    summary = clause[law.start("name") : match.start()].strip(" ,") if law else _clean_summary(rest)
    if nested and not re.match(r"^\s*(?:về|V/v|v/v)\b", rest):
        summary = ""
    return ParsedReference(number_symbol=ns, doc_type=doc_type, issued_on=issued_on, issuer=issuer, summary=summary)


def _normalise_number_symbol(raw: str) -> str:
    ns = re.sub(r"\s*([-/&])\s*", r"\1", raw.strip())
    return re.sub(r"^(\d+)\s+", r"\1-", ns)
