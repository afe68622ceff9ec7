"""A Moderator builds a two-day conference with speakers in the Wagtail admin and publishes it.

Editors may not publish (their pages go through the Moderators' approval, see
test_editorial_workflow.py), so the person who builds and publishes here is a Moderator.
"""

import datetime

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect
from wagtail.models import Page

from conferences.models import ConferencePage
from home.roles import MODERATORS

from .support import describe_violations, wait_for_autosave
from .test_editorial_workflow import log_in, member_of, open_action_menu

pytestmark = pytest.mark.browser

TITLE = "Regionalkonferenz Musterstadt"
MODERATOR_SPEAKER = "Dr. Beispiel Moderatorin"
DATA_SPEAKER = "Beispiel Referent"

# Wagtail's datetime picker (jQuery xdsoft) opens 100 ms after its input gains focus.
OPEN_PICKERS = ".xdsoft_datetimepicker:visible"


@pytest.fixture
def moderator(demo_content):
    return member_of(MODERATORS, "moritz.moderation", "Moritz", "Moderation")


@pytest.fixture
def german_events(demo_content):
    return Page.objects.get(locale__language_code="de", slug="veranstaltungen")


@pytest.fixture
def days():
    """Two consecutive days, two months ahead, so the conference is upcoming."""
    first = timezone.localdate() + datetime.timedelta(days=60)
    return first, first + datetime.timedelta(days=1)


def german_date(day):
    with translation.override("de"):
        return formats.date_format(day, "DATE_FORMAT")


def type_into_picker(admin, field, value):
    """Type a date or time in Wagtail's format and close the picker the field opened.

    Leaving the field before the picker has opened leaves it open over the form, where it
    swallows the next click, so wait for it first.
    """
    field.fill(value)
    pickers = admin.locator(OPEN_PICKERS)
    expect(pickers).to_have_count(1)
    field.blur()
    expect(pickers).to_have_count(0)
    expect(field).to_have_value(value)


def add_programme_day(admin, screenshot, number, item):
    """Append a programme day with one item and its speaker; a new day brings the item along."""
    stream = admin.locator("#programme-root > [data-streamfield-stream-container]")
    stream.locator(":scope > div > .c-sf-add-button").last.click()
    prefix = f"programme-{number}-value"
    type_into_picker(admin, admin.locator(f'[name="{prefix}-date"]'), item["day"].isoformat())

    fields = f"{prefix}-items-0-value"
    type_into_picker(admin, admin.locator(f'[name="{fields}-start"]'), item["start"])
    type_into_picker(admin, admin.locator(f'[name="{fields}-end"]'), item["end"])
    admin.locator(f'[name="{fields}-title"]').fill(item["title"])
    admin.locator(f'[name="{fields}-room"]').fill(item["room"])

    speakers = admin.locator(
        "[data-contentpath=speakers]", has=admin.locator(f'[name="{fields}-speakers-count"]')
    )
    speakers.locator("[data-streamfield-list-add]").first.click()
    chooser = admin.locator(f"#{fields}-speakers-0-value-chooser")
    chooser.locator("[data-chooser-action-choose]").click()

    modal = admin.locator(".modal.in")
    choice = modal.locator("[data-chooser-modal-choice]", has_text=item["speaker"])
    expect(choice).to_have_count(1)
    screenshot(admin, f"{4 + 2 * number:02d}-speaker-chooser-day-{number + 1}")
    choice.click()
    expect(modal).to_be_hidden()
    expect(admin.locator(".modal-backdrop")).to_have_count(0)
    expect(admin.locator(f"#{fields}-speakers-0-value-title")).to_have_text(item["speaker"])

    stream.locator(":scope > [data-streamfield-child]").nth(number).scroll_into_view_if_needed()
    screenshot(admin, f"{5 + 2 * number:02d}-programme-day-{number + 1}")


def publish(admin):
    wait_for_autosave(admin)
    open_action_menu(admin)
    admin.locator('footer button[name="action-publish"]').click()
    messages = admin.locator(".messages")
    expect(messages).to_be_visible()
    if not messages.locator(".success").count():
        errors = [
            text.strip()
            for text in admin.locator("[data-field-errors]").all_inner_texts()
            if text.strip()
        ]
        raise AssertionError(f"publishing failed: {messages.inner_text()!r}; errors: {errors}")


def test_moderator_builds_two_day_conference_with_speakers_and_publishes_it(
    open_context, moderator, german_events, days, axe, screenshot
):
    first_day, second_day = days
    programme = [
        {
            "day": first_day,
            "start": "10:00",
            "end": "11:00",
            "title": "Eröffnung und Begrüßung",
            "room": "Ratssaal",
            "speaker": MODERATOR_SPEAKER,
        },
        {
            "day": second_day,
            "start": "09:30",
            "end": "12:00",
            "title": "Werkstatt Datenplattformen",
            "room": "B 2.14",
            "speaker": DATA_SPEAKER,
        },
    ]

    admin = log_in(open_context(), moderator)
    admin.goto(f"/admin/pages/{german_events.pk}/")
    screenshot(admin, "01-moderator-opens-event-index")
    admin.locator(f'a[href$="/pages/{german_events.pk}/add_subpage/"]').first.click()
    admin.locator('a[href*="/add/conferences/conferencepage/"]').click()
    expect(admin.locator("#id_title")).to_be_visible()
    screenshot(admin, "02-empty-conference-form")

    admin.locator("#id_title").fill(TITLE)
    type_into_picker(admin, admin.locator("#id_start"), f"{first_day.isoformat()} 10:00")
    type_into_picker(admin, admin.locator("#id_end"), f"{second_day.isoformat()} 16:00")
    admin.locator("#id_attendance_mode").select_option("online")
    admin.locator("#id_online_notes").fill("Den Zugangslink erhalten Sie mit der Anmeldung.")
    admin.locator("#id_start").scroll_into_view_if_needed()
    screenshot(admin, "03-date-and-place")

    for number, item in enumerate(programme):
        add_programme_day(admin, screenshot, number, item)

    publish(admin)
    screenshot(admin, "08-conference-published")

    conference = ConferencePage.objects.get(title=TITLE, locale__language_code="de")
    assert conference.live
    assert [day.value["date"] for day in conference.programme] == [first_day, second_day]

    visitor = open_context().new_page()
    response = visitor.goto(conference.url)
    assert response.status == 200, f"{visitor.url} answered {response.status}"
    expect(visitor.locator("h1")).to_have_text(TITLE)
    programme_days = visitor.locator(".programme-day")
    expect(programme_days).to_have_count(2)
    for shown, item in zip(programme_days.all(), programme, strict=True):
        expect(shown.locator("h3")).to_contain_text(german_date(item["day"]))
        expect(shown.locator(".programme__title")).to_have_text(item["title"])
        expect(shown.locator(".speakers")).to_contain_text(item["speaker"])
    screenshot(visitor, "09-visitor-reads-programme")
    violations = axe(visitor)
    assert not violations, describe_violations(visitor.url, violations)

    visitor.goto(german_events.url)
    expect(visitor.locator(".event-card", has_text=TITLE)).to_be_visible()
    screenshot(visitor, "10-conference-in-event-list")


def search_chooser(admin, query, expected, left_out):
    """Type the start of a name into the open chooser's search, as editors do.

    Returns what went wrong, or None. The chooser lists everything before the search, so the
    result counts only once the entry that does not match has gone.
    """
    modal = admin.locator(".modal.in")
    choices = modal.locator("[data-chooser-modal-choice]")
    expect(choices.filter(has_text=left_out)).to_have_count(1)
    with admin.expect_response(lambda response: "/results/" in response.url) as answer:
        modal.locator("input[name=q]").fill(query)
    response = answer.value
    if not response.ok:
        return f"searching for {query!r} answered {response.status} at {response.url}"
    try:
        expect(choices.filter(has_text=left_out)).to_have_count(0)
        expect(choices.filter(has_text=expected)).to_have_count(1)
    except AssertionError:
        return f"searching for {query!r} listed {choices.all_inner_texts()}, not {expected!r}"
    return None


def test_moderator_finds_venue_and_speaker_by_searching_the_choosers(
    open_context, moderator, german_events, screenshot
):
    admin = log_in(open_context(), moderator)
    admin.goto(f"/admin/pages/add/conferences/conferencepage/{german_events.pk}/")
    problems = []

    admin.locator("#id_venue-chooser [data-chooser-action-choose]").click()
    problems.append(search_chooser(admin, "Kass", "Kulturbahnhof Kassel", "Rathaus Gütersloh"))
    screenshot(admin, "01-venue-chooser-searched")
    admin.locator(".modal.in [data-dismiss=modal]").click()
    expect(admin.locator(".modal.in, .modal-backdrop")).to_have_count(0)

    admin.locator("#programme-root .c-sf-add-button").first.click()
    # The new day's first item, built by script: its speaker list takes a click once it is shown.
    add_speaker = admin.locator("[data-contentpath=speakers] [data-streamfield-list-add]").first
    expect(add_speaker).to_be_visible()
    add_speaker.click()
    chooser = admin.locator("#programme-0-value-items-0-value-speakers-0-value-chooser")
    chooser.locator("[data-chooser-action-choose]").click()
    problems.append(search_chooser(admin, "Moderat", MODERATOR_SPEAKER, DATA_SPEAKER))
    screenshot(admin, "02-speaker-chooser-searched")

    problems = [problem for problem in problems if problem]
    assert not problems, "the choosers' search fails: " + "; ".join(problems)
