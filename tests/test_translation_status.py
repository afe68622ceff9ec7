"""Translators see in one report which page still needs work in which language: missing,
in progress (with the share translated), outdated after the German source changed, up to date,
or translated by hand outside wagtail-localize."""

import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from conferences.models import WorkshopPage
from home.models import StandardPage
from home.roles import REGISTRATION_MANAGERS
from localisation import status
from localisation.status import State
from tests.conftest import page_in

pytestmark = pytest.mark.django_db

REPORT = "translation_status:index"
PERMISSION_DENIED = "Sorry, you do not have permission to access this area."


def report_url(**params):
    return f"{reverse(REPORT)}?{urlencode(params)}"


def open_report(client, **params):
    response = client.get(report_url(**params))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def rows(report):
    return [int(row["data-page"]) for row in report.select("[data-translation-status] tbody tr")]


def cell(report, page, language):
    return report.select_one(f'tr[data-page="{page.pk}"] td[data-locale="{language}"]')


def states(report, language):
    return {
        int(row["data-page"]): row.select_one(f'td[data-locale="{language}"]')["data-state"]
        for row in report.select("[data-translation-status] tbody tr")
    }


def admin_text(msgid):
    """The text as the admin shows it: in the source language, the users having no other."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(str(msgid))


def report_messages(report):
    return [alert.get_text(strip=True) for alert in report.select("[data-report-messages] p")]


def german_pages():
    source, _targets = status.report_locales()
    return list(status.source_pages(source).values_list("pk", flat=True))


def german_pages_titled(text):
    return [
        pk
        for pk, title in Page.objects.filter(pk__in=german_pages()).values_list("pk", "title")
        if text.lower() in title.lower()
    ]


def add_german_page(parent, slug, title=None):
    page = StandardPage(title=title or slug.replace("-", " ").title(), slug=slug, teaser="Kurz.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate_strings(source, locale, paths=None):
    """Translates the source's strings (those at the paths, else all) into the locale, as a
    translator would in wagtail-localize's editor."""
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    if paths is not None:
        segments = segments.filter(context__path__in=paths)
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"[{locale.language_code}] {segment.string.data}"},
        )


def translate(page, locale):
    """Submits the page to wagtail-localize and translates every string of it."""
    TranslationCreator(None, [locale]).create_translations(page)
    source = TranslationSource.objects.get_for_instance(page)
    translate_strings(source, locale)
    Translation.objects.get(source=source, target_locale=locale).save_target(publish=True)


def publish_change(page, **changes):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def french(demo_site):
    return Locale.objects.create(language_code="fr")


@pytest.fixture
def untranslated(demo_site):
    return add_german_page(demo_site, "nur-auf-deutsch", "Nur auf Deutsch")


def test_the_report_lists_every_german_page_with_its_english_translation_up_to_date(
    translator_client, english, demo_site
):
    report = open_report(translator_client)

    assert sorted(rows(report)) == sorted(german_pages())
    assert set(states(report, "en").values()) == {State.UP_TO_DATE}
    workshop = page_in("de", "kick-off-herbst")
    english_workshop = workshop.get_translation(english)
    up_to_date = cell(report, workshop, "en")
    assert up_to_date.a["href"] == reverse("wagtailadmin_pages:edit", args=[english_workshop.pk])
    assert up_to_date.select_one("[data-live]")["data-live"] == "true"


def test_a_page_without_english_shows_missing_with_a_link_to_translate_it(
    translator_client, untranslated
):
    missing = cell(open_report(translator_client), untranslated, "en")

    assert missing["data-state"] == State.MISSING
    link = urlsplit(missing.a["href"])
    assert link.path == reverse("wagtail_localize:submit_page_translation", args=[untranslated.pk])
    query = parse_qs(link.query)
    assert query["select_locale"] == ["en"]
    assert query["next"] == [reverse(REPORT)]


def test_a_german_draft_never_published_is_listed_too(translator_client, demo_site):
    draft = StandardPage(title="Noch im Entwurf", slug="noch-im-entwurf", live=False)
    demo_site.add_child(instance=draft)
    draft.save_revision()

    report = open_report(translator_client)

    assert cell(report, draft, "en")["data-state"] == State.MISSING
    row = report.select_one(f'tr[data-page="{draft.pk}"] th')
    assert admin_text("Draft") in row.get_text()


def test_publishing_the_german_source_makes_the_english_translation_outdated(
    translator_client, demo_site
):
    workshop = page_in("de", "kick-off-herbst")
    publish_change(workshop, teaser="Neuer Teaser für den Herbst-Workshop.")

    report = open_report(translator_client)

    assert cell(report, workshop, "en")["data-state"] == State.OUTDATED
    assert status.page_status(workshop).cells[0].state == State.OUTDATED
    source = TranslationSource.objects.get_for_instance(workshop)
    sync = report.select_one(f'tr[data-page="{workshop.pk}"] [data-sync-translations]')
    assert urlsplit(sync["href"]).path == reverse(
        "wagtail_localize:update_translations", args=[source.pk]
    )
    others = {page: state for page, state in states(report, "en").items() if page != workshop.pk}
    assert set(others.values()) == {State.UP_TO_DATE}


def test_a_german_draft_waiting_for_approval_does_not_outdate_the_translation(demo_site):
    """wagtail-localize syncs the published German page, so only its publication counts."""
    workshop = page_in("de", "kick-off-herbst")
    workshop.teaser = "Entwurf, noch nicht freigegeben."
    workshop.save_revision()

    assert status.page_status(workshop).cells[0].state == State.UP_TO_DATE


def test_after_syncing_the_report_shows_the_share_of_strings_translated(
    translator_client, english, demo_site
):
    workshop = publish_change(
        page_in("de", "kick-off-herbst"),
        title="Kick-off Herbst (neu)",
        teaser="Neuer Teaser für den Herbst-Workshop.",
    )
    source, _created = TranslationSource.update_or_create_from_instance(workshop)
    english_translation = Translation.objects.get(source=source, target_locale=english)
    total, translated = english_translation.get_progress()
    assert 0 < translated < total

    synced = cell(open_report(translator_client), workshop, "en")

    assert synced["data-state"] == State.IN_PROGRESS
    assert synced.select_one("[data-percent]")["data-percent"] == str(translated * 100 // total)
    assert status.page_status(workshop).cells[0].percent == translated * 100 // total

    translate_strings(source, english, paths=["title"])
    _total, translated_now = english_translation.get_progress()
    assert translated_now == translated + 1
    after_one_more = cell(open_report(translator_client), workshop, "en")
    assert after_one_more.select_one("[data-percent]")["data-percent"] == str(
        translated_now * 100 // total
    )

    translate_strings(source, english)
    done = cell(open_report(translator_client), workshop, "en")
    assert done["data-state"] == State.UP_TO_DATE
    assert done.select_one("[data-percent]") is None


def test_a_fresh_translation_counts_its_strings_from_zero(english, demo_site):
    page = add_german_page(demo_site, "drei-texte", "Drei Texte")
    TranslationCreator(None, [english]).create_translations(page)
    source = TranslationSource.objects.get_for_instance(page)
    paths = StringSegment.objects.filter(source=source).values_list("context__path", flat=True)
    assert sorted(paths) == ["slug", "teaser", "title"]

    assert status.page_status(page).cells[0].percent == 0
    translate_strings(source, english, paths=["title"])
    assert status.page_status(page).cells[0].percent == 33
    translate_strings(source, english, paths=["title", "slug"])
    assert status.page_status(page).cells[0].percent == 66
    assert status.page_status(page).cells[0].state == State.IN_PROGRESS
    translate_strings(source, english)
    assert status.page_status(page).cells[0].state == State.UP_TO_DATE


def test_a_third_locale_appears_as_a_new_column_with_every_page_missing(translator_client, french):
    report = open_report(translator_client)

    headers = [th["data-locale"] for th in report.select("thead th[data-locale]")]
    assert headers == ["en", "fr"]
    assert set(states(report, "fr").values()) == {State.MISSING}
    german_home = page_in("de", "home")
    link = parse_qs(urlsplit(cell(report, german_home, "fr").a["href"]).query)
    assert link["select_locale"] == ["fr"]


def test_a_translation_made_from_another_translation_follows_that_source(
    english, french, demo_site
):
    """French translated from the English page is outdated when the English page changes."""
    english_home = demo_site.get_translation(english)
    TranslationCreator(None, [french]).create_translations(english_home)

    def french_state():
        return status.page_status(demo_site, [french]).cells[0].state

    assert french_state() == State.IN_PROGRESS
    publish_change(demo_site, teaser="Neuer Teaser der Startseite.")
    assert french_state() == State.IN_PROGRESS
    publish_change(english_home, teaser="New teaser of the home page.")
    assert french_state() == State.OUTDATED


def test_an_alias_in_another_locale_counts_as_missing(translator_client, french, demo_site):
    """An alias shows the German content; wagtail-localize offers to translate it."""
    demo_site.copy_for_translation(french, alias=True)

    missing = cell(open_report(translator_client), demo_site, "fr")

    assert missing["data-state"] == State.MISSING
    assert urlsplit(missing.a["href"]).path == reverse(
        "wagtail_localize:submit_page_translation", args=[demo_site.pk]
    )


def test_a_translation_converted_to_manual_shows_manual_and_whether_the_source_changed(
    translator_client, english, demo_site
):
    workshop = page_in("de", "kick-off-herbst")
    Translation.objects.filter(
        source__object_id=workshop.translation_key, target_locale=english
    ).update(enabled=False)

    assert status.page_status(workshop).cells[0].state == State.MANUAL

    publish_change(workshop, teaser="Neuer Teaser für den Herbst-Workshop.")
    assert status.page_status(workshop).cells[0].state == State.MANUAL_OUTDATED
    for state in (State.MANUAL, State.OUTDATED):
        assert workshop.pk in rows(open_report(translator_client, state=state))

    english_workshop = workshop.get_translation(english)
    english_workshop.teaser = "New teaser for the autumn workshop."
    english_workshop.save_revision()
    assert status.page_status(workshop).cells[0].state == State.MANUAL


def test_filters_by_state_and_locale_narrow_the_rows(translator_client, french, demo_site):
    TranslationCreator(None, [french]).create_translations(demo_site)
    everything = set(german_pages())
    home = {demo_site.pk}

    def listed(**params):
        return set(rows(open_report(translator_client, **params)))

    assert listed(state="in_progress") == home
    assert listed(state="up_to_date") == everything
    assert listed(state="up_to_date", locale="fr") == set()
    assert listed(state="missing", locale="en") == set()
    assert listed(state="missing", locale="fr") == everything - home
    french_only = open_report(translator_client, locale="fr")
    assert [th["data-locale"] for th in french_only.select("thead th[data-locale]")] == ["fr"]
    # The filter drawer refreshes the listing from the results view.
    refreshed = translator_client.get(
        reverse("translation_status:results"), {"state": "in_progress"}
    )
    assert rows(BeautifulSoup(refreshed.content, "html.parser")) == [demo_site.pk]


def test_filters_by_page_type_section_and_title(translator_client, demo_site):
    workshop_type = ContentType.objects.get_for_model(WorkshopPage)
    workshops = set(
        WorkshopPage.objects.filter(locale__language_code="de").values_list("pk", flat=True)
    )
    events = page_in("de", "veranstaltungen")

    def listed(**params):
        return set(rows(open_report(translator_client, **params)))

    assert listed(content_type=workshop_type.pk) == workshops
    assert listed(section=events.pk) == set(
        Page.objects.descendant_of(events, inclusive=True).values_list("pk", flat=True)
    )
    autumn = set(german_pages_titled("Herbst"))
    assert 0 < len(autumn) < len(german_pages())
    assert listed(q="herbst") == autumn


@pytest.mark.parametrize(
    ("params", "ignored"),
    [
        ({"state": "bogus"}, "State"),
        ({"locale": "zz"}, "Locale"),
        ({"section": "abc"}, "Section"),
        ({"content_type": "abc"}, "Page type"),
    ],
)
def test_a_bad_filter_value_is_reported_and_ignored(translator_client, demo_site, params, ignored):
    report = open_report(translator_client, **params)

    assert sorted(rows(report)) == sorted(german_pages())
    [message] = report_messages(report)
    template = admin_text("The filter “%(filter)s” was ignored: %(error)s")
    assert message.startswith(template.split("%(error)s")[0] % {"filter": admin_text(ignored)})


def test_the_valid_filters_still_apply_next_to_a_bad_one(translator_client, untranslated):
    report = open_report(translator_client, state="missing", locale="zz")

    assert rows(report) == [untranslated.pk]
    assert len(report_messages(report)) == 1


@pytest.mark.parametrize("page_number", ["abc", "0", "999"])
def test_a_bad_page_number_shows_a_page_of_the_report_with_a_message(
    translator_client, demo_site, page_number
):
    report = open_report(translator_client, p=page_number)

    assert sorted(rows(report)) == sorted(german_pages())
    assert len(report_messages(report)) == 1


def test_unknown_parameters_are_ignored(translator_client, demo_site):
    report = open_report(translator_client, page="abc", ordering="bogus")

    assert sorted(rows(report)) == sorted(german_pages())
    assert report_messages(report) == []


def test_the_download_holds_the_current_filter(translator_client, untranslated, french):
    response = translator_client.get(report_url(export="csv", state="missing", locale="en"))

    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(lines) == 2
    assert lines[1][:2] == ["Nur auf Deutsch", "/nur-auf-deutsch/"]
    assert lines[1][-2:] == [admin_text(State.MISSING.label), ""]


@pytest.mark.parametrize("role", ["translator", "editor", "moderator"])
def test_translators_editors_and_moderators_open_the_report(client, request, role, demo_site):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse(REPORT)).status_code == 200
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()


def test_registration_managers_are_refused(client, demo_site):
    manager = get_user_model().objects.create_user("manager", "manager@example.org")
    manager.groups.add(Group.objects.get(name=REGISTRATION_MANAGERS))
    client.force_login(manager)

    response = client.get(reverse(REPORT))

    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    messages = [str(message).strip() for message in get_messages(response.wsgi_request)]
    assert messages == [admin_text(PERMISSION_DENIED)]
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, demo_site):
    response = client.get(reverse(REPORT))

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("wagtailadmin_login")


def test_the_number_of_queries_does_not_grow_with_the_number_of_pages(
    translator_client, english, demo_site
):
    section = add_german_page(demo_site, "viele-seiten", "Viele Seiten")

    def add_pages(start, end):
        for number in range(start, end):
            page = add_german_page(section, f"seite-{number}")
            if number % 3 == 0:
                translate(page, english)

    def queries_for_the_section(**params):
        """Rows and queries of the report on the section, paged in the database or, filtered
        by state, worked out for every page before paging."""
        open_report(translator_client, section=section.pk, **params)  # warms process caches
        with CaptureQueriesContext(connection) as queries:
            report = open_report(translator_client, section=section.pk, **params)
        return len(rows(report)), len(queries)

    translate(section, english)
    add_pages(0, 4)
    few = [queries_for_the_section(), queries_for_the_section(state="missing")]
    add_pages(4, 29)
    many = [queries_for_the_section(), queries_for_the_section(state="missing")]

    assert [rows for rows, _queries in few] == [5, 2]
    assert [rows for rows, _queries in many] == [30, 19]
    assert [queries for _rows, queries in many] == [queries for _rows, queries in few]
