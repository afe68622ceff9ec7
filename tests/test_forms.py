import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission

from tests.conftest import page_in

pytestmark = pytest.mark.django_db


def feedback_data(**overrides):
    data = {
        "ihr_name": "Erika Mustermann",
        "e_mail_adresse": "erika@example.org",
        "welche_barriere_haben_sie_gefunden": "Der Kontrast im Kopfbereich ist zu gering.",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def statement(demo_site):
    return page_in("de", "barrierefreiheit")


def test_empty_feedback_lists_every_problem_in_german(client, statement):
    response = client.post(statement.url, {})
    html = BeautifulSoup(response.content, "html.parser")
    summary = html.select_one("#form-errors")
    assert response.status_code == 200
    assert summary["data-form-status"] == "invalid"
    assert len(summary.select("li")) == 4
    assert "Dieses Feld muss ausgefüllt werden." in summary.get_text()
    first_error_link = summary.select_one("li a")["href"]
    assert html.select_one(first_error_link)["aria-invalid"] == "true"
    assert not FormSubmission.objects.exists()


def test_english_form_answers_in_english(client, demo_site):
    page = page_in("en", "accessibility")
    response = client.post(page.url, {"e_mail_adresse": "not-an-address"})
    text = BeautifulSoup(response.content, "html.parser").select_one("#form-errors").get_text()
    assert "Enter a valid email address." in text
    assert "Please give your consent" in text


def test_feedback_without_consent_is_not_stored(client, statement):
    response = client.post(statement.url, feedback_data(privacy_consent=None))
    assert response.status_code == 200
    assert not FormSubmission.objects.exists()


def test_feedback_is_stored_with_the_consent(client, statement):
    response = client.post(statement.url, feedback_data())
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("[data-form-status=submitted]")
    submission = FormSubmission.objects.get(page=statement)
    assert submission.form_data["privacy_consent"] is True
    assert submission.submit_time is not None


def test_english_submissions_use_the_german_field_keys(client, demo_site):
    english = page_in("en", "accessibility")
    client.post(english.url, feedback_data())
    submission = FormSubmission.objects.get(page=english)
    assert submission.form_data["welche_barriere_haben_sie_gefunden"].startswith("Der Kontrast")


def test_organisers_are_notified_by_mail(client, statement, django_capture_on_commit_callbacks):
    statement.to_address = "barrierefreiheit@example.org"
    statement.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(statement.url, feedback_data())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["barrierefreiheit@example.org"]
    assert "Der Kontrast im Kopfbereich" in mail.outbox[0].body


def test_feedback_survives_a_mail_server_outage(
    client, statement, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.failing_mail.UnreachableSMTPBackend"
    statement.to_address = "barrierefreiheit@example.org"
    statement.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(statement.url, feedback_data())
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select_one("[data-form-status=submitted]")
    assert FormSubmission.objects.filter(page=statement).count() == 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.dictionaries(
        st.sampled_from(
            ["kommune", "ihr_name", "e_mail_adresse", "einwohnerzahl", "ihr_anliegen",
             "privacy_consent", "csrfmiddlewaretoken", "unknown"]
        ),
        st.text(max_size=300),
        max_size=8,
    )
)  # fmt: skip
def test_any_input_to_a_form_gives_the_form_or_the_thank_you(demo_site, data):
    page = page_in("de", "initialberatung")
    response = Client(raise_request_exception=False).post(page.url, data)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("[data-form-status]")["data-form-status"] in {"invalid", "submitted"}
