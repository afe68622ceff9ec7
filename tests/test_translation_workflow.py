"""A translator's work in the admin: PO files for agencies, machine translation, changes of the
German source reaching the translations, and who may do what. The rules for syncing are in
localisation/sync.py's docstring, those for PO uploads in localisation/pofiles.py's."""

import json
import os
import subprocess
import sys
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import polib
import pytest
import responses
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import include, path, reverse
from django.utils.translation import gettext, override
from wagtail.models import Page
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms import urls as project_urls
from localisation.machine import DUMMY_MARKER, machine_translator_setting
from localisation.pofiles import MAX_PO_FILE_SIZE
from tests.conftest import page_in

# The project serves localisation.urls in front of Wagtail's admin; so do these tests, which
# keeps them meaningful whether cms/urls.py includes it yet or not.
urlpatterns = [path("admin/", include("localisation.urls")), *project_urls.urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

GERMAN_PARAGRAPH = "Für alle Kommunen"
NEW_GERMAN_PARAGRAPH = "<p>Für alle Kommunen, auch die kleinsten Gemeinden.</p>"
ENGLISH_PARAGRAPH = "For every municipality that wants to learn and connect"
DEEPL_SETTING = machine_translator_setting("0123-test-key:fx")


@pytest.fixture
def about(demo_site):
    return page_in("de", "ueber-start-smart")


@pytest.fixture
def about_in_english(about):
    return page_in("en", "about-start-smart")


@pytest.fixture
def translation(about):
    return english_translation(about)


@pytest.fixture
def translator_client(client, translator):
    return logged_in(client, translator)


@pytest.fixture
def moderator_client(moderator):
    return logged_in(Client(), moderator)


def logged_in(client, user):
    # English admin, so the tests read the messages as written in the code.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def english_translation(page):
    return Translation.objects.get(
        source__object_id=page.translation_key,
        source__locale=page.locale,
        target_locale__language_code="en",
    )


def messages_of(response):
    """The admin's messages as text (Wagtail renders them through a template). Reading them
    counts as showing them: the client's next request starts without them."""
    shown = [unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]
    response.client.cookies.pop("messages", None)
    session = response.client.session
    session.pop("_messages", None)
    session.save()
    return shown


def permission_denied(response):
    """Wagtail's message, in the language of the request (outside the user's admin language)."""
    with override(response.wsgi_request.LANGUAGE_CODE):
        return gettext("Sorry, you do not have permission to access this area.")


def stored_translations(translation):
    """Everything stored for the translation, to compare before and after."""
    return set(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        ).values_list("pk", "translation_of__data", "data", "updated_at")
    )


def translation_of(translation, german):
    """The stored translation of the source string that starts with `german`, if any."""
    found = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
        translation_of__data__startswith=german,
    ).first()
    return found and found.data


def translate(translation, german, english):
    """What a translator does in the editor for each segment whose source starts with `german`."""
    segments = StringSegment.objects.filter(
        source=translation.source, string__data__startswith=german
    )
    assert segments, german
    for segment in segments:
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": english, "translation_type": "manual"},
        )


def editor_props(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    editor = BeautifulSoup(response.content, "html.parser").select_one(".js-translation-editor")
    return json.loads(editor["data-props"])


def editor_strings(props):
    """The translation editor's segments: German source → translation shown (None if none)."""
    translated = {item["segment_id"]: item["data"] for item in props["initialStringTranslations"]}
    return {
        segment["source"]: translated.get(segment["id"])
        for segment in props["segments"]
        if segment["type"] == "string"
    }


def download_po(client, translation):
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200
    return polib.pofile(response.content.decode())


def upload_po(client, translation, content, name="about.po"):
    data = {"next": "/admin/"}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, "text/x-gettext-translation")
    response = client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]), data)
    assert response.status_code == 302
    return messages_of(response)


def publish_german_paragraph(page, new_html):
    page = Page.objects.get(pk=page.pk).specific
    body = page.body.raw_data
    for block in body:
        if block["type"] == "paragraph" and GERMAN_PARAGRAPH in block["value"]:
            block["value"] = new_html
    page.body = body
    page.save_revision().publish()
    return page


def sync(client, page, capture, publish=False, machine_translation=False):
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    data = {}
    if publish:
        data["publish_translations"] = "on"
    if machine_translation:
        data["use_machine_translation"] = "on"
    with capture(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), data
        )
    assert response.status_code == 302, response.content[:2000]
    return messages_of(response)


def publish_in_editor(client, page, capture):
    """The translation editor's publish button; returns the messages it shows."""
    with capture(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    return messages_of(response)


def live(page):
    return Page.objects.get(pk=page.pk).specific


def draft(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def public_html(client, page):
    response = client.get(live(page).url)
    assert response.status_code == 200
    return response.content.decode()


# PO files: translation agencies work offline.


def test_po_file_round_trips_through_the_translation_editor(
    translator_client, moderator_client, about_in_english, translation,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    po = download_po(translator_client, translation)
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
    entries = {entry.msgid: entry for entry in po}
    assert entries["Über Start Smart"].msgctxt == "title"
    assert entries["Über Start Smart"].msgstr == "About Start Smart"

    entries["Über Start Smart"].msgstr = "About the Start Smart programme"
    paragraph = next(entry for entry in po if entry.msgid.startswith(GERMAN_PARAGRAPH))
    paragraph.msgstr = "For all municipalities, large and small."
    messages = upload_po(translator_client, translation, str(po).encode())

    assert messages == ["Successfully imported translations from PO File."]
    shown = editor_strings(editor_props(translator_client, about_in_english))
    assert shown["Über Start Smart"] == "About the Start Smart programme"
    assert shown[paragraph.msgid] == "For all municipalities, large and small."
    assert publish_in_editor(
        moderator_client, about_in_english, django_capture_on_commit_callbacks
    ) == ["Published 'About the Start Smart programme' in English."]
    html = public_html(moderator_client, about_in_english)
    assert "About the Start Smart programme" in html
    assert "For all municipalities, large and small." in html


def _other_pages_po(client, po):
    return str(download_po(client, english_translation(page_in("de", "formate")))).encode()


def _without_header(client, po):
    del po.metadata["X-WagtailLocalize-TranslationID"]
    return str(po).encode()


def _with_extra_entry(client, po):
    po[0].msgstr = "Changed title"
    po.append(polib.POEntry(msgctxt="body.unknown", msgid="Nicht auf der Seite", msgstr="Not"))
    po.append(polib.POEntry(msgid="Ohne Kontext", msgstr="Without context"))
    return str(po).encode()


def _with_missing_entry(client, po):
    po[0].msgstr = "Changed title"
    po.remove(po[-1])
    return str(po).encode()


def _malformed(client, po):
    return str(po).replace('msgstr "About Start Smart"', "msgstr: About Start Smart").encode()


def _with_broken_html(client, po):
    po[0].msgstr = "<div>A block where only inline markup may go</div>"
    return str(po).encode()


def _huge(client, po):
    return str(po).encode() + b"#" * MAX_PO_FILE_SIZE + b"\n"


@pytest.mark.parametrize(
    ("make_file", "expected"),
    [
        (lambda client, po: None, "Choose a PO file to upload."),
        (lambda client, po: b"", "The file is empty."),
        (lambda client, po: bytes(range(256)) * 8, "The file is not a PO file in UTF-8."),
        (_malformed, "The file is not a valid PO file: Syntax error in po file (line 11)."),
        (_huge, "The file is larger than 2.0\xa0MB, too large for the PO file of a page."),
        (_without_header, "This PO file was not downloaded from a translation editor"),
        (_other_pages_po, "This PO file belongs to another page or language."),
        (_with_extra_entry, "entries the page does not have: 2, strings of the page missing "
                            "from the file: 0 (for example “Ohne Kontext”)"),
        (_with_missing_entry, "entries the page does not have: 0, strings of the page missing "
                              "from the file: 1"),
        (_with_broken_html, "The translation of “Über Start Smart” cannot be used:"),
    ],
    ids=["no file", "empty", "binary", "malformed", "huge", "no header", "other page",
         "extra entry", "missing entry", "broken html"],
)  # fmt: skip
def test_a_bad_po_file_is_refused_with_a_message_and_nothing_stored_changes(
    translator_client, translation, make_file, expected
):
    po = download_po(translator_client, translation)
    before = stored_translations(translation)

    messages = upload_po(translator_client, translation, make_file(translator_client, po))

    assert len(messages) == 1
    assert expected in messages[0]
    assert stored_translations(translation) == before


def test_a_po_file_without_translations_changes_nothing(translator_client, translation):
    po = download_po(translator_client, translation)
    for entry in po:
        entry.msgstr = ""
    before = stored_translations(translation)

    messages = upload_po(translator_client, translation, str(po).encode())

    assert messages == ["The PO file contains no translations."]
    assert stored_translations(translation) == before


def test_a_po_file_keeps_earlier_translations_of_changed_text_for_reference(
    moderator_client, translator_client, about, translation, django_capture_on_commit_callbacks
):
    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)
    sync(moderator_client, about, django_capture_on_commit_callbacks)

    po = download_po(translator_client, translation)

    obsolete = [entry for entry in po if entry.obsolete]
    assert [entry.msgstr[: len(ENGLISH_PARAGRAPH)] for entry in obsolete] == [ENGLISH_PARAGRAPH]
    new = next(entry for entry in po if entry.msgid.startswith(GERMAN_PARAGRAPH))
    assert (new.msgid, new.msgstr) == ("Für alle Kommunen, auch die kleinsten Gemeinden.", "")
    new.msgstr = "For all municipalities, even the smallest."
    assert upload_po(translator_client, translation, str(po).encode()) == [
        "Successfully imported translations from PO File."
    ]
    assert translation_of(translation, "Für alle Kommunen, auch") == new.msgstr


# Machine translation: DeepL with DEEPL_API_KEY, a marked dummy otherwise.


def _forget(translation, *germans):
    for german in germans:
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id,
            locale=translation.target_locale,
            translation_of__data__startswith=german,
        ).delete()


def machine_translate(client, translation):
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    return messages_of(response)


def test_without_deepl_key_the_machine_translator_is_the_marked_dummy():
    assert machine_translator_setting("") == {"CLASS": "localisation.machine.MarkedDummyTranslator"}
    assert machine_translator_setting("   ") == machine_translator_setting("")


def test_deepl_key_selects_deepl_with_that_key():
    assert machine_translator_setting("abc-123:fx") == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "abc-123:fx"},
    }


@pytest.mark.parametrize("key", ["", "abc-123:fx"])
def test_settings_read_the_deepl_key_from_the_environment(key):
    environment = {
        **os.environ,
        "DEEPL_API_KEY": key,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    shown = subprocess.run(
        [sys.executable, "-c", "import json; from django.conf import settings; "
         "print(json.dumps(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR))"],
        env=environment, cwd=settings.BASE_DIR, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert json.loads(shown.stdout) == machine_translator_setting(key)


def test_dummy_machine_translation_fills_missing_strings_with_marked_output(
    translator_client, about_in_english, translation
):
    _forget(translation, "Start Smart ist", GERMAN_PARAGRAPH)
    kept = stored_translations(translation)

    messages = machine_translate(translator_client, translation)

    assert messages == ["Successfully translated with Test translator (no real translation)."]
    filled = StringTranslation.objects.filter(
        context__object_id=translation.source.object_id,
        locale=translation.target_locale,
        translation_type="machine",
    )
    assert len(filled) == 2
    assert all(string.data.startswith(DUMMY_MARKER) for string in filled)
    assert {string.tool_name for string in filled} == {"Test translator (no real translation)"}
    assert kept <= stored_translations(translation)
    props = editor_props(translator_client, about_in_english)
    assert props["machineTranslator"]["name"] == "Test translator (no real translation)"


@pytest.mark.parametrize(
    ("key", "host"), [("0123-test-key:fx", "api-free.deepl.com"), ("0123-pro", "api.deepl.com")]
)
def test_deepl_machine_translation_asks_deepls_api(
    translator_client, translation, settings, key, host
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting(key)
    _forget(translation, "Start Smart ist")

    def deepl(request):
        texts = parse_qs(request.body)["text"]
        return 200, {}, json.dumps({"translations": [{"text": f"EN {t}"} for t in texts]})

    # Any request that is not the one registered here fails instead of leaving the machine.
    with responses.RequestsMock() as network:
        network.add_callback(responses.POST, f"https://{host}/v2/translate", callback=deepl)
        messages = machine_translate(translator_client, translation)
        (call,) = network.calls

    assert messages == ["Successfully translated with DeepL."]
    assert urlsplit(call.request.url).hostname == host
    assert call.request.headers["Authorization"] == f"DeepL-Auth-Key {key}"
    sent = parse_qs(call.request.body)
    assert (sent["source_lang"], sent["target_lang"]) == (["DE"], ["EN"])
    assert translation_of(translation, "Start Smart ist").startswith("EN Start Smart ist")


def test_deepl_failure_is_reported_and_stores_nothing(translator_client, translation, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DEEPL_SETTING
    _forget(translation, "Start Smart ist")
    before = stored_translations(translation)

    with responses.RequestsMock() as network:
        network.add(
            responses.POST,
            "https://api-free.deepl.com/v2/translate",
            status=456,
            json={"message": "Quota exceeded"},
        )
        messages = machine_translate(translator_client, translation)

    assert messages == ["Machine translation with DeepL failed; nothing was translated."]
    assert stored_translations(translation) == before


# Changes of the German source and the translations.


def test_publishing_the_german_source_leaves_the_english_page_as_it_is(
    client, about, about_in_english
):
    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)

    assert ENGLISH_PARAGRAPH in public_html(client, about_in_english)
    assert "auch die kleinsten" not in public_html(client, about_in_english)
    assert "auch die kleinsten" not in str(draft(about_in_english).body)


@pytest.mark.parametrize("publish", [True, False], ids=["publish", "draft"])
def test_sync_keeps_unchanged_translations_and_the_live_page_until_all_is_translated(
    moderator_client, client, about, about_in_english, translation, publish,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    unchanged = {
        (german, english)
        for _pk, german, english, _updated in stored_translations(translation)
        if not german.startswith(GERMAN_PARAGRAPH)
    }
    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)

    messages = sync(moderator_client, about, django_capture_on_commit_callbacks, publish=publish)

    assert {(g, e) for _pk, g, e, _updated in stored_translations(translation)} >= unchanged
    new_german = "Für alle Kommunen, auch die kleinsten Gemeinden."
    shown = editor_strings(editor_props(moderator_client, about_in_english))
    assert shown[new_german] is None
    assert {german: english for german, english in shown.items() if german != new_german} == {
        german: english for german, english in unchanged if german in shown
    }
    # The live page keeps its English text; the draft has the new German paragraph.
    html = public_html(client, about_in_english)
    assert ENGLISH_PARAGRAPH in html
    assert "auch die kleinsten" not in html
    body = draft(about_in_english).body
    assert [block.block_type for block in body] == [block.block_type for block in about.body]
    assert new_german in str(body)
    assert "Passing on knowledge" in str(body)
    assert live(about_in_english).has_unpublished_changes
    if publish:
        assert (
            "'About Start Smart' in English has text that is not translated yet, so it was not "
            "published: its draft has the changes, and its translation editor shows what is left."
        ) in messages


def test_sync_form_says_what_publishing_does(moderator_client, about):
    source = TranslationSource.objects.get(object_id=about.translation_key, locale=about.locale)

    response = moderator_client.get(
        reverse("wagtail_localize:update_translations", args=[source.pk])
    )

    assert response.status_code == 200
    assert "Publishes each translation that has no untranslated text" in response.content.decode()


def test_sync_publishes_a_translation_once_everything_is_translated(
    moderator_client, client, about, about_in_english, translation,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)
    sync(moderator_client, about, django_capture_on_commit_callbacks)
    translate(translation, "Für alle Kommunen, auch", "For all municipalities, even the smallest.")

    messages = sync(moderator_client, about, django_capture_on_commit_callbacks, publish=True)

    assert messages == ["Successfully updated translations for 'Über Start Smart'"]
    html = public_html(client, about_in_english)
    assert "For all municipalities, even the smallest." in html
    assert ENGLISH_PARAGRAPH not in html
    assert not live(about_in_english).has_unpublished_changes


def test_sync_never_publishes_the_dummys_output(
    moderator_client, client, about, about_in_english, django_capture_on_commit_callbacks
):
    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)

    messages = sync(
        moderator_client, about, django_capture_on_commit_callbacks,
        publish=True, machine_translation=True,
    )  # fmt: skip

    assert "'About Start Smart' in English has text that is not translated yet" in messages[1]
    assert ENGLISH_PARAGRAPH in public_html(client, about_in_english)
    assert DUMMY_MARKER + "Gemeinden. kleinsten die auch" in str(draft(about_in_english).body)


def test_sync_with_deepl_publishes_the_machine_translation(
    moderator_client, client, about, about_in_english, settings,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DEEPL_SETTING
    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)

    with responses.RequestsMock() as network:
        network.add(
            responses.POST,
            "https://api-free.deepl.com/v2/translate",
            json={"translations": [{"text": "For all municipalities, even the smallest."}]},
        )
        messages = sync(
            moderator_client, about, django_capture_on_commit_callbacks,
            publish=True, machine_translation=True,
        )  # fmt: skip

    assert messages == ["Successfully updated translations for 'Über Start Smart'"]
    assert "For all municipalities, even the smallest." in public_html(client, about_in_english)


def test_sync_by_someone_who_may_not_publish_only_updates_the_draft(
    client, editor, moderator_client, about, about_in_english, translation,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """Editors may sync (they submit pages for translation) but publish nothing themselves;
    wagtail-localize's sync would publish for them."""
    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)
    sync(moderator_client, about, django_capture_on_commit_callbacks)
    translate(translation, "Für alle Kommunen, auch", "For all municipalities, even the smallest.")
    editor_client = logged_in(Client(), editor)

    messages = sync(editor_client, about, django_capture_on_commit_callbacks, publish=True)

    assert messages[1:] == [
        "You may not publish 'About Start Smart' in English: its draft has the changes."
    ]
    assert ENGLISH_PARAGRAPH in public_html(client, about_in_english)
    assert "For all municipalities, even the smallest." in str(draft(about_in_english).body)


def test_sync_of_a_snippet_keeps_its_translation_until_the_new_text_is_translated(
    moderator_client, demo_site, django_capture_on_commit_callbacks
):
    from home.models import Topic

    topic = Topic.objects.filter(locale=demo_site.locale).order_by("pk").first()
    english = topic.get_translation(page_in("en", demo_site.slug + "-1").locale)
    english_name = english.name
    topic.name = "Daten und Plattformen"
    topic.save()

    messages = sync(moderator_client, topic, django_capture_on_commit_callbacks, publish=True)

    assert messages[1] == (
        f"'{english_name}' in English has text that is not translated yet, so it was not "
        "updated: its translation editor shows what is left."
    )
    english.refresh_from_db()
    assert english.name == english_name
    translate(english_translation(topic), "Daten und Plattformen", "Data and platforms")
    sync(moderator_client, topic, django_capture_on_commit_callbacks, publish=True)
    english.refresh_from_db()
    assert english.name == "Data and platforms"


def test_publishing_from_the_editor_with_untranslated_text_shows_german_and_warns(
    moderator_client, client, about, about_in_english, django_capture_on_commit_callbacks
):
    """wagtail-localize's own publish button: a deliberate choice, so it is left as it is."""
    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)
    sync(moderator_client, about, django_capture_on_commit_callbacks)

    messages = publish_in_editor(
        moderator_client, about_in_english, django_capture_on_commit_callbacks
    )

    assert messages == [
        "Published 'About Start Smart' in English with missing translations - see below."
    ]
    assert "Für alle Kommunen, auch die kleinsten Gemeinden." in public_html(
        client, about_in_english
    )


def test_a_manual_translation_survives_syncs_and_source_publishing(
    translator_client, moderator_client, client, about, about_in_english, translation,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    response = translator_client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.pk]), {"next": "/admin/"}
    )
    assert messages_of(response) == ["Translation has been stopped."]
    by_hand = live(about_in_english)
    by_hand.title = "About Start Smart, edited by hand"
    by_hand.teaser = "A teaser written for English readers."
    by_hand.save_revision().publish()

    publish_german_paragraph(about, NEW_GERMAN_PARAGRAPH)
    sync(moderator_client, about, django_capture_on_commit_callbacks, publish=True)
    live(about).save_revision().publish()

    for english in (live(about_in_english), draft(about_in_english)):
        assert english.title == "About Start Smart, edited by hand"
        assert english.teaser == "A teaser written for English readers."
        assert ENGLISH_PARAGRAPH in str(english.body)
    assert "auch die kleinsten" not in public_html(client, about_in_english)
    edit_view = moderator_client.get(reverse("wagtailadmin_pages:edit", args=[by_hand.pk]))
    assert b"js-translation-editor" not in edit_view.content


def test_an_overridden_image_survives_a_sync(
    translator_client, moderator_client, demo_site, django_capture_on_commit_callbacks
):
    from wagtail_factories import ImageFactory

    german_image, english_image, new_german_image = ImageFactory.create_batch(3)
    home = Page.objects.get(pk=demo_site.pk).specific
    home.hero_image, home.hero_image_alt = german_image, "Luftbild der Stadt"
    home.save_revision().publish()
    translation = english_translation(home)
    english_home = page_in("en", demo_site.slug + "-1")
    sync(moderator_client, home, django_capture_on_commit_callbacks)
    translate(translation, "Luftbild der Stadt", "Aerial view of the town")
    sync(moderator_client, home, django_capture_on_commit_callbacks, publish=True)
    assert live(english_home).hero_image == german_image

    segment = OverridableSegment.objects.get(source=translation.source, context__path="hero_image")
    response = translator_client.put(
        reverse("wagtail_localize:edit_override", args=[translation.pk, segment.pk]),
        urlencode({"value": english_image.pk}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201
    assert publish_in_editor(
        moderator_client, english_home, django_capture_on_commit_callbacks
    ) == ["Published 'Start Smart' in English."]
    assert live(english_home).hero_image == english_image

    home = live(home)
    home.hero_image = new_german_image
    home.save_revision().publish()
    messages = sync(moderator_client, home, django_capture_on_commit_callbacks, publish=True)

    assert messages == [f"Successfully updated translations for '{home.title}'"]
    english_home = live(english_home)
    assert english_home.hero_image == english_image
    assert english_home.hero_image_alt == "Aerial view of the town"


# Who may do what in the translation editor.


def test_translator_opens_and_saves_the_english_translation_editor(
    translator_client, translator, about_in_english, translation
):
    props = editor_props(translator_client, about_in_english)
    title = next(
        s for s in props["segments"] if s["type"] == "string" and s["source"] == "Über Start Smart"
    )

    response = translator_client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title["id"]]),
        urlencode({"value": "About the Start Smart programme"}),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    stored = StringTranslation.objects.get(
        context__object_id=translation.source.object_id,
        context__path="title",
        locale=translation.target_locale,
    )
    assert (stored.data, stored.last_translated_by) == (
        "About the Start Smart programme",
        translator,
    )
    shown = editor_strings(editor_props(translator_client, about_in_english))
    assert shown["Über Start Smart"] == "About the Start Smart programme"


def test_translator_cannot_edit_or_publish_the_german_source(translator_client, about):
    edit_url = reverse("wagtailadmin_pages:edit", args=[about.pk])

    opened = translator_client.get(edit_url)
    assert opened.status_code == 302
    assert messages_of(opened) == [permission_denied(opened)]
    published = translator_client.post(edit_url, {"action-publish": "publish", "title": "Weg"})
    assert published.status_code == 302
    assert messages_of(published) == [permission_denied(published)]
    assert live(about).title == "Über Start Smart"
    assert not live(about).has_unpublished_changes


def test_translator_publishes_the_english_translation(
    translator_client, client, about_in_english, translation,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """Translators publish in the translated trees (home/roles.py)."""
    translate(translation, "Über Start Smart", "About the Start Smart programme")

    messages = publish_in_editor(
        translator_client, about_in_english, django_capture_on_commit_callbacks
    )

    assert messages == ["Published 'About the Start Smart programme' in English."]
    assert live(about_in_english).title == "About the Start Smart programme"
    assert "About the Start Smart programme" in public_html(client, about_in_english)
