"""Rows of the background jobs' progress and download pages: a job is seen by those who see its target."""

from tests.permission_matrix.base import Row, portal


def plan_job(key):
    """Return the URL arguments of a finished job about the plan `key` of the test world, asked by the official."""

    def args(w):
        from danvan.jobs import start_job
        from danvan.jobs.runner import execute

        job = start_job("test_plan_summary", target=w.plans[key], user=w.users["official"])
        execute(str(job.pk))
        return [job.pk]

    return args


# Anonymous goes to the login page; anyone else who may not see the plan gets 404, as on the plan's own page.
DRAFT = portal(200, no_workplace=404, unit_head=404, supervisor=404)
FOREIGN = portal(404, no_workplace=404)  # even the official who asked: the plan decides

ROWS = [
    Row("jobs:job_detail", DRAFT, args=plan_job("draft"), variant="draft of our commune"),
    Row("jobs:job_download", DRAFT, args=plan_job("draft"), variant="draft of our commune"),
    Row("jobs:job_detail", FOREIGN, args=plan_job("foreign"), variant="plan of another commune"),
    Row("jobs:job_download", FOREIGN, args=plan_job("foreign"), variant="plan of another commune"),
]
