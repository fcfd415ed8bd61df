"""Pure parsing core of the plan importer: read a file's text and parse it into a ParsedPlan.

No Django and no database here; the app's import service turns a ParsedPlan into records.
"""

from .errors import (
    DocumentImportError,
    LegacyEncodingError,
    NotAPlanError,
    UnreadableDocumentError,
    UnsafeDocumentError,
    UnsupportedFormatError,
)
from .parser import parse_plan
from .readers import read_text
from .structure import ParsedBasis, ParsedPlan, ParsedReference, ParsedSection, ParsedSignature, ParsedTask

__all__ = [
    "DocumentImportError",
    "LegacyEncodingError",
    "NotAPlanError",
    "ParsedBasis",
    "ParsedPlan",
    "ParsedReference",
    "ParsedSection",
    "ParsedSignature",
    "ParsedTask",
    "UnreadableDocumentError",
    "UnsafeDocumentError",
    "UnsupportedFormatError",
    "parse_plan",
    "read_text",
]
