"""A visitor narrows the event list with the keyboard alone, and the result lives in the URL."""

import re

import pytest
from playwright.sync_api import expect

from .support import PAGES

pytestmark = pytest.mark.browser

CONFERENCE_TITLE = "Daten in der Smart City – Zwischen digitaler Daseinsvorsorge und Souveränität"

# Tab stops before the filters: skip link, header, navigation, breadcrumbs, intro links.
MAX_TAB_STOPS = 60

FOCUSED_ELEMENT = "document.activeElement.outerHTML.slice(0, 200)"


def tab_to(page, selector):
    """Press Tab until the focused element matches the selector, as a keyboard user would."""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return page.locator(selector)
    raise AssertionError(
        f"{MAX_TAB_STOPS} presses of Tab never reached {selector}; "
        f"focus ended on {page.evaluate(FOCUSED_ELEMENT)}"
    )


def arrow_to(page, select, value):
    """Step through a focused, closed <select> with the arrow keys until it shows the value."""
    options = select.locator("option").count()
    for _ in range(options):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    assert select.input_value() == value, (
        f"ArrowDown never selected {value!r} in {select.get_attribute('name')}; "
        f"it stopped at {select.input_value()!r}"
    )


def card_titles(page):
    return page.locator(".event-card .card__title").all_inner_texts()


def test_visitor_filters_the_event_list_by_keyboard(open_context, demo_content, screenshot):
    page = open_context().new_page()
    page.goto(PAGES["event_index"]["de"])
    expect(page.locator(".event-card", has_text=CONFERENCE_TITLE)).to_have_count(0)
    screenshot(page, "01-upcoming-events")

    when = tab_to(page, "form.filters select[name=when]")
    arrow_to(page, when, "past")
    format_ = tab_to(page, "form.filters select[name=format]")
    arrow_to(page, format_, "conference")
    expect(format_.locator("option:checked")).to_have_text("Regionalkonferenz")
    screenshot(page, "02-filters-chosen")

    submit = tab_to(page, "form.filters [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]format=conference"))
    assert "when=past" in page.url, page.url
    expect(page.locator("#results")).to_have_text("Vergangene Veranstaltungen")
    cards = page.locator(".event-card")
    expect(cards.filter(has_text=CONFERENCE_TITLE)).to_have_count(1)
    for meta in cards.locator(".event-card__meta").all_inner_texts():
        assert meta.startswith("Regionalkonferenz"), f"a card of another format is listed: {meta}"
    expect(page.locator("form.filters select[name=when]")).to_have_value("past")
    expect(page.locator("form.filters select[name=format]")).to_have_value("conference")
    expect(submit).to_be_visible()
    screenshot(page, "03-archive-of-regional-conferences")

    filtered_url, listed = page.url, card_titles(page)
    page.reload()
    assert page.url == filtered_url
    assert card_titles(page) == listed

    shared = open_context().new_page()
    shared.goto(filtered_url)
    assert card_titles(shared) == listed
    expect(shared.locator("form.filters select[name=when]")).to_have_value("past")
    expect(shared.locator("form.filters select[name=format]")).to_have_value("conference")
    screenshot(shared, "04-shared-link-shows-the-same-events")
