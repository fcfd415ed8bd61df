"""The job that sends one unit's "Dân vận khéo" registration reminder (registered with danvan.jobs)."""

import logging

from danvan.jobs import JobContext, JobFailed, register_job

logger = logging.getLogger(__name__)


def can_view_campaign(user, campaign) -> bool:
    return user.has_perm("models_registry.view_campaign", campaign)


@register_job("campaign_reminder_email", label="Gửi thư nhắc đăng ký mô hình", can_view=can_view_campaign)
def send_campaign_reminder_email(job, ctx: JobContext):
    """Send the reminder's email; a mail server failure fails the job with its reason, logged."""
    from models_registry.models import CampaignReminder
    from models_registry.services.campaigns import campaign_reminder_email_send

    reminder = CampaignReminder.objects.select_related("campaign__issuing_unit", "unit").get(pk=job.params["reminder"])
    ctx.progress(f"Gửi thư tới {reminder.unit.name}", 10)
    try:
        sent = campaign_reminder_email_send(reminder=reminder, link=job.params.get("link", ""))
    except Exception as error:
        logger.exception("Không gửi được thư nhắc đăng ký tới %s", reminder.recipients.replace("\n", ", "))
        raise JobFailed(f"Không gửi được thư nhắc đăng ký tới {reminder.unit.name}: {type(error).__name__}") from error
    return {"addresses": sent}
