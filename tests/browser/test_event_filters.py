"""A visitor narrows the event list with the keyboard alone, and the result lives in the URL."""

import re

import pytest
from playwright.sync_api import expect

from .support import PAGES, arrow_to, tab_to

pytestmark = pytest.mark.browser

CONFERENCE_TITLE = "Daten in der Smart City – Zwischen digitaler Daseinsvorsorge und Souveränität"


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
