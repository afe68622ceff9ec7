"""Municipal staff register for an event, join its waiting list and cancel through the link in
their mail; an editor adds a question to the form, which goes live once a moderator approves.

The form refuses what is sent sooner than REGISTRATION_MIN_FILL_SECONDS after it was shown
(bots are faster than people), so every test that sends it waits that long first.
"""

import re
import time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import formats, translation
from playwright.sync_api import expect

from conferences import capacity
from conferences.models import EventPage, Registration, RegistrationStatus
from conferences.models.registrations import MessageKind
from home.roles import EDITORS, MODERATORS

from .support import (
    LANGUAGES,
    PAGES,
    describe_violations,
    tab_to,
    wait_for_autosave,
    wait_until_edits_are_watched,
)
from .test_editorial_workflow import log_in, member_of, open_action_menu

pytestmark = pytest.mark.browser

KICKOFF = PAGES["kickoff_session"]
KICKOFF_SLUGS = {"de": "kick-off-herbst", "en": "kick-off-autumn"}
BERLIN = ZoneInfo("Europe/Berlin")
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 375, "height": 812}
NEEDS = "Was brauchen Sie, um gut teilnehmen zu können?"
PHONE_QUESTION = "Telefonnummer für Rückfragen"
MANAGE_LINK = re.compile(r"https?://\S+/registration/\S+/")

# The names of the required fields, each once (a radio group has one name for its options).
REQUIRED_NAMES = """
(form) => [...new Set([...form.querySelectorAll("[required]")].map((field) => field.name))]
"""

# What each link of the error summary leads to: the name of the field it focuses.
SUMMARY_TARGETS = """
(summary) => [...summary.querySelectorAll("a")].map((link) => {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const field = target && (target.name ? target : target.querySelector("[name]"));
    return field ? field.name : link.getAttribute("href");
})
"""

# The texts an assistive technology reads out with a field: its own aria-describedby and
# that of the group (fieldset) it belongs to.
DESCRIPTIONS = """
(field) => {
    const ids = [field, field.closest("fieldset")]
        .filter(Boolean)
        .flatMap((element) => (element.getAttribute("aria-describedby") || "").split(/\\s+/))
        .filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent.trim() ?? `missing #${id}`);
}
"""


def kickoff(language):
    return EventPage.objects.get(locale__language_code=language, slug=KICKOFF_SLUGS[language])


def question_keys(event):
    """The stable key of each of the event's questions, by its label."""
    return {field.label: field.clean_name for field in event.registration_fields.all()}


def show_form(page, language):
    response = page.goto(KICKOFF[language])
    assert response.status == 200, f"{page.url} answered {response.status}"
    return time.monotonic()


def registration_form(page):
    return page.locator("#register form")


def take_as_long_as_a_person(page, shown_at):
    """Wait until the form may be sent: the server refuses it sooner after showing it."""
    left = settings.REGISTRATION_MIN_FILL_SECONDS + 0.25 - (time.monotonic() - shown_at)
    if left > 0:
        page.wait_for_timeout(left * 1000)


def assert_accessible(page, axe):
    violations = axe(page)
    assert not violations, describe_violations(page.url, violations)


def screenshots(page, screenshot, step):
    """The page as a wide desktop window and as a phone show it."""
    for name, size in (("wide", WIDE), ("narrow", NARROW)):
        page.set_viewport_size(size)
        screenshot(page, f"{step}-{name}")
    page.set_viewport_size(WIDE)


def mails_to(outbox, address):
    return [mail for mail in outbox if mail.to == [address]]


def manage_path(mail):
    """The path of the personal link in a mail (the site's address there is not the test's)."""
    return urlsplit(MANAGE_LINK.search(mail.body)[0]).path


def sample_answers(name):
    keys = question_keys(kickoff("de"))
    return {
        keys["Name"]: name,
        keys["Kommune oder Organisation"]: "Gemeinde Beispielhausen",
        keys["Größe der Kommune"]: "unter 20.000 Einwohner",
    }


def registered(language, email, answers):
    """Someone who registered earlier, in `language`."""
    return capacity.register(
        kickoff(language),
        email=email,
        answers=answers,
        language=language,
        privacy_policy_version="test",
    )


def all_seats_taken():
    """Give the event as many seats as people hold: the next one to register finds it full."""
    event = kickoff("de")
    confirmed, _ = capacity.counts(event.translation_key)
    EventPage.objects.filter(pk=event.pk).update(capacity=confirmed)


def fill_in(form, email, answers):
    form.locator("[name=email]").fill(email)
    for name, answer in answers.items():
        fields = form.locator(f'[name="{name}"]')
        if fields.first.get_attribute("type") == "radio":
            fields.and_(form.locator(f'[value="{answer}"]')).check()
        else:
            fields.fill(answer)
    form.locator("[name=privacy_consent]").check()


def send(page, form, shown_at):
    take_as_long_as_a_person(page, shown_at)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_municipality_registers_by_keyboard_alone(page, demo_content, axe, screenshot, mailoutbox):
    email = "stadtplanung@musterstadt.example"
    event = kickoff("de")
    keys = question_keys(event)
    shown_at = show_form(page, "de")
    form = registration_form(page)
    expect(page.locator("#register")).to_have_attribute("data-registration-state", "open")
    screenshots(page, screenshot, "01-form")
    assert_accessible(page, axe)

    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    tab_to(page, form.locator("[name=email]"))
    page.keyboard.type(email)

    answers = {
        "Name": "Erika Mustermann",
        "Kommune oder Organisation": "Stadt Musterstadt",
    }
    for label, answer in answers.items():
        page.keyboard.press("Tab")
        expect(form.locator(f'[name="{keys[label]}"]')).to_be_focused()
        page.keyboard.type(answer)

    sizes = form.locator(f'[name="{keys["Größe der Kommune"]}"]')
    page.keyboard.press("Tab")
    expect(sizes.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(sizes.nth(1)).to_be_focused()
    expect(sizes.nth(1)).to_be_checked()

    needs = "Untertitel für die Präsentationen"
    page.keyboard.press("Tab")
    expect(form.locator(f'[name="{keys[NEEDS]}"]')).to_be_focused()
    page.keyboard.type(needs)

    consent = form.locator("[name=privacy_consent]")
    page.keyboard.press("Tab")
    expect(consent).to_be_focused()
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    screenshot(page, "02-form-filled")

    tab_to(page, form.locator("button[type=submit]"), limit=3)
    take_as_long_as_a_person(page, shown_at)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    main = page.locator("main")
    expect(main).to_have_attribute("data-registration-status", "confirmed")
    status = main.get_by_role("status")
    heading = status.get_by_role("heading", level=1)
    expect(heading).to_be_in_viewport()
    expect(status).to_contain_text(email)
    assert page.title().startswith(heading.inner_text()), page.title()
    screenshots(page, screenshot, "03-registered")
    assert_accessible(page, axe)

    registration = Registration.objects.get(email=email)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.language == "de"
    assert registration.event_key == event.translation_key
    assert registration.form_data == {
        keys["Name"]: "Erika Mustermann",
        keys["Kommune oder Organisation"]: "Stadt Musterstadt",
        keys["Größe der Kommune"]: "20.000 bis 100.000 Einwohner",
        keys[NEEDS]: needs,
    }

    (mail,) = mails_to(mailoutbox, email)
    with translation.override("de"):
        day = formats.date_format(event.start.astimezone(BERLIN), "DATE_FORMAT")
    assert event.title in mail.subject
    assert day in mail.body, f"no German date {day!r} in {mail.body}"
    assert event.confirmation_text in mail.body
    assert manage_path(mail).startswith("/de/registration/")
    assert [name for name, *_ in mail.attachments] == [f"{event.slug}.ics"]


def error_state_problems(form, summary, required):
    """What keeps someone who cannot see the page from finding and fixing each mistake."""
    problems = []
    targets = summary.evaluate(SUMMARY_TARGETS)
    if sorted(targets) != sorted(required):
        problems.append(f"the summary links to {targets}, not to each of {required}")
    for name in required:
        for field in form.locator(f'[name="{name}"]').all():
            label = field.evaluate("field => field.id")
            if field.get_attribute("aria-invalid") != "true":
                problems.append(f"#{label} is not marked aria-invalid")
            error = field.evaluate(
                "field => field.closest('.field').querySelector('.field__error').textContent"
            )
            if error.strip() not in field.evaluate(DESCRIPTIONS):
                problems.append(f"#{label} is not described by its error {error.strip()!r}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_empty_form_names_every_problem_and_stores_nothing(
    page, demo_content, axe, screenshot, mailoutbox, language
):
    shown_at = show_form(page, language)
    form = registration_form(page)
    required = form.evaluate(REQUIRED_NAMES)
    take_as_long_as_a_person(page, shown_at)
    form.locator("button[type=submit]").click()

    summary = page.locator("#form-errors")
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_be_focused()
    if language == "en":
        expect(summary.get_by_role("heading")).to_have_text(
            f"Please correct {len(required)} entries."
        )
    screenshots(page, screenshot, "error-summary")
    assert_accessible(page, axe)
    problems = error_state_problems(form, summary, required)
    assert not problems, "the error state fails its users: " + "; ".join(problems)

    summary.locator("a").first.click()
    expect(form.locator("[name=email]")).to_be_focused()
    assert not Registration.objects.exists()
    assert not mailoutbox


def test_full_event_offers_the_waiting_list(page, demo_content, axe, screenshot, mailoutbox):
    registered("de", "erste@beispielhausen.example", sample_answers("Erste Person"))
    all_seats_taken()
    email = "smart.city@lateton.example"

    shown_at = show_form(page, "en")
    section = page.locator("#register")
    expect(section).to_have_attribute("data-registration-state", "waitlist")
    expect(section).to_contain_text("All places are taken.")
    form = registration_form(page)
    expect(form.locator("button[type=submit]")).to_have_text("Join the waiting list")
    screenshots(page, screenshot, "01-waiting-list-offered")
    assert_accessible(page, axe)

    fill_in(form, email, sample_answers("Late Registrant"))
    send(page, form, shown_at)
    expect(page.locator("main")).to_have_attribute("data-registration-status", "waitlisted")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are on the waiting list")
    screenshots(page, screenshot, "02-waitlisted")
    assert_accessible(page, axe)

    registration = Registration.objects.get(email=email)
    assert registration.status == RegistrationStatus.WAITLISTED
    assert registration.language == "en"
    (mail,) = mails_to(mailoutbox, email)
    assert kickoff("en").title in mail.subject
    assert manage_path(mail).startswith("/en/registration/")


def test_registrant_cancels_with_the_link_from_the_mail_and_the_next_one_moves_up(
    page, demo_content, axe, screenshot, mailoutbox
):
    leaving = registered("en", "ada@example.org", sample_answers("Ada Lovelace"))
    all_seats_taken()
    waiting = registered("de", "grace@example.org", sample_answers("Grace Hopper"))
    assert waiting.status == RegistrationStatus.WAITLISTED
    (confirmation,) = mails_to(mailoutbox, leaving.email)
    link = manage_path(confirmation)

    response = page.goto(link)
    assert response.status == 200, f"{page.url} answered {response.status}"
    main = page.locator("main")
    expect(main.locator(".registration-summary")).to_contain_text(leaving.email)
    expect(main.locator(".registration-summary")).to_contain_text(kickoff("en").title)
    screenshots(page, screenshot, "01-registration-shown")
    assert_accessible(page, axe)

    with page.expect_navigation():
        main.get_by_role("button", name="Cancel my registration").click()
    cancelled = main.get_by_role("status")
    expect(cancelled).to_have_attribute("data-registration-state", "cancelled")
    expect(cancelled).to_have_text(
        "Your registration has been cancelled. Thank you for letting us know."
    )
    screenshots(page, screenshot, "02-cancelled")
    assert_accessible(page, axe)

    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert leaving.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert waiting.messages.filter(kind=MessageKind.PROMOTED, sent_at__isnull=False).exists()
    assert len(mails_to(mailoutbox, waiting.email)) == 2, "no mail told the next one of the seat"

    page.goto(link)
    expect(main.get_by_role("status")).to_contain_text("already been cancelled")
    expect(main.get_by_role("button")).to_have_count(0)
    screenshot(page, "03-already-cancelled")
    assert_accessible(page, axe)

    forged = link[:-2] + ("A" if link[-2] != "A" else "B") + "/"
    assert page.goto(forged).status == 404
    expect(main.get_by_role("alert")).to_contain_text("This link is not valid.")
    screenshots(page, screenshot, "04-forged-link")
    assert_accessible(page, axe)


@pytest.fixture
def editor(demo_content):
    return member_of(EDITORS, "erika.redaktion", "Erika", "Redaktion")


@pytest.fixture
def moderator(demo_content):
    return member_of(MODERATORS, "moritz.moderation", "Moritz", "Moderation")


def add_optional_question(admin, label):
    """Open the Registration tab and append an optional single-line question to the form."""
    questions = admin.locator("#id_registration_fields-FORMS")
    tab = questions.evaluate("questions => questions.closest('[role=tabpanel]').id")
    admin.locator(f'[role=tab][aria-controls="{tab}"]').click()
    number = int(admin.locator("#id_registration_fields-TOTAL_FORMS").input_value())
    admin.locator("#id_registration_fields-ADD").click()
    prefix = f"registration_fields-{number}"
    admin.locator(f'[name="{prefix}-label"]').fill(label)
    admin.locator(f'[name="{prefix}-field_type"]').select_option("singleline")
    admin.locator(f'[name="{prefix}-required"]').uncheck()
    admin.locator(f'[name="{prefix}-label"]').scroll_into_view_if_needed()


def approve(review, title):
    """The moderator opens the page from the dashboard's review list and approves it."""
    awaiting = review.locator("#awaiting-review-section")
    expect(awaiting).to_contain_text(title)
    awaiting.get_by_role("link", name=title).click()
    open_action_menu(review)
    review.locator(
        'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).click()
    expect(review.locator(".messages .success")).to_be_visible()


def test_editor_adds_a_question_that_goes_live_once_a_moderator_approves(
    open_context, editor, moderator, axe, screenshot
):
    event = kickoff("de")
    admin = log_in(open_context(), editor)
    admin.goto(f"/admin/pages/{event.pk}/edit/")
    wait_until_edits_are_watched(admin)
    add_optional_question(admin, PHONE_QUESTION)
    screenshot(admin, "01-editor-adds-question")
    wait_for_autosave(admin)
    open_action_menu(admin)
    admin.locator('footer button[name="action-submit"]').click()
    expect(admin.locator(".messages .success")).to_be_visible()
    screenshot(admin, "02-editor-submitted-for-approval")

    visitor = open_context().new_page()
    show_form(visitor, "de")
    expect(registration_form(visitor).get_by_label(PHONE_QUESTION)).to_have_count(0)

    review = log_in(open_context(), moderator)
    approve(review, event.title)
    screenshot(review, "03-moderator-approved")

    (question,) = kickoff("de").registration_fields.filter(label=PHONE_QUESTION)
    shown_at = show_form(visitor, "de")
    form = registration_form(visitor)
    phone = form.get_by_label(PHONE_QUESTION)
    expect(phone).to_be_visible()
    expect(phone).to_have_attribute("name", question.clean_name)
    expect(phone).not_to_have_attribute("required", "")
    assert_accessible(visitor, axe)
    screenshot(visitor, "04-visitor-sees-question")

    email = "buergerbuero@beispielhausen.example"
    fill_in(form, email, {**sample_answers("Petra Probe"), question.clean_name: "+49 5241 000000"})
    send(visitor, form, shown_at)
    expect(visitor.locator("main")).to_have_attribute("data-registration-status", "confirmed")
    assert question.clean_name == "telefonnummer_fur_ruckfragen"
    answers = Registration.objects.get(email=email).form_data
    assert answers[question.clean_name] == "+49 5241 000000"
