"""Writes of the units app: loading the unit tree and placing people in it."""

from django.db import transaction
from django.utils import timezone

from units.choices import EmailStatus, NotificationKind, NotificationMode, UnitKind
from units.models import Notification, Unit, UnitGroup, User

# The twelve units every synthetic commune gets, by kind (for benchmarks at scale).
SYNTHETIC_COMMUNE_UNITS = [
    ("Văn phòng HĐND và UBND", "VP", UnitKind.DEPARTMENT),
    ("Phòng Văn hóa - Xã hội", "VHXH", UnitKind.DEPARTMENT),
    ("Phòng Kinh tế", "KT", UnitKind.DEPARTMENT),
    ("Trung tâm Dịch vụ sự nghiệp công", "TTDV", UnitKind.SERVICE_UNIT),
    ("Trường Tiểu học", "THCS", UnitKind.SERVICE_UNIT),
    ("Trạm Y tế", "TYT", UnitKind.SERVICE_UNIT),
    ("Đảng ủy", "ĐU", UnitKind.PARTY),
    ("Ủy ban Mặt trận Tổ quốc", "MTTQ", UnitKind.MASS_ORG),
    ("Hội Liên hiệp Phụ nữ", "HPN", UnitKind.MASS_ORG),
    ("Đoàn Thanh niên", "ĐTN", UnitKind.MASS_ORG),
    ("Công an xã", "CA", UnitKind.ARMED_FORCE),
    ("Ban Chỉ huy quân sự", "BCHQS", UnitKind.ARMED_FORCE),
]


@transaction.atomic
def unit_tree_load(*, nodes: list[dict], parent: Unit | None = None) -> list[Unit]:
    """Create or update the units described by `nodes` (the demo_units.json format) under `parent`.

    Idempotent: a unit is matched by its parent and name, so loading twice changes nothing.
    """
    loaded = []
    for position, node in enumerate(nodes, start=1):
        unit, _created = Unit.objects.update_or_create(
            parent=parent,
            name=node["name"],
            defaults={
                "short_name": node.get("short_name", ""),
                "abbreviation": node.get("abbreviation", ""),
                "place_name": node.get("place_name", ""),
                "kind": node["kind"],
                "position": position,
            },
        )
        loaded.append(unit)
        unit_tree_load(nodes=node.get("children", []), parent=unit)
        for group in node.get("groups", []):
            unit_group_define(owner=unit, name=group["name"], member_names=group["members"])
    return loaded


def unit_group_define(*, owner: Unit, name: str, member_names: list[str]) -> UnitGroup:
    """Create or update a group of `owner`'s child units named `member_names`."""
    group, _created = UnitGroup.objects.get_or_create(owner=owner, name=name)
    group.members.set(owner.children.filter(name__in=member_names))
    return group


def person_place(
    *,
    username: str,
    unit: Unit | None,
    role: str,
    full_name: str,
    position: str = "",
    password: str,
    superuser: bool = False,
) -> User:
    """Create the person `username`, or put an existing one back in `unit` with `role` and `password`."""
    user, _created = User.objects.get_or_create(username=username)
    user.full_name = full_name
    user.unit = unit
    user.role = role
    user.position = position
    user.is_active = True
    user.is_staff = superuser
    user.is_superuser = superuser
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def synthetic_communes_create(*, city: Unit, count: int) -> int:
    """Add `count` synthetic communes with twelve units each under `city`; return how many were new.

    Names are numbered, so running again with the same count creates nothing.
    """
    existing = set(
        city.children.filter(kind=UnitKind.COMMUNE, name__startswith="Ủy ban nhân dân xã Mẫu ").values_list(
            "name", flat=True
        )
    )
    new_communes = []
    for number in range(1, count + 1):
        name = f"Ủy ban nhân dân xã Mẫu {number:03d}"
        if name not in existing:
            new_communes.append(
                Unit(
                    parent=city,
                    name=name,
                    short_name=f"UBND xã Mẫu {number:03d}",
                    abbreviation="UBND",
                    place_name=f"Mẫu {number:03d}",
                    kind=UnitKind.COMMUNE,
                    position=1000 + number,
                )
            )
    created = Unit.objects.bulk_create(new_communes)
    Unit.objects.bulk_create(
        Unit(
            parent=commune,
            name=name,
            short_name=name,
            abbreviation=abbreviation,
            kind=kind,
            position=position,
            place_name=commune.place_name,
        )
        for commune in created
        for position, (name, abbreviation, kind) in enumerate(SYNTHETIC_COMMUNE_UNITS, start=1)
    )
    return len(created)


def notify(*, recipients, text: str, url: str = "", key: str = "", kind: str = "") -> int:
    """Write one in-app notification per recipient and, for a `kind`, its email as each person chose; return how many were new.

    With `key`, never twice for the same person. Without a `kind` no email is sent (the
    caller mails by itself, or the message is for the bell only). Emails at once go out
    after the commit (units.emails); daily-digest ones wait for `manage.py send_digest`.
    """
    from units.emails import send_on_commit

    created, to_send = 0, []
    for recipient in recipients:
        fields = {"text": text[:500], "url": url, "kind": kind, "email_status": _email_status(recipient, kind)}
        if key:
            notification, new = Notification.objects.get_or_create(recipient=recipient, key=key, defaults=fields)
        else:
            notification, new = Notification.objects.create(recipient=recipient, **fields), True
        created += new
        if new and notification.email_status == EmailStatus.PENDING:
            to_send.append(notification.pk)
    send_on_commit(to_send)
    return created


def _email_status(person: User, kind: str) -> str:
    """Return where the email of a new notification of `kind` for `person` starts."""
    if not kind:
        return EmailStatus.NONE
    mode = person.notification_mode(kind)
    if mode == NotificationMode.APP:
        return EmailStatus.NONE
    if not person.email:
        return EmailStatus.NO_ADDRESS
    return EmailStatus.DIGEST if mode == NotificationMode.DIGEST else EmailStatus.PENDING


def notification_modes_set(*, user: User, modes: dict[str, str]) -> User:
    """Store how `user` wants to hear of each kind of notification (unknown kinds and modes are ignored)."""
    user.notification_modes = {
        kind: mode
        for kind, mode in modes.items()
        if kind in NotificationKind.values and mode in NotificationMode.values
    }
    user.save(update_fields=["notification_modes"])
    return user


def notifications_mark_read(*, user, ids=None) -> int:
    """Mark the user's notifications (all, or those with `ids`) as read; return how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
