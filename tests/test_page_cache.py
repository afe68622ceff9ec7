"""Anonymous visitors get pages from the page cache; a change is never served stale, and
nobody is ever served a form, a signed-in view or personal data meant for someone else."""

import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from conferences.models import Venue
from home.models import StandardPage
from localisation.jobs import translate_page
from tests.conftest import page_in

pytestmark = pytest.mark.django_db

STATUS = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def visit(url, client=None):
    response = (client or Client()).get(url)
    return response, response.get(STATUS)


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(demo_site):
    url = page_in("de", "ueber-start-smart").url
    first, first_status = visit(url)
    with CaptureQueriesContext(connection) as queries:
        second, second_status = visit(url)
    assert (first_status, second_status) == ("miss", "hit")
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_publishing_a_change_replaces_the_cached_page_at_once(demo_site):
    page = page_in("de", "ueber-start-smart")
    visit(page.url)
    page.title = "Über uns, neu"
    page.save_revision().publish()
    response, status = visit(page.url)
    assert status == "miss"
    assert "Über uns, neu" in response.content.decode()


def test_a_new_page_appears_in_its_parents_cached_listing(demo_site):
    index = page_in("de", "veranstaltungen")
    visit(demo_site.url)
    added = StandardPage(title="Quokka-Neuigkeit", show_in_menus=True)
    demo_site.add_child(instance=added)
    added.save_revision().publish()
    response, _status = visit(demo_site.url)
    assert "Quokka-Neuigkeit" in response.content.decode()
    assert visit(index.url)[1] == "miss"


def test_an_unpublished_page_is_gone_at_once(demo_site):
    page = page_in("de", "ueber-start-smart")
    visit(page.url)
    page.unpublish()
    assert visit(page.url)[0].status_code == 404


def test_a_page_made_private_is_no_longer_served_to_anonymous_visitors(demo_site):
    page = page_in("de", "ueber-start-smart")
    assert visit(page.url)[0].status_code == 200
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    response, status = visit(page.url)
    assert status != "hit"
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    restriction.delete()
    assert visit(page.url)[0].status_code == 200


def test_a_moved_page_leaves_its_old_address_at_once(demo_site):
    page = page_in("de", "ueber-start-smart")
    old_url = page.url
    visit(old_url)
    page.move(page_in("de", "veranstaltungen"), pos="last-child")
    page.refresh_from_db()
    response, _status = visit(old_url)
    assert (response.status_code, response["Location"]) == (301, page.url)


def test_a_published_translation_replaces_the_cached_language_switcher(
    demo_site, django_user_model
):
    german = StandardPage(title="Quokka-Seite")
    demo_site.add_child(instance=german)
    german.save_revision().publish()
    response, _status = visit(german.url)
    assert not re.search(r'hreflang="en" href="[^"]*quokka', response.content.decode())

    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    translate_page(german, Locale.objects.get(language_code="en"), user=admin, publish=True)
    english = german.get_translation(Locale.objects.get(language_code="en"))
    response, status = visit(german.url)
    assert status == "miss"
    assert f'<a href="{english.url}" hreflang="en"' in response.content.decode()


def test_a_changed_snippet_replaces_the_pages_showing_it(demo_site):
    conference = page_in("de", "regionalkonferenz-guetersloh-2023")
    visit(conference.url)
    venue = Venue.objects.get(pk=conference.venue_id)
    venue.city = "Quokkastadt"
    venue.save()
    assert "Quokkastadt" in visit(conference.url)[0].content.decode()


def test_pages_with_a_form_are_never_cached_or_shared(demo_site):
    url = page_in("de", "barrierefreiheit").url
    first, first_status = visit(url)
    second, second_status = visit(url)
    assert first_status is None and second_status is None
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_an_event_taking_registrations_is_never_cached(demo_site):
    url = page_in("de", "kick-off-herbst").url
    visit(url)
    assert visit(url)[1] is None


def test_signed_in_people_are_never_served_the_cached_page_nor_fill_it(
    demo_site, django_user_model
):
    url = page_in("de", "ueber-start-smart").url
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("e", "e@example.org", "x"))
    response, status = visit(url, editor)
    assert status is None
    visit(url)
    response, status = visit(url, editor)
    assert status is None
    assert "wagtail-userbar" in response.content.decode()
    anonymous, _status = visit(url)
    assert "wagtail-userbar" not in anonymous.content.decode()


def test_personal_registration_pages_are_never_cached(demo_site):
    response, status = visit("/de/registration/not-a-real-token/")
    assert status is None
    assert visit("/de/registration/not-a-real-token/")[1] is None


def test_search_results_are_not_cached(demo_site):
    visit("/de/search/?q=Daten")
    assert visit("/de/search/?q=Daten")[1] is None


def test_every_query_string_is_its_own_entry(demo_site):
    index = page_in("de", "veranstaltungen")
    visit(index.url + "?when=past")
    assert visit(index.url + "?when=past")[1] == "hit"
    assert visit(index.url + "?when=upcoming")[1] == "miss"


def test_a_page_cache_can_be_turned_off(demo_site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = page_in("de", "ueber-start-smart").url
    visit(url)
    assert visit(url)[1] is None


def test_a_malformed_host_is_refused_not_an_error(demo_site):
    response = Client(raise_request_exception=False).get(
        page_in("de", "ueber-start-smart").url, HTTP_HOST="bad host:99999/x"
    )
    assert response.status_code == 400


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.purged.append(self.headers.get("X-Original-URL") or self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_publishing_purges_the_page_its_parent_and_home_from_the_cdn(demo_site, settings):
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    PurgeRecorder.purged = []
    try:
        page_in("de", "regionalkonferenz-guetersloh-2023").save_revision().publish()
    finally:
        server.shutdown()
    assert set(PurgeRecorder.purged) >= {
        "/de/veranstaltungen/regionalkonferenz-guetersloh-2023/",
        "/de/veranstaltungen/",
        "/de/",
    }
    url = page_in("de", "ueber-start-smart").url
    visit(url)
    assert "s-maxage=300" in visit(url)[0]["Cache-Control"]
