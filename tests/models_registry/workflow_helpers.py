"""Drive a registration through the "Dân vận khéo" workflow in tests: `advance`, every move and its target."""

from models_registry import services
from models_registry.choices import RegistrationStatus
from models_registry.models import Registration

S = RegistrationStatus


def reload(registration):
    return Registration.objects.get(pk=registration.pk)


def advance(registration, to, world):
    """Drive `registration` from draft to `to` through the services, each move by the person who makes it."""
    path = {
        S.DRAFT: [],
        S.SUBMITTED: ["submit"],
        S.RETURNED: ["submit", "return"],
        S.ACCEPTED: ["submit", "accept"],
        S.IMPLEMENTING: ["submit", "accept", "start"],
        S.SELF_ASSESSED: ["submit", "accept", "start", "report"],
        S.EVALUATED: ["submit", "accept", "start", "report", "evaluate"],
        S.RECOGNIZED: ["submit", "accept", "start", "report", "evaluate", "recognize"],
        S.NOT_RECOGNIZED: ["submit", "accept", "start", "report", "evaluate", "not_recognize"],
        S.DROPPED: ["drop"],
    }[to]
    for step in path:
        registration = MOVES[step](registration, world)
    return reload(registration)


def _scores(registration):
    return {c.pk: c.max_score - 1 for c in registration.campaign.criteria.all()}


MOVES = {
    "submit": lambda r, w: services.registration_submit(registration=r, by=w.users["unit_head"]),
    "return": lambda r, w: services.registration_return(
        registration=r, by=w.users["official"], comment="Sửa chỉ tiêu."
    ),
    "accept": lambda r, w: services.registration_accept(registration=r, by=w.users["official"]),
    "start": lambda r, w: services.registration_start(registration=r, by=w.users["unit_head"]),
    "report": lambda r, w: services.registration_report(
        registration=r,
        by=w.users["unit_head"],
        self_assessment="Đạt và vượt các chỉ tiêu đề ra.",
        achieved={i.pk: i.target + 1 for i in r.indicators.all()},
    ),
    "evaluate": lambda r, w: services.registration_evaluate(
        registration=r, by=w.users["official"], scores=_scores(r), comment="Mô hình hiệu quả."
    ),
    "recognize": lambda r, w: services.registration_recognize(registration=r, by=w.users["leader"], level="commune"),
    "not_recognize": lambda r, w: services.registration_not_recognize(
        registration=r, by=w.users["leader"], comment="Chưa có sức lan tỏa."
    ),
    "drop": lambda r, w: services.registration_drop(
        registration=r, by=w.users["unit_head"], comment="Đơn vị sáp nhập."
    ),
}
TARGET_OF = {
    "submit": S.SUBMITTED,
    "return": S.RETURNED,
    "accept": S.ACCEPTED,
    "start": S.IMPLEMENTING,
    "report": S.SELF_ASSESSED,
    "evaluate": S.EVALUATED,
    "recognize": S.RECOGNIZED,
    "not_recognize": S.NOT_RECOGNIZED,
    "drop": S.DROPPED,
}
