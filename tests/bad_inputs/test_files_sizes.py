"""Bad inputs 27 and 29: an upload over the size limit, and zip bombs refused before anything is extracted."""

import io
import zipfile
from pathlib import Path

import pytest

from tests.bad_inputs.files_helpers import (  # noqa: F401 (fixtures)
    MB,
    PAGES,
    WORD_PAGES,
    assert_refused,
    entries_bomb,
    files_under,
    folders,
    gigabytes_bomb,
    page,
    temporary_uploads,
    zip_reads,
)
from tests.tasks.views_helpers import PDF

# --- row 27: over the size limit --------------------------------------------------------------------------

FIFTY_MB = {
    "task-evidence": ("bien-ban.pdf", PDF),
    "registration-evidence": ("bien-ban.pdf", PDF),
    "plan-import": ("ke-hoach.pdf", PDF),
    "progress-sheet": ("tien-do.xlsx", b"PK\x03\x04"),
}


@pytest.mark.parametrize("page", PAGES, indirect=True)
def test_row27_a_50_mb_upload_is_refused_and_its_temporary_file_removed(page, folders, temporary_uploads):
    """Given a 50 MB file (limit 10 MB), when it is uploaded, then the person reads that it is over 10 MB,
    nothing is kept, and Django's temporary copy of the upload is gone once the answer is sent."""
    name, head = FIFTY_MB[page.key]
    assert_refused(page, name, head + bytes(50 * MB), "lớn hơn 10 MB", status=page.form_refused_status)
    (spooled,) = temporary_uploads
    assert Path(spooled).parent == folders / "uploads" and not Path(spooled).exists()
    assert files_under(folders / "uploads") == []


# --- row 29: zip bombs ------------------------------------------------------------------------------------------

BOMBS = {
    ("task-evidence", "gigabytes"): "giải nén ra quá lớn",
    ("task-evidence", "entries"): "quá nhiều thành phần",
    ("registration-evidence", "gigabytes"): "giải nén ra quá lớn",
    ("registration-evidence", "entries"): "quá nhiều thành phần",
    ("plan-import", "gigabytes"): "lớn hơn 100 MB; nghi là tệp độc hại (zip bomb)",
    ("plan-import", "entries"): "quá nhiều thành phần (hơn 2.000); nghi là tệp độc hại (zip bomb)",
}


@pytest.mark.parametrize("bomb", ["gigabytes", "entries"])
@pytest.mark.parametrize("page", WORD_PAGES, indirect=True)
def test_row29_a_docx_zip_bomb_is_refused_before_anything_is_extracted(page, bomb, zip_reads):
    """Given a .docx inflating to 2 GiB, or holding 100,000 parts, when it is uploaded, then it is refused
    from the zip directory alone: not one part is opened."""
    content = {"gigabytes": gigabytes_bomb, "entries": entries_bomb}[bomb]()
    assert len(content) < 10 * MB
    zip_reads.clear()
    assert_refused(page, "ke-hoach.docx", content, BOMBS[page.key, bomb])
    assert zip_reads == []


def test_row29_the_bomb_is_a_real_one():
    """The hand-made bomb is a valid zip whose part really inflates, so refusing it means something."""
    package = zipfile.ZipFile(io.BytesIO(gigabytes_bomb()))
    assert package.getinfo("word/document.xml").file_size == 2048 * MB
    with package.open("word/document.xml") as part:
        assert part.read(MB) == bytes(MB)
    assert len(zipfile.ZipFile(io.BytesIO(entries_bomb())).infolist()) == 100_002
