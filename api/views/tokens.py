"""The portal page where a person creates and revokes their API tokens (/units/tokens/)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from api.forms import TokenForm
from api.models import ApiToken
from api.services import token_create, token_revoke
from danvan.views import PortalMixin


def token_page(request, *, form=None, created=None, status=200):
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"tokens": tokens, "form": form or TokenForm(), "created": created}
    return render(request, "api/token_list.html", context, status=status)


class TokenListView(PortalMixin, View):
    """List the person's tokens and create one; the new token is shown once, on the answer to the POST."""

    permission = "api.manage_tokens"

    def get(self, request):
        return token_page(request)

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                token, text = token_create(
                    user=request.user, name=data["name"], expires_on=data["expires_on"], read_only=data["read_only"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return token_page(request, created={"token": token, "text": text})
        return token_page(request, form=form, status=400)


class TokenRevokeView(PortalMixin, View):
    """Revoke one of the person's own tokens (another person's is 404); POST only."""

    permission = "api.manage_tokens"
    http_method_names = ["post"]

    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        token_revoke(token=token, by=request.user)
        messages.success(request, f"Đã thu hồi khóa “{token.name}”.")
        return redirect("api_tokens:token_list")
