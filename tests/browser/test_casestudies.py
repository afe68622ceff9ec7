"""Visitors find case studies through the filters and the map of Germany, with the keyboard
alone, in both languages: without a WCAG 2.1 AA barrier and without a request leaving the
server."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from casestudies.models import CaseStudyPage

from .support import LANGUAGES, PAGES, arrow_to, describe_violations, tab_to

pytestmark = pytest.mark.browser

# Saarland has no case study in the demo, so filtering by it lists none.
STATE_WITHOUT_CASE_STUDIES = "SL"
NO_RESULTS = f"?state={STATE_WITHOUT_CASE_STUDIES}"
INVALID_FILTER = "?state=XX&page=abc"


@dataclass(frozen=True)
class Card:
    municipality: str
    state: str
    title: str
    url: str


def open_page(page, role, language, query=""):
    response = page.goto(PAGES[role][language] + query, wait_until="networkidle")
    assert response.status == 200, f"{page.url} answered {response.status}, not 200"


def listed_cards(page):
    """What each case-study card on the page says: "Musterstadt · Nordrhein-Westfalen", title."""
    cards = []
    for card in page.locator(".case-study-card").all():
        meta = card.locator(".event-card__meta").text_content()
        municipality, state = (part.strip() for part in meta.split("·"))
        link = card.locator(".card__title a")
        cards.append(
            Card(municipality, state, link.text_content().strip(), link.get_attribute("href"))
        )
    return cards


def marker_municipalities(page):
    """The municipality each map marker is named after ("Musterstadt: 2 case studies")."""
    labels = page.locator(".germany-map__marker").evaluate_all(
        "(markers) => markers.map((marker) => marker.getAttribute('aria-label'))"
    )
    return sorted(label.partition(":")[0] for label in labels)


def live_case_studies(language):
    return CaseStudyPage.objects.live().filter(locale__language_code=language)


def municipalities_with_case_studies(language):
    return set(live_case_studies(language).values_list("municipality__name", flat=True))


def result_count(page):
    return int(page.locator("[data-result-count]").get_attribute("data-result-count"))


def case_study_index(page, language):
    """The whole list, with one marker per municipality on the map."""
    open_page(page, "case_study_index", language)
    expect(page.locator("body")).to_have_attribute(
        "data-page-type", "casestudies.casestudyindexpage"
    )
    expect(page.locator(".germany-map")).to_be_visible()
    expect(page.locator(".case-study-card").first).to_be_visible()
    assert marker_municipalities(page) == sorted(municipalities_with_case_studies(language))


def case_study_index_with_invalid_filter(page, language):
    """A shared link with a state and a page number that do not exist: both are reported and
    ignored, and the whole list shows."""
    open_page(page, "case_study_index", language, INVALID_FILTER)
    expect(page.locator('form.filters [data-filter-status="invalid"]')).to_be_visible()
    expect(page.locator(".notice--error[role=status]")).to_be_visible()
    expect(page.locator("form.filters select[name=state]")).to_have_value("")
    assert result_count(page) == live_case_studies(language).count()
    expect(page.locator(".germany-map")).to_be_visible()


def case_study_index_without_results(page, language):
    open_page(page, "case_study_index", language, NO_RESULTS)
    expect(page.locator("form.filters select[name=state] option:checked")).to_have_text(
        "Saarland (0)"
    )
    assert result_count(page) == 0
    expect(page.locator(".case-study-card")).to_have_count(0)
    expect(page.locator(".germany-map")).to_have_count(0)


def case_study(page, language):
    """A case study with key figures, partners, contact, an event and related case studies."""
    open_page(page, "case_study", language)
    expect(page.locator("body")).to_have_attribute("data-page-type", "casestudies.casestudypage")
    expect(page.locator(".facts")).to_be_visible()
    expect(page.locator(".key-figures li").first).to_be_visible()
    expect(page.locator("section[aria-labelledby=presented] a")).to_have_count(1)
    expect(page.locator("section[aria-labelledby=related] .case-study-card").first).to_be_visible()


VISITS = [
    case_study_index,
    case_study_index_with_invalid_filter,
    case_study_index_without_results,
    case_study,
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.__name__)
def test_visitor_meets_no_wcag_21_aa_barrier_on_case_study_pages(
    page, demo_content, external_requests, axe, screenshot, visit, language
):
    visit(page, language)
    screenshot(page, "page")

    assert page.evaluate("document.documentElement.lang") == language
    violations = axe(page)
    assert not violations, describe_violations(page.url, violations)
    assert not external_requests, f"blocked requests leaving 127.0.0.1: {external_requests}"


def filter_by_state_with_the_keyboard(page, screenshot, language, state, state_name):
    """Tab to the state filter, arrow to the state, Tab to the button and press Enter.

    Checks that the list holds what the option promised, all in that state, and that the map
    has one marker per listed municipality. Returns the listed cards.
    """
    open_page(page, "case_study_index", language)
    screenshot(page, "01-all-case-studies")

    select = tab_to(page, "form.filters select[name=state]")
    arrow_to(page, select, state)
    offered = select.locator("option:checked").text_content().strip()
    promised = re.fullmatch(rf"{re.escape(state_name)} \((\d+)\)", offered)
    assert promised, f"the option for {state_name} reads {offered!r}, without its count"
    screenshot(page, "02-state-chosen")

    tab_to(page, "form.filters [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"[?&]state={state}(&|$)"))
    page.wait_for_load_state("networkidle")
    screenshot(page, "03-case-studies-in-the-state")

    cards = listed_cards(page)
    assert len(cards) == int(promised[1]) == result_count(page), (
        f"{offered!r} promised {promised[1]}, the page says {result_count(page)} "
        f"and lists {[card.title for card in cards]}"
    )
    others = [card for card in cards if card.state != state_name]
    assert not others, f"filtering by {state_name} lists case studies elsewhere: {others}"
    expect(page.locator("form.filters select[name=state]")).to_have_value(state)
    expect(page.locator("form.filters select[name=state] option:checked")).to_have_text(offered)
    assert marker_municipalities(page) == sorted({card.municipality for card in cards}), (
        "the map should show one marker per listed municipality"
    )
    return cards


def follow_first_marker_with_the_keyboard(page, screenshot):
    """Tab into the map and press Enter on its first marker; returns the marker's name."""
    marker = tab_to(page, page.locator(".germany-map__marker").first)
    ring = marker.locator(".germany-map__target")
    fill = ring.evaluate("(circle) => getComputedStyle(circle).fill")
    assert fill not in ("none", "transparent", "rgba(0, 0, 0, 0)"), (
        f"the focused marker shows no focus ring (fill {fill})"
    )
    page.locator(".germany-map").scroll_into_view_if_needed()
    screenshot(page, "04-marker-focused")

    name = marker.get_attribute("aria-label").partition(":")[0]
    target = urljoin(page.url, marker.get_attribute("href"))
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    page.wait_for_load_state("networkidle")
    return name


def test_visitor_filters_by_state_with_the_keyboard_and_opens_a_municipality_on_the_map(
    page, demo_content, external_requests, screenshot
):
    """North Rhine-Westphalia has two case studies, both in Musterstadt: one marker for both,
    which lists them."""
    cards = filter_by_state_with_the_keyboard(page, screenshot, "de", "NW", "Nordrhein-Westfalen")
    assert len(cards) == 2
    expect(page.locator(".germany-map__marker")).to_have_count(1)

    municipality = follow_first_marker_with_the_keyboard(page, screenshot)
    query = parse_qs(urlsplit(page.url).query)
    assert query["state"] == ["NW"], page.url
    assert query["municipality"] == ["musterstadt"], page.url
    expect(page.locator("form.filters select[name=municipality]")).to_have_value("musterstadt")
    in_municipality = [card for card in cards if card.municipality == municipality]
    assert listed_cards(page) == in_municipality
    screenshot(page, "05-case-studies-of-the-municipality")

    assert not external_requests, f"blocked requests leaving 127.0.0.1: {external_requests}"


def test_visitor_filters_by_state_with_the_keyboard_and_opens_a_case_study_on_the_map(
    page, demo_content, external_requests, screenshot
):
    """Bavaria has one case study: its marker leads straight to it."""
    (card,) = filter_by_state_with_the_keyboard(page, screenshot, "en", "BY", "Bavaria")

    municipality = follow_first_marker_with_the_keyboard(page, screenshot)
    assert municipality == card.municipality
    assert urlsplit(page.url).path == card.url
    expect(page.locator("h1")).to_have_text(card.title)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("body")).to_have_attribute("data-page-type", "casestudies.casestudypage")
    screenshot(page, "05-case-study")

    assert not external_requests, f"blocked requests leaving 127.0.0.1: {external_requests}"
