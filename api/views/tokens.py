"""The portal page where a user makes, lists and revokes their personal API tokens. A new
token is shown once, on the answer to the form that made it; only its digest is kept."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from api.models import ApiToken
from api.tokens import TokenError, create_token
from reports.views.requests import AuthenticatedHttpRequest

PAGE = "api/tokens.html"
MSG_REVOKED = "Đã thu hồi mã truy cập “{name}”: mọi yêu cầu dùng mã này bị từ chối từ nay."


@login_required
@require_http_methods(["GET", "POST"])
def tokens_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    context: dict = {"error": "", "name": ""}
    status = 200
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            made = create_token(request.user, name)
        except TokenError as error:
            context.update(error=error.message, name=name)
            status = 422
        else:
            context["new_token"] = made
    context["tokens"] = ApiToken.objects.filter(user=request.user).select_related("scope")
    response = render(request, PAGE, context, status=status)
    # The secret is on this answer only: never cached, never kept by the browser.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, MSG_REVOKED.format(name=token.name))
    return redirect("api:tokens")
