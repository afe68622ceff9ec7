"""Keyboard users skip the header and land in the main content."""

import pytest
from playwright.sync_api import expect

from .support import LANGUAGES, PAGES

pytestmark = pytest.mark.browser

# Visible means on screen, at a readable size, not clipped away and not covered.
SHOWN_IN_FULL = """
(element) => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const centre = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return box.width >= 10 && box.height >= 10
        && box.top >= 0 && box.left >= 0
        && box.bottom <= window.innerHeight && box.right <= window.innerWidth
        && style.visibility === "visible" && Number(style.opacity) > 0
        && centre !== null && element.contains(centre);
}
"""

FOCUS_IN_MAIN = """
() => document.activeElement.id === "main" || location.hash === "#main"
"""

# Where the next Tab goes: into the main content or past it, never back into the header.
NEXT_STOP_AFTER_HEADER = """
() => {
    const main = document.getElementById("main");
    const focused = document.activeElement;
    return main.contains(focused)
        || Boolean(main.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING);
}
"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ["home", "standard", "accessibility", "not_found"])
def test_visitor_reaches_main_content_with_the_skip_link(
    page, demo_content, screenshot, role, language
):
    page.goto(PAGES[role][language])

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#main")
    page.wait_for_function(SHOWN_IN_FULL, arg=skip_link.element_handle(), timeout=5_000)
    screenshot(page, "skip-link-focused")

    page.keyboard.press("Enter")
    page.wait_for_function(FOCUS_IN_MAIN, timeout=5_000)
    expect(page.locator("main#main")).to_be_in_viewport()
    screenshot(page, "main-content")

    page.keyboard.press("Tab")
    assert page.evaluate(NEXT_STOP_AFTER_HEADER), (
        "after the skip link, Tab went back to "
        + page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    )
