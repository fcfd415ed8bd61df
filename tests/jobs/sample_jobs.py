"""Job kinds used only by the tests (settings_test.JOBS_EXTRA_MODULES registers them, in workers too)."""

import time
from pathlib import Path

from danvan.audit import audit
from danvan.jobs import JobContext, JobFailed, register_job
from danvan.models import AuditAction


def can_view_plan(user, plan) -> bool:
    return user.has_perm("plans.view_plan", plan)


@register_job("test_plan_summary", label="Tóm tắt kế hoạch (thử)", can_view=can_view_plan)
def plan_summary(job, ctx: JobContext):
    """Write a small text file about the plan in three steps, pausing `params["pause"]` seconds between them."""
    plan = job.target
    pause = job.params.get("pause", 0)
    for percent, step in [(10, "Đọc kế hoạch"), (50, "Dựng nội dung"), (90, "Ghi tệp")]:
        ctx.progress(step, percent)
        time.sleep(pause)
    ctx.attach(f"{plan.title}\n".encode(), filename="Tóm tắt kế hoạch.txt", content_type="text/plain")
    return {"characters": len(plan.title)}


@register_job("test_failing", label="Việc thử không thành công", can_view=can_view_plan)
def failing(job, ctx: JobContext):
    ctx.progress("Kiểm tra tệp", 20)
    raise JobFailed("Tệp không đọc được: thiếu trang 3.")


@register_job("test_crashing", label="Việc thử gặp lỗi", can_view=can_view_plan)
def crashing(job, ctx: JobContext):
    raise RuntimeError("a bug")


@register_job("test_blocking", label="Việc thử chờ tệp")
def blocking(job, ctx: JobContext):
    """Mark `started` (with the attempt), wait until `release` exists, then write one audit row: the side effect."""
    folder = Path(job.params["folder"])
    (folder / f"started-{ctx.attempt}").touch()
    while not (folder / "release").exists():
        ctx.progress("Chờ tệp", 50)
        time.sleep(0.05)
    audit(AuditAction.CREATE, summary=f"side effect of job {job.pk}")
    return {"attempt": ctx.attempt}
