from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import page_in

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "/de/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-FR,fr;q=0.9,en;q=0.5", "/en/"),
        ("fr-FR", "/de/"),
        ("", "/de/"),
        (";;;q=abc,,,==", "/de/"),
        ("x" * 5000, "/de/"),
    ],
)
def test_root_sends_visitors_to_their_language(client, demo_site, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_root_offers_only_languages_with_a_published_home(client, demo_site):
    page_in("en", demo_site.slug + "-1").unpublish()
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/de/"


@pytest.mark.parametrize(
    ("language", "slug"), [("de", "ueber-start-smart"), ("en", "about-start-smart")]
)
def test_page_declares_its_language_and_links_its_translations(client, demo_site, language, slug):
    page = page_in(language, slug)
    html = soup(client.get(page.url))
    assert html.html["lang"] == language
    alternates = {link["hreflang"]: link["href"] for link in html.select("link[rel=alternate]")}
    assert alternates["de"].endswith("/de/ueber-start-smart/")
    assert alternates["en"].endswith("/en/about-start-smart/")
    assert alternates["x-default"] == alternates["de"]
    assert html.body["data-page-type"] == "home.standardpage"


def test_language_switcher_links_the_translation_of_the_current_page(client, demo_site):
    html = soup(client.get("/de/ueber-start-smart/"))
    switcher = html.select_one(".language-switcher")
    assert switcher.select_one("a[hreflang=en]")["href"] == "/en/about-start-smart/"
    assert switcher.select_one("[aria-current]").get_text(strip=True).endswith("Deutsch")


def test_language_switcher_falls_back_to_the_home_page_without_translation(client, demo_site):
    from home.models import StandardPage

    german_only = StandardPage(title="Nur auf Deutsch", slug="nur-deutsch")
    demo_site.add_child(instance=german_only)
    german_only.save_revision().publish()
    html = soup(client.get("/de/nur-deutsch/"))
    assert html.select_one(".language-switcher a[hreflang=en]")["href"] == "/en/"
    assert not html.select("link[rel=alternate][hreflang=en]")


def test_interface_strings_follow_the_page_language(client, demo_site):
    german = soup(client.get("/de/"))
    english = soup(client.get("/en/"))
    assert german.select_one(".skip-link").get_text(strip=True) == "Zum Hauptinhalt springen"
    assert english.select_one(".skip-link").get_text(strip=True) == "Skip to main content"


def test_header_links_easy_read_and_sign_language_in_the_current_language(client, demo_site):
    german = soup(client.get("/de/")).select_one(".service-nav").get_text(" ", strip=True)
    english = soup(client.get("/en/")).select_one(".service-nav").get_text(" ", strip=True)
    assert "Leichte Sprache" in german and "Gebärdensprache" in german
    assert "Easy Read" in english and "Sign language" in english


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/de/gibt-es-nicht/", "de", "Seite nicht gefunden"),
        ("/en/missing/", "en", "Page not found"),
    ],
)
def test_missing_page_is_a_proper_404_in_the_visitors_language(
    client, demo_site, path, language, heading
):
    response = client.get(path)
    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == language
    assert html.h1.get_text(strip=True) == heading


def test_language_without_content_is_not_served_under_its_prefix(client, demo_site):
    assert client.get("/fr/").status_code == 404
    assert client.get("/fr/ueber-start-smart/").status_code == 404


def test_sitemap_lists_every_live_page_of_every_locale(client, demo_site):
    from wagtail.models import Page

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    live = Page.objects.filter(depth__gte=2).live()
    assert live.filter(locale__language_code="en").count() == (
        live.filter(locale__language_code="de").count()
    )
    for page in live:
        assert f"<loc>{page.full_url}</loc>" in body


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


# The requests only read, so sharing one database transaction across examples is safe.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.text(max_size=300),
    query=st.text(max_size=200),
)
def test_odd_headers_and_query_strings_never_break_a_page(db, header, query):
    client = Client(raise_request_exception=False)
    for path in ("/", "/de/", "/en/nothing/"):
        response = client.get(
            f"{path}?{quote(query)}",
            HTTP_ACCEPT_LANGUAGE=header.encode("latin-1", "replace").decode("latin-1"),
        )
        assert response.status_code in (200, 302, 404)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("de", "Bei uns ist ein Fehler aufgetreten"), ("en", "Something went wrong on our side")],
)
def test_server_error_page_speaks_the_visitors_language(language, heading):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        html = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert html.html["lang"] == language
    assert html.h1.get_text(strip=True) == heading
    assert html.body["data-page-type"] == "error.500"
