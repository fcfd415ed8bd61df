"""The personal API token page, under /units/tokens/."""

from django.urls import path

from api.views.tokens import TokenListView, TokenRevokeView

app_name = "api_tokens"

urlpatterns = [
    path("", TokenListView.as_view(), name="token_list"),
    path("<id:pk>/revoke/", TokenRevokeView.as_view(), name="token_revoke"),
]
