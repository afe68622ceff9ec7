"""Public registration views: submitting the form and the personal cancellation link."""

from django.conf import settings
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from home.models import SiteSettings

from . import capacity
from .models import RegistrationStatus
from .registration_form import EMAIL_FIELD
from .tokens import registration_for_token

RESULT_TEMPLATE = "conferences/registration_result.html"


def _rate_limited(request):
    rate = settings.REGISTRATION_RATE_LIMIT
    if not rate or rate == "0":
        return False
    return is_ratelimited(
        request, group="registration", key="ip", rate=rate, method="POST", increment=True
    )


def _result(request, event, status, *, reason="", registration=None, http_status=200):
    context = {
        "page": event,
        "event": event,
        "registration_status": status,
        "reason": reason,
        "registration": registration,
    }
    return render(request, RESULT_TEMPLATE, context, status=http_status)


def privacy_policy_version(request):
    return SiteSettings.for_request(request).privacy_policy_version()


def submit_registration(request, event):
    if _rate_limited(request):
        return _result(request, event, "rejected", reason="rate_limited", http_status=429)
    # A closed registration is said so at once, before anyone corrects their entries.
    window = capacity.window_state(event, timezone.now())
    if window in (capacity.State.CLOSED, capacity.State.NOT_YET_OPEN):
        return _result(request, event, "closed", reason=window)
    form = event.registration_form_class()(request.POST)
    if not form.is_valid():
        context = event.get_context(request, form=form)
        return TemplateResponse(request, event.get_template(request), context)
    try:
        registration = capacity.register(
            event,
            email=form.cleaned_data[EMAIL_FIELD],
            answers=form.answers(),
            language=get_language(),
            privacy_policy_version=privacy_policy_version(request),
        )
    except capacity.RegistrationClosed:
        return _result(request, event, "closed", reason=capacity.State.CLOSED)
    except capacity.RegistrationRefused as refusal:
        return _result(request, event, "rejected", reason=refusal.reason)
    return _result(request, event, registration.status, registration=registration)


@require_http_methods(["GET", "HEAD", "POST"])
def manage_registration(request, token):
    registration = registration_for_token(token)
    context = {"registration": registration, "event": None}
    if registration is None:
        context["problem"] = "invalid"
        return render(request, "conferences/registration_manage.html", context, status=404)
    context["event"] = registration.page
    if registration.anonymised_at or registration.page is None:
        context["problem"] = "deleted"
        return render(request, "conferences/registration_manage.html", context, status=410)
    if registration.status == RegistrationStatus.CANCELLED:
        context["problem"] = "already_cancelled"
        return render(request, "conferences/registration_manage.html", context)
    if request.method == "POST":
        try:
            capacity.cancel(registration)
        except capacity.AlreadyCancelled:
            context["problem"] = "already_cancelled"
        else:
            context["cancelled"] = True
    return render(request, "conferences/registration_manage.html", context)
