"""Cached header and footer: fast, and never stale after the site changes."""

import pytest
from bs4 import BeautifulSoup

from home.models import SiteSettings, StandardPage
from tests.conftest import page_in

pytestmark = pytest.mark.django_db


def menu_of(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return [link.get_text() for link in html.select(".main-nav a")]


def test_a_newly_published_menu_page_appears_in_every_header_at_once(client, demo_site):
    event_url = page_in("de", "veranstaltungen").url
    before = menu_of(client, event_url)
    page = StandardPage(title="Neuigkeiten", slug="neuigkeiten", show_in_menus=True)
    demo_site.add_child(instance=page)
    page.save_revision().publish()
    assert menu_of(client, event_url) == [*before, "Neuigkeiten"]
    page.unpublish()
    assert menu_of(client, event_url) == before


def test_a_moved_page_leaves_the_menu(client, demo_site):
    event_index = page_in("de", "veranstaltungen")
    other = next(p for p in demo_site.get_children().live().in_menu() if p.pk != event_index.pk)
    assert other.title in menu_of(client, event_index.url)
    other.move(event_index.get_children().first(), pos="last-child")
    assert other.title not in menu_of(client, event_index.url)


def test_changed_contact_details_appear_in_the_footer_at_once(client, demo_site):
    url = demo_site.url
    client.get(url)
    settings = SiteSettings.objects.get()
    settings.email = "neu@example.org"
    settings.save()
    footer = BeautifulSoup(client.get(url).content, "html.parser").select_one("footer")
    assert "neu@example.org" in footer.get_text()


def test_the_header_marks_the_page_being_shown(client, demo_site):
    event_index = page_in("de", "veranstaltungen")
    client.get(demo_site.url)
    html = BeautifulSoup(client.get(event_index.url).content, "html.parser")
    assert html.select_one(".main-nav [aria-current=page]").get_text() == event_index.title
