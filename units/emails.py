"""The emails of notifications: one at once after the commit, or one digest a day (manage.py send_digest).

Every email is sent by a background job (units/jobs.py), never inside the web request: the job row
commits with the notifications, and a worker sends. A mail server that refuses or does not answer never
fails the change that caused the notification: the failure is logged, the notification's email is marked
failed, and the in-app notification stays. `EMAIL_TIMEOUT` (settings) bounds how long a dead server holds
the worker.
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from units.choices import EmailStatus, NotificationKind
from units.models import Notification, NotificationDigest, User

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[Cổng Dân vận] "


def absolute_url(url: str) -> str:
    """Return `url` prefixed with settings.SITE_URL when it is set and `url` is a path."""
    base = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    return f"{base}{url}" if base and url.startswith("/") else url


def _settings_line() -> str:
    return f"Đổi cách nhận thông báo: {absolute_url(reverse('units:notification_settings'))}"


def _greeting(person: User) -> str:
    return f"Kính gửi đồng chí {person.get_full_name()},"


def notification_message(notification: Notification) -> EmailMessage:
    """Return the plain-text email of one notification."""
    person = notification.recipient
    lines = [_greeting(person), "", notification.text]
    if notification.url:
        lines += ["", f"Xem chi tiết: {absolute_url(notification.url)}"]
    kind = NotificationKind(notification.kind).label if notification.kind else ""
    lines += [
        "",
        "--",
        f"Thư gửi tự động từ Cổng Dân vận vì đồng chí chọn nhận thư ngay cho loại thông báo “{kind}”.",
        _settings_line(),
    ]
    subject = SUBJECT_PREFIX + " ".join(notification.text.split())[:120]
    return EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [person.email])


def digest_message(person: User, notifications: list[Notification], on: datetime.date) -> EmailMessage:
    """Return the plain-text daily digest listing `notifications` of `person`."""
    lines = [_greeting(person), "", f"Các thông báo mới trên Cổng Dân vận đến ngày {on:%d/%m/%Y}:", ""]
    for number, notification in enumerate(notifications, start=1):
        when = timezone.localtime(notification.created_at)
        lines.append(f"{number}. [{when:%d/%m/%Y %H:%M}] {notification.text}")
        if notification.url:
            lines.append(f"   {absolute_url(notification.url)}")
    lines += [
        "",
        f"Xem tất cả thông báo: {absolute_url(reverse('units:notification_list'))}",
        "",
        "--",
        "Thư tổng hợp gửi mỗi ngày một lần vì đồng chí đã chọn nhận thư tổng hợp.",
        _settings_line(),
    ]
    subject = f"{SUBJECT_PREFIX}{len(notifications)} thông báo mới đến ngày {on:%d/%m/%Y}"
    return EmailMessage(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [person.email])


def send_on_commit(ids: list[int]) -> None:
    """Start the job that sends the emails of the notifications `ids`; a worker sends them after the commit.

    The key is the set of notifications, so starting it twice sends nothing twice (and `send_now` claims
    each email before sending it in any case).
    """
    if ids:
        from danvan.jobs import start_job

        ids = sorted(ids)
        digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]
        start_job("notification_emails", key=f"notification_emails:{digest}", params={"ids": ids})


def send_now(ids: list[int]) -> int:
    """Send the pending emails of the notifications `ids`, one per notification; return how many went.

    Never raises: a failed connection or message is logged and marked failed.
    """
    pending = list(
        Notification.objects.filter(pk__in=ids, email_status=EmailStatus.PENDING).select_related("recipient")
    )
    if not pending:
        return 0
    try:
        connection = get_connection(fail_silently=False)
        connection.open()
    except Exception:
        logger.exception("Không kết nối được máy chủ thư; %d thư thông báo chưa gửi", len(pending))
        _mark(pending, EmailStatus.FAILED)
        return 0
    sent = 0
    try:
        for notification in pending:
            # Claimed before sending, so a second caller never sends the same email twice.
            if not Notification.objects.filter(pk=notification.pk, email_status=EmailStatus.PENDING).update(
                email_status=EmailStatus.SENT, emailed_at=timezone.now()
            ):
                continue
            try:
                connection.send_messages([notification_message(notification)])
                sent += 1
            except Exception:
                logger.exception("Không gửi được thư thông báo %s tới %s", notification.pk, notification.recipient)
                _mark([notification], EmailStatus.FAILED)
    finally:
        try:
            connection.close()
        except Exception:
            logger.exception("Lỗi khi đóng kết nối máy chủ thư")
    return sent


def _mark(notifications: list[Notification], status: str) -> None:
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(email_status=status)


def digest_queue(on: datetime.date) -> QuerySet[Notification]:
    """Return the notifications waiting for a digest, written on or before `on` (a missed day is not lost)."""
    end = timezone.make_aware(datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time.min))
    return Notification.objects.filter(email_status=EmailStatus.DIGEST, created_at__lt=end)


def digests_send(*, on: datetime.date) -> dict[str, int]:
    """Start one digest job for each person with notifications waiting for the day `on`; return the counts.

    The job's key is the person and the day, and NotificationDigest allows one digest per person and day:
    running twice sends nothing more; notifications written after a day's digest wait for the next day's.
    """
    from danvan.jobs import start_job

    done = {"started": 0, "already": 0}
    sent_already = NotificationDigest.objects.filter(on=on).values("recipient_id")
    waiting = User.objects.filter(pk__in=digest_queue(on).values("recipient_id"))
    done["already"] = waiting.filter(pk__in=sent_already).count()
    for person_id in waiting.exclude(pk__in=sent_already).order_by("pk").values_list("pk", flat=True):
        start_job(
            "notification_digest",
            key=f"notification_digest:{person_id}:{on.isoformat()}",
            params={"person": person_id, "on": on.isoformat()},
        )
        done["started"] += 1
    return done


def digest_send(*, person: User, on: datetime.date) -> str:
    """Send `person` the digest of the day `on`; return "sent", "already" or "no_address".

    Raises when the mail server fails: nothing is recorded, so the next run sends it.
    """
    notifications = list(digest_queue(on).filter(recipient=person).order_by("created_at", "pk"))
    if not notifications:
        return "already"
    if not person.email:
        _mark(notifications, EmailStatus.NO_ADDRESS)
        return "no_address"
    with transaction.atomic():
        _digest, created = NotificationDigest.objects.get_or_create(
            recipient=person, on=on, defaults={"count": len(notifications)}
        )
        if not created:
            return "already"
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            email_status=EmailStatus.SENT, emailed_at=timezone.now()
        )
        digest_message(person, notifications, on).send(fail_silently=False)
    return "sent"
