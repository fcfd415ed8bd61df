from django.urls import path

from plans import views
from plans.workflows import PLAN_LIFECYCLE

app_name = "plans"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("new/", views.PlanCreateView.as_view(), name="plan_create"),
    path("import/", views.PlanImportView.as_view(), name="plan_import"),
    path("import/<id:pk>/", views.ImportReviewView.as_view(), name="import_review"),
    path("import/<id:pk>/confirm/", views.ImportConfirmIssuedView.as_view(), name="import_confirm"),
    path("<id:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<id:pk>/preview/", views.PlanPreviewView.as_view(), name="plan_preview"),
    path("<id:pk>/edit/", views.PlanEditView.as_view(), name="plan_edit"),
    path("<id:pk>/copy/", views.PlanCopyView.as_view(), name="plan_copy"),
    path("<id:pk>/bases/add/", views.BasisAddView.as_view(), name="basis_add"),
    path("<id:pk>/bases/<id:part>/edit/", views.PartFormView.as_view(kind="basis"), name="basis_edit"),
    path("<id:pk>/sections/add/", views.PartFormView.as_view(kind="section"), name="section_add"),
    path("<id:pk>/sections/<id:part>/edit/", views.PartFormView.as_view(kind="section"), name="section_edit"),
    path("<id:pk>/tasks/add/", views.PartFormView.as_view(kind="task"), name="task_add"),
    path("<id:pk>/tasks/<id:part>/edit/", views.PartFormView.as_view(kind="task"), name="task_edit"),
    path("<id:pk>/<str:kind>/<id:part>/delete/", views.PartDeleteView.as_view(), name="part_delete"),
    path("<id:pk>/<str:kind>/<id:part>/move/<str:direction>/", views.PartMoveView.as_view(), name="part_move"),
    *PLAN_LIFECYCLE.urls(views.PlanTransitionView, prefix="<id:pk>/"),
    path("references/", views.ReferenceSearchView.as_view(), name="reference_search"),
    path("references/new/", views.ReferenceCreateView.as_view(), name="reference_create"),
    path("<id:pk>/pdf/", views.PlanPdfView.as_view(), name="plan_pdf"),
    path("<id:pk>/docx/", views.PlanDocxView.as_view(), name="plan_docx"),
]
