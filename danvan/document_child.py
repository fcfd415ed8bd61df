"""The PDF renderer's side of the process boundary: the forkserver's set-up and the render child.

Everything here runs in the forkserver (danvan/documents_forkserver.py) or in a child forked
from it; the web worker's side (which child renders what) is danvan/document_pool.py.

A render child does one render and exits, so its limits (RLIMIT_AS, RLIMIT_CPU, nice) bound
exactly one document. A *warm* child (the pool's) prepares before it is asked: it builds the
FontConfiguration with the print stylesheet's four faces and lays out one small page, so the
copy-on-write faults and font loading of a first layout are paid while nobody waits. It then
waits for its one job; a *cold* child (pool empty or disabled) gets its job at once.
"""

import atexit
import contextlib
import ctypes
import logging
import math
import os
import resource
import shutil
import signal
import sys
import tempfile
from pathlib import Path

logger = logging.getLogger("danvan.documents")

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

# Set in the forkserver by mark_forkserver(); children inherit it through fork, so each can check that
# the process it asked to die with is still its parent.
_forkserver_pid: int | None = None

_WARM_UP_TEXT = (
    "Vận động Nhân dân tích cực xây dựng nông thôn mới, phát triển kinh tế; phân loại, thu gom, xử lý chất thải "
    "tại nguồn; giải quyết kịp thời, dứt điểm các kiến nghị, phản ánh chính đáng của người dân ngay từ cơ sở."
)
# One page of each element the print stylesheet styles (header table, title, body paragraphs, footer, landscape
# appendix table), in each face and size it uses: the forkserver lays it out once (about 0.1 s), so that
# WeasyPrint's lazily built caches for all of them exist in every child.
WARM_UP_HTML = (
    '<html><head><link rel="stylesheet" href="css/print.css"></head><body><div class="draft-mark">DỰ THẢO</div>'
    '<table class="doc-header"><colgroup><col class="left"><col class="right"></colgroup><tr><td>'
    '<div class="parent-agency">ỦY BAN NHÂN DÂN THÀNH PHỐ</div><div class="issuing-agency">ỦY BAN NHÂN DÂN</div>'
    '<div class="short-rule"></div></td><td><div class="national-name">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>'
    '<div class="motto"><span>Độc lập - Tự do - Hạnh phúc</span></div></td></tr><tr class="number-row">'
    '<td class="number-line">Số:      /KH-UBND</td><td class="date-line">Thượng Hồng, ngày 12 tháng 9 năm 2025</td>'
    '</tr></table><div class="doc-title"><div class="doc-type">KẾ HOẠCH</div><div class="summary">Thực hiện '
    'phong trào “Dân vận khéo”</div><div class="short-rule"></div></div><div class="doc-body">'
    f'<p class="basis">Căn cứ {_WARM_UP_TEXT}</p><p class="section"><span class="bold">I. MỤC ĐÍCH</span></p>'
    f'<p class="heading"><span class="bold">1. Mục đích</span></p><p class="body">- {_WARM_UP_TEXT}</p>'
    f'<p class="body"><span class="bold italic">Nhiệm vụ:</span> <span class="italic">{_WARM_UP_TEXT}</span></p>'
    f'<p class="body">{_WARM_UP_TEXT}</p></div><table class="doc-footer"><colgroup><col class="left">'
    '<col class="right"></colgroup><tr><td><div class="recipients-label">Nơi nhận:</div><div class="recipient">'
    '- UBND thành phố (để b/c);</div><div class="recipient">- Lưu: VT, VHXH.</div></td><td class="signature">'
    '<div>TM. ỦY BAN NHÂN DÂN</div><div>CHỦ TỊCH</div><div class="sign-space"></div><div>Hà Thị Thủy</div></td>'
    '</tr></table><section class="appendix"><div class="label">Phụ lục</div><div class="title">DANH MỤC NHIỆM VỤ'
    '</div><div class="note">(Kèm theo Kế hoạch số      /KH-UBND)</div><div class="short-rule"></div>'
    '<table class="tasks"><colgroup><col class="number"><col class="content"><col class="lead">'
    '<col class="coordinating"><col class="timeframe"><col class="output"></colgroup><thead><tr><th>TT</th>'
    "<th>Nội dung</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời gian</th><th>Sản phẩm</th></tr></thead><tbody>"
    f'<tr><td class="number">1</td><td>{_WARM_UP_TEXT}</td><td>Phòng Văn hóa - Xã hội</td><td>Các phòng</td>'
    "<td>Tháng 9/2025</td><td>Báo cáo</td></tr></tbody></table></section></body></html>"
)


# A warm child lays out only this: its four faces, for about 30 ms. Laying out WARM_UP_HTML there took 0.1 s
# of CPU to save 11 ms of a 5-page plan's 0.19 s (a whole 5-page plan: 0.2 s to save 36 ms); measured in issue 19.
FONTS_WARM_UP_HTML = (
    '<html><head><link rel="stylesheet" href="css/print.css"></head>'
    "<body><p>Kế hoạch <b>đậm</b> <i>nghiêng</i> <b><i>đậm nghiêng</i></b></p></body></html>"
)


def mark_forkserver() -> None:
    """Record this process as the renderer's forkserver (called once, in the forkserver)."""
    global _forkserver_pid
    _forkserver_pid = os.getpid()


def keep_children_off_main() -> None:
    """Stop children of this forkserver from running the worker's main script again (called in the forkserver).

    multiprocessing prepares every child by re-running the parent's `__main__` (gunicorn's script,
    manage.py, a bench script): 0.13 s of a 0.2 s render under gunicorn, 0.7 s under the bench, which
    runs django.setup() at import. Its forkserver was meant to do that once ("__main__" in the preload
    list), but in Python 3.11 that never happens (CPython gh-126631, gh-137996). A render child only
    runs danvan.document_child.child_main, which needs nothing from `__main__`; this forkserver is the
    renderer's alone (nothing else in the portal uses the forkserver start method).
    """
    from multiprocessing import spawn

    for name in ("_fixup_main_from_path", "_fixup_main_from_name"):
        if hasattr(spawn, name):
            setattr(spawn, name, _keep_main)


def _keep_main(_main) -> None:
    """Leave `__main__` as the forkserver's (see keep_children_off_main)."""


def own_temporary_folder() -> None:
    """Give the forkserver's children a temporary folder that the forkserver removes when it ends.

    WeasyPrint copies @font-face files into a folder of its own and removes it when the layout ends;
    a child stopped by a limit, or killed with its worker, left 1.5 MB behind in /tmp each time.
    The forkserver ends normally when its worker dies (even by SIGKILL), so its atexit runs.
    """
    folder = tempfile.mkdtemp(prefix="danvan-render-")
    tempfile.tempdir = folder
    atexit.register(shutil.rmtree, folder, ignore_errors=True)


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this child when the (single-threaded) forkserver dies; exit if it already has."""
    _drop_forkserver_alive_fd()
    if not sys.platform.startswith("linux"):  # pragma: no cover - the portal runs on Linux
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:  # pragma: no cover
        logger.warning("prctl(PR_SET_PDEATHSIG) failed: errno %s", ctypes.get_errno())
    if _forkserver_pid is not None and os.getppid() != _forkserver_pid:
        os._exit(1)  # the forkserver died between our fork and the prctl: nobody waits for this render


def _drop_forkserver_alive_fd() -> None:
    """Close this child's copy of the forkserver's "worker alive" pipe, which kept both alive past the worker.

    The forkserver leaves its loop when that pipe reaches end of file; a render child starts no process of its own.
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if fd is not None and _forkserver_pid is not None and os.getpid() != _forkserver_pid:
        with contextlib.suppress(OSError):  # already closed
            os.close(fd)
        server._forkserver_alive_fd = None


def warm_up() -> None:
    """Lay out one small page, so that WeasyPrint's lazily built caches exist before children fork.

    Run in the forkserver only: the first layout in a process parses cffi types and loads the
    fonts, about 0.15 s that every child would otherwise pay again.
    """
    from danvan import documents

    for name in documents.ASSETS:
        documents._asset_bytes(name)  # read once here; every child inherits the bytes
    documents.html_to_pdf(WARM_UP_HTML)
    tasks = Path("/proc/self/task")
    if tasks.is_dir() and len(list(tasks.iterdir())) > 1:  # pragma: no cover - Pango 1.50 leaves no thread behind
        logger.warning("The PDF forkserver has threads after warming up; children fork from it all the same.")


def warm_fonts():
    """Return a FontConfiguration holding the print stylesheet's faces, after laying out one page with it.

    Reusing it saves about 15 ms of a 180 ms plan and prints the same bytes (checked in
    tests/documents/test_render_pool.py); the layout also copies, while nobody waits, the
    forkserver's memory pages that a first layout writes to.
    """
    from danvan import documents  # the one module that imports WeasyPrint

    fonts = documents.FontConfiguration()
    documents.html_to_pdf(FONTS_WARM_UP_HTML, font_config=fonts)
    return fonts


def cpu_limit(cpu_seconds: int) -> tuple[int, int]:
    """Return the RLIMIT_CPU (soft, hard) that gives this process `cpu_seconds` more of CPU time from now.

    RLIMIT_CPU counts the whole life of the process; a warm child has already spent some on its warm-up.
    SIGXCPU at the soft limit ends the child; SIGKILL one second later if it ignored that.
    """
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + cpu_seconds
    return soft, soft + 1


def child_main(connection, warm: bool = False) -> None:
    """Be one render child: (warm up,) wait for one job, render it within its limits, answer, exit.

    The job is (html, stylesheets, memory_bytes, cpu_seconds, nice); the answer ("ok", (pdf,
    peak_mb, niceness, cpu_seconds of the render)) or (kind, detail). `nice` steps below the forkserver's priority, which is the worker's.
    """
    die_with_parent()
    # The worker ending normally terminates its idle children (SIGTERM): leave through `finally`.
    with contextlib.suppress(ValueError):  # not the main thread: only under the tests' fork start method
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    fonts = None
    try:
        if warm:
            fonts = warm_fonts()
        try:
            html, stylesheets, memory_bytes, cpu_seconds, nice = connection.recv()
        except EOFError:
            return  # the pool closed: no job will come
        _render(connection, html, stylesheets, memory_bytes, cpu_seconds, nice, fonts)
    finally:
        connection.close()
        if fonts is not None and fonts._folder:
            shutil.rmtree(fonts._folder, ignore_errors=True)


def _render(connection, html, stylesheets, memory_bytes, cpu_seconds, nice, fonts) -> None:
    from danvan import documents

    started = resource.getrusage(resource.RUSAGE_SELF)
    try:
        os.nice(nice)
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CPU, cpu_limit(cpu_seconds))
        if fonts is None:
            pdf = documents.html_to_pdf(html, stylesheets=stylesheets)
        else:
            pdf = documents.html_to_pdf(html, stylesheets=stylesheets, font_config=fonts)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime - started.ru_utime - started.ru_stime
        connection.send(("ok", (pdf, usage.ru_maxrss // 1024, os.nice(0), cpu)))
    except MemoryError:
        connection.send(("memory", ""))
    except Exception as error:  # sent to the parent, which logs it with the request
        connection.send(("error", f"{type(error).__name__}: {error}"[:2000]))
