"""Every role against every admin screen: each opens for the roles whose job needs it and is
refused, the way Wagtail refuses, to everyone else (README, "Roles and moderation")."""

import io
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from casestudies.models import Municipality
from conferences.models import Speaker, Venue
from home.models import Topic
from home.roles import REGISTRATION_MANAGERS
from tests.conftest import PASSWORD, page_in

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
EDITOR = "editor"
MODERATOR = "moderator"
TRANSLATOR = "translator"
REGISTRATION_MANAGER = "registration-manager"
SUPERUSER = "superuser"
SIGNED_IN = (EDITOR, MODERATOR, TRANSLATOR, REGISTRATION_MANAGER, SUPERUSER)

# How a screen answers a role. Anonymous visitors are always sent to the admin login.
OK = "allowed"
DENIED = "denied"  # Wagtail's refusal: back to the dashboard with a permission message
FORBIDDEN = "forbidden"  # the admin API's refusal
HIDDEN = "hidden"  # a listing that opens but leaves out what the role may not see
OWN_TREE = "own tree"  # the explorer sends Translators to the English tree they may explore
NOT_FOUND = "not found"  # the admin API does not show pages outside the role's explorable trees
LOGIN = "login"

PERMISSION_DENIED = "Sorry, you do not have permission to access this area."
PERSON = "someone@example.org"


class Demo:
    """The demo objects a screen's address needs, looked up (or made) when a cell asks."""

    def __init__(self, german_home):
        self.german_home = german_home

    @cached_property
    def english_home(self):
        return self.english(self.german_home)

    @cached_property
    def german_workshop(self):
        return page_in("de", "kick-off-herbst")

    @cached_property
    def english_workshop(self):
        return self.english(self.german_workshop)

    @cached_property
    def approval_task(self):
        """The German workshop's change, waiting for a Moderator's approval."""
        page = self.german_workshop
        page.save_revision()
        page.get_workflow().start(page, user=None)
        return page.current_workflow_task_state

    @cached_property
    def workshop_series(self):
        return self.german_workshop.get_parent()

    @cached_property
    def german_feedback_form(self):
        """The accessibility statement's feedback form, with one person's message in it."""
        page = page_in("de", "barrierefreiheit")
        FormSubmission.objects.create(page=page, form_data={"email": PERSON, "message": "Hallo"})
        return page

    @cached_property
    def english_feedback_form(self):
        page = self.english(page_in("de", "barrierefreiheit"))
        FormSubmission.objects.create(page=page, form_data={"email": PERSON, "message": "Hello"})
        return page

    @cached_property
    def image(self):
        content = io.BytesIO()
        PILImage.new("RGB", (8, 8)).save(content, "PNG")
        return get_image_model().objects.create(
            title="Matrix", file=ImageFile(content, name="matrix.png")
        )

    @cached_property
    def document(self):
        return get_document_model().objects.create(
            title="Matrix", file=ContentFile(b"matrix", name="matrix.txt")
        )

    @cached_property
    def site(self):
        return Site.objects.get()

    @staticmethod
    def english(page):
        return page.get_translation(Locale.objects.get(language_code="en")).specific

    @staticmethod
    def snippet(model, language):
        german = model.objects.filter(locale__language_code="de").order_by("pk").first()
        return german.get_translation(Locale.objects.get(language_code=language))


def pk(name):
    """The primary key of a demo object, looked up when the cell runs."""
    return lambda demo: getattr(demo, name).pk


def snippet_pk(model, language):
    return lambda demo: demo.snippet(model, language).pk


def event_key(demo):
    return demo.german_workshop.translation_key


@dataclass(frozen=True)
class Screen:
    family: str
    name: str
    url_name: str
    args: tuple = ()
    method: str = "get"
    data: dict | None = None
    # A listing shows this (url name, argument) to the roles allowed and hides it from others.
    listed: tuple | None = None

    def url(self, demo):
        args = [arg(demo) if callable(arg) else arg for arg in self.args]
        return reverse(self.url_name, args=args)


def get(family, name, url_name, *args, **kwargs):
    return Screen(family, name, url_name, args, **kwargs)


def post(family, name, url_name, *args, **kwargs):
    return Screen(family, name, url_name, args, method="post", **kwargs)


def api(family, name, url_name, *args):
    return Screen(family, name, url_name, args, method="api")


def snippet_rows(model):
    """Editors add and change, Translators change translations only, Moderators delete."""
    name = model._meta.model_name
    viewset = f"wagtailsnippets_{model._meta.app_label}_{name}"
    return [
        (get("snippets", f"{name}-list", f"{viewset}:list"), OK, OK, OK, DENIED, OK),
        (get("snippets", f"{name}-add", f"{viewset}:add"), OK, OK, DENIED, DENIED, OK),
        (
            get("snippets", f"{name}-edit-german", f"{viewset}:edit", snippet_pk(model, "de")),
            OK, OK, DENIED, DENIED, OK,
        ),
        (
            get("snippets", f"{name}-edit-english", f"{viewset}:edit", snippet_pk(model, "en")),
            OK, OK, OK, DENIED, OK,
        ),
        (
            get("snippets", f"{name}-delete", f"{viewset}:delete", snippet_pk(model, "de")),
            DENIED, OK, DENIED, DENIED, OK,
        ),
    ]  # fmt: skip


# Columns: editor, moderator, translator, registration manager, superuser.
MATRIX = [
    (get("dashboard", "home", "wagtailadmin_home"), OK, OK, OK, OK, OK),
    # Pages: German is edited by Editors and Moderators and published by Moderators; the
    # translated trees are edited and published by Translators too.
    (
        get("pages", "explore-german", "wagtailadmin_explore", pk("german_home")),
        OK, OK, OWN_TREE, DENIED, OK,
    ),
    (
        get("pages", "edit-german", "wagtailadmin_pages:edit", pk("german_workshop")),
        OK, OK, DENIED, DENIED, OK,
    ),
    (
        get("pages", "edit-english", "wagtailadmin_pages:edit", pk("english_workshop")),
        OK, OK, OK, DENIED, OK,
    ),
    (
        get(
            "pages", "add-german", "wagtailadmin_pages:add",
            "conferences", "workshoppage", pk("workshop_series"),
        ),
        OK, OK, DENIED, DENIED, OK,
    ),
    (
        get("pages", "add-english", "wagtailadmin_pages:add_subpage", pk("english_home")),
        OK, OK, DENIED, DENIED, OK,
    ),
    (
        api(
            "pages", "publish-german", "wagtailadmin_api:pages:action",
            pk("german_workshop"), "publish",
        ),
        FORBIDDEN, OK, NOT_FOUND, NOT_FOUND, OK,
    ),
    (
        api(
            "pages", "publish-english", "wagtailadmin_api:pages:action",
            pk("english_workshop"), "publish",
        ),
        FORBIDDEN, OK, OK, NOT_FOUND, OK,
    ),
    (
        get(
            "pages", "approve-german", "wagtailadmin_pages:workflow_action",
            pk("german_workshop"), "approve", pk("approval_task"),
        ),
        DENIED, OK, DENIED, DENIED, OK,
    ),
    (
        get("pages", "unpublish-english", "wagtailadmin_pages:unpublish", pk("english_workshop")),
        DENIED, OK, OK, DENIED, OK,
    ),
    (
        get("pages", "delete-german", "wagtailadmin_pages:delete", pk("german_workshop")),
        DENIED, OK, DENIED, DENIED, OK,
    ),
    *snippet_rows(Topic),
    *snippet_rows(Venue),
    *snippet_rows(Speaker),
    *snippet_rows(Municipality),
    # Form submissions are personal data: of those who edit form pages, only Moderators see
    # them; Registration managers reach them through the data-subject screen.
    (
        get(
            "forms", "index", "wagtailforms:index",
            listed=("wagtailforms:list_submissions", pk("german_feedback_form")),
        ),
        HIDDEN, OK, HIDDEN, DENIED, OK,
    ),
    (
        get(
            "forms", "submissions-german", "wagtailforms:list_submissions",
            pk("german_feedback_form"),
        ),
        DENIED, OK, DENIED, DENIED, OK,
    ),
    (
        get(
            "forms", "submissions-english", "wagtailforms:list_submissions",
            pk("english_feedback_form"),
        ),
        DENIED, OK, DENIED, DENIED, OK,
    ),
    (get("registrations", "overview", "registrations:index"), DENIED, OK, DENIED, OK, OK),
    (get("registrations", "event", "registrations:event", event_key), DENIED, OK, DENIED, OK, OK),
    (
        get("registrations", "export", "registrations:export", event_key, "csv"),
        DENIED, OK, DENIED, OK, OK,
    ),
    (get("registrations", "data-subject", "registrations:subject"), DENIED, OK, DENIED, OK, OK),
    (
        post(
            "registrations", "data-subject-export", "registrations:subject_export", "json",
            data={"email": PERSON},
        ),
        DENIED, OK, DENIED, OK, OK,
    ),
    (
        post(
            "registrations", "data-subject-delete", "registrations:subject_delete",
            data={"email": PERSON},
        ),
        DENIED, OK, DENIED, OK, OK,
    ),
    (get("registrations", "access-log", "registrations:access_log"), DENIED, OK, DENIED, OK, OK),
    # Media: Editors upload and manage their own uploads, Moderators everyone's.
    (get("images", "index", "wagtailimages:index"), OK, OK, DENIED, DENIED, OK),
    (get("images", "add", "wagtailimages:add"), OK, OK, DENIED, DENIED, OK),
    (get("images", "delete", "wagtailimages:delete", pk("image")), DENIED, OK, DENIED, DENIED, OK),
    (get("documents", "index", "wagtaildocs:index"), OK, OK, DENIED, DENIED, OK),
    (get("documents", "add", "wagtaildocs:add"), OK, OK, DENIED, DENIED, OK),
    (
        get("documents", "delete", "wagtaildocs:delete", pk("document")),
        DENIED, OK, DENIED, DENIED, OK,
    ),
    # Accounts and the site's structure are left to superusers; Moderators keep site settings.
    (get("users", "index", "wagtailusers_users:index"), DENIED, DENIED, DENIED, DENIED, OK),
    (get("users", "groups", "wagtailusers_groups:index"), DENIED, DENIED, DENIED, DENIED, OK),
    (
        get(
            "settings", "site-settings", "wagtailsettings:edit",
            "home", "sitesettings", pk("site"),
        ),
        DENIED, OK, DENIED, DENIED, OK,
    ),
    (get("settings", "sites", "wagtailsites:index"), DENIED, DENIED, DENIED, DENIED, OK),
    (
        get("settings", "collections", "wagtailadmin_collections:index"),
        DENIED, DENIED, DENIED, DENIED, OK,
    ),
    (
        get("settings", "workflows", "wagtailadmin_workflows:index"),
        DENIED, DENIED, DENIED, DENIED, OK,
    ),
    (get("redirects", "index", "wagtailredirects:index"), DENIED, DENIED, DENIED, DENIED, OK),
    # Localisation: superusers add locales; whoever edits content submits it for translation.
    (get("localize", "locales", "wagtaillocales:index"), DENIED, DENIED, DENIED, DENIED, OK),
    (
        get(
            "localize", "submit-page", "wagtail_localize:submit_page_translation",
            pk("german_workshop"),
        ),
        OK, OK, OK, DENIED, OK,
    ),
    (
        get(
            "localize", "submit-topic", "wagtail_localize:submit_snippet_translation",
            "home", "topic", snippet_pk(Topic, "de"),
        ),
        OK, OK, OK, DENIED, OK,
    ),
    (get("localize", "report", "wagtail_localize:translations_report"), OK, OK, OK, OK, OK),
    # Reports list pages; locked pages concern those who lock and unlock.
    (
        get("reports", "locked-pages", "wagtailadmin_reports:locked_pages"),
        DENIED, OK, DENIED, DENIED, OK,
    ),
    (get("reports", "workflow", "wagtailadmin_reports:workflow"), OK, OK, OK, DENIED, OK),
    (
        get("reports", "workflow-tasks", "wagtailadmin_reports:workflow_tasks"),
        OK, OK, OK, DENIED, OK,
    ),
    (get("reports", "site-history", "wagtailadmin_reports:site_history"), OK, OK, OK, OK, OK),
    (get("reports", "aging-pages", "wagtailadmin_reports:aging_pages"), OK, OK, OK, DENIED, OK),
    # Promoted search results go live without the workflow, so Moderators choose them.
    (get("promotions", "index", "wagtailsearchpromotions:index"), DENIED, OK, DENIED, DENIED, OK),
    (get("promotions", "add", "wagtailsearchpromotions:add"), DENIED, OK, DENIED, DENIED, OK),
    # What visitors search for guides the editors; the terms may still name people.
    (
        get("reports", "search-terms", "search_statistics:index"),
        OK, OK, DENIED, DENIED, OK,
    ),
]  # fmt: skip


def cells():
    for screen, *answers in MATRIX:
        expected = {ANONYMOUS: LOGIN, **dict(zip(SIGNED_IN, answers, strict=True))}
        for role, answer in expected.items():
            verdict = "allowed" if answer == OK else "refused"
            yield pytest.param(
                role, screen, answer, id=f"{role}-{screen.family}-{screen.name}-{verdict}"
            )


def sign_in(client, request, role):
    if role == ANONYMOUS:
        return
    users = get_user_model().objects
    if role == SUPERUSER:
        user = users.create_superuser("superuser", "superuser@example.org", PASSWORD)
    elif role == REGISTRATION_MANAGER:
        user = users.create_user("registrations", "registrations@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=REGISTRATION_MANAGERS))
    else:
        user = request.getfixturevalue(role)
    assert client.login(username=user.username, password=PASSWORD)


def request_screen(client, screen, url):
    if screen.method == "api":
        return client.post(url, {}, content_type="application/json")
    if screen.method == "post":
        return client.post(url, screen.data or {})
    return client.get(url)


def error_messages(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(("role", "screen", "expected"), list(cells()))
def test_each_role_reaches_exactly_the_admin_screens_its_job_needs(
    client, request, demo_site, role, screen, expected
):
    demo = Demo(demo_site)
    url = screen.url(demo)
    sign_in(client, request, role)
    response = request_screen(client, screen, url)

    answer = (response.status_code, response.get("Location"))
    if expected == LOGIN:
        assert response.status_code == 302, answer
        location = urlsplit(response["Location"])
        assert location.path == reverse("wagtailadmin_login"), answer
        assert parse_qs(location.query)["next"] == [url]
    elif expected == DENIED:
        assert answer == (302, reverse("wagtailadmin_home"))
        with translation.override(settings.LANGUAGE_CODE):
            assert error_messages(response) == [translation.gettext(PERMISSION_DENIED)]
    elif expected == OWN_TREE:
        assert answer == (302, reverse("wagtailadmin_explore", args=[demo.english_home.pk]))
    elif expected == NOT_FOUND:
        # The i18n URL patterns' LocaleMiddleware turns the admin's 404 into a redirect to the
        # same address under the default language, where the site's 404 page answers.
        assert answer == (302, f"/{settings.LANGUAGE_CODE}{url}")
    elif expected == FORBIDDEN:
        assert response.status_code == 403, answer
    else:
        assert response.status_code == 200, answer
    if screen.listed and expected in (OK, HIDDEN):
        name, arg = screen.listed
        listing = response.content.decode()
        assert (reverse(name, args=[arg(demo)]) in listing) is (expected == OK)
        if expected == HIDDEN:
            any_entry = reverse(name, args=[0]).removesuffix("0/")
            assert any_entry not in listing
