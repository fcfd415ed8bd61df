from django.urls import path

from register import views

app_name = "register"

urlpatterns = [
    path("", views.RegisterIndexView.as_view(), name="index"),
    path("<id:unit>/<int:year>/", views.BookView.as_view(), name="book"),
    path("<id:unit>/<int:year>/xlsx/", views.BookXlsxView.as_view(), name="book_xlsx"),
    path("<id:unit>/<int:year>/pdf/", views.BookPdfView.as_view(), name="book_pdf"),
    path("entry/<id:pk>/", views.EntryEditView.as_view(), name="entry_edit"),
]
