"""Every page and form state a visitor meets passes axe-core's WCAG 2.1 A and AA rules."""

import pytest
from playwright.sync_api import expect

from .support import LANGUAGES, PAGES, describe_violations

pytestmark = pytest.mark.browser

SAMPLE_ANSWERS = {
    "email": "ada.lovelace@example.org",
    "textarea": "Das Formular lässt sich mit der Bildschirmlupe kaum bedienen.",
    "number": "12000",
    "date": "2026-05-04",
    "url": "https://example.org/",
    "tel": "+49 30 000000",
}


def open_page(page, role, language, status=200):
    response = page.goto(PAGES[role][language])
    assert response.status == status, f"{page.url} answered {response.status}, not {status}"


def feedback_form(page):
    return page.locator("form", has=page.locator("[name=privacy_consent]"))


def home(page, language):
    open_page(page, "home", language)


def standard_page(page, language):
    open_page(page, "standard", language)


def accessibility_statement(page, language):
    open_page(page, "accessibility", language)
    expect(feedback_form(page)).to_be_visible()


def feedback_sent_empty(page, language):
    open_page(page, "accessibility", language)
    feedback_form(page).locator("[type=submit]").click()
    expect(page.locator('#form-errors[data-form-status="invalid"]')).to_be_visible()


def feedback_sent_complete(page, language):
    open_page(page, "accessibility", language)
    form = feedback_form(page)
    for field in form.locator("input[required], textarea[required]").all():
        kind = field.evaluate("field => field.type")
        if kind == "checkbox":
            field.check()
        else:
            field.fill(SAMPLE_ANSWERS.get(kind, "Ada Lovelace"))
    form.locator("[type=submit]").click()
    expect(page.locator('[data-form-status="submitted"]')).to_be_visible()


def page_not_found(page, language):
    open_page(page, "not_found", language, status=404)


VISITS = [
    home,
    standard_page,
    accessibility_statement,
    feedback_sent_empty,
    feedback_sent_complete,
    page_not_found,
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("visit", VISITS, ids=lambda visit: visit.__name__)
def test_visitor_meets_no_wcag_21_aa_barrier(page, demo_content, axe, screenshot, visit, language):
    visit(page, language)
    screenshot(page, "page")

    assert page.evaluate("document.documentElement.lang") == language
    violations = axe(page)
    assert not violations, describe_violations(page.url, violations)
