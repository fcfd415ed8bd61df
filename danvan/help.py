"""The user guide: one Markdown file per role under docs/guide/, rendered safely for the portal's /help/ pages.

The files are ours, but they are rendered as if they were not: raw HTML is escaped (the
Markdown HTML block and inline patterns are removed), links keep only safe schemes, so a
slip in a guide can never put a script or a style on a page (the CSP forbids inline ones
anyway). `PAGE_SECTIONS` maps the page a person is on to the section of their guide that
explains it, for the help icon in the navbar.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.safestring import mark_safe

from danvan.text import fold
from units.choices import Role

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "guide"
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.png$")


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    role: str
    summary: str


GUIDES = {
    guide.slug: guide
    for guide in (
        Guide("canbo", "Cán bộ, chuyên viên", Role.OFFICIAL, "Soạn và trình kế hoạch, theo dõi phong trào, tổng hợp."),
        Guide("truongphong", "Trưởng phòng", Role.UNIT_HEAD, "Nhiệm vụ của đơn vị, báo cáo tiến độ, đăng ký mô hình."),
        Guide("lanhdao", "Lãnh đạo", Role.LEADER, "Duyệt, trả lại, ban hành kế hoạch và báo cáo; công nhận mô hình."),
        Guide("giamsat", "Giám sát", Role.SUPERVISOR, "Theo dõi các xã, phường: bảng tổng hợp và số liệu."),
    )
}
GUIDE_OF_ROLE = {guide.role: guide.slug for guide in GUIDES.values()}

# The page a person is on (URL name) -> the anchor of the section of their guide that explains it.
# A page missing for a role falls back to that guide's "main jobs" section.
COMMON_SECTIONS = {
    "home": "trang-chu",
    "units:notification_list": "thong-bao",
    "password_change": "dang-nhap",
}
PAGE_SECTIONS = {
    "canbo": {
        "plans:plan_list": "soan-ke-hoach",
        "plans:plan_create": "soan-ke-hoach",
        "plans:plan_edit": "soan-ke-hoach",
        "plans:plan_detail": "trinh-ke-hoach",
        "plans:plan_import": "nhap-ke-hoach-tu-tep",
        "plans:import_review": "nhap-ke-hoach-tu-tep",
        "tasks:task_list": "theo-doi-nhiem-vu",
        "tasks:task_detail": "theo-doi-nhiem-vu",
        "models_registry:campaign_list": "phong-trao-dan-van-kheo",
        "models_registry:campaign_detail": "phong-trao-dan-van-kheo",
        "models_registry:registration_detail": "phong-trao-dan-van-kheo",
        "reports:dashboard": "bao-cao-dinh-ky",
        "reports:report_list": "bao-cao-dinh-ky",
        "reports:report_detail": "bao-cao-dinh-ky",
        "reports:cycle_list": "bao-cao-dinh-ky",
        "reports:cycle_detail": "bao-cao-dinh-ky",
    },
    "truongphong": {
        "tasks:unit_tasks": "nhiem-vu-cua-don-vi",
        "tasks:task_list": "nhiem-vu-cua-don-vi",
        "tasks:task_detail": "bao-cao-tien-do",
        "tasks:sheet_import": "bao-cao-tien-do",
        "reports:part_edit": "nop-phan-bao-cao",
        "models_registry:campaign_list": "dang-ky-mo-hinh-dan-van-kheo",
        "models_registry:campaign_detail": "dang-ky-mo-hinh-dan-van-kheo",
        "models_registry:registration_create": "dang-ky-mo-hinh-dan-van-kheo",
        "models_registry:registration_edit": "dang-ky-mo-hinh-dan-van-kheo",
        "models_registry:registration_detail": "dang-ky-mo-hinh-dan-van-kheo",
    },
    "lanhdao": {
        "plans:plan_list": "duyet-ke-hoach",
        "plans:plan_detail": "duyet-ke-hoach",
        "tasks:task_list": "theo-doi-nhiem-vu",
        "reports:dashboard": "bang-so-lieu-cua-xa",
        "reports:report_list": "duyet-bao-cao",
        "reports:report_detail": "duyet-bao-cao",
        "models_registry:campaign_list": "cong-nhan-mo-hinh",
        "models_registry:registration_detail": "cong-nhan-mo-hinh",
    },
    "giamsat": {
        "reports:rollup": "bang-tong-hop-cac-xa",
        "reports:commune_dashboard": "so-lieu-cua-mot-xa",
        "plans:plan_list": "xem-ke-hoach-va-nhiem-vu",
        "plans:plan_detail": "xem-ke-hoach-va-nhiem-vu",
        "tasks:task_list": "xem-ke-hoach-va-nhiem-vu",
        "models_registry:campaign_list": "phong-trao-cua-cac-xa",
    },
}
MAIN_JOBS = "cac-viec-chinh"


def slugify(value: str, separator: str = "-") -> str:
    """Return a heading's anchor: "Soạn kế hoạch" -> "soan-ke-hoach" (Vietnamese letters folded to ASCII)."""
    return re.sub(r"[^a-z0-9]+", separator, fold(value)).strip(separator)


def section_for(slug: str, url_name: str | None) -> str:
    """Return the anchor of the section of guide `slug` that explains the page named `url_name`."""
    sections = {**COMMON_SECTIONS, **PAGE_SECTIONS.get(slug, {})}
    return sections.get(url_name or "", MAIN_JOBS)


def render_markdown(text: str) -> tuple[str, list[dict]]:
    """Return the HTML of `text` with raw HTML escaped, and its table of contents (danvan/help_markdown.py)."""
    from danvan.help_markdown import render  # here, so only the help pages load the Markdown library

    html, toc = render(text, slugify=slugify)
    # Our own guide, with raw HTML escaped and unsafe links dropped by the renderer: the one place that
    # decides it is markup, so no template needs `|safe` (tests/bad_inputs row 18).
    return mark_safe(html), toc


@functools.lru_cache(maxsize=16)
def _render_file(path: Path, mtime: float) -> tuple[str, str, list[dict]]:
    text = path.read_text(encoding="utf-8")
    title, _newline, body = text.partition("\n") if text.startswith("# ") else ("", "", text)
    html, toc = render_markdown(body)
    return title.removeprefix("# ").strip(), html, toc


def render_guide(slug: str) -> tuple[str, str, list[dict]]:
    """Return (title, HTML, table of contents) of guide `slug`, re-rendered only when its file changes."""
    path = GUIDE_DIR / f"{slug}.md"
    return _render_file(path, path.stat().st_mtime)
