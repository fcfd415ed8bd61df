"""The kinds of job: a name, a Vietnamese label, the function that does the work and who may see it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_KINDS: dict[str, "JobKind"] = {}


def _requester_only(user, target) -> bool:
    return False  # a kind without a rule of its own: nobody sees a job with a target


@dataclass(frozen=True)
class JobKind:
    """One registered kind of job."""

    name: str
    label: str
    func: Callable[..., Any]
    can_view: Callable[[Any, Any], bool]
    max_attempts: int | None = None  # None: settings.JOBS_MAX_ATTEMPTS


def register_job(
    name: str,
    *,
    label: str,
    can_view: Callable[[Any, Any], bool] = _requester_only,
    max_attempts: int | None = None,
):
    """Register the decorated function `func(job, ctx)` as the job kind `name`.

    `can_view(user, target)` says who may see the progress and result of a job about `target` (everyone
    else gets 404); a job without a target is seen only by the person who asked. Registering a name
    twice is a mistake and raises.
    """

    def decorator(func):
        if name in _KINDS and _KINDS[name].func is not func:
            raise ValueError(f"Job kind {name!r} is registered twice")
        _KINDS[name] = JobKind(name=name, label=label, func=func, can_view=can_view, max_attempts=max_attempts)
        return func

    return decorator


def get_kind(name: str) -> JobKind:
    """Return the kind `name`; raise LookupError when no module registered it."""
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"No job kind {name!r} is registered") from None


def kind_or_none(name: str) -> JobKind | None:
    return _KINDS.get(name)
