"""A Translator translates a new German case study into English in wagtail-localize's
translation editor and publishes it; the German source stays out of their reach.

The admin speaks German here (the browser's language), so the editor's buttons carry the
German labels of Wagtail's and wagtail-localize's own catalogues.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail_localize.synctree import create_aliases_for_new_page

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, Municipality
from home.roles import TRANSLATORS

from .test_editorial_workflow import log_in, member_of

pytestmark = pytest.mark.browser

MUNICIPALITY = "landkreis-musterland"
GERMAN = {
    "title": "Smarte Straßenbeleuchtung im Landkreis Musterland",
    "slug": "smarte-strassenbeleuchtung-landkreis-musterland",
    "teaser": "Die Laternen dimmen nachts, wenn niemand unterwegs ist.",
    "challenge": "Die Straßenbeleuchtung verbrauchte ein Drittel des Stroms im Landkreis.",
    "municipality": "Landkreis Musterland",
}
ENGLISH = {
    "title": "Smart street lighting in Musterland District",
    "slug": "smart-street-lighting-musterland-district",
    "teaser": "The street lamps dim at night when nobody is out.",
    "challenge": "Street lighting used a third of the district's electricity.",
    "municipality": "Musterland District",
}
SEGMENT_SAVED = re.compile(r"/admin/localize/translate/\d+/strings/\d+/edit/$")


@pytest.fixture
def translator(demo_content):
    return member_of(TRANSLATORS, "tina.translation", "Tina", "Translation")


@pytest.fixture
def german_case_study(demo_content):
    """A case study published in German only, mirrored into the English tree as an alias."""
    index = CaseStudyIndexPage.objects.get(locale__language_code="de")
    case_study = CaseStudyPage(
        title=GERMAN["title"],
        slug=GERMAN["slug"],
        teaser=GERMAN["teaser"],
        challenge=f"<p>{GERMAN['challenge']}</p>",
        municipality=Municipality.objects.get(locale=index.locale, slug=MUNICIPALITY),
        locale=index.locale,
    )
    index.add_child(instance=case_study)
    case_study.save_revision().publish()
    # What Wagtail's admin does after creating a page: wagtail-localize's after_create_page
    # hook mirrors it into every locale synchronised from German.
    create_aliases_for_new_page(case_study)
    return case_study


@pytest.fixture
def english_alias(german_case_study):
    alias = CaseStudyPage.objects.get(
        translation_key=german_case_study.translation_key, locale__language_code="en"
    )
    assert alias.alias_of_id == german_case_study.pk
    return alias


def translate_segment(admin, source, translation):
    """Open a segment's editor, type the translation and save it, as the editor requires."""
    segment = admin.locator("li:has(> p)", has_text=source)
    expect(segment).to_have_class("incomplete")
    segment.get_by_role("button", name="Übersetzen").click()
    segment.locator("textarea").press_sequentially(translation)
    with admin.expect_response(SEGMENT_SAVED) as saved:
        segment.get_by_role("button", name="Speichern").click()
    assert saved.value.ok, f"saving {translation!r} answered {saved.value.status}"
    expect(segment).to_have_class("complete")
    expect(segment).to_contain_text(translation)
    return segment


def read_case_study(visitor, url, language, texts):
    response = visitor.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    expect(visitor.locator("html")).to_have_attribute("lang", language)
    expect(visitor.locator("h1")).to_have_text(texts["title"])
    expect(visitor.locator(".lead")).to_have_text(texts["teaser"])
    expect(visitor.locator("section[aria-labelledby=challenge]")).to_contain_text(
        texts["challenge"]
    )
    expect(visitor.locator(".facts")).to_contain_text(texts["municipality"])


def test_translator_translates_case_study_in_translation_editor_and_publishes_it(
    open_context, translator, german_case_study, english_alias, screenshot
):
    german_url = german_case_study.url
    german_revision = german_case_study.latest_revision_id
    admin = log_in(open_context(), translator)

    admin.goto("/admin/pages/")
    english_index = english_alias.get_parent()
    admin.locator(f'a[href="/admin/pages/{english_index.pk}/"]').first.click()
    expect(admin.locator(f'a[href="/admin/pages/{english_alias.pk}/edit/"]')).to_contain_text(
        GERMAN["title"]
    )
    screenshot(admin, "01-translator-finds-untranslated-page")
    admin.locator(f'a[href="/admin/pages/{english_alias.pk}/edit/"]').first.click()

    admin.get_by_role("link", name="Diese Seite übersetzen").click()
    english = admin.locator("input[name=locales]")
    expect(english).to_have_count(1)
    expect(english).to_be_checked()
    screenshot(admin, "02-translator-submits-page-for-translation")
    admin.locator("main form [type=submit]").click()

    admin.wait_for_url(f"**/admin/pages/{english_alias.pk}/edit/")
    expect(admin.locator("li.incomplete").first).to_be_visible()
    screenshot(admin, "03-translation-editor")
    translate_segment(admin, GERMAN["title"], ENGLISH["title"])
    translate_segment(admin, GERMAN["teaser"], ENGLISH["teaser"])
    challenge = translate_segment(admin, GERMAN["challenge"], ENGLISH["challenge"])
    admin.get_by_role("tab", name="Verbreitung").click()
    translate_segment(admin, GERMAN["slug"], ENGLISH["slug"])
    expect(admin.locator("li.incomplete")).to_have_count(0)
    admin.get_by_role("tab", name="Inhalt").click()
    challenge.scroll_into_view_if_needed()
    screenshot(admin, "04-every-segment-translated")

    admin.locator("footer button[name=action][value=publish]").click()
    expect(admin.locator(".messages .success")).to_contain_text(ENGLISH["title"])
    expect(admin.locator(".messages .warning")).to_have_count(0)
    screenshot(admin, "05-translation-published")

    translated = CaseStudyPage.objects.get(pk=english_alias.pk)
    assert translated.alias_of_id is None
    assert translated.live
    assert translated.municipality.locale.language_code == "en"

    visitor = open_context().new_page()
    read_case_study(visitor, translated.url, "en", ENGLISH)
    assert translated.url == f"/en/case-studies/{ENGLISH['slug']}/"
    screenshot(visitor, "06-visitor-reads-english-case-study")
    visitor.goto(translated.get_parent().url)
    expect(visitor.locator(".case-study-card", has_text=ENGLISH["title"])).to_have_count(1)

    read_case_study(visitor, german_url, "de", GERMAN)
    screenshot(visitor, "07-german-case-study-unchanged")
    german_case_study.refresh_from_db()
    assert german_case_study.title == GERMAN["title"]
    assert german_case_study.latest_revision_id == german_revision

    admin.goto(f"/admin/pages/{german_case_study.pk}/edit/")
    admin.wait_for_url("**/admin/")
    expect(admin.locator(".messages .error")).to_be_visible()
    expect(admin.locator("#page-edit-form")).to_have_count(0)
    screenshot(admin, "08-german-source-refused")
