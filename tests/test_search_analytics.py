"""Editors see which terms visitors search for and which find nothing; only counts per day,
language and term are kept, nothing that tells who searched, and no term that may be personal
data."""

import csv
import datetime
import io
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode

from search import analytics
from search.analytics import normalise_term, purge_statistics, record_search
from search.models import QueryStatistic
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

REPORT = "search_statistics:index"
PERMISSION_DENIED = "Sorry, you do not have permission to access this area."
BERLIN = ZoneInfo("Europe/Berlin")


def admin_text(msgid):
    """The text as the admin shows it: in the source language, the users having no other."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(str(msgid))


def grant_report(user):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="search", codename="view_querystatistic")
    )


@pytest.fixture
def editor_client(client, editor):
    grant_report(editor)
    client.force_login(editor)
    return client


def statistics():
    return sorted(
        QueryStatistic.objects.values_list(
            "day", "language_code", "query", "searches", "searches_without_results"
        )
    )


def add_statistic(query, language="de", days_ago=0, searches=1, without_results=0):
    return QueryStatistic.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        language_code=language,
        query=query,
        searches=searches,
        searches_without_results=without_results,
    )


def open_report(client, **params):
    response = client.get(f"{reverse(REPORT)}?{urlencode(params)}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listing(report, name):
    """(term, language, numbers …) of each row of the listing `top-terms` or
    `terms-without-results`."""
    rows = report.select(f"[data-{name}] tbody tr")
    return [
        (row["data-term"], row["data-language"])
        + tuple(
            int(cell.get_text()) for cell in row.select("[data-searches], [data-without-results]")
        )
        for row in rows
    ]


def report_messages(report):
    return [alert.get_text(strip=True) for alert in report.select("[data-report-messages] p")]


# Recording


def test_terms_are_counted_per_day_and_language():
    monday = datetime.datetime(2026, 3, 2, 10, tzinfo=BERLIN)
    with time_machine.travel(monday, tick=False):
        record_search("Klimaanpassung", "de", 4)
        record_search("Klimaanpassung", "de", 4)
        record_search("Klimaanpassung", "en", 0)
    with time_machine.travel(monday + datetime.timedelta(days=1), tick=False):
        record_search("Klimaanpassung", "de", 4)

    assert statistics() == [
        (datetime.date(2026, 3, 2), "de", "klimaanpassung", 2, 0),
        (datetime.date(2026, 3, 2), "en", "klimaanpassung", 1, 1),
        (datetime.date(2026, 3, 3), "de", "klimaanpassung", 1, 0),
    ]


def test_the_day_is_the_day_in_berlin():
    half_past_midnight_in_berlin = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(half_past_midnight_in_berlin, tick=False):
        record_search("Kick-off", "de", 1)

    assert QueryStatistic.objects.get().day == datetime.date(2026, 3, 3)


def test_case_and_spacing_do_not_make_a_new_term():
    record_search("  Smart   City ", "de", 3)
    record_search("smart city", "de", 3)
    record_search("SMART\tCITY", "de", 0)

    assert statistics() == [(timezone.localdate(), "de", "smart city", 3, 1)]


@pytest.mark.parametrize(
    "query",
    [
        "max.mustermann@example.org",
        "Anmeldung von Erika erika@beispiel.de",
        "0170 1234567",
        "030 123 45 67",
        "+49 (30) 1234-5678",
        "DE89 3704 0044 0532 0130 00",
        "10115 Berlin Musterstraße 5",
        "Geburtstag 01.02.1980",
        "https://example.org/anmeldung?name=Erika",
        "www.beispiel.de/kontakt",
        "3f2b1c9e8a7d4b3c9e8a7d4b3c2a1f0e",
        "",
        "   ",
    ],
)
def test_email_addresses_numbers_addresses_and_tokens_are_never_stored(query):
    record_search(query, "de", 0)

    assert normalise_term(query) is None
    assert not QueryStatistic.objects.exists()


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("Smart City 2025", "smart city 2025"),
        ("Digitalisierungsstrategie-2030", "digitalisierungsstrategie-2030"),
        ("Straße", "strasse"),
        ("Workshop #3", "workshop #3"),
        ("C++ @ Rathaus", "c++ @ rathaus"),
    ],
)
def test_ordinary_terms_are_kept(query, term):
    assert normalise_term(query) == term


def test_long_terms_are_cut_to_200_characters():
    record_search("Stadtentwicklung " * 20, "de", 1)

    term = QueryStatistic.objects.get().query
    assert len(term) <= 200
    assert term == ("stadtentwicklung " * 20)[:200].rstrip()


def test_two_first_searches_of_a_term_at_the_same_moment_are_both_counted(monkeypatch):
    """Both requests find no row for today; the second one's insert collides with the first's."""
    update = QuerySet.update
    raced = []

    def update_while_another_request_inserts(queryset, **kwargs):
        updated = update(queryset, **kwargs)
        if queryset.model is QueryStatistic and not raced:
            raced.append(True)
            add_statistic("bürgerbeteiligung", searches=1, without_results=1)
        return updated

    monkeypatch.setattr(QuerySet, "update", update_while_another_request_inserts)

    record_search("Bürgerbeteiligung", "de", 0)

    assert statistics() == [(timezone.localdate(), "de", "bürgerbeteiligung", 2, 2)]


def test_a_term_already_searched_today_is_counted_in_one_query(django_assert_num_queries):
    record_search("Mobilität", "de", 2)

    with django_assert_num_queries(1):
        record_search("Mobilität", "de", 0)


# Retention


def test_statistics_older_than_the_retention_period_are_purged():
    today = timezone.localdate()
    add_statistic("gestern", days_ago=1)
    add_statistic("vor einem jahr", days_ago=365)
    add_statistic("letzter tag", days_ago=analytics.RETENTION_DAYS)
    add_statistic("zu alt", days_ago=analytics.RETENTION_DAYS + 1)
    add_statistic("viel zu alt", days_ago=900)

    assert purge_statistics() == 2
    assert sorted(QueryStatistic.objects.values_list("query", flat=True)) == [
        "gestern",
        "letzter tag",
        "vor einem jahr",
    ]
    assert purge_statistics(now=timezone.now() + datetime.timedelta(days=1)) == 1
    assert not QueryStatistic.objects.filter(day__lt=today - datetime.timedelta(days=399)).exists()


def test_the_purge_command_says_how_many_it_deleted():
    add_statistic("zu alt", days_ago=analytics.RETENTION_DAYS + 1)
    add_statistic("zu alt", language="en", days_ago=analytics.RETENTION_DAYS + 5)
    out = io.StringIO()

    call_command("purge_search_statistics", stdout=out)

    assert out.getvalue().startswith("2 ")
    assert not QueryStatistic.objects.exists()


# The report


def test_a_search_without_results_is_listed_for_editors(editor_client):
    record_search("Wärmeplanung", "de", 0)
    record_search("Wärmeplanung", "de", 0)
    record_search("Kick-off", "de", 5)

    report = open_report(editor_client)

    assert listing(report, "top-terms") == [("wärmeplanung", "de", 2, 2), ("kick-off", "de", 1, 0)]
    assert listing(report, "terms-without-results") == [("wärmeplanung", "de", 2)]
    last_day = report.select_one("[data-terms-without-results] tbody time")["datetime"]
    assert last_day == timezone.localdate().isoformat()


def test_top_terms_add_up_the_days_and_show_the_share_without_results(editor_client):
    add_statistic("förderung", days_ago=0, searches=3, without_results=2)
    add_statistic("förderung", days_ago=5, searches=5, without_results=0)
    add_statistic("förderung", language="en", searches=4, without_results=4)
    add_statistic("open data", language="en", days_ago=2, searches=1, without_results=1)

    report = open_report(editor_client)

    assert listing(report, "top-terms") == [
        ("förderung", "de", 8, 2),
        ("förderung", "en", 4, 4),
        ("open data", "en", 1, 1),
    ]
    shares = [
        row.select("td")[-1].get_text(strip=True)
        for row in report.select("[data-top-terms] tbody tr")
    ]
    assert shares == ["25 %", "100 %", "100 %"]
    assert listing(report, "terms-without-results") == [
        ("förderung", "en", 4),
        ("förderung", "de", 2),
        ("open data", "en", 1),
    ]


def test_period_and_language_filters(editor_client):
    add_statistic("heute", days_ago=0)
    add_statistic("vor zehn tagen", days_ago=10)
    add_statistic("vor sechzig tagen", days_ago=60)
    add_statistic("vor dreihundert tagen", days_ago=300)
    add_statistic("today", language="en", days_ago=1)

    def terms(**params):
        return [term for term, *_ in listing(open_report(editor_client, **params), "top-terms")]

    assert terms() == ["heute", "today", "vor zehn tagen"]
    assert terms(period="7") == ["heute", "today"]
    assert terms(period="90") == ["heute", "today", "vor sechzig tagen", "vor zehn tagen"]
    assert len(terms(period="365")) == 5
    assert terms(period="365", language="en") == ["today"]
    assert terms(language="de") == ["heute", "vor zehn tagen"]


def test_only_languages_searched_in_are_offered(editor_client):
    add_statistic("heute")
    add_statistic("today", language="en", days_ago=200)

    report = open_report(editor_client)

    offered = [radio["value"] for radio in report.select("input[name=language]")]
    assert offered == ["", "de", "en"]


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"period": "abc"}, "period"),
        ({"period": "8"}, "period"),
        ({"period": "-30"}, "period"),
        ({"language": "xx"}, "language"),
        ({"language": "fr"}, "language"),
        ({"language": "de", "period": "1e9"}, "period"),
    ],
)
def test_a_bad_filter_value_is_reported_and_the_default_applies(editor_client, params, ignored):
    add_statistic("heute")
    add_statistic("vor zehn tagen", days_ago=10)
    add_statistic("vor sechzig tagen", days_ago=60)

    report = open_report(editor_client, **params)

    assert [term for term, *_ in listing(report, "top-terms")] == ["heute", "vor zehn tagen"]
    label = admin_text("Period" if ignored == "period" else "Language")
    assert len(report_messages(report)) == 1
    assert label in report_messages(report)[0]


def test_unknown_parameters_and_page_numbers_are_ignored(editor_client):
    add_statistic("heute")

    report = open_report(editor_client, p="x", ordering="-nonsense", q="x")

    assert listing(report, "top-terms") == [("heute", "de", 1, 0)]
    assert report_messages(report) == []


def test_a_period_without_searches_says_so(editor_client):
    add_statistic("vor sechzig tagen", days_ago=60)

    report = open_report(editor_client)

    assert admin_text("No searches recorded in this period.") in report.get_text()
    assert not report.select("table")


def test_each_listing_shows_the_top_50_with_a_note(editor_client):
    for number in range(60):
        add_statistic(f"begriff {number:02}", searches=100 - number, without_results=1)

    report = open_report(editor_client)

    top = listing(report, "top-terms")
    assert len(top) == 50
    assert top[0] == ("begriff 00", "de", 100, 1)
    assert len(listing(report, "terms-without-results")) == 50
    assert len(report.select("[data-limit-note]")) == 2


def test_report_queries_are_constant(editor_client):
    def queries_for_the_report():
        open_report(editor_client)  # warms process caches
        with CaptureQueriesContext(connection) as queries:
            report = open_report(editor_client)
        return len(listing(report, "top-terms")), len(queries)

    for number in range(3):
        add_statistic(f"begriff {number}", language="de", without_results=number % 2)
    few = queries_for_the_report()
    for number in range(3, 60):
        add_statistic(f"begriff {number}", language=("de", "en")[number % 2], days_ago=number % 7)
        add_statistic(f"begriff {number}", language="de", days_ago=8, without_results=1)
    many = queries_for_the_report()

    assert (few[0], many[0]) == (3, 50)
    assert few[1] == many[1]


def test_the_download_holds_every_term_and_no_spreadsheet_formula(editor_client):
    for number in range(60):
        add_statistic(f"begriff {number}", searches=2, without_results=number % 2)
    add_statistic("=summe(a1)", language="en", searches=1, without_results=1)

    response = editor_client.get(f"{reverse(REPORT)}?{urlencode({'export': 'csv'})}")

    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(lines) == 1 + 61
    assert lines[0] == [
        admin_text(heading)
        for heading in (
            "Search term",
            "Language",
            "Searches",
            "Searches without results",
            "Share without results (%)",
            "Last searched",
            "Last searched without results",
        )
    ]
    today = timezone.localdate().isoformat()
    assert ["'=summe(a1)", "English", "1", "1", "100", today, today] in lines
    assert ["begriff 0", "Deutsch", "2", "0", "0", today, ""] in lines


def test_the_download_as_xlsx_opens(editor_client):
    add_statistic("heute")

    response = editor_client.get(f"{reverse(REPORT)}?{urlencode({'export': 'xlsx'})}")

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('search-terms.xlsx"')


# Access


def test_the_report_needs_the_permission(client, translator):
    client.force_login(translator)

    response = client.get(reverse(REPORT))

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    messages = [str(message).strip() for message in get_messages(response.wsgi_request)]
    assert messages == [admin_text(PERMISSION_DENIED)]
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()

    grant_report(translator)
    translator = get_user_model().objects.get(pk=translator.pk)
    client.force_login(translator)

    assert client.get(reverse(REPORT)).status_code == 200
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_superusers_open_the_report_and_not_wagtails_empty_one(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client.force_login(admin)

    assert client.get(reverse(REPORT)).status_code == 200
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) in home
    assert reverse("wagtailsearchpromotions:search_terms") not in home


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse(REPORT))

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("wagtailadmin_login")


def test_administrators_can_grant_the_report_to_a_group(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client.force_login(admin)
    permission = Permission.objects.get(
        content_type__app_label="search", codename="view_querystatistic"
    )

    page = BeautifulSoup(client.get(reverse("wagtailusers_groups:add")).content, "html.parser")

    assert page.select_one(f'input[name="permissions"][value="{permission.pk}"]')
