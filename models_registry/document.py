"""The registration form as printed: PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO”, in the state document format.

The layout (header table, title, numbered body, signature) follows Nghị định
30/2020/NĐ-CP like the plans, through the shared print stylesheet; the words
come from the registration's fields, in the order of the registration forms
collected in official-format.md §8. `danvan.documents.render_pdf` lays it out.
"""

from dataclasses import dataclass, field

from danvan.documents import render_pdf
from danvan.text import body_date, printed_dashes
from models_registry.choices import EDITABLE_STATUSES, Origin, RegistrationStatus
from models_registry.models import Registration
from plans.exports.printed import overseeing_body_line
from plans.numbers import decree_date

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "PHIẾU ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO”"
DRAFT_MARK = "DỰ THẢO"


@dataclass
class Item:
    """A numbered item of the form: "3. Thực trạng, vấn đề cần giải quyết: ...".

    `unbroken` ends the item's line and is never broken nor stretched (an e-mail address).
    """

    number: int
    label: str
    text: str = ""
    lines: list[str] = field(default_factory=list)
    unbroken: str = ""

    def __post_init__(self):
        self.text = printed_dashes(self.text)
        self.lines = [printed_dashes(line) for line in self.lines if line.strip()]


@dataclass
class PrintedRegistration:
    registration: Registration
    parent_agency: str
    agency: str
    date_line: str
    subtitle: str
    addressee: str
    intro: str
    items: list[Item]
    indicator_item: int
    indicators: list
    show_achieved: bool
    evidence: list[str]
    recipients: list[str]
    signer_title: str
    signer_name: str
    draft: bool

    @property
    def national_name(self) -> str:
        return NATIONAL_NAME

    @property
    def motto(self) -> str:
        return MOTTO

    @property
    def title(self) -> str:
        return TITLE


def _submitted_on(registration: Registration):
    """Return the date the registration was last sent to the commune, or None while it is a draft."""
    moves = [t for t in registration.transitions.all() if t.to_status == RegistrationStatus.SUBMITTED]
    return moves[-1].at.date() if moves else None


def _intro(registration: Registration) -> str:
    campaign = registration.campaign
    plan = campaign.plan
    if plan is not None and plan.number and plan.issued_on:
        basis = (
            f"Thực hiện Kế hoạch số {plan.reference} ngày {body_date(plan.issued_on)} của "
            f"{campaign.issuing_unit.name} về {plan.title[:1].lower()}{plan.title[1:]}"
        )
    else:
        basis = f"Thực hiện {campaign.name[:1].lower()}{campaign.name[1:]} của {campaign.issuing_unit.name}"
    kind = registration.get_kind_display().lower()
    return printed_dashes(
        f"{basis}, {registration.unit.name} đăng ký {kind} “Dân vận khéo” năm {campaign.year} như sau:"
    )


def printed_registration(registration: Registration) -> PrintedRegistration:
    """Return every line of the printed registration form, in order."""
    r = registration
    campaign = r.campaign
    place = campaign.issuing_unit.place_name or r.unit.place_name
    day = _submitted_on(r)
    date_text = decree_date(day)
    origin = r.get_origin_display()
    if r.origin == Origin.CONTINUED and r.continued_from_id:
        origin = f"Tiếp tục mô hình “{r.continued_from.name}” năm {r.continued_from.campaign.year}, nâng cao chỉ tiêu"
    items = [
        Item(1, "Tên mô hình", r.name),
        Item(
            2,
            "Lĩnh vực",
            f"{r.field.name}. Loại: {r.get_kind_display().lower()}; chủ thể: {r.get_subject_display().lower()}; "
            f"{origin[:1].lower()}{origin[1:]}.",
        ),
        Item(3, "Thực trạng, vấn đề cần giải quyết", lines=r.problem.splitlines()),
        Item(4, "Mục tiêu", lines=r.objectives.splitlines()),
        # 5 is the indicator table, printed between 4 and 6.
        Item(6, "Nội dung, cách thức thực hiện", lines=r.method.splitlines()),
        Item(7, "Địa bàn, phạm vi thực hiện", lines=r.place_scope.splitlines()),
        Item(8, "Lực lượng tham gia, đối tượng hưởng lợi", lines=r.participants.splitlines()),
        Item(9, "Nguồn lực", lines=r.resources.splitlines() or ["Không đề nghị hỗ trợ kinh phí."]),
        Item(10, "Thời gian thực hiện", f"từ ngày {body_date(r.start_date)} đến ngày {body_date(r.end_date)}."),
        Item(11, "Người phụ trách", f"{r.person_in_charge}; điện thoại, email: ", unbroken=f"{r.contact}."),
    ]
    indicators = list(r.indicators.all())
    signer = r.created_by if r.created_by.unit_id == r.unit_id else None
    abbreviation = r.unit.abbreviation or r.unit.short_name or r.unit.name
    return PrintedRegistration(
        registration=r,
        parent_agency=overseeing_body_line(campaign.issuing_unit.name),
        agency=r.unit.name.upper(),
        date_line=f"{place}, {date_text}" if place else date_text.capitalize(),
        subtitle=f"Năm {campaign.year}",
        addressee=f"Kính gửi: {campaign.issuing_unit.name}",
        intro=_intro(r),
        items=items,
        indicator_item=5,
        indicators=indicators,
        show_achieved=any(i.achieved is not None for i in indicators),
        evidence=[e.original_name for e in r.evidence_files.all()],
        recipients=[f"- {campaign.issuing_unit.name} (qua Phòng Văn hóa - Xã hội);", f"- Lưu: VT, {abbreviation}."],
        signer_title=(signer.position if signer and signer.position else "THỦ TRƯỞNG ĐƠN VỊ").upper(),
        signer_name=signer.get_full_name() if signer else "",
        draft=r.status in EDITABLE_STATUSES,
    )


def registration_filename(registration: Registration) -> str:
    return f"Phiếu đăng ký mô hình Dân vận khéo - {registration.unit.name} - {registration.campaign.year}.pdf"


def registration_pdf(registration: Registration) -> bytes:
    """Return the registration form as PDF bytes; raise danvan.documents.DocumentError when it cannot be laid out."""
    return render_pdf(
        "models_registry/print/registration.html",
        {"printed": printed_registration(registration), "draft_mark": DRAFT_MARK},
    )
