"""Visitors search from any page with the keyboard or the mouse, pick a suggestion, narrow the
results: in both languages, without a WCAG 2.1 AA barrier and without a request leaving the
server."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .support import LANGUAGES, PAGES, describe_violations, tab_to

pytestmark = pytest.mark.browser

SUGGESTION = {
    "de": ("Hochwas", "/de/praxisbeispiele/digitaler-zwilling-hochwasserschutz-beispielfeld/"),
    "en": ("flood", "/en/case-studies/digital-twin-flood-protection-beispielfeld/"),
}
DATA = {"de": ("Daten", "Praxisbeispiele"), "en": ("data", "Case studies")}


@pytest.fixture
def searchable_demo(demo_content):
    # The demo rows are written back without model signals, the search index with them.
    call_command("update_index", verbosity=0)


def results(page):
    return page.locator("[data-search-result] h3 a")


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_searches_by_keyboard_and_picks_a_suggestion(
    page, searchable_demo, screenshot, language
):
    typed, target = SUGGESTION[language]
    page.goto(PAGES["home"][language])
    field = tab_to(page, "#site-search-q")
    page.keyboard.type(typed, delay=30)
    listbox = page.locator("#site-search-q-suggestions")
    expect(listbox.locator("[role=option]").first).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(page.locator("form[data-autocomplete-url] [role=status]").first).not_to_be_empty()
    screenshot(page, "suggestions")

    page.keyboard.press("ArrowDown")
    active = listbox.locator("[aria-selected=true]")
    expect(active).to_have_count(1)
    expect(field).to_have_attribute("aria-activedescendant", active.get_attribute("id"))
    page.keyboard.press("Enter")

    page.wait_for_url(f"**{target}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_searches_without_javascript_suggestions_and_narrows_by_type(
    page, searchable_demo, screenshot, language
):
    word, case_studies = DATA[language]
    page.goto(PAGES["home"][language])
    page.locator("#site-search-q").fill(word)
    page.locator("header form[role=search] button").click()
    expect(page.locator("[data-search-total]")).to_be_visible()
    everything = results(page).count()
    assert everything > 3

    page.locator("a[data-facet=type]", has_text=case_studies).click()
    expect(page.locator("a[data-facet=type][aria-current=true]")).to_contain_text(case_studies)
    links = results(page).evaluate_all("(links) => links.map((link) => link.pathname)")
    assert links and all(PAGES["case_study_index"][language] in link for link in links)
    screenshot(page, "narrowed")


SEARCHES = {
    "results": {"de": "?q=Daten", "en": "?q=data"},
    "second_page": {"de": "?q=Daten&page=2", "en": "?q=data&page=2"},
    "no_results": {"de": "?q=Quokkaxylophon", "en": "?q=Quokkaxylophon"},
    "similar_results": {"de": "?q=Hochwaserschutz", "en": "?q=flod"},
    "empty_search": {"de": "?q=", "en": "?q="},
    "bad_input": {"de": "?q=%26%7C!&type=xx&page=abc", "en": "?q=(data)&topic=%27--&page=99"},
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("state", SEARCHES)
def test_search_pages_have_no_wcag_21_aa_barrier(
    page, searchable_demo, axe, screenshot, state, language
):
    response = page.goto(f"/{language}/search/{SEARCHES[state][language]}")
    assert response.status == 200
    assert page.evaluate("document.documentElement.lang") == language
    screenshot(page, "page")
    violations = axe(page)
    assert not violations, describe_violations(page.url, violations)


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_suggestions_have_no_wcag_21_aa_barrier(page, searchable_demo, axe, language):
    typed, _target = SUGGESTION[language]
    page.goto(PAGES["home"][language])
    page.locator("#site-search-q").press_sequentially(typed, delay=30)
    expect(page.locator("#site-search-q-suggestions [role=option]").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    violations = axe(page)
    assert not violations, describe_violations(page.url, violations)
