"""Official documents as background jobs, and the download response that hands a long render to one.

An app registers a document job once (`register_document_job`, from its `jobs.py`) and
passes its kind to `document_response`. The response renders within the interactive
budget (danvan/document_budget.py); when the document is long, or not ready in time, the
render moves to the job (keyed by document and version, so asking again joins it) and the
page answers at once with the job's progress. A person has one document job running at a
time; a second different one answers at once with a message.
"""

from collections.abc import Callable

from django.conf import settings
from django.shortcuts import render

from danvan.audit import audit
from danvan.downloads import attachment
from danvan.models import AuditAction

# The kinds registered through register_document_job, filled as apps register theirs.
DOCUMENT_JOB_KINDS: set[str] = set()


def register_document_job(
    kind: str,
    *,
    label: str,
    build: Callable,
    filename: Callable,
    permission: str,
    content_type: str = "application/pdf",
) -> None:
    """Register the job `kind` that builds `build(target)` and attaches it as `filename(target)`.

    Whoever has `permission` on the target sees the job and downloads its result.
    """
    from danvan.jobs import JobFailed, register_job

    def can_view(user, target) -> bool:
        return user.has_perm(permission, target)

    DOCUMENT_JOB_KINDS.add(kind)

    @register_job(kind, label=label, can_view=can_view)
    def build_document(job, ctx):
        from danvan.documents import DocumentError

        target = job.target
        if target is None:
            raise JobFailed("Văn bản không còn trên hệ thống.")
        ctx.progress("Dựng trang văn bản", 10)
        try:
            content = build(target)
        except DocumentError as error:
            raise JobFailed(error.message) from error
        ctx.attach(content, filename=filename(target), content_type=content_type)


def job_key(kind: str, obj) -> str:
    """Return the key of the document job for `obj` as it is now: a new version is a new document."""
    return f"{kind}:{obj.pk}:{getattr(obj, 'version', '')}"


def _unavailable(request, obj, message: str, *, status: int, retry_after: int):
    response = render(request, "document_unavailable.html", {"message": message, "back": obj}, status=status)
    response["Retry-After"] = str(retry_after)
    return response


def _other_job_running(user, key: str) -> bool:
    from danvan.jobs.models import ACTIVE_STATUSES, Job
    from danvan.jobs.registry import kind_or_none

    kinds = [name for name in DOCUMENT_JOB_KINDS if kind_or_none(name)]
    mine = Job.objects.filter(requested_by_id=user.pk, kind__in=kinds, status__in=ACTIVE_STATUSES)
    return mine.exclude(key=key).exists()


def document_response(
    request,
    *,
    build,
    obj,
    filename: str,
    content_type: str,
    job_kind: str = "",
    pages: Callable[[], int] | None = None,
):
    """Answer with the document `build()` makes, within the interactive budget, recording the download.

    Too large or failing: the 503 page with the reason. Not ready in time: the job's progress
    (with `job_kind`), or a 503 asking to come back while the render goes on here (without).
    Another render of the same person running: 429 with a message, at once. `pages()`, when
    given, estimates the document's length from the database: a long one goes to the job
    before its HTML is even built (building the HTML of a huge plan alone took seconds).
    """
    from danvan.document_budget import DocumentBusy, DocumentDeferred, interactive
    from danvan.documents import DocumentError

    key = job_key(job_kind, obj) if job_kind else ""
    if job_kind:
        joined = _joined_job(request, key)
        if joined is not None:
            return joined
        if pages is not None and pages() > settings.DOCUMENT_BACKGROUND_PAGES:
            return _start_job(request, obj, job_kind, key)
    try:
        with interactive(request.user):
            content = build()
    except DocumentDeferred as deferred:
        if not job_kind:
            return _unavailable(request, obj, deferred.message, status=503, retry_after=30)
        deferred.cancel()  # the job renders it from the start, with the full limits
        return _start_job(request, obj, job_kind, key)
    except DocumentBusy as busy:
        return _unavailable(request, obj, busy.message, status=429, retry_after=10)
    except DocumentError as error:
        return _unavailable(request, obj, error.message, status=503, retry_after=120)
    audit(AuditAction.DOWNLOAD, obj=obj, summary=f"Tải {filename}")
    return attachment(content, filename=filename, content_type=content_type)


def _joined_job(request, key: str):
    """Answer from the job already doing this document: its file when done, else its progress."""
    from danvan.jobs import job_response
    from danvan.jobs.models import ACTIVE_STATUSES, Job, JobStatus

    job = Job.objects.filter(key=key, status__in=[*ACTIVE_STATUSES, JobStatus.DONE]).order_by("-created_at").first()
    if job is None:
        return None
    if job.status == JobStatus.DONE and job.result_file:
        with job.result_file.open("rb") as stored:
            content = stored.read()
        audit(AuditAction.DOWNLOAD, obj=job.target, summary=f"Tải {job.result_name}")
        return attachment(content, filename=job.result_name, content_type=job.result_content_type)
    if job.status in ACTIVE_STATUSES:
        return job_response(request, job)
    return None


def _start_job(request, obj, job_kind: str, key: str):
    from danvan.document_budget import DocumentBusy, person_section
    from danvan.jobs import job_response, start_job

    with person_section(request.user.pk, "jobs"):  # three clicks at once start one job, not three
        if _other_job_running(request.user, key):
            return _unavailable(request, obj, DocumentBusy().message, status=429, retry_after=10)
        job = start_job(job_kind, target=obj, user=request.user, key=key)
    return job_response(request, job)
