"""Rendering is bounded in time, memory and input size, and fails with a Vietnamese message instead of hanging."""

import time

import pytest

from danvan.documents import (
    DocumentError,
    DocumentTooLargeError,
    Limits,
    html_to_pdf_limited,
    render_pdf,
)
from danvan.downloads import content_disposition

PARAGRAPH = "<p>Vận động Nhân dân tham gia bảo vệ môi trường, trồng, chăm sóc, bảo vệ cây xanh trên địa bàn xã.</p>"


def huge_html(paragraphs: int = 20000) -> str:
    return (
        f'<html><head><link rel="stylesheet" href="css/print.css"></head><body>{PARAGRAPH * paragraphs}</body></html>'
    )


def test_a_render_over_its_cpu_time_is_stopped_with_a_vietnamese_message():
    """Given a document that needs far more CPU than allowed, the child is stopped by its CPU limit (however
    long the busy machine takes to give it that CPU) and the caller hears why."""
    started = time.monotonic()
    with pytest.raises(DocumentTooLargeError) as raised:
        html_to_pdf_limited(
            huge_html(), limits=Limits(timeout_seconds=1, memory_mb=2048, max_html_bytes=10**8, wall_seconds=120)
        )
    assert time.monotonic() - started < 120
    assert "quá 1 giây xử lý" in raised.value.message
    assert raised.value.message.startswith("Văn bản quá lớn")


def test_a_render_over_its_wall_clock_limit_is_stopped():
    """Given a wall-clock limit far below the CPU limit, the parent stops waiting at the wall-clock limit."""
    started = time.monotonic()
    with pytest.raises(DocumentTooLargeError) as raised:
        html_to_pdf_limited(
            huge_html(), limits=Limits(timeout_seconds=60, memory_mb=2048, max_html_bytes=10**8, wall_seconds=0.5)
        )
    assert time.monotonic() - started < 15
    assert "quá 0.5 giây chờ" in raised.value.message


def test_the_wall_clock_limit_is_generous_by_default(settings):
    """The wall-clock limit is three times the CPU limit unless set, so a loaded box does not fail a long plan."""
    settings.DOCUMENT_RENDER_TIMEOUT = 60
    assert Limits.from_settings().wall == 180
    settings.DOCUMENT_RENDER_WALL_SECONDS = 100
    assert Limits.from_settings().wall == 100


def test_a_render_over_its_memory_is_stopped():
    with pytest.raises(DocumentTooLargeError) as raised:
        html_to_pdf_limited(huge_html(), limits=Limits(timeout_seconds=60, memory_mb=150, max_html_bytes=10**8))
    assert "Văn bản quá lớn" in raised.value.message


def test_html_over_the_size_limit_is_refused_before_layout():
    with pytest.raises(DocumentTooLargeError) as raised:
        html_to_pdf_limited(huge_html(100), limits=Limits(timeout_seconds=60, memory_mb=2048, max_html_bytes=1000))
    assert "KB" in raised.value.message


def test_render_pdf_takes_its_limits_from_settings(settings):
    settings.DOCUMENT_MAX_HTML_BYTES = 10
    with pytest.raises(DocumentTooLargeError):
        render_pdf("plans/print/plan.html", {"printed": None})


def test_a_failure_inside_layout_is_a_document_error_not_a_crash():
    with pytest.raises(DocumentError) as raised:
        html_to_pdf_limited("<p>x</p>", stylesheets=("css/not-allowed.css",), limits=Limits(60, 2048, 10**6))
    assert not isinstance(raised.value, DocumentTooLargeError)
    assert "quản trị" in raised.value.message


def test_a_small_document_renders_in_the_child():
    pdf = html_to_pdf_limited(huge_html(3), limits=Limits(60, 2048, 10**6))
    assert pdf.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "31-KH-UBND Thực hiện phong trào Dân vận khéo.pdf",
            'attachment; filename="31-KH-UBND Thuc hien phong trao Dan van kheo.pdf"; '
            "filename*=UTF-8''31-KH-UBND%20Th%E1%BB%B1c%20hi%E1%BB%87n%20phong%20tr%C3%A0o%20D%C3%A2n%20v%E1%BA%ADn%20kh%C3%A9o.pdf",
        ),
        (
            'Đề án\r\nSet-Cookie: a=b".docx',
            "attachment; filename=\"De an Set-Cookie a b.docx\"; filename*=UTF-8''%C4%90%E1%BB%81%20%C3%A1n%20Set-Cookie%20a%3Db.docx",
        ),
        ("../../etc/passwd", "attachment; filename=\"etc passwd\"; filename*=UTF-8''etc%20passwd"),
    ],
)
def test_content_disposition_has_an_ascii_fallback_and_a_utf8_name(name, expected):
    assert content_disposition(name) == expected


def test_content_disposition_trims_long_names_at_a_word():
    value = content_disposition("Kế hoạch " * 40 + ".pdf")
    fallback = value.split('filename="', 1)[1].split('"', 1)[0]
    assert len(fallback) <= 124
    assert fallback.endswith(".pdf") and fallback.removesuffix(".pdf").split(" ")[-1] in {"Ke", "hoach"}
