"""Issuing an official document as a background job, and the view branch that starts it.

Issuing renders the document's official PDF, then takes its number, signs and stores the copy
(danvan/issued.py); rendering a long plan and signing it can outlast a web request. The leader's
"Ban hành" POST is checked at once by the transition view (the lifecycle's rule: 403 and an audit
row for whoever may not issue); then the work goes to a job keyed by document and version, so a
double click joins the job already running. The job calls the lifecycle's own issue service.
"""

from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

from danvan.lifecycle import Lifecycle, MoveRefused


def register_issue_job(kind: str, *, label: str, lifecycle: Lifecycle, service: str, permission: str) -> None:
    """Register the job `kind` that issues its target through `service`, the dotted path of `lifecycle`'s issue service.

    The service is imported when the job runs (it loads the document renderer). Whoever has
    `permission` on the document (who may view it) sees the job's progress.
    """
    from danvan.jobs import JobFailed, register_job

    def can_view(user, target) -> bool:
        return user.has_perm(permission, target)

    @register_job(kind, label=label, can_view=can_view)
    def issue_document(job, ctx):
        from danvan.documents import DocumentError

        document, by = job.target, job.requested_by
        if document is None:
            raise JobFailed("Văn bản không còn trên hệ thống.")
        if document.status == lifecycle["issue"].target:
            # A rerun after the worker died past the commit: the document is issued, nothing is left to do.
            ctx.done(url=document.get_absolute_url())
            return {"reference": str(getattr(document, "reference", ""))}
        if by is None:
            raise JobFailed("Người yêu cầu ban hành không còn trên hệ thống.")
        ctx.progress("Dựng bản PDF, cấp số, ký số và lưu", 10)
        try:
            issued = import_string(service)(**{lifecycle.name: document, "by": by})
        except ValidationError as error:
            raise JobFailed(" ".join(error.messages)) from error
        except DocumentError as error:  # signing the stored copy failed: nothing was issued
            raise JobFailed(f"Chưa ban hành được: {error.message}") from error
        except MoveRefused as error:
            raise JobFailed(f"Không còn quyền {lifecycle['issue'].label.lower()} {lifecycle.noun} này.") from error
        ctx.progress("Đã cấp số, ký số và lưu bản ban hành", 100)
        ctx.done(url=issued.get_absolute_url())
        return {"reference": str(getattr(issued, "reference", ""))}


class IssueJobMixin:
    """Put before an app's TransitionView: its "issue" move starts the issue job instead of issuing in the request.

    The view's dispatch has already checked the lifecycle's rule (and answered a repeat of an issue
    already made); every other move goes on to the plain transition.
    """

    issue_job_kind: str = ""

    def post(self, request, **kwargs):
        if self.action != "issue":
            return super().post(request, **kwargs)
        from danvan.document_jobs import job_key
        from danvan.jobs import job_response, start_job

        document = self.get_permission_object()
        job = start_job(
            self.issue_job_kind, target=document, user=request.user, key=job_key(self.issue_job_kind, document)
        )
        return job_response(request, job)
