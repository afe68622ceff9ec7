"""Cached header, footer and what else only the site's structure changes (breadcrumbs,
alternates, filter choices, links to chosen pages): fast, and never stale after a change."""

import datetime
import time
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text import expand_db_html
from wagtail_factories import DocumentFactory, ImageFactory

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, Municipality
from conferences.models import WorkshopPage
from home.models import SiteSettings, StandardPage, Topic
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


def soup(client, url, params=None):
    return BeautifulSoup(client.get(url, params).content, "html.parser")


def test_a_renamed_or_moved_parent_shows_in_the_breadcrumbs_at_once(client, demo_site):
    conference = page_in("de", "regionalkonferenz-guetersloh-2023")
    index = page_in("de", "veranstaltungen")
    soup(client, conference.url)
    index.title = "Termine"
    index.save_revision().publish()
    trail = [a.get_text() for a in soup(client, conference.url).select(".breadcrumbs a")]
    assert trail == [demo_site.title, "Termine"]

    about = page_in("de", "ueber-start-smart")
    soup(client, about.url)
    about.move(index, pos="last-child")
    about.refresh_from_db()
    trail = [a.get_text() for a in soup(client, about.url).select(".breadcrumbs a")]
    assert trail == [demo_site.title, "Termine"]


def test_an_unpublished_translation_leaves_the_alternates_at_once(client, demo_site):
    german = page_in("de", "ueber-start-smart")
    english = page_in("en", "about-start-smart")

    def alternates():
        links = soup(client, german.url).select("link[rel=alternate]")
        return {link["hreflang"] for link in links}

    assert alternates() == {"de", "en", "x-default"}
    english.unpublish()
    assert alternates() == {"de", "x-default"}


def test_a_renamed_topic_or_a_new_municipality_shows_in_the_filters_at_once(client, demo_site):
    events = page_in("de", "veranstaltungen")
    case_studies = CaseStudyIndexPage.objects.get(locale__language_code="de")

    def options(url, name):
        return [o.get_text() for o in soup(client, url).select(f"select[name={name}] option")]

    assert "Datenethik" in options(events.url, "topic")
    topic = Topic.objects.get(locale__language_code="de", slug="datenethik")
    topic.name = "Ethik der Daten"
    topic.save()
    assert "Ethik der Daten" in options(events.url, "topic")
    assert any(o.startswith("Ethik der Daten (") for o in options(case_studies.url, "topic"))

    Municipality.objects.create(
        name="Quokkadorf",
        slug="quokkadorf",
        federal_state="NW",
        population=5_000,
        cohort=2021,
        latitude=Decimal("51.5"),
        longitude=Decimal("7.5"),
        locale=case_studies.locale,
    )
    assert "Quokkadorf (0)" in options(case_studies.url, "municipality")


def test_the_home_page_links_a_moved_event_index_at_once(client, demo_site):
    index = page_in("de", "veranstaltungen")
    assert soup(client, demo_site.url).select_one(f".upcoming a[href='{index.url}']")
    index.slug = "termine"
    index.save_revision().publish()
    index.refresh_from_db()
    assert index.url == "/de/termine/"
    assert soup(client, demo_site.url).select_one(".upcoming a[href='/de/termine/']")


def test_links_in_blocks_and_rich_text_follow_their_targets_at_once(client, demo_site):
    page = page_in("en", "about-start-smart")
    target = page_in("de", "initialberatung")
    translated_target = page_in("en", "initial-consultation")
    document = DocumentFactory()
    page.body = [
        ("call_to_action", {"title": "More", "text": "", "link_label": "More", "page": target}),
        (
            "paragraph",
            f'<p><a linktype="page" id="{target.pk}">Page</a> '
            f'<a linktype="document" id="{document.pk}">File</a></p>',
        ),
    ]
    page.save_revision().publish()

    def links():
        html = soup(client, page.url)
        return [a["href"] for a in html.select(".cta a, main .rich-text a")]

    # A chosen page leads to its translation in the visitor's language while there is one.
    assert links() == [translated_target.url, translated_target.url, document.url]
    translated_target.slug = "first-consultation"
    translated_target.save_revision().publish()
    old_document_url = document.url
    document.file.save("new.pdf", ContentFile(b"%PDF-1.4"))
    assert document.url != old_document_url
    assert links() == ["/en/first-consultation/", "/en/first-consultation/", document.url]
    translated_target.unpublish()
    assert links() == [target.url, target.url, document.url]


def test_the_privacy_link_of_a_form_follows_the_site_settings_at_once(client, demo_site):
    form = page_in("de", "initialberatung")

    def privacy_link():
        return soup(client, form.url).select_one(".field--checkbox .field__help a")["href"]

    settings = SiteSettings.objects.get()
    assert privacy_link() == settings.privacy_page.url
    settings.privacy_page = page_in("de", "ueber-start-smart")
    settings.save()
    assert privacy_link() == page_in("de", "ueber-start-smart").url


@pytest.mark.parametrize(("signed", "kept_for"), [(False, 86400), (True, 1800)])
def test_images_in_rich_text_are_reexpanded_before_a_signed_address_expires(
    db, monkeypatch, signed, kept_for
):
    image = ImageFactory()
    # As S3 storage signs addresses (cms/settings/base.py): valid for an hour.
    monkeypatch.setattr(default_storage, "querystring_auth", signed, raising=False)
    monkeypatch.setattr(default_storage, "querystring_expire", 3600, raising=False)
    expansions = []
    original = ImageEmbedHandler.expand_db_attributes_many.__func__

    def counted(cls, attrs_list):
        expansions.append(len(attrs_list))
        return original(cls, attrs_list)

    monkeypatch.setattr(ImageEmbedHandler, "expand_db_attributes_many", classmethod(counted))
    html = f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Karte"/>'
    now = time.time()
    for seconds_later in (0, kept_for - 60, kept_for + 60):
        monkeypatch.setattr(time, "time", lambda later=seconds_later: now + later)
        assert "<img" in expand_db_html(html)
    assert len(expansions) == 2


def card_titles(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".event-card h3 a")]


def test_a_renamed_or_withdrawn_session_shows_on_every_listing_at_once(client, demo_site):
    series = page_in("de", "kick-off-workshops")
    start = timezone.now() + datetime.timedelta(hours=1)
    session = WorkshopPage(
        title="Neue Werkstatt", start=start, end=start + datetime.timedelta(hours=2)
    )
    session.attendance_mode = "online"
    series.add_child(instance=session)
    session.save_revision().publish()
    listings = [series.url, page_in("de", "veranstaltungen").url, demo_site.url]
    assert all("Neue Werkstatt" in card_titles(client, url) for url in listings)

    session.title = "Umbenannte Werkstatt"
    session.save_revision().publish()
    assert all("Umbenannte Werkstatt" in card_titles(client, url) for url in listings)

    session.unpublish()
    assert not any("Umbenannte Werkstatt" in card_titles(client, url) for url in listings)


def test_a_newly_published_case_study_on_the_same_topics_is_related_at_once(client, demo_site):
    case_study = CaseStudyPage.objects.filter(locale__language_code="de").first()

    def related():
        html = BeautifulSoup(client.get(case_study.url).content, "html.parser")
        return [a.get_text(strip=True) for a in html.select("#related + ul .case-study-card a")]

    related()
    newcomer = CaseStudyPage(title="Ganz verwandt", municipality=case_study.municipality)
    newcomer.topics = list(Topic.objects.filter(locale=case_study.locale))
    case_study.get_parent().add_child(instance=newcomer)
    newcomer.save_revision().publish()
    assert "Ganz verwandt" in related()
    newcomer.unpublish()
    assert "Ganz verwandt" not in related()


def test_a_page_reads_the_site_version_once_and_finds_its_site_without_a_query(
    client, demo_site, monkeypatch
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.fragments import SITE_VERSION_KEY

    url = page_in("de", "veranstaltungen").url
    client.get(url)
    keys = []
    get, get_many = cache.get, cache.get_many
    monkeypatch.setattr(cache, "get", lambda key, *a, **kw: keys.append(key) or get(key, *a, **kw))
    monkeypatch.setattr(
        cache, "get_many", lambda wanted, **kw: keys.extend(wanted) or get_many(wanted, **kw)
    )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert keys.count(SITE_VERSION_KEY) == 1
    assert not [query for query in queries if '"wagtailcore_site"' in query["sql"]]


def test_a_change_to_the_sites_decides_which_hostnames_are_served_at_once(
    client, demo_site, settings
):
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = ["*"]
    host = "kommunen.example.org"
    # No site names the hostname: the default site answers.
    assert client.get("/de/", HTTP_HOST=host).status_code == 200
    default = Site.objects.get(is_default_site=True)
    default.is_default_site = False
    default.save()
    assert client.get("/de/", HTTP_HOST=host).status_code == 404
    Site.objects.create(hostname=host, root_page=demo_site)
    assert client.get("/de/", HTTP_HOST=host).status_code == 200


def test_a_change_bumps_the_site_version_again_once_committed(django_capture_on_commit_callbacks):
    from home.fragments import site_changed, site_version

    before = site_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        site_changed()
    changed = site_version()
    assert changed != before
    for callback in callbacks:
        callback()
    assert site_version() not in (before, changed)
