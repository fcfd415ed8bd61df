from django.urls import path

from models_registry import views
from models_registry.workflows import REGISTRATION_LIFECYCLE

app_name = "models_registry"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<id:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<id:pk>/edit/", views.CampaignEditView.as_view(), name="campaign_edit"),
    path("campaigns/<id:pk>/remind/", views.CampaignRemindView.as_view(), name="campaign_remind"),
    path("campaigns/<id:pk>/reopen/", views.CampaignOpenView.as_view(open_=True), name="campaign_reopen"),
    path("campaigns/<id:pk>/close/", views.CampaignOpenView.as_view(open_=False), name="campaign_close"),
    path("campaigns/<id:pk>/register/", views.RegistrationCreateView.as_view(), name="registration_create"),
    path("registrations/", views.RegistrationListView.as_view(), name="registration_list"),
    path("registrations/<id:pk>/", views.RegistrationDetailView.as_view(), name="registration_detail"),
    path("registrations/<id:pk>/edit/", views.RegistrationEditView.as_view(), name="registration_edit"),
    path("registrations/<id:pk>/pdf/", views.RegistrationPdfView.as_view(), name="registration_pdf"),
    path("registrations/<id:pk>/report/", views.RegistrationReportView.as_view(), name="registration_report"),
    path("registrations/<id:pk>/evaluate/", views.RegistrationEvaluateView.as_view(), name="registration_evaluate"),
    path("registrations/<id:pk>/recognize/", views.RegistrationRecognizeView.as_view(), name="registration_recognize"),
    path("registrations/<id:pk>/replicate/", views.RegistrationReplicateView.as_view(), name="registration_replicate"),
    path("registrations/<id:pk>/evidence/", views.EvidenceAddView.as_view(), name="evidence_add"),
    path("evidence/<id:pk>/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("evidence/<id:pk>/delete/", views.EvidenceDeleteView.as_view(), name="evidence_delete"),
    path("gallery/", views.GalleryView.as_view(), name="gallery"),
    *REGISTRATION_LIFECYCLE.urls(views.RegistrationTransitionView, prefix="registrations/<id:pk>/"),
]
