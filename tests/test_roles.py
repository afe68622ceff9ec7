"""Each editorial role may do what its job needs in the admin, and nothing more."""

import pytest
from wagtail.models import Locale, Page, Site, WorkflowState

from tests.conftest import PASSWORD, page_in

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def allowed(response, url):
    """Wagtail answers a refusal by redirecting to the dashboard with a message."""
    return response.status_code == 200 and response.request["PATH_INFO"] == url


@pytest.fixture
def german_page(demo_site):
    return page_in("de", "ueber-start-smart")


@pytest.fixture
def english_page(demo_site):
    return page_in("en", "about-start-smart")


@pytest.mark.parametrize(
    ("role", "url_name", "expected"),
    [
        ("editor", "add_german_page", True),
        ("editor", "edit_german_page", True),
        ("editor", "site_settings", False),
        ("editor", "topics", True),
        ("moderator", "add_german_page", True),
        ("moderator", "edit_german_page", True),
        ("moderator", "site_settings", True),
        ("translator", "add_german_page", False),
        ("translator", "edit_german_page", False),
        ("translator", "edit_english_page", True),
        ("translator", "site_settings", False),
        ("translator", "topics", True),
    ],
)
def test_role_can_open_only_its_admin_screens(
    client, request, german_page, english_page, demo_site, role, url_name, expected
):
    urls = {
        "add_german_page": f"/admin/pages/add/home/standardpage/{demo_site.pk}/",
        "edit_german_page": f"/admin/pages/{german_page.pk}/edit/",
        "edit_english_page": f"/admin/pages/{english_page.pk}/edit/",
        "site_settings": f"/admin/settings/home/sitesettings/{Site.objects.get().pk}/",
        "topics": "/admin/snippets/home/topic/",
    }
    login(client, request.getfixturevalue(role))
    response = client.get(urls[url_name], follow=True)
    assert allowed(response, urls[url_name]) == expected, response.redirect_chain


def test_anonymous_visitors_are_sent_to_the_admin_login(client, german_page):
    response = client.get(f"/admin/pages/{german_page.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("role", "publishes_german", "publishes_english"),
    [("editor", False, False), ("moderator", True, True), ("translator", False, True)],
)
def test_moderators_publish_sources_and_translators_translations(
    request, german_page, english_page, role, publishes_german, publishes_english
):
    user = request.getfixturevalue(role)
    assert german_page.permissions_for_user(user).can_publish() is publishes_german
    assert english_page.permissions_for_user(user).can_publish() is publishes_english


def test_translators_cannot_touch_the_german_source(translator, german_page, english_page):
    assert not german_page.permissions_for_user(translator).can_edit()
    assert english_page.permissions_for_user(translator).can_edit()


def test_editors_page_waits_for_a_moderator_before_going_live(client, editor, demo_site):
    login(client, editor)
    response = client.post(
        f"/admin/pages/add/home/standardpage/{demo_site.pk}/",
        {
            "title": "Neue Themenwerkstatt",
            "slug": "neue-themenwerkstatt",
            "teaser": "",
            "body-count": "0",
            "action-submit": "Submit",
            "action-publish": "Publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    page = Page.objects.get(slug="neue-themenwerkstatt", locale__language_code="de")
    assert not page.live
    # The English tree follows the German one: the new page appears there awaiting translation.
    assert page.aliases.filter(locale__language_code="en").exists()
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get("/de/neue-themenwerkstatt/").status_code == 404


def test_a_new_locale_tree_is_open_to_translators(translator, demo_site):
    french = Locale.objects.create(language_code="fr")
    french_home = demo_site.copy_for_translation(french)
    assert french_home.permissions_for_user(translator).can_edit()
    assert not demo_site.permissions_for_user(translator).can_edit()
