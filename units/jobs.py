"""The jobs that send notification emails (registered with danvan.jobs; autodiscovered)."""

import datetime
import logging

from danvan.jobs import JobContext, JobFailed, register_job

logger = logging.getLogger(__name__)


@register_job("notification_emails", label="Gửi thư thông báo")
def send_notification_emails(job, ctx: JobContext):
    """Send the pending emails of the notifications `params["ids"]`, each claimed before it goes."""
    from units.emails import send_now

    ctx.progress("Gửi thư", 10)
    return {"sent": send_now(job.params["ids"])}


@register_job("notification_digest", label="Gửi thư tổng hợp thông báo")
def send_notification_digest(job, ctx: JobContext):
    """Send one person the digest of one day; a mail failure fails the job, so the next run starts it again."""
    from units.emails import digest_send
    from units.models import User

    on = datetime.date.fromisoformat(job.params["on"])
    person = User.objects.filter(pk=job.params["person"]).first()
    if person is None:
        return {"result": "gone"}
    ctx.progress("Gửi thư tổng hợp", 10)
    try:
        return {"result": digest_send(person=person, on=on)}
    except Exception as error:
        logger.exception("Không gửi được thư tổng hợp ngày %s tới %s", on, person)
        raise JobFailed(f"Không gửi được thư tổng hợp ngày {on:%d/%m/%Y}: {type(error).__name__}") from error
