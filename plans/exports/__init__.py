"""Official-document outputs of a plan: the PDF (WeasyPrint, via danvan.documents) and the editable DOCX.

Both are built from one `PrintedPlan` (printed.py), so their text is the same.
"""

from plans.exports.docx import plan_docx
from plans.exports.names import plan_filename
from plans.exports.pdf import issued_pdf_bytes, plan_pdf, render_plan_pdf, store_issued_pdf
from plans.exports.printed import PrintedPlan, printed_plan

__all__ = [
    "PrintedPlan",
    "issued_pdf_bytes",
    "plan_docx",
    "plan_filename",
    "plan_pdf",
    "printed_plan",
    "render_plan_pdf",
    "store_issued_pdf",
]
