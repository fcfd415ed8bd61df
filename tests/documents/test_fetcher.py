"""The document fetcher serves our own print assets and nothing else, and WeasyPrint gets no other way out."""

import io
import socket
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from danvan.documents import ASSET_ORIGIN, ASSETS, AssetFetcher, FetchRefused, Limits, html_to_pdf, html_to_pdf_limited


@pytest.fixture
def listening_server():
    """A TCP server on a free loopback port that records every connection it accepts."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.05)
    connections: list = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, address = server.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            connections.append(address)
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield SimpleNamespace(port=server.getsockname()[1], connections=connections)
    stop.set()
    thread.join(2)
    server.close()


def test_the_listening_server_does_notice_a_connection(listening_server):
    """Given the server the other tests rely on, a real connection is recorded (so "no connection" means something)."""
    socket.create_connection(("127.0.0.1", listening_server.port), timeout=2).close()
    for _ in range(100):
        if listening_server.connections:
            break
        threading.Event().wait(0.02)
    assert len(listening_server.connections) == 1


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_fetcher_serves_each_allow_listed_asset_from_disk(name, settings):
    response = AssetFetcher().fetch(ASSET_ORIGIN + name)
    assert response.read() == (settings.BASE_DIR / "static" / name).read_bytes()
    assert response.content_type == ASSETS[name]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (Path(__file__).resolve().parents[2] / "static" / "css" / "print.css").as_uri(),
        "data:text/css,body{}",
        "data:image/png;base64,iVBORw0KGgo=",
        "http://169.254.169.254/latest/meta-data/",
        "https://169.254.169.254/",
        "http://localhost/",
        "http://[::1]/",
        "ftp://127.0.0.1/",
        "http://assets.danvan.invalid/css/print.css",  # right host, wrong scheme
        "https://assets.danvan.invalid/static/css/app.css",  # a real static file, not allow-listed
        "https://assets.danvan.invalid/css/../../danvan/settings.py",
        "https://assets.danvan.invalid/css/%2e%2e/fonts/LiberationSerif-Regular.ttf",
        "https://assets.danvan.invalid/css/print.css?x=1",
        "https://user@assets.danvan.invalid/css/print.css",
        "https://assets.danvan.invalid.example.com/css/print.css",
        "css/print.css",
    ],
)
def test_fetcher_refuses_everything_else(url):
    fetcher = AssetFetcher()
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    with pytest.raises(FetchRefused):
        fetcher(url)
    assert fetcher.refused == [url, url]


def test_fetcher_refuses_a_loopback_server_without_connecting(listening_server):
    """Given a server listening on loopback, when the fetcher is asked for it, then it refuses and never connects."""
    fetcher = AssetFetcher()
    for url in [
        f"http://127.0.0.1:{listening_server.port}/",
        f"https://127.0.0.1:{listening_server.port}/css/print.css",
        f"http://localhost:{listening_server.port}/fonts/LiberationSerif-Regular.ttf",
    ]:
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
        with pytest.raises(FetchRefused):
            fetcher.open(url)
    threading.Event().wait(0.2)
    assert listening_server.connections == []


def hostile_html(port: int) -> str:
    """Markup that would make a naive renderer read local files and call a server, in every way WeasyPrint could."""
    local = f"http://127.0.0.1:{port}"
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="{local}/style.css">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="attachment" href="file:///etc/passwd" title="passwd">
<link rel="attachment" href="{local}/attachment.bin">
<style>
@import url("{local}/import.css");
@import "file:///etc/hostname";
@font-face {{ font-family: Leak; src: url("file:///etc/passwd"); }}
@font-face {{ font-family: Leak2; src: url("{local}/font.ttf"); }}
body {{ background: url("{local}/background.png"); font-family: Leak, Leak2; }}
li {{ list-style-image: url("http://169.254.169.254/latest/meta-data/"); }}
</style>
<base href="{local}/">
</head><body>
<p>Xin chào</p>
<img src="file:///etc/passwd">
<img src="{local}/image.png">
<img src="relative.png">
<img src="http://169.254.169.254/latest/meta-data/iam">
<img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3Cimage href='{local}/nested.png'/%3E%3C/svg%3E">
<object data="{local}/object.svg"></object>
<embed src="{local}/embed.svg">
<iframe src="{local}/frame.html"></iframe>
<svg xmlns="http://www.w3.org/2000/svg"><image href="{local}/svg-image.png" width="10" height="10"/></svg>
<ul><li>mục</li></ul>
<a href="{local}/link">liên kết</a>
</body></html>"""


def test_hostile_markup_rendered_in_process_reads_nothing_and_connects_nowhere(listening_server):
    """Given markup asking for local files and a loopback server, when WeasyPrint lays it out with our fetcher,
    then every such URL is refused, nothing is attached, and the server sees no connection."""
    fetcher = AssetFetcher()
    pdf = html_to_pdf(hostile_html(listening_server.port), fetcher=fetcher)
    threading.Event().wait(0.2)
    assert listening_server.connections == []
    assert fetcher.refused, "WeasyPrint should have asked for (and been refused) the hostile URLs"
    assert all(not url.startswith(ASSET_ORIGIN) or url[len(ASSET_ORIGIN) :] not in ASSETS for url in fetcher.refused)
    assert any(url.startswith("file:///etc/passwd") for url in fetcher.refused)
    assert any(f"127.0.0.1:{listening_server.port}" in url for url in fetcher.refused)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"root:" not in pdf


def test_hostile_markup_rendered_in_the_child_process_connects_nowhere(listening_server):
    """The same through the bounded child process that production uses."""
    pdf = html_to_pdf_limited(
        hostile_html(listening_server.port), limits=Limits(timeout_seconds=60, memory_mb=2048, max_html_bytes=10**6)
    )
    threading.Event().wait(0.2)
    assert pdf.startswith(b"%PDF")
    assert listening_server.connections == []
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
