import datetime
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from conferences.models import (
    ConferencePage,
    EventIndexPage,
    EventPage,
    Venue,
    WorkshopPage,
    WorkshopSeriesPage,
)
from conferences.models.events import PAST_SESSIONS_PER_PAGE
from home.models import HomePage, StandardPage, Topic
from tests.conftest import (
    BERLIN,
    PASSWORD,
    QUERY_BUDGET,
    add_conference,
    page_in,
    queries_on_a_second_visit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(demo_site):
    return page_in("de", "veranstaltungen")


def titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".event-card h3 a")]


def test_events_live_only_where_they_belong():
    assert ConferencePage.can_create_at(EventIndexPage())
    assert not ConferencePage.can_create_at(HomePage())
    assert WorkshopPage.can_create_at(WorkshopSeriesPage())
    assert not WorkshopPage.can_create_at(EventIndexPage())
    assert EventIndexPage.can_create_at(HomePage())
    assert not EventIndexPage.can_create_at(StandardPage())
    assert not EventPage.is_creatable


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_offset": -1}, "end"),
        ({"attendance_mode": "offline"}, "venue"),
        ({"programme_day": datetime.date(2030, 1, 1)}, "programme"),
    ],
)
def test_editors_are_told_about_impossible_events(index, changes, field):
    start = datetime.datetime(2030, 5, 4, 10, tzinfo=BERLIN)
    page = ConferencePage(
        title="Konferenz",
        slug="konferenz",
        start=start,
        end=start + datetime.timedelta(hours=changes.get("end_offset", 6)),
        attendance_mode=changes.get("attendance_mode", "online"),
    )
    if "programme_day" in changes:
        page.programme = [("day", {"date": changes["programme_day"], "items": []})]
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert field in error.value.message_dict


def test_upcoming_events_come_soonest_first_and_the_archive_newest_first(client, index):
    add_conference(index, "Später", 40)
    add_conference(index, "Bald", 3)
    add_conference(index, "Lange her", -400)
    add_conference(index, "Kürzlich", -10)
    upcoming = titles(client.get(index.url))
    assert upcoming.index("Bald") < upcoming.index("Später")
    assert "Kürzlich" not in upcoming
    archive = titles(client.get(index.url, {"when": "past"}))
    assert archive.index("Kürzlich") < archive.index("Lange her")
    assert "Bald" not in archive


def test_filters_combine_and_stay_in_the_url(client, index):
    venue = Venue.objects.get(name="Rathaus Gütersloh")
    data = Topic.objects.get(slug="datenethik", locale=index.locale)
    add_conference(index, "Vor Ort zu Daten", 20, "offline", venue, [data])
    add_conference(index, "Online zu Daten", 21, "online", None, [data])
    add_conference(index, "Vor Ort ohne Thema", 22, "offline", venue)
    response = client.get(index.url, {"mode": "offline", "topic": "datenethik", "state": "NW"})
    assert titles(response) == ["Vor Ort zu Daten"]
    assert client.get(index.url, {"state": "HE", "format": "conference"}).status_code == 200
    assert titles(client.get(index.url, {"state": "HE", "format": "conference"})) == []


@pytest.mark.parametrize(
    "query",
    [
        {"year": "0"},
        {"year": str(10**9)},
        {"format": "circus"},
        {"topic": "<script>"},
        {"page": "abc"},
        {"page": "99999"},
        {"when": "tomorrow", "mode": "teleport"},
    ],
)
def test_odd_filter_values_give_a_normal_page_with_a_message(client, index, query):
    response = client.get(index.url, query)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("[data-filter-status=invalid]") or html.select_one(".notice--error")


def test_year_filter_finds_the_guetersloh_conference(client, index):
    response = client.get(index.url, {"when": "past", "year": "2023"})
    assert titles(response) == [
        "Daten in der Smart City – Zwischen digitaler Daseinsvorsorge und Souveränität"
    ]


def test_listing_pages_through_many_events(client, index):
    for number in range(30):
        add_conference(index, f"Veranstaltung {number:02d}", 100 + number)
    first = titles(client.get(index.url))
    second = titles(client.get(index.url, {"page": "2"}))
    assert len(first) == 12
    assert not set(first) & set(second)


def test_listing_queries_do_not_grow_with_the_number_of_events(client, index):
    venue = Venue.objects.get(name="Rathaus Gütersloh")
    topic = Topic.objects.get(slug="datenethik", locale=index.locale)
    for number in range(5):
        add_conference(index, f"A{number}", 50 + number, "offline", venue, [topic])
    few = queries_on_a_second_visit(client, index.url)
    for number in range(45):
        add_conference(index, f"B{number}", 60 + number, "offline", venue, [topic])
    assert queries_on_a_second_visit(client, index.url) == few <= QUERY_BUDGET


def test_home_page_shows_the_next_three_events(client, demo_site):
    html = BeautifulSoup(client.get("/de/").content, "html.parser")
    cards = html.select(".upcoming .event-card")
    assert len(cards) == 3
    starts = [card.select_one("time")["datetime"] for card in cards]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("language", "slug", "date"),
    [
        ("de", "regionalkonferenz-guetersloh-2023", "16. März 2023, 10:00–16:00"),
        ("en", "regional-conference-guetersloh-2023", "16 March 2023, 10:00–16:00"),
    ],
)
def test_dates_read_naturally_in_each_language(client, demo_site, language, slug, date):
    html = BeautifulSoup(client.get(page_in(language, slug).url).content, "html.parser")
    assert html.select_one(".event-when").get_text(strip=True) == date


def test_english_conference_uses_the_translated_venue_and_speakers(client, demo_site):
    english = page_in("en", "regional-conference-guetersloh-2023")
    text = BeautifulSoup(client.get(english.url).content, "html.parser").main.get_text(" ")
    assert "Gütersloh Town Hall" in text
    assert "Dr Sample Moderator" in text
    assert (
        english.translation_key
        == page_in("de", "regionalkonferenz-guetersloh-2023").translation_key
    )


def test_editor_opens_the_event_forms_in_the_admin(client, editor, index):
    assert client.login(username=editor.username, password=PASSWORD)
    series = page_in("de", "kick-off-workshops")
    for url in (
        f"/admin/pages/add/conferences/conferencepage/{index.pk}/",
        f"/admin/pages/add/conferences/workshopseriespage/{index.pk}/",
        f"/admin/pages/add/conferences/workshoppage/{series.pk}/",
        f"/admin/pages/{page_in('de', 'regionalkonferenz-guetersloh-2023').pk}/edit/",
        "/admin/snippets/conferences/venue/",
        "/admin/snippets/conferences/speaker/",
    ):
        assert client.get(url).status_code == 200, url


def test_admin_explains_an_end_before_the_start(client, moderator, index):
    assert client.login(username=moderator.username, password=PASSWORD)
    response = client.post(
        f"/admin/pages/add/conferences/conferencepage/{index.pk}/",
        {
            "title": "Rückwärts",
            "slug": "rueckwaerts",
            "start": "2030-05-04 10:00",
            "end": "2030-05-03 10:00",
            "attendance_mode": "online",
            "status": "scheduled",
            "organiser": "Start Smart",
            "programme-count": "0",
            "documentation-count": "0",
            "related_pages-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 200
    with translation.override("de"):  # the admin speaks the editor's language, German here
        message = translation.gettext("The end cannot be before the start.")
    assert message in response.content.decode()
    assert not ConferencePage.objects.filter(slug="rueckwaerts").exists()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.dictionaries(
        st.sampled_from(["when", "format", "topic", "mode", "state", "year", "page", "x"]),
        st.text(max_size=40),
        max_size=5,
    )
)
def test_any_filter_query_gives_a_page_not_an_error(index, query):
    response = Client(raise_request_exception=False).get(index.url, query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        ("conferences/venue", "Kassel", "Kulturbahnhof Kassel"),
        ("conferences/speaker", "Moderatorin", "Dr. Beispiel Moderatorin"),
        ("home/topic", "Mobilität", "Mobilität"),
    ],
)
def test_editors_find_snippets_by_searching_the_chooser(
    client, editor, demo_site, model, query, expected
):
    assert client.login(username=editor.username, password=PASSWORD)
    response = client.get(f"/admin/snippets/choose/{model}/results/", {"q": query, "locale": "de"})
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_conference_links_related_pages_in_the_visitors_language(client, demo_site):
    german = page_in("de", "regionalkonferenz-guetersloh-2023")
    german.related_pages = [("page", page_in("de", "smart-city-dialog"))]
    german.save_revision().publish()
    english = page_in("en", "regional-conference-guetersloh-2023")
    english.related_pages = [("page", page_in("de", "smart-city-dialog"))]
    english.save_revision().publish()
    german_links = BeautifulSoup(client.get(german.url).content, "html.parser").select(
        "#related + ul a"
    )
    english_links = BeautifulSoup(client.get(english.url).content, "html.parser").select(
        "#related + ul a"
    )
    assert [a["href"] for a in german_links] == ["/de/smart-city-dialog/"]
    assert [a["href"] for a in english_links] == ["/en/smart-city-dialogue/"]


def test_images_need_a_text_alternative(index):
    from wagtail_factories import ImageFactory

    from conferences.models import Speaker

    image = ImageFactory()
    speaker = Speaker(name="Ohne Beschreibung", photo=image, locale=index.locale)
    with pytest.raises(ValidationError) as error:
        speaker.clean()
    assert "photo_alt" in error.value.message_dict
    start = datetime.datetime(2030, 5, 4, 10, tzinfo=BERLIN)
    event = ConferencePage(
        title="Bild", slug="bild", start=start, end=start, attendance_mode="online", image=image
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "image_alt" in error.value.message_dict
    event.image_alt = "Podium im Ratssaal"
    event.clean()


def test_related_pages_cost_the_same_queries_however_many(client, demo_site):
    conference = page_in("de", "regionalkonferenz-guetersloh-2023")
    conference.related_pages = [("page", page_in("de", "formate"))]
    conference.save_revision().publish()
    one = queries_on_a_second_visit(client, conference.url)
    conference.related_pages = [
        ("page", page_in("de", slug)) for slug in ("formate", "smart-city-dialog", "kontakt")
    ]
    conference.save_revision().publish()
    assert queries_on_a_second_visit(client, conference.url) == one <= QUERY_BUDGET


def test_events_in_a_private_section_are_listed_nowhere_public(client, demo_site, index):
    series = page_in("de", "kick-off-workshops")
    sessions = {session.title for session in series.get_children().live()}

    def listed():
        pages = (index.url, demo_site.url, page_in("de", "themenwerkstaetten").url)
        return {title for url in pages for title in titles(client.get(url))}

    assert sessions & listed()
    PageViewRestriction.objects.create(page=series, restriction_type="login")
    assert not sessions & listed()
    assert titles(client.get(page_in("de", "themenwerkstaetten").url))


def add_session(series, title, days_from_now):
    start = timezone.now() + datetime.timedelta(days=days_from_now)
    session = WorkshopPage(
        title=title, start=start, end=start + datetime.timedelta(hours=2), attendance_mode="online"
    )
    series.add_child(instance=session)
    session.save_revision().publish()
    return session


def test_a_long_series_lists_every_upcoming_session_and_pages_through_past_ones(client, index):
    series = page_in("de", "kick-off-workshops")
    for n in range(3):
        add_session(series, f"Kommend {n}", 10 + n)
    for n in range(PAST_SESSIONS_PER_PAGE + 1):
        add_session(series, f"Vergangen {n:02}", -10 - n)

    html = BeautifulSoup(client.get(series.url).content, "html.parser")
    upcoming = titles_in(html, "#upcoming + ul")
    past = titles_in(html, "#past + ul")
    assert {"Kommend 0", "Kommend 1", "Kommend 2"} <= set(upcoming)
    assert len(past) == PAST_SESSIONS_PER_PAGE
    assert past[0] == "Vergangen 00"  # the most recent first
    pages = html.select_one("nav.pagination")
    assert pages["aria-label"] == "Seiten vergangener Termine"  # says what it pages through
    next_page = pages.select_one("a[rel=next]")["href"]
    assert next_page.endswith("#past")

    later = BeautifulSoup(client.get(series.url + next_page).content, "html.parser")
    older = titles_in(later, "#past + ul")
    assert f"Vergangen {PAST_SESSIONS_PER_PAGE:02}" in older
    assert not set(older) & set(past)
    assert {"Kommend 0", "Kommend 1", "Kommend 2"} <= set(titles_in(later, "#upcoming + ul"))


def titles_in(html, selector):
    return [a.get_text(strip=True) for a in html.select(f"{selector} .event-card h3 a")]


def test_a_session_that_has_just_ended_moves_to_the_past_sessions(client, index):
    series = page_in("de", "kick-off-workshops")
    add_session(series, "Gerade vorbei", 1)
    html = BeautifulSoup(client.get(series.url).content, "html.parser")
    assert "Gerade vorbei" in titles_in(html, "#upcoming + ul")
    ended = timezone.now() + datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=ended):
        html = BeautifulSoup(client.get(series.url).content, "html.parser")
    assert "Gerade vorbei" in titles_in(html, "#past + ul")
    assert "Gerade vorbei" not in titles_in(html, "#upcoming + ul")


def test_an_unusable_page_number_of_past_sessions_is_explained(client, index):
    series = page_in("de", "kick-off-workshops")
    add_session(series, "Lange her", -100)
    html = BeautifulSoup(client.get(series.url, {"page": "999"}).content, "html.parser")
    assert html.select_one("#past").find_previous_sibling("p", role="status")
    assert "Lange her" in titles_in(html, "#past + ul")


def test_an_event_that_has_just_ended_moves_from_the_list_to_the_archive(client, index):
    add_conference(index, "Quokkakonferenz morgen", 1)

    def listed(query):
        html = BeautifulSoup(client.get(index.url, query).content, "html.parser")
        return [a.get_text() for a in html.select(".event-card h3 a")]

    assert "Quokkakonferenz morgen" in listed({})
    assert "Quokkakonferenz morgen" not in listed({"when": "past"})
    ended = timezone.now() + datetime.timedelta(days=2)
    with mock.patch("django.utils.timezone.now", return_value=ended):
        assert "Quokkakonferenz morgen" not in listed({})
        assert "Quokkakonferenz morgen" in listed({"when": "past"})
