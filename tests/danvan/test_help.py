"""The user guide at /help/: one guide per role, rendered safely, and the navbar's help icon."""

import re

import pytest
from django.urls import reverse

from danvan.help import (
    COMMON_SECTIONS,
    GUIDE_DIR,
    GUIDES,
    MAIN_JOBS,
    PAGE_SECTIONS,
    render_guide,
    render_markdown,
    section_for,
    slugify,
)


def test_slugify_folds_vietnamese_headings():
    assert slugify("Soạn kế hoạch") == "soan-ke-hoach"
    assert slugify("Đăng ký mô hình Dân vận khéo") == "dang-ky-mo-hinh-dan-van-kheo"


def test_raw_html_is_escaped_and_unsafe_links_dropped():
    html, _toc = render_markdown(
        "<script>alert(1)</script>\n\nChữ <b onclick=x>đậm</b> [xấu](javascript:alert(1)) ![ảnh](http://x/y.png)\n"
    )
    assert "<script" not in html and "<b " not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html
    assert "http://x/y.png" not in html


@pytest.mark.parametrize("slug", list(GUIDES))
def test_every_guide_has_the_common_sections_and_every_mapped_anchor(slug):
    title, html, toc = render_guide(slug)
    assert title.startswith("Hướng dẫn")
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {"dang-nhap", "trang-chu", MAIN_JOBS} <= ids
    assert {item["id"] for item in toc} >= {"dang-nhap", "trang-chu", MAIN_JOBS}
    for anchor in [*COMMON_SECTIONS.values(), *PAGE_SECTIONS[slug].values()]:
        assert anchor in ids, anchor
    for name in re.findall(r'src="/help/img/([^"]+)"', html):
        assert (GUIDE_DIR / "img" / name).is_file(), name


def test_guide_page_renders_with_its_table_of_contents(client, world):
    client.force_login(world.users["official"])
    response = client.get(reverse("help:guide", args=["truongphong"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="bao-cao-tien-do"' in body and 'href="#bao-cao-tien-do"' in body
    assert "<script>" not in body.split("<main", 1)[1].split("</main>", 1)[0]


def test_unknown_guide_is_404(client, world):
    client.force_login(world.users["official"])
    assert client.get("/help/khong-co/").status_code == 404
    assert client.get("/help/img/..%2Fcanbo.md").status_code == 404


@pytest.mark.parametrize(
    "role, page, target",
    [
        ("official", "plans:plan_create", "/help/canbo/#soan-ke-hoach"),
        ("unit_head", "tasks:unit_tasks", "/help/truongphong/#nhiem-vu-cua-don-vi"),
        ("official", "plans:plan_detail", "/help/canbo/#trinh-ke-hoach"),
        ("supervisor", "reports:rollup", "/help/giamsat/#bang-tong-hop-cac-xa"),
        ("supervisor", "home", "/help/giamsat/#trang-chu"),
        ("official", "khong:co", "/help/canbo/#cac-viec-chinh"),
    ],
)
def test_help_link_goes_to_the_section_of_the_persons_guide(client, world, role, page, target):
    client.force_login(world.users[role])
    response = client.get(reverse("help:index"), {"trang": page})
    assert response.status_code == 302 and response["Location"] == target


def test_navbar_help_icon_points_at_the_current_page(client, world):
    client.force_login(world.users["unit_head"])
    body = client.get(reverse("plans:plan_list")).content.decode()
    icon = re.search(r'<a [^>]*id="nav-help"[^>]*>(.*?)</a>', body, re.S)
    assert icon and "?trang=plans%3Aplan_list" in icon.group(0)
    assert "bi-question-circle" in icon.group(1) and '<span class="visually-hidden">Hướng dẫn</span>' in icon.group(1)


def test_section_for_falls_back_to_the_main_jobs():
    assert section_for("lanhdao", "plans:plan_detail") == "duyet-ke-hoach"
    assert section_for("lanhdao", "units:notification_list") == "thong-bao"
    assert section_for("giamsat", "plans:plan_edit") == MAIN_JOBS


def test_person_without_a_role_sees_the_index(client, world):
    client.force_login(world.users["no_workplace"])
    response = client.get(reverse("help:index"), {"trang": "home"})
    assert response.status_code == 200
    assert reverse("help:guide", args=["giamsat"]) in response.content.decode()
