"""Bad inputs 53-54: a media folder that refuses the file, three imports of one commune at the same instant."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans.models import ImportRecord, Plan
from tests.bad_inputs.files_helpers import UploadPage, files_under, folders, page  # noqa: F401 (fixtures)
from tests.concurrency import run_at_once
from tests.conftest import client_for
from tests.importing.test_import_concurrency import OTHER_PLAN, assert_no_duplicate_units
from tests.plans.test_import import THUONG_HONG
from tests.tasks.views_helpers import PDF

# --- row 53: the media folder refuses the file -----------------------------------------------------------------


def refuse_writes(kind: str, settings, monkeypatch) -> None:
    """Make the media folder refuse writes: a MEDIA_ROOT that is a file (a lost mount), or a permission error."""
    if kind == "not-a-folder":
        settings.MEDIA_ROOT = settings.MEDIA_ROOT.parent / "not-a-folder"
        settings.MEDIA_ROOT.write_text("")
    else:

        def denied(self, name, content):
            raise PermissionError(13, "Permission denied", name)

        monkeypatch.setattr(FileSystemStorage, "_save", denied)


@pytest.mark.parametrize("kind", ["not-a-folder", "permission-denied"])
@pytest.mark.parametrize("page", ["task-evidence", "registration-evidence", "plan-import"], indirect=True)
def test_row53_an_upload_the_media_folder_refuses_is_a_503_and_saves_nothing(
    page, kind, folders, settings, monkeypatch
):
    """Given a media folder that refuses writes, when evidence is uploaded with its report or registration,
    then the person reads a 503 page saying the file could not be stored and nothing was saved, and no row
    (the progress report included) and no file is left."""
    refuse_writes(kind, settings, monkeypatch)
    page.client.raise_request_exception = False  # a browser sees only the page
    before = page.records()

    status, text = page.send("bien-ban.pdf", PDF)

    assert status == 503
    assert "Không lưu được tệp lên máy chủ, nên chưa có gì được ghi" in text
    assert page.records() == before
    assert files_under(folders / "media") == []


# --- row 54: three imports of one commune at the same instant --------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_row54_three_simultaneous_uploads_of_one_commune(world, official):
    """Given three officials' sessions, when two upload the same file and one another plan of the commune at
    the same instant, then both plans are drafted, the repeat joins the same import job (never a 500), and every
    unit the plans name exists once. Needs PostgreSQL; the lost race is replayed on every engine in
    tests/importing/test_import_concurrency.py. The jobs run in the requests, as each start commits."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; simultaneous imports are raced on PostgreSQL in CI")
    clients = [client_for(official) for _ in range(3)]
    files = [THUONG_HONG, THUONG_HONG, OTHER_PLAN]

    def post(client, data):
        return client.post(reverse("plans:plan_import"), {"file": SimpleUploadedFile("ke-hoach.txt", data)})

    responses = run_at_once([lambda c=c, f=f: post(c, f) for c, f in zip(clients, files, strict=True)])

    assert [response.status_code for response in responses] == [302, 302, 302]
    assert responses[0]["Location"] == responses[1]["Location"] != responses[2]["Location"]
    assert Plan.objects.count() == 2 and ImportRecord.objects.count() == 2
    assert_no_duplicate_units(world)
