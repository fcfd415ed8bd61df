"""The job's progress (an htmx fragment polled every second, or a full page) and its result file.

Both answer 404 to anyone who may not see the job's target, exactly as the target's own pages do.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from danvan.audit import audit
from danvan.downloads import content_disposition
from danvan.jobs.models import Job, JobStatus
from danvan.jobs.registry import kind_or_none
from danvan.models import AuditAction


def job_visible_to(user, job: Job) -> bool:
    """Return whether `user` may see `job`: whoever the kind's rule admits for its target, or (no target) who asked."""
    if not user.is_authenticated:
        return False
    kind = kind_or_none(job.kind)
    if kind is None:
        return False
    if job.target_type_id:
        # The target decides, even for the person who asked: whoever lost sight of a plan loses its jobs too.
        target = job.target
        return target is not None and kind.can_view(user, target)
    return job.requested_by_id is not None and job.requested_by_id == user.pk


def visible_job_or_404(user, pk) -> Job:
    job = get_object_or_404(Job.objects.select_related("target_type"), pk=pk)
    if not job_visible_to(user, job):
        raise Http404
    return job


def job_response(request, job: Job):
    """Answer a request that started (or joined) `job`: the progress fragment to htmx, else the job's page."""
    if getattr(request, "htmx", False):
        return render(request, "jobs/progress.html", {"job": job})
    return redirect(job.get_absolute_url())


# htmx stops polling an element whose request is answered with this status (and still applies the answer).
STOP_POLLING = 286


class JobDetailView(LoginRequiredMixin, View):
    """The job's progress: the bar and status to the box's own poll, the box to other htmx requests, else a page."""

    def get(self, request, pk):
        job = visible_job_or_404(request.user, pk)
        if request.htmx and request.htmx.target == f"job-{job.pk}":
            status = 200 if job.is_active else STOP_POLLING
            return render(request, "jobs/_progress_parts.html", {"job": job, "oob": True}, status=status)
        template = "jobs/progress.html" if request.htmx else "jobs/job_page.html"
        return render(request, template, {"job": job})


class JobDownloadView(LoginRequiredMixin, View):
    """The job's result file, once it is done."""

    def get(self, request, pk):
        job = visible_job_or_404(request.user, pk)
        if job.status != JobStatus.DONE or not job.result_file:
            raise Http404
        audit(AuditAction.DOWNLOAD, obj=job.target, summary=f"{job.label}: {job.result_name}")
        response = FileResponse(job.result_file.open("rb"), content_type=job.result_content_type)
        response["Content-Disposition"] = content_disposition(job.result_name or job.result_file.name)
        return response
