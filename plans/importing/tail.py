"""The end of the document (step 8 of the approach described in `parser`).

Take the closing paragraph ("Trên đây là Kế hoạch ... ./.") off the body, and read the recipients
after "Nơi nhận", the signature block (TM., KT.... authority and position) and the signer's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .structure import ParsedSignature
from .text import VN_LOWER, VN_UPPER, _is_upper_text, _segments, _squash
from .tree import _Item

_SIGNATURE_PREFIX = re.compile(r"^(?P<prefix>TM\.|KT\.|TL\.|TUQ\.|Q\.|T/M|K/T|T/L|T\.M\.?|K\.T\.?)\s*(?P<rest>.*)$")
_RECIPIENTS_LABEL = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.I)


def _split_closing(items: list[_Item]) -> tuple[list[_Item], str]:
    """Remove the closing paragraph(s) ("Trên đây là Kế hoạch ... ./.") from the end of the body."""
    for index in range(len(items) - 1, -1, -1):
        if items[index].kind == "none" and items[index].body.startswith("Trên đây"):
            tail = items[index:]
            if all(item.kind == "none" for item in tail):
                return items[:index], "\n".join(item.body for item in tail)
            break
    if items and items[-1].kind == "none" and re.search(r"/\.\s*$", items[-1].body):
        return items[:-1], items[-1].body
    return items, ""


_NAME = re.compile(rf"^(?:[{VN_UPPER}][{VN_LOWER}]*)(?:\s+[{VN_UPPER}][{VN_LOWER}]*){{1,5}}$")
_SIGNED_MARK = re.compile(r"^\(?\s*(?:Đã ký|đã ký|Ký|ký)(?:[^)]*)\)?$")


@dataclass
class _Tail:
    recipients: list[str] = field(default_factory=list)
    signature_lines: list[str] = field(default_factory=list)
    signer: str = ""
    leftovers: list[str] = field(default_factory=list)


def _parse_tail(lines: list[str]) -> _Tail:
    tail = _Tail()
    in_recipients = False
    for segment in _segments(lines):
        label = _RECIPIENTS_LABEL.match(segment)
        if label:
            in_recipients = True
            segment = segment[label.end() :]
            if not segment:
                continue
        if segment.startswith(("-", "+", "•")):
            recipient, signature = _split_recipient_line(segment)
            tail.recipients.append(_clean_recipient(recipient))
            if signature:
                tail.signature_lines.append(signature)
                in_recipients = False
        elif _SIGNATURE_PREFIX.match(segment) or (_is_upper_text(segment) and len(segment) <= 80):
            tail.signature_lines.append(segment)
            in_recipients = False
        elif _SIGNED_MARK.match(segment):
            continue
        elif _NAME.match(segment):
            tail.signer = segment
        elif in_recipients and tail.recipients and (not re.search(r"[;.]$", segment) or segment[0] in "(" + VN_LOWER):
            tail.recipients[-1] = _clean_recipient(f"{tail.recipients[-1]} {segment}")
        elif in_recipients and not tail.recipients:
            tail.recipients.append(_clean_recipient(segment))
        else:
            tail.leftovers.append(segment)
    return tail


_SIGNATURE_AFTER_RECIPIENT = re.compile(r"^(?P<recipient>.+?;)\s+(?P<signature>\S.{2,}[^.;,])$")


def _split_recipient_line(segment: str) -> tuple[str, str]:
    """Split "- Đảng ủy xã; CHỦ TỊCH" (two columns on one line) into the recipient and the signature part."""
    match = _SIGNATURE_AFTER_RECIPIENT.match(segment)
    if match and match["signature"] == match["signature"].upper() and _is_upper_text(match["signature"]):
        return match["recipient"], match["signature"]
    return segment, ""


def _clean_recipient(text: str) -> str:
    return _squash(text.lstrip("-+• ")).rstrip(" ;.,")


_POSITION_AT_END = re.compile(
    r"^(?P<authority>.+?)\s+(?P<position>(?:PHÓ\s+)?(?:CHỦ TỊCH|BÍ THƯ|TRƯỞNG PHÒNG|GIÁM ĐỐC|TRƯỞNG BAN))$"
)


def _make_signature(lines: list[str], signer: str) -> ParsedSignature | None:
    if not lines and not signer:
        return None
    prefix, authority, position = "", [], ""
    rest = list(lines)
    match = _SIGNATURE_PREFIX.match(rest[0]) if rest else None
    if match:
        prefix = match["prefix"]
        rest[0] = match["rest"]
    if len(rest) == 1 and prefix:
        split = _POSITION_AT_END.match(rest[0])
        if split and split["authority"] != "KT.":
            rest = [split["authority"], split["position"]]
    if len(rest) >= 2:
        authority, position = rest[:-1], rest[-1]
    elif rest:
        (authority, position) = ([rest[0]], "") if prefix else ([], rest[0])
    return ParsedSignature(
        authority_prefix=prefix, authority="\n".join(authority), position=position, signer_name=signer
    )
