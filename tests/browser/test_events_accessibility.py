"""The event list, its filters and every kind of event page pass WCAG 2.1 A and AA."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conferences.models import EVENTS_PER_PAGE, ConferencePage, EventIndexPage

from .support import LANGUAGES, PAGES, describe_violations

pytestmark = pytest.mark.browser

CONFERENCE_TITLE = {
    "de": "Daten in der Smart City",
    "en": "Data in the smart city",
}


def open_page(page, role, language, query=""):
    response = page.goto(PAGES[role][language] + query)
    assert response.status == 200, f"{page.url} answered {response.status}, not 200"


def event_index(page, language):
    open_page(page, "event_index", language)
    expect(page.locator("form.filters")).to_be_visible()
    expect(page.locator(".event-card").first).to_be_visible()


def event_index_with_invalid_filter(page, language):
    open_page(page, "event_index", language, "?year=0")
    expect(page.locator('form.filters [data-filter-status="invalid"]')).to_be_visible()
    expect(page.locator(".event-card").first).to_be_visible()


def event_archive(page, language):
    open_page(page, "event_index", language, "?when=past")
    expect(page.locator(".event-card", has_text=CONFERENCE_TITLE[language])).to_be_visible()


def conference(page, language):
    open_page(page, "conference", language)
    expect(page.locator(".programme-day")).to_have_count(1)


def kickoff_series(page, language):
    """A series with sessions to come and sessions that took place."""
    open_page(page, "kickoff_series", language)
    expect(page.locator("section[aria-labelledby=upcoming] .event-card").first).to_be_visible()
    expect(page.locator("section[aria-labelledby=past] .event-card").first).to_be_visible()


def workshop_series(page, language):
    open_page(page, "workshop_series", language)
    expect(page.locator(".event-card").first).to_be_visible()


def workshop_session(page, language):
    """An upcoming session on site, with its venue's address and accessibility notes."""
    open_page(page, "workshop_session", language)
    expect(page.locator(".facts address")).to_be_visible()


VISITS = [
    event_index,
    event_index_with_invalid_filter,
    event_archive,
    conference,
    kickoff_series,
    workshop_series,
    workshop_session,
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.__name__)
def test_visitor_meets_no_wcag_21_aa_barrier_on_event_pages(
    page, demo_content, axe, screenshot, visit, language
):
    visit(page, language)
    screenshot(page, "page")

    assert page.evaluate("document.documentElement.lang") == language
    violations = axe(page)
    assert not violations, describe_violations(page.url, violations)


@pytest.fixture
def crowded_event_index(demo_content, language):
    """More upcoming events than one page of the list shows."""
    index = EventIndexPage.objects.get(locale__language_code=language)
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for number in range(EVENTS_PER_PAGE + 1):
        day = start + datetime.timedelta(days=200 + number)
        event = ConferencePage(
            title=f"Online-Regionalkonferenz {number + 1:02d}",
            locale=index.locale,
            start=day,
            end=day + datetime.timedelta(hours=3),
            attendance_mode="online",
        )
        index.add_child(instance=event)
        event.save_revision().publish()
    return index


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_meets_no_wcag_21_aa_barrier_paging_through_events(
    page, crowded_event_index, axe, screenshot, language
):
    pages = page.locator("nav.pagination")
    checked = []

    open_page(page, "event_index", language)
    expect(pages).to_be_visible()
    expect(page.locator(".event-card")).to_have_count(EVENTS_PER_PAGE)
    checked.append((page.url, axe(page)))
    screenshot(page, "first-page")

    pages.locator("a[rel=next]").click()
    page.wait_for_url("**?page=2")
    expect(pages.locator("a[rel=prev]")).to_be_visible()
    checked.append((page.url, axe(page)))
    screenshot(page, "second-page")

    open_page(page, "event_index", language, "?page=999")
    expect(page.locator(".notice--error")).to_be_visible()
    checked.append((page.url, axe(page)))
    screenshot(page, "page-out-of-range")

    assert page.evaluate("document.documentElement.lang") == language
    failures = [describe_violations(url, found) for url, found in checked if found]
    assert not failures, "\n".join(failures)
