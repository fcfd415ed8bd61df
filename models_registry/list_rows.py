"""The rows of the registration and campaign lists as plain values, built once in the view (issue 19).

As on the task list (plans/task_list_rows.py): a page of model objects, each
reversing its URL and resolving its choices, units and fields in the template,
cost more than the page's queries. Here one query reads the page's columns as
values, the view formats each cell with the very filters the template used
(`date`, `floatformat`), and the template only prints strings: the same page.
"""

from django.template.defaultfilters import date, floatformat
from django.urls import reverse
from django.utils.timezone import localtime

from danvan import generations
from models_registry.choices import STATUS_STYLES, ModelKind, Origin, RegistrationStatus, Subject
from models_registry.selectors import campaign_counts

# The generation of the registration and campaign lists' cached counts (danvan/list_counts.py): a saved
# registration or campaign renews it (models_registry/apps.py).
REGISTRY_VERSION = "registry_list_counts:version"
# The generation of the fields offered in the registration list's filter: a saved field renews it.
FIELDS_VERSION = "registration_list_fields:version"
# An id no database reaches, replaced by each row's own id in the reversed address.
_URL_MARK = 987654321

REGISTRATION_COLUMNS = (
    "pk",
    "name",
    "kind",
    "subject",
    "origin",
    "status",
    "total_score",
    "created_at",
    "campaign__year",
    "unit__name",
    "unit__short_name",
    "field__name",
)


def fields_version() -> int:
    """Return the generation of the fields (lĩnh vực) offered in the list's filter (danvan/list_options.py)."""
    (version,) = generations.current(FIELDS_VERSION)
    return version


def url_format(name: str) -> str:
    """Return the address of the page `name` with `{}` for the object's id, from one `reverse`."""
    return reverse(name, args=[_URL_MARK]).replace(str(_URL_MARK), "{}")


def _labels(choices) -> dict[str, str]:
    """Return each value's label, as `get_FOO_display` prints it (in the active language)."""
    return {value: str(label) for value, label in choices.choices}


def registration_list_rows(registrations) -> list[dict]:
    """Return one dict of ready-to-print cells per registration of a list page (registration_list.html).

    `registrations` are rows of `.values(*REGISTRATION_COLUMNS)`.
    """
    url = url_format("models_registry:registration_detail")
    kinds, subjects, statuses = _labels(ModelKind), _labels(Subject), _labels(RegistrationStatus)
    return [
        {
            "url": url.format(row["pk"]),
            "name": row["name"],
            "kind": kinds.get(row["kind"], row["kind"]),
            "subject": subjects.get(row["subject"], row["subject"]),
            "is_continued": row["origin"] == Origin.CONTINUED,
            "unit": row["unit__short_name"] or row["unit__name"],  # Unit.__str__
            "field": row["field__name"],
            "year": row["campaign__year"],
            "status": statuses.get(row["status"], row["status"]),
            "status_style": STATUS_STYLES[row["status"]],
            "score": floatformat(row["total_score"], "-2g") or "—",
            "created": date(localtime(row["created_at"]), "d/m/Y"),
        }
        for row in registrations
    ]


CAMPAIGN_COLUMNS = (
    "pk",
    "year",
    "name",
    "issuing_unit__name",
    "issuing_unit__short_name",
    "registration_deadline",
    "registration_open_override",
    "target_percent",
)


def campaign_list_rows(campaigns) -> list[dict]:
    """Return one dict of ready-to-print cells per campaign of a list page (campaign_list.html).

    `campaigns` are rows of `.values(*CAMPAIGN_COLUMNS)`; their counts come from `selectors.campaign_counts`.
    """
    campaigns = list(campaigns)
    counts = campaign_counts([row["pk"] for row in campaigns])
    url = url_format("models_registry:campaign_detail")
    registrations = reverse("models_registry:registration_list") + "?campaign={}"
    return [
        {
            "year": row["year"],
            "url": url.format(row["pk"]),
            "name": row["name"],
            "issuing_unit": row["issuing_unit__short_name"] or row["issuing_unit__name"],  # Unit.__str__
            "deadline": date(row["registration_deadline"], "d/m/Y"),
            "reopened": row["registration_open_override"],
            "counted": counts[row["pk"]]["counted"],
            "eligible": counts[row["pk"]]["eligible"],
            "target_percent": row["target_percent"],
            "registrations_url": registrations.format(row["pk"]),
            "registrations": counts[row["pk"]]["registrations"],
        }
        for row in campaigns
    ]
