"""An editor's new page goes live only once a moderator approves it in the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Page

from home.models import StandardPage
from home.roles import EDITORS, MODERATORS

pytestmark = pytest.mark.browser

PASSWORD = "Werkstatt-Passphrase-2026"
TITLE = "Werkstattbericht Moderation"


def member_of(group_name, username, first_name, last_name):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(demo_content):
    return member_of(EDITORS, "erika.redaktion", "Erika", "Redaktion")


@pytest.fixture
def moderator(demo_content):
    return member_of(MODERATORS, "moritz.moderation", "Moritz", "Moderation")


@pytest.fixture
def german_home(demo_content):
    return Page.objects.get(depth=2, locale__language_code="de")


def log_in(context, user):
    page = context.new_page()
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    return page


def open_action_menu(page):
    """The footer's primary action stands alone; the others hide behind its toggle."""
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").click()


def test_editor_page_goes_live_only_after_moderator_approval(
    open_context, editor, moderator, german_home, screenshot
):
    admin = log_in(open_context(), editor)
    screenshot(admin, "01-editor-dashboard")

    admin.goto(f"/admin/pages/{german_home.pk}/")
    admin.locator(f'a[href$="/pages/{german_home.pk}/add_subpage/"]').first.click()
    admin.locator('a[href*="/add/home/standardpage/"]').click()
    admin.locator("#id_title").fill(TITLE)
    admin.locator("#id_title").blur()
    screenshot(admin, "02-editor-writes-page")

    open_action_menu(admin)
    submit = admin.locator('footer button[name="action-submit"]')
    expect(submit).to_contain_text("Moderators approval")
    submit.click()
    expect(admin.locator(".messages .success")).to_be_visible()
    screenshot(admin, "03-editor-submitted-page")

    draft = StandardPage.objects.get(title=TITLE, locale__language_code="de")
    assert not draft.live
    assert draft.workflow_in_progress
    address = f"/de/{draft.slug}/"
    visitor = open_context().new_page()
    assert visitor.goto(address).status == 404
    screenshot(visitor, "04-visitor-finds-no-page-yet")

    review = log_in(open_context(), moderator)
    awaiting = review.locator("#awaiting-review-section")
    expect(awaiting).to_contain_text(TITLE)
    screenshot(review, "05-moderator-dashboard")
    awaiting.get_by_role("link", name=TITLE).click()

    open_action_menu(review)
    screenshot(review, "06-moderator-opens-actions")
    review.locator(
        'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).click()
    expect(review.locator(".messages .success")).to_be_visible()
    screenshot(review, "07-moderator-approved-page")

    draft.refresh_from_db()
    assert draft.live
    response = visitor.goto(address)
    assert response.status == 200
    expect(visitor.locator("h1")).to_have_text(TITLE)
    screenshot(visitor, "08-visitor-reads-page")
