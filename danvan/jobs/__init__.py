"""Background jobs with progress, on Django's Tasks API (django-tasks, with django-tasks-db by default).

Public API, importable from `danvan.jobs` (loaded lazily, since this package is also the app that holds the
Job model and is imported before the app registry is ready):

    @register_job("plan_pdf", label="Xuất PDF kế hoạch", can_view=...)
    def render(job: Job, ctx: JobContext): ...

    job = start_job("plan_pdf", target=plan, user=request.user, key=f"plan_pdf:{plan.pk}:{plan.version}")
"""

from importlib import import_module

_PUBLIC = {
    "Job": "danvan.jobs.models",
    "JobStatus": "danvan.jobs.models",
    "register_job": "danvan.jobs.registry",
    "JobContext": "danvan.jobs.runner",
    "JobFailed": "danvan.jobs.runner",
    "start_job": "danvan.jobs.services",
    "job_response": "danvan.jobs.views",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'danvan.jobs' has no attribute {name!r}")
