"""Organisers manage registrations in the admin; only people allowed to see personal data get
there, and every look at it is logged."""

import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import SUCCESS, get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission
from wagtail.users.models import UserProfile

from conferences import capacity
from conferences.answers import question_columns
from conferences.models import EventPage, PersonalDataAccess, Registration, RegistrationStatus
from conferences.models.registrations import AccessAction
from home.roles import REGISTRATION_MANAGERS
from tests.conftest import PASSWORD, page_in

pytestmark = pytest.mark.django_db

ODD_VALUES = [
    'Jörg "Joe" Müller-Lüdenscheidt; Straße',
    "Zeile eins\nZeile zwei\r\nZeile drei",
    "<script>alert('x')</script>",
    "Ümlaut, Komma und 'Apostroph'",
]
FORMULAS = ['=HYPERLINK("http://evil.example")', "+49 30 1234", "-1", "@SUM(A1)", "\tTab", "\rCR"]


def login(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def make_user(username, group):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(group)
    return user


@pytest.fixture
def registration_manager(db):
    return make_user("manager", Group.objects.get(name=REGISTRATION_MANAGERS))


@pytest.fixture
def viewer(db):
    """May look at registrations but neither change nor delete them nor read the access log."""
    group = Group.objects.create(name="Registration viewers")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "conferences"],
            codename__in=["access_admin", "view_registration"],
        )
    )
    return make_user("viewer", group)


@pytest.fixture
def kick_off(demo_site):
    return page_in("de", "kick-off-herbst")


@pytest.fixture
def data_platforms(demo_site):
    return page_in("de", "werkstatt-datenplattformen")


@pytest.fixture
def two_seats(kick_off):
    """The kick-off with two seats, so a few registrations fill it and start the waiting list."""
    EventPage.objects.filter(pk=kick_off.pk).update(capacity=2)
    return page_in("de", "kick-off-herbst")


# The questions both demo events ask, in order; their stored keys are Wagtail's slugs of the
# German labels.
QUESTIONS = ("name", "organisation", "size", "needs")


def register(event, email, language="de", **answers):
    columns = question_columns(event.translation_key)
    keys = dict(zip(QUESTIONS, (key for key, _label in columns), strict=True))
    form_data = {keys["name"]: "Erika Mustermann", keys["organisation"]: "Musterstadt"}
    form_data.update({keys[question]: value for question, value in answers.items()})
    return capacity.register(
        event, email=email, answers=form_data, language=language, privacy_policy_version="2026-1"
    )


def fill(event, count, prefix="person"):
    return [register(event, f"{prefix}{n}@example.org") for n in range(count)]


def event_url(event, **query):
    url = reverse("registrations:event", args=[event.translation_key])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def export_url(event, file_format, **query):
    url = reverse("registrations:export", args=[event.translation_key, file_format])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def denied(response):
    """Wagtail answers a refusal by redirecting to the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def read_csv(response):
    return list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";")
    )


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def logged(action):
    return PersonalDataAccess.objects.filter(action=action)


@pytest.fixture
def every_screen(kick_off):
    registration = register(kick_off, "ada@example.org")
    key = kick_off.translation_key
    return [
        ("get", reverse("registrations:index"), {}),
        ("get", event_url(kick_off), {}),
        ("get", export_url(kick_off, "csv"), {}),
        ("get", export_url(kick_off, "xlsx"), {}),
        ("post", reverse("registrations:confirm", args=[key, registration.uuid]), {}),
        ("post", reverse("registrations:cancel", args=[key, registration.uuid]), {}),
        ("get", reverse("registrations:subject"), {}),
        ("post", reverse("registrations:subject"), {"email": "ada@example.org"}),
        (
            "post",
            reverse("registrations:subject_export", args=["json"]),
            {"email": "ada@example.org"},
        ),
        ("post", reverse("registrations:subject_delete"), {"email": "ada@example.org"}),
        ("get", reverse("registrations:access_log"), {}),
    ]


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_editor_cannot_see_registrations(request, every_screen, role):
    client = login(request.getfixturevalue(role))
    for method, url, data in every_screen:
        assert denied(getattr(client, method)(url, data)), url
    assert not PersonalDataAccess.objects.exists()
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_visitors_who_are_not_logged_in_are_sent_to_the_login(client, every_screen):
    for method, url, data in every_screen:
        response = getattr(client, method)(url, data)
        assert response["Location"].startswith(reverse("wagtailadmin_login")), url


@pytest.mark.parametrize("role", ["moderator", "registration_manager"])
def test_moderators_and_registration_managers_open_every_screen(request, every_screen, role):
    client = login(request.getfixturevalue(role))
    for method, url, data in every_screen:
        response = getattr(client, method)(url, data)
        assert response.status_code in (200, 302) and not denied(response), url


@pytest.mark.parametrize(
    ("role", "sees_it"),
    [("editor", False), ("translator", False), ("moderator", True), ("registration_manager", True)],
)
def test_only_people_allowed_to_see_registrations_get_the_menu_item(request, role, sees_it):
    dashboard = login(request.getfixturevalue(role)).get(reverse("wagtailadmin_home"))
    assert (reverse("registrations:index") in dashboard.content.decode()) is sees_it


def test_editor_cannot_see_form_submissions(editor, moderator, demo_site):
    form_page = page_in("de", "initialberatung")
    FormSubmission.objects.create(page=form_page, form_data={"ihr_name": "Erika"})
    submissions = reverse("wagtailforms:list_submissions", args=[form_page.pk])

    editor_client = login(editor)
    assert denied(editor_client.get(submissions))
    assert denied(editor_client.get(submissions + "?export=csv"))
    assert not editor_client.get(reverse("wagtailforms:index")).context["form_pages"]
    assert reverse("wagtailforms:index") not in editor_client.get("/admin/").content.decode()

    moderator_client = login(moderator)
    assert moderator_client.get(submissions).status_code == 200
    assert form_page.pk in [
        p.pk for p in moderator_client.get(reverse("wagtailforms:index")).context["form_pages"]
    ]


def test_overview_shows_the_figures_of_each_upcoming_event(moderator, two_seats, data_platforms):
    people = fill(two_seats, 4)
    capacity.cancel(people[3])
    register(data_platforms, "ada@example.org")

    page = html(login(moderator).get(reverse("registrations:index")))

    rows = {
        row["data-event-key"]: {
            cell["data-figure"]: cell.get_text(strip=True) for cell in row.select("[data-figure]")
        }
        for row in page.select("[data-registration-overview] tbody tr")
    }
    assert rows[str(two_seats.translation_key)] == {
        "capacity": "2",
        "confirmed": "2",
        "waitlisted": "1",
        "cancelled": "1",
        "fill-rate": "100 %",
    }
    assert rows[str(data_platforms.translation_key)]["fill-rate"] == "4 %"
    link = page.find("a", href=event_url(two_seats))
    assert link.get_text(strip=True) == "Kick-off-Workshop Herbst"


def test_overview_lists_each_event_once_under_its_source_language_title(moderator, kick_off):
    register(page_in("en", "kick-off-autumn"), "ada@example.org", language="en")

    page = html(login(moderator).get(reverse("registrations:index")))

    rows = page.select(f'[data-event-key="{kick_off.translation_key}"]')
    assert len(rows) == 1
    assert rows[0].th.get_text(strip=True) == kick_off.title


def test_overview_shows_an_unlimited_event_as_unlimited(moderator, kick_off):
    EventPage.objects.filter(translation_key=kick_off.translation_key).update(capacity=None)

    page = html(login(moderator).get(reverse("registrations:index")))

    row = page.find(attrs={"data-event-key": str(kick_off.translation_key)})
    assert not row.find(attrs={"data-figure": "capacity"}).get_text(strip=True).isdigit()
    assert row.find(attrs={"data-figure": "fill-rate"}).get_text(strip=True) == "–"


def move_to_the_past(event, days_ago):
    end = timezone.now() - datetime.timedelta(days=days_ago)
    EventPage.objects.filter(translation_key=event.translation_key).update(
        start=end - datetime.timedelta(hours=3), end=end
    )
    return end


def test_past_events_still_holding_personal_data_are_listed_with_their_anonymisation_date(
    moderator, kick_off, data_platforms
):
    register(kick_off, "ada@example.org")
    register(kick_off, "grace@example.org")
    ended = move_to_the_past(kick_off, days_ago=3)
    # The source-language page holds the rules; its translation's differing value is ignored.
    EventPage.objects.filter(pk=kick_off.pk).update(retention_days=30)
    EventPage.objects.filter(translation_key=kick_off.translation_key).exclude(
        pk=kick_off.pk
    ).update(retention_days=5)
    register(data_platforms, "linus@example.org")
    client = login(moderator)

    page = html(client.get(reverse("registrations:index")))

    rows = page.select("[data-past-events] tbody tr")
    assert [row["data-event-key"] for row in rows] == [str(kick_off.translation_key)]
    assert rows[0].find(attrs={"data-figure": "registrations"}).get_text(strip=True) == "2"
    anonymised_after = rows[0].find(attrs={"data-figure": "anonymised-after"}).time["datetime"]
    assert datetime.datetime.fromisoformat(anonymised_after) == ended + datetime.timedelta(days=30)
    upcoming = page.select("[data-registration-overview] tbody tr")
    assert [row["data-event-key"] for row in upcoming] == [str(data_platforms.translation_key)]
    listed = html(client.get(rows[0].a["href"])).select("[data-registration-list] tbody tr")
    assert len(listed) == 2


def test_past_events_leave_the_overview_once_anonymised_or_without_registration(
    moderator, kick_off, data_platforms
):
    register(kick_off, "ada@example.org")
    move_to_the_past(kick_off, days_ago=40)
    Registration.objects.filter(event_key=kick_off.translation_key).update(
        email="", form_data={}, anonymised_at=timezone.now()
    )
    register(data_platforms, "grace@example.org")
    move_to_the_past(data_platforms, days_ago=3)
    EventPage.objects.filter(translation_key=data_platforms.translation_key).update(
        registration_enabled=False
    )

    page = html(login(moderator).get(reverse("registrations:index")))

    assert not page.select("[data-past-events]")


def test_registrations_over_time_are_drawn_without_script_and_described_as_text(
    moderator, kick_off
):
    fill(kick_off, 3)

    page = html(login(moderator).get(reverse("registrations:index")))

    chart = page.find(attrs={"data-registration-chart": str(kick_off.translation_key)})
    svg = chart.svg
    assert svg["role"] == "img"
    labelled_by = svg["aria-labelledby"].split()
    assert [svg.find(id=label).name for label in labelled_by] == ["title", "desc"]
    assert "3" in svg.desc.get_text()
    assert svg.polyline["points"].count(",") >= 2
    assert not chart.find("script") and not chart.find(attrs={"href": True})
    figures = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])][1:]
        for row in chart.table.tbody.find_all("tr")
    ]
    assert figures == [["3", "3"]]


def test_event_list_shows_every_registration_with_the_answers_in_the_admin_language(
    moderator, kick_off
):
    register(kick_off, "ada@example.org", size="über 100.000 Einwohner", needs="Untertitel")

    page = html(login(moderator).get(event_url(kick_off)))

    table = page.find(attrs={"data-registration-list": True})
    headings = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert headings[4:8] == [
        "Name",
        "Kommune oder Organisation",
        "Größe der Kommune",
        "Was brauchen Sie, um gut teilnehmen zu können?",
    ]
    cells = [td.get_text(strip=True) for td in table.tbody.tr.find_all("td")]
    assert "ada@example.org" in cells
    assert "über 100.000 Einwohner" in cells
    assert "Untertitel" in cells
    assert "2026-1" in cells


def test_times_are_shown_in_berlin_time_whatever_zone_the_organiser_chose(moderator, kick_off):
    person = register(kick_off, "ada@example.org")
    summer_morning = datetime.datetime(2026, 7, 1, 8, 30, tzinfo=datetime.UTC)
    Registration.objects.filter(pk=person.pk).update(created_at=summer_morning)
    profile = UserProfile.get_for_user(moderator)
    profile.current_time_zone = "America/New_York"
    profile.save()
    client = login(moderator)

    listed = html(client.get(event_url(kick_off))).select_one("[data-registration-list] td")
    exported = read_csv(client.get(export_url(kick_off, "csv")))[1][0]

    assert "10:30" in listed.get_text()
    assert exported == "2026-07-01 10:30:00"


def test_the_list_takes_as_many_queries_for_many_registrations_as_for_few(moderator, kick_off):
    client = login(moderator)
    fill(kick_off, 2)
    client.get(event_url(kick_off))  # what every page looks up once is cached from now on
    with CaptureQueriesContext(connection) as few:
        client.get(event_url(kick_off))
    fill(kick_off, 8, prefix="more")
    with CaptureQueriesContext(connection) as many:
        client.get(event_url(kick_off))

    assert len(many) == len(few)


def test_viewing_an_event_list_is_logged(registration_manager, kick_off):
    register(kick_off, "ada@example.org")

    login(registration_manager).get(event_url(kick_off))

    entry = logged(AccessAction.VIEW).get()
    assert entry.user == registration_manager
    assert entry.username == "manager"
    assert entry.event_key == kick_off.translation_key
    assert entry.event_title == kick_off.title


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("", {"confirmed", "waitlisted", "cancelled"}),
        ("confirmed", {"confirmed"}),
        ("waitlisted", {"waitlisted"}),
        ("cancelled", {"cancelled"}),
        ("nonsense", {"confirmed", "waitlisted", "cancelled"}),
    ],
)
def test_status_filter_shows_only_that_status(moderator, two_seats, status, expected):
    people = fill(two_seats, 4)
    capacity.cancel(people[3])

    page = html(login(moderator).get(event_url(two_seats, status=status)))

    shown = {row["data-status"] for row in page.select("[data-registration-list] tbody tr")}
    assert shown == expected


def test_cancelling_a_confirmed_person_promotes_the_first_waitlisted_one(moderator, two_seats):
    first, second, third, fourth = fill(two_seats, 4)
    client = login(moderator)

    response = client.post(
        reverse("registrations:cancel", args=[two_seats.translation_key, first.uuid]),
        {"status": "waitlisted"},
    )

    assert response.status_code == 302
    assert response["Location"] == event_url(two_seats, status="waitlisted")
    statuses = {r.email: r.status for r in Registration.objects.all()}
    assert statuses == {
        first.email: "cancelled",
        second.email: "confirmed",
        third.email: "confirmed",
        fourth.email: "waitlisted",
    }
    assert [m.level for m in get_messages(response.wsgi_request)] == [SUCCESS]
    assert logged(AccessAction.CHANGE).get().event_key == two_seats.translation_key


def test_organiser_gives_a_waitlisted_person_a_seat_beyond_the_capacity(moderator, two_seats):
    *_confirmed, waiting = fill(two_seats, 3)

    response = login(moderator).post(
        reverse("registrations:confirm", args=[two_seats.translation_key, waiting.uuid])
    )

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m.level for m in get_messages(response.wsgi_request)] == [SUCCESS]
    assert logged(AccessAction.CHANGE).count() == 1


def test_a_move_that_no_longer_applies_is_reported_and_not_logged(moderator, kick_off):
    person = register(kick_off, "ada@example.org")
    capacity.cancel(person)
    client = login(moderator)

    for action in ("cancel", "confirm"):
        response = client.post(
            reverse(f"registrations:{action}", args=[kick_off.translation_key, person.uuid])
        )
        assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error", "error"]
    assert not logged(AccessAction.CHANGE).exists()


def test_manual_moves_need_a_post_with_csrf_token(moderator, kick_off):
    person = register(kick_off, "ada@example.org")
    url = reverse("registrations:cancel", args=[kick_off.translation_key, person.uuid])

    assert login(moderator).get(url).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.login(username=moderator.username, password=PASSWORD)
    assert strict.post(url).status_code == 403
    person.refresh_from_db()
    assert person.status == RegistrationStatus.CONFIRMED


def test_a_registration_of_another_event_cannot_be_moved_through_this_one(
    moderator, kick_off, data_platforms
):
    person = register(data_platforms, "ada@example.org")

    response = login(moderator).post(
        reverse("registrations:cancel", args=[kick_off.translation_key, person.uuid]), follow=True
    )

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.status == RegistrationStatus.CONFIRMED


def test_people_who_may_only_view_see_no_buttons_and_cannot_move_anyone(viewer, kick_off):
    person = register(kick_off, "ada@example.org")
    client = login(viewer)

    page = client.get(event_url(kick_off))

    assert page.status_code == 200
    assert not html(page).select("[data-registration-list] form")
    assert denied(
        client.post(reverse("registrations:cancel", args=[kick_off.translation_key, person.uuid]))
    )
    assert denied(client.post(reverse("registrations:subject_delete"), {"email": person.email}))
    assert denied(client.get(reverse("registrations:access_log")))


def test_people_who_may_only_view_do_not_see_the_access_log_button(viewer, moderator):
    access_log = reverse("registrations:access_log")
    assert access_log not in login(viewer).get(reverse("registrations:index")).content.decode()
    assert access_log in login(moderator).get(reverse("registrations:index")).content.decode()


def test_answers_are_escaped_in_the_list(moderator, kick_off):
    register(kick_off, "ada@example.org", name="<script>alert('x')</script>")

    content = login(moderator).get(event_url(kick_off)).content.decode()

    assert "<script>alert(" not in content
    assert "&lt;script&gt;alert(" in content


def test_csv_export_keeps_odd_values_exactly_as_typed(moderator, kick_off):
    for n, value in enumerate(ODD_VALUES):
        register(kick_off, f"person{n}@example.org", name=value, needs=value)

    response = login(moderator).get(export_url(kick_off, "csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    heading, *rows = read_csv(response)
    name = heading.index("Name")
    assert [row[name] for row in rows] == ODD_VALUES
    assert "Größe der Kommune" in heading


def test_csv_export_defuses_formulas(moderator, kick_off):
    for n, value in enumerate(FORMULAS):
        register(kick_off, f"person{n}@example.org", name=value)

    heading, *rows = read_csv(login(moderator).get(export_url(kick_off, "csv")))

    name = heading.index("Name")
    assert [row[name] for row in rows] == ["'" + value for value in FORMULAS]


def test_xlsx_export_holds_every_answer_as_text(moderator, kick_off):
    values = ODD_VALUES + FORMULAS
    for n, value in enumerate(values):
        register(kick_off, f"person{n}@example.org", name=value)

    response = login(moderator).get(export_url(kick_off, "xlsx"))

    assert "spreadsheetml" in response["Content-Type"]
    sheet, (heading, *rows) = read_xlsx(response)
    name = heading.index("Name")
    # A spreadsheet cell breaks lines with LF only; XML would turn a CR into one anyway.
    assert [row[name] for row in rows] == [
        value.replace("\r\n", "\n").replace("\r", "\n") for value in values
    ]
    assert all(cell.data_type == "s" for cell in list(sheet.columns)[name])


def test_exports_have_the_columns_shown_in_the_list(moderator, kick_off):
    register(kick_off, "ada@example.org")
    client = login(moderator)

    shown = [
        th.get_text(strip=True)
        for th in html(client.get(event_url(kick_off))).select("[data-registration-list] thead th")
    ]
    csv_heading = read_csv(client.get(export_url(kick_off, "csv")))[0]
    _sheet, (xlsx_heading, *_rows) = read_xlsx(client.get(export_url(kick_off, "xlsx")))

    assert csv_heading == xlsx_heading == shown[: len(csv_heading)]
    assert len(shown) == len(csv_heading) + 1  # the actions column is not exported


def test_exports_respect_the_status_filter_and_are_logged(moderator, two_seats):
    fill(two_seats, 3)
    client = login(moderator)

    _heading, *rows = read_csv(client.get(export_url(two_seats, "csv", status="waitlisted")))
    _sheet, (_heading, *xlsx_rows) = read_xlsx(
        client.get(export_url(two_seats, "xlsx", status="confirmed"))
    )

    assert [row[3] for row in rows] == ["person2@example.org"]
    assert [row[3] for row in xlsx_rows] == ["person0@example.org", "person1@example.org"]
    assert sorted(logged(AccessAction.EXPORT).values_list("detail", flat=True)) == ["csv", "xlsx"]


def test_unknown_export_format_is_not_found(moderator, kick_off):
    assert login(moderator).get(export_url(kick_off, "pdf"), follow=True).status_code == 404
    assert not logged(AccessAction.EXPORT).exists()


@pytest.fixture
def ada(kick_off, data_platforms):
    """Ada registered for two events with differently written addresses; an old registration of
    hers was anonymised already and is no longer hers."""
    old = register(data_platforms, "ada@example.org")
    capacity.cancel(old)
    Registration.objects.filter(pk=old.pk).update(anonymised_at=timezone.now())
    return [
        register(kick_off, "Ada@Example.org", name="Ada Lovelace"),
        register(data_platforms, "ada@example.org", name="Ada L."),
    ]


def submit(language, slug, **answers):
    page = page_in(language, slug)
    response = Client().post(page.url, {**answers, "privacy_consent": "on"})
    assert html(response).select_one("[data-form-status=submitted]")
    return FormSubmission.objects.filter(page=page).latest("pk")


@pytest.fixture
def ada_wrote(demo_site):
    """Ada reported a barrier through the English accessibility statement, typing her address in
    capitals; Grace's message to the contact form only mentions Ada's address."""
    feedback = submit(
        "en",
        "accessibility",
        ihr_name="Ada Lovelace",
        e_mail_adresse="ADA@Example.ORG",
        welche_barriere_haben_sie_gefunden="Low contrast in the header",
    )
    mention = submit(
        "de",
        "kontakt",
        ihr_name="Grace Hopper",
        e_mail_adresse="grace@example.org",
        nachricht="Bitte laden Sie auch ada@example.org ein.",
    )
    return feedback, mention


def test_data_subject_search_finds_every_registration_of_an_address(registration_manager, ada):
    response = login(registration_manager).post(
        reverse("registrations:subject"), {"email": "ADA@example.ORG"}
    )

    found = [
        row["data-registration"]
        for row in html(response).select("[data-subject-registrations] tbody tr")
    ]
    assert found == [str(registration.uuid) for registration in ada]
    entry = logged(AccessAction.SUBJECT_SEARCH).get()
    assert entry.detail == "registrations: 2, form submissions: 0"
    assert "ada" not in entry.detail.lower()


def test_data_subject_search_finds_form_submissions_by_their_email_field(
    registration_manager, ada, ada_wrote
):
    feedback, _mention = ada_wrote

    response = login(registration_manager).post(
        reverse("registrations:subject"), {"email": "ada@example.org"}
    )

    rows = html(response).select("[data-subject-submissions] tbody tr")
    assert [row["data-submission"] for row in rows] == [str(feedback.pk)]
    assert rows[0].th.get_text(strip=True) == "Accessibility statement"
    answers = rows[0].find_all("td")[1].get_text("\n", strip=True).splitlines()
    assert "Your name: Ada Lovelace" in answers
    assert "Email address: ADA@Example.ORG" in answers
    entry = logged(AccessAction.SUBJECT_SEARCH).get()
    assert entry.detail == "registrations: 2, form submissions: 1"


def test_a_submission_that_only_mentions_the_address_is_not_the_persons(moderator, ada_wrote):
    feedback, mention = ada_wrote
    client = login(moderator)

    found = client.post(reverse("registrations:subject"), {"email": "ada@example.org"})
    client.post(
        reverse("registrations:subject_delete"),
        {"email": "ada@example.org", "confirmed": "1", "submission": [str(mention.pk)]},
    )

    rows = html(found).select("[data-subject-submissions] tbody tr")
    assert [row["data-submission"] for row in rows] == [str(feedback.pk)]
    assert FormSubmission.objects.filter(pk=mention.pk).exists()
    assert logged(AccessAction.SUBJECT_DELETE).get().detail == (
        "registrations: 0, form submissions: 0"
    )


def test_the_data_subject_search_takes_as_many_queries_for_many_submissions_as_for_few(
    moderator, ada_wrote
):
    client = login(moderator)
    search = reverse("registrations:subject")
    with CaptureQueriesContext(connection) as few:
        client.post(search, {"email": "ada@example.org"})
    for language, slug, text_key in [
        ("en", "accessibility", "welche_barriere_haben_sie_gefunden"),
        ("en", "accessibility", "welche_barriere_haben_sie_gefunden"),
        ("de", "kontakt", "nachricht"),
    ]:
        submit(language, slug, ihr_name="Ada", e_mail_adresse="ada@example.org", **{text_key: "Hi"})
    with CaptureQueriesContext(connection) as many:
        response = client.post(search, {"email": "ada@example.org"})

    assert len(html(response).select("[data-subject-submissions] tbody tr")) == 4
    assert len(many) == len(few)


def test_data_subject_gets_their_data_as_json_and_csv(
    registration_manager, ada, ada_wrote, kick_off
):
    client = login(registration_manager)

    as_json = client.post(
        reverse("registrations:subject_export", args=["json"]), {"email": "ada@example.org"}
    )
    as_csv = client.post(
        reverse("registrations:subject_export", args=["csv"]), {"email": "ada@example.org"}
    )

    data = json.loads(as_json.content)
    records = data["registrations"]
    assert [record["email"] for record in records] == ["Ada@Example.org", "ada@example.org"]
    assert records[0]["event"] == kick_off.title
    assert {"question": "Name", "key": "name", "answer": "Ada Lovelace"} in records[0]["answers"]
    assert {message["kind"] for message in records[0]["emails"]} >= {"confirmation"}
    (feedback,) = data["form_submissions"]
    assert (feedback["form"], feedback["language"]) == ("Accessibility statement", "en")
    assert {
        "question": "Email address",
        "key": "e_mail_adresse",
        "answer": "ADA@Example.ORG",
    } in feedback["answers"]
    consent = next(a for a in feedback["answers"] if a["key"] == "privacy_consent")
    assert consent["question"].startswith("I consent") and consent["answer"] is True
    heading, *rows = read_csv(as_csv)
    assert [row[heading.index("Veranstaltung oder Formular")] for row in rows] == [
        kick_off.title,
        records[1]["event"],
        "Accessibility statement",
    ]
    answers = heading.index("Antworten")
    assert "Name: Ada Lovelace" in rows[0][answers]
    assert "Which barrier did you find?: Low contrast in the header" in rows[2][answers]
    assert sorted(logged(AccessAction.SUBJECT_EXPORT).values_list("detail", flat=True)) == [
        "csv, registrations: 2, form submissions: 1",
        "json, registrations: 2, form submissions: 1",
    ]


def test_data_subject_export_needs_a_valid_address(registration_manager, ada):
    response = login(registration_manager).post(
        reverse("registrations:subject_export", args=["json"]), {"email": "nope"}
    )
    assert response.status_code == 302
    assert not logged(AccessAction.SUBJECT_EXPORT).exists()


def confirmation(question):
    """What the confirmation form of the deletion question sends."""
    form = html(question).find("input", attrs={"name": "confirmed"}).find_parent("form")
    data = {}
    for field in form.find_all("input"):
        data.setdefault(field["name"], []).append(field["value"])
    return data


def test_deleting_a_persons_data_asks_first_then_frees_their_seat(
    moderator, two_seats, data_platforms
):
    ada = register(two_seats, "ada@example.org")
    register(two_seats, "grace@example.org")
    waiting = register(two_seats, "linus@example.org")
    register(data_platforms, "ADA@example.org")
    client = login(moderator)

    question = client.post(reverse("registrations:subject_delete"), {"email": "ada@example.org"})

    assert Registration.objects.filter(email__iexact="ada@example.org").count() == 2
    data = confirmation(question)
    assert len(data["registration"]) == 2

    response = client.post(reverse("registrations:subject_delete"), data)

    assert response["Location"] == reverse("registrations:subject")
    assert not Registration.objects.filter(email__iexact="ada@example.org").exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert logged(AccessAction.SUBJECT_DELETE).get().detail == (
        "registrations: 2, form submissions: 0"
    )
    assert not PersonalDataAccess.objects.filter(detail__icontains="ada").exists()
    assert ada.uuid not in Registration.objects.values_list("uuid", flat=True)


def test_deleting_a_persons_data_deletes_their_form_submissions_too(moderator, ada, ada_wrote):
    feedback, mention = ada_wrote
    client = login(moderator)

    question = client.post(reverse("registrations:subject_delete"), {"email": "ada@example.org"})
    listed = html(question).select("[data-subject-submissions] tbody tr")
    data = confirmation(question)
    response = client.post(reverse("registrations:subject_delete"), data)

    assert [row["data-submission"] for row in listed] == [str(feedback.pk)]
    assert data["submission"] == [str(feedback.pk)]
    assert response["Location"] == reverse("registrations:subject")
    assert list(FormSubmission.objects.all()) == [mention]
    assert not Registration.objects.filter(pk__in=[r.pk for r in ada]).exists()
    assert logged(AccessAction.SUBJECT_DELETE).get().detail == (
        "registrations: 2, form submissions: 1"
    )


def test_deletion_removes_only_the_registrations_that_were_confirmed(
    moderator, kick_off, data_platforms
):
    shown = register(kick_off, "ada@example.org")
    later = register(data_platforms, "ada@example.org")

    login(moderator).post(
        reverse("registrations:subject_delete"),
        {
            "email": "ada@example.org",
            "confirmed": "1",
            "registration": [str(shown.uuid), "not-a-uuid"],
        },
    )

    assert list(Registration.objects.filter(email="ada@example.org")) == [later]


def test_access_log_lists_who_did_what(moderator, kick_off):
    register(kick_off, "ada@example.org")
    client = login(moderator)
    client.get(event_url(kick_off))
    client.get(export_url(kick_off, "csv"))

    page = html(client.get(reverse("registrations:access_log")))

    actions = [row["data-action"] for row in page.select("[data-access-log] tbody tr")]
    assert actions == ["export", "view"]
    assert "moderator" in page.select_one("[data-access-log] tbody").get_text()


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "999", "1" * 40])
def test_a_bad_page_number_still_lists_the_registrations(moderator, two_seats, page_number):
    fill(two_seats, 3)
    client = login(moderator)
    listing = client.get(event_url(two_seats, page=page_number))
    log = client.get(reverse("registrations:access_log") + f"?page={page_number}")
    assert (listing.status_code, log.status_code) == (200, 200)
    assert len(html(listing).select("[data-registration-list] tbody tr")) == 3
