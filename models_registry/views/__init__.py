"""Views of the models_registry app. Thin: check permission, call one service or selector, answer.

Who may use each view is the `permission` rule named on it (models_registry/rules.py).
Campaigns and registrations outside the user's scope are 404, never 403.

One module per concern: campaigns, registrations (list, gallery, detail and forms), workflow steps, and
evidence with the printable PDF.
"""

from models_registry.views.campaigns import (
    CampaignCreateView,
    CampaignDetailView,
    CampaignEditView,
    CampaignFormMixin,
    CampaignListView,
    CampaignMixin,
    CampaignOpenView,
    CampaignRemindView,
)
from models_registry.views.evidence import (
    EvidenceAddView,
    EvidenceDeleteView,
    EvidenceDownloadView,
    EvidenceMixin,
    RegistrationPdfView,
)
from models_registry.views.registrations import (
    CONTINUED_FIELDS,
    INDICATOR_FIELDS,
    GalleryView,
    RegistrationCreateView,
    RegistrationDetailView,
    RegistrationEditView,
    RegistrationListView,
    RegistrationMixin,
    indicator_initial,
    number_text,
)
from models_registry.views.workflow import (
    RegistrationEvaluateView,
    RegistrationRecognizeView,
    RegistrationReplicateView,
    RegistrationReportView,
    RegistrationTransitionView,
    StepFormView,
)

__all__ = [
    "CONTINUED_FIELDS",
    "INDICATOR_FIELDS",
    "CampaignCreateView",
    "CampaignDetailView",
    "CampaignEditView",
    "CampaignFormMixin",
    "CampaignListView",
    "CampaignMixin",
    "CampaignOpenView",
    "CampaignRemindView",
    "EvidenceAddView",
    "EvidenceDeleteView",
    "EvidenceDownloadView",
    "EvidenceMixin",
    "GalleryView",
    "RegistrationCreateView",
    "RegistrationDetailView",
    "RegistrationEditView",
    "RegistrationEvaluateView",
    "RegistrationListView",
    "RegistrationMixin",
    "RegistrationPdfView",
    "RegistrationRecognizeView",
    "RegistrationReplicateView",
    "RegistrationReportView",
    "StepFormView",
    "RegistrationTransitionView",
    "indicator_initial",
    "number_text",
]
