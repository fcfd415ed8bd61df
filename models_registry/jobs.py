"""Jobs of the "Dân vận khéo" campaign (registered with danvan.jobs): a unit's reminder email, a long registration form."""

import logging

from danvan.document_jobs import register_document_job
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


def _registration_pdf(registration):
    from models_registry.document import registration_pdf

    return registration_pdf(registration)


def _registration_pdf_name(registration):
    from models_registry.document import registration_filename

    return registration_filename(registration)


# A registration form too long for the web request's budget (danvan/document_jobs.py).
register_document_job(
    "registration_pdf",
    label="Xuất PDF phiếu đăng ký mô hình",
    build=_registration_pdf,
    filename=_registration_pdf_name,
    permission="models_registry.print_registration",
)
