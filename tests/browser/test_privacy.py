"""No visit tells a third party about the visitor: no CDN, web font, tracker or embed."""

import pytest

from .support import LANGUAGES, PAGES, is_local

pytestmark = pytest.mark.browser

BROWSER_LOCALE = {"de": "de-DE", "en": "en-GB"}


@pytest.fixture
def context_options(language):
    # The browser's locale sets the Accept-Language header that / redirects by.
    return {"locale": BROWSER_LOCALE[language]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_browses_without_a_request_leaving_the_server(
    page, demo_content, external_requests, screenshot, report, language
):
    requested, refused = [], []
    page.on("request", lambda request: requested.append(request.url))
    # Whatever the Content-Security-Policy blocks is reported on the console.
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and refused.append(message.text),
    )

    page.goto("/", wait_until="networkidle")
    assert page.url.endswith(f"/{language}/"), f"/ sent a {language} visitor to {page.url}"
    for role, urls in {**PAGES, "search": {language: f"/{language}/search/?q=Daten"}}.items():
        page.goto(urls[language], wait_until="networkidle")
        screenshot(page, role)

    assert not refused, f"the Content-Security-Policy blocked: {refused}"
    leaving = [url for url in requested if not is_local(url)]
    assert not leaving, f"requests leaving 127.0.0.1: {leaving}"
    assert not external_requests, f"blocked requests leaving 127.0.0.1: {external_requests}"
    stylesheets = [url for url in requested if url.endswith(".css")]
    assert stylesheets, f"the recorder saw no stylesheet among {requested}"
    report(f"{len(requested)} requests checked, all to 127.0.0.1 or localhost")
