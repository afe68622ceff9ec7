"""Translating a whole section runs in the background: batches of pages, parents before
children, with progress on the job's page, failures recorded page by page, and nothing a
translator did overwritten when the job runs again."""

import datetime
import io
import math

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django_tasks.signals import task_enqueued
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation
from wagtail_localize.strings import StringValue

from conferences.models import ConferencePage, Venue
from home.models import StandardPage
from home.roles import REGISTRATION_MANAGERS, TRANSLATORS
from localisation import jobs
from localisation.job_admin import page_header_buttons, page_listing_more_buttons
from localisation.models import JobStatus, TranslationJob, TranslationJobFailure
from localisation.tasks import run_translation_job
from tests.conftest import PASSWORD, page_in

pytestmark = pytest.mark.django_db

GROUPS = 20
PAGES_PER_GROUP = 9  # 20 groups of 1 + 9 pages: 200 pages below the section's own page


@pytest.fixture
def german(db):
    return Locale.objects.get(language_code="de")


@pytest.fixture
def english(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Jobs queue their batches once their transaction commits; tests run inside one that
    never does, so run what was queued, batches queued by batches included."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = action(*args, **kwargs)
        return result

    return run


@pytest.fixture
def enqueued_batches():
    """The ids of the jobs whose batches were queued, one entry per batch."""
    batches = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == run_translation_job.name:
            batches.append(task_result.args[0])

    task_enqueued.connect(record)
    yield batches
    task_enqueued.disconnect(record)


@pytest.fixture
def index_updates_left_to_their_own_tasks(settings):
    """Wagtail updates its search and reference indexes from tasks of their own, which a worker
    runs apart from the job's batches; the immediate backend would run them inside the job, a
    fifth of its time, so the 200-page tests leave them out."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**options, "AUTO_UPDATE": False}
        for name, options in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    with disable_reference_index_auto_update():
        yield


def add_page(parent, title, live=True):
    page = StandardPage(title=title, teaser=f"Kurzbeschreibung: {title}", live=live)
    parent.add_child(instance=page)
    return page


def build_section(home, title="Fallstudien-Archiv", groups=GROUPS, per_group=PAGES_PER_GROUP):
    """A German section with `groups` subsections of `per_group` case studies each."""
    root = add_page(home, title)
    for group in range(1, groups + 1):
        parent = add_page(root, f"Themenfeld {group}")
        for number in range(1, per_group + 1):
            add_page(parent, f"Fallstudie {group}.{number} aus der Modellkommune")
    return root


def translation_of(page, locale):
    return Page.objects.filter(translation_key=page.translation_key, locale=locale).first()


def section_in(page, locale):
    translation = translation_of(page, locale)
    return Page.objects.descendant_of(translation, inclusive=True) if translation else []


def make_user(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def machine_translation(text, german, english):
    value = StringValue.from_plaintext(text)
    return get_machine_translator().translate(german, english, [value])[value].render_text()


def start_page(client, **query):
    return client.get(reverse("translation_jobs:start"), query)


def post_start(client, page, locales, **options):
    data = {"page": page if isinstance(page, str) else page.pk}
    data["target_locales"] = [locale.pk for locale in locales]
    data.update({name: "on" for name, value in options.items() if value})
    return client.post(reverse("translation_jobs:start"), data)


def in_language_of(response, message, **values):
    """The message as the admin showed it: in the user's language, German by default."""
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return gettext(message) % values if values else gettext(message)


def progress_in_language_of(response, handled, total):
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        text = ngettext("%(handled)s of %(total)s page", "%(handled)s of %(total)s pages", total)
    return text % {"handled": handled, "total": total}


def progress_shown(response):
    html = BeautifulSoup(response.content, "html.parser")
    return html.select_one("[data-job-progress-text]").get_text(strip=True)


def field_errors(response, name):
    html = BeautifulSoup(response.content, "html.parser")
    field = html.select_one(f"[data-contentpath='{name}']")
    return [error.get_text(" ", strip=True) for error in field.select(".error-message")]


def form_errors(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [
        error.get_text(" ", strip=True) for error in html.select("form [role=alert] .error-message")
    ]


def start_through_service(client, user, section, locales):
    return jobs.start_job(user, section, locales)


def start_through_admin_form(client, user, section, locales):
    client.force_login(user)
    response = post_start(client, section, locales, include_subpages=True)
    job = TranslationJob.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("translation_jobs:detail", args=[job.pk])
    return job


@pytest.mark.usefixtures("index_updates_left_to_their_own_tasks")
@pytest.mark.parametrize("start", [start_through_service, start_through_admin_form])
def test_background_translation_of_200_pages(
    client, demo_site, editor, english, run_tasks, enqueued_batches, start
):
    section = build_section(demo_site)
    english_pages_before = Page.objects.filter(locale=english).count()

    job = run_tasks(start, client, editor, section, [english])

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.total, job.done, job.failed, job.skipped) == (201, 201, 0, 0)
    assert job.finished_at is not None
    assert enqueued_batches == [job.pk] * math.ceil(201 / jobs.BATCH_SIZE)

    english_section = translation_of(section, english)
    english_home = page_in("en", demo_site.slug + "-1")
    assert english_section.get_parent().pk == english_home.pk
    translated = list(section_in(section, english))
    assert len(translated) == 201
    # Parents came first: every English page sits under the English version of its German
    # parent, and no page was copied into the English tree a second time.
    german_by_key = {
        page.translation_key: page for page in Page.objects.descendant_of(section, inclusive=True)
    }
    for page in translated[1:]:
        german_parent = german_by_key[page.translation_key].get_parent()
        assert page.get_parent().translation_key == german_parent.translation_key
    assert Page.objects.filter(locale=english).count() == english_pages_before + 201
    # Editors may not publish: the English pages wait as drafts for a Moderator.
    assert not any(page.live for page in translated)

    again = run_tasks(start, client, editor, section, [english])

    again.refresh_from_db()
    assert again.status == JobStatus.DONE
    assert (again.done, again.skipped, again.failed) == (201, 201, 0)
    assert Page.objects.filter(locale=english).count() == english_pages_before + 201


def test_more_menu_link_fills_in_the_form(client, demo_site, editor, english):
    section = build_section(demo_site, groups=1, per_group=1)
    client.force_login(editor)

    form = start_page(client, page=section.pk)

    assert form.status_code == 200
    html = BeautifulSoup(form.content, "html.parser")
    assert html.select_one("input[name=page]")["value"] == str(section.pk)
    assert html.select_one(f"input[name=target_locales][value='{english.pk}']").has_attr("checked")
    assert html.select_one("input[name=include_subpages]").has_attr("checked")
    assert not html.select_one("input[name=publish]").has_attr("checked")


def test_job_page_shows_its_progress(client, demo_site, editor, english, run_tasks):
    section = build_section(demo_site, groups=2, per_group=2)
    job = run_tasks(jobs.start_job, editor, section, [english])
    client.force_login(editor)

    response = client.get(reverse("translation_jobs:detail", args=[job.pk]))

    html = BeautifulSoup(response.content, "html.parser")
    progress = html.select_one("progress")
    assert (progress["value"], progress["max"]) == ("7", "7")
    assert progress_shown(response) == progress_in_language_of(response, 7, 7)
    assert html.select_one("[data-translation-job]")["data-finished"] == "true"
    assert html.select_one("script[src$='localisation/job_progress.js']")

    status = client.get(reverse("translation_jobs:status", args=[job.pk])).json()
    assert status["status"] == "done"
    assert status["finished"] is True
    assert (status["handled"], status["total"]) == (7, 7)

    listing = client.get(reverse("translation_jobs:index"))
    assert reverse("translation_jobs:detail", args=[job.pk]).encode() in listing.content


def test_running_job_page_polls_for_progress(client, demo_site, editor, english):
    section = build_section(demo_site, groups=2, per_group=2)
    job = jobs.start_job(editor, section, [english])  # queued: its task never ran
    client.force_login(editor)

    response = client.get(reverse("translation_jobs:detail", args=[job.pk]))

    panel = BeautifulSoup(response.content, "html.parser").select_one("[data-translation-job]")
    assert panel["data-finished"] == "false"
    assert panel["data-status-url"] == reverse("translation_jobs:status", args=[job.pk])
    assert progress_shown(response) == progress_in_language_of(response, 0, 7)


def test_page_that_fails_is_recorded_and_the_rest_are_translated(
    demo_site, editor, english, run_tasks, monkeypatch
):
    section = build_section(demo_site, groups=3, per_group=2)
    broken = section.get_children().first()  # a subsection with 2 case studies below it
    original_save = StandardPage.save

    def save(page, *args, **kwargs):
        if page.translation_key == broken.translation_key and page.locale_id == english.pk:
            raise ValueError("Die Seite lässt sich nicht speichern.")
        return original_save(page, *args, **kwargs)

    monkeypatch.setattr(StandardPage, "save", save)
    job = run_tasks(jobs.start_job, editor, section, [english])

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert (job.total, job.done, job.failed) == (10, 7, 3)
    failures = {failure.page_id: failure.message for failure in job.failures.all()}
    assert failures[broken.pk] == "Die Seite lässt sich nicht speichern."
    # Its children are not copied into the English tree without their parent.
    skipped = gettext("The parent page has no %(language)s version, so this page was skipped.")
    for child in broken.get_children():
        assert failures[child.pk] == skipped % {"language": english.get_display_name()}
    assert translation_of(broken, english) is None
    assert len(section_in(section, english)) == 7


def test_machine_prefill_puts_the_machine_translation_into_the_titles(
    demo_site, editor, german, english, run_tasks
):
    section = build_section(demo_site, groups=1, per_group=3)
    run_tasks(jobs.start_job, editor, section, [english], machine_translate=True)

    for page in Page.objects.descendant_of(section, inclusive=True):
        translation = translation_of(page, english)
        expected = machine_translation(page.title, german, english)
        assert expected != page.title
        assert translation.title == expected
    assert StringTranslation.objects.filter(
        locale=english, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    ).exists()


def test_job_run_again_leaves_what_translators_did_alone(demo_site, editor, english, run_tasks):
    section = build_section(demo_site, groups=1, per_group=1)
    run_tasks(jobs.start_job, editor, section, [english])  # German text as a placeholder
    translation = translation_of(section, english).specific
    translation.title = "Case study archive"
    translation.save_revision().publish()

    again = run_tasks(jobs.start_job, editor, section, [english], machine_translate=True)

    again.refresh_from_db()
    assert (again.done, again.skipped) == (3, 3)
    translation.refresh_from_db()
    assert translation.title == "Case study archive"


@pytest.mark.parametrize(("role", "published"), [("moderator", True), ("editor", False)])
def test_publish_option_publishes_only_for_who_may_publish(
    request, demo_site, english, run_tasks, role, published
):
    user = request.getfixturevalue(role)
    section = build_section(demo_site, groups=1, per_group=2)
    draft = add_page(section, "Entwurf einer Fallstudie", live=False)

    job = run_tasks(jobs.start_job, user, section, [english], publish=True)

    job.refresh_from_db()
    assert job.done == 5
    live = {page.pk: page.live for page in section_in(section, english)}
    assert live.pop(translation_of(draft, english).pk) is False  # a German draft stays a draft
    assert set(live.values()) == {published}


def test_without_publish_option_translations_are_drafts(demo_site, moderator, english, run_tasks):
    section = build_section(demo_site, groups=1, per_group=1)
    run_tasks(jobs.start_job, moderator, section, [english])
    assert not any(page.live for page in section_in(section, english))


def test_snippets_the_pages_refer_to_are_translated_with_them(
    demo_site, moderator, english, run_tasks
):
    conference = ConferencePage.objects.filter(locale__language_code="de", venue__isnull=False)
    conference = conference.first()
    venue = Venue.objects.create(
        locale=conference.locale, name="Stadthalle Neustadt", city="Neustadt", federal_state="BW"
    )
    copy = conference.copy(
        update_attrs={"slug": "konferenz-neustadt", "title": "Regionalkonferenz Neustadt"},
        keep_live=False,
    )
    copy.venue = venue
    copy.save_revision().publish()

    job = run_tasks(jobs.start_job, moderator, copy, [english])

    job.refresh_from_db()
    assert (job.done, job.failed) == (1, 0), list(job.failures.values_list("message", flat=True))
    english_venue = venue.get_translation(english)
    assert translation_of(copy, english).specific.venue_id == english_venue.pk


def test_batches_are_queued_one_after_another(
    demo_site, editor, english, run_tasks, enqueued_batches, monkeypatch
):
    monkeypatch.setattr(jobs, "BATCH_SIZE", 4)
    section = build_section(demo_site, groups=2, per_group=4)  # 11 pages
    progress_when_queued = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == run_translation_job.name:
            job = TranslationJob.objects.get(pk=task_result.args[0])
            progress_when_queued.append(job.done)

    task_enqueued.connect(record)
    try:
        job = run_tasks(jobs.start_job, editor, section, [english])
    finally:
        task_enqueued.disconnect(record)

    job.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.DONE, 11)
    assert enqueued_batches == [job.pk] * 3
    assert progress_when_queued == [0, 4, 8]


def test_job_goes_on_after_its_worker_died(demo_site, editor, english, run_tasks, monkeypatch):
    monkeypatch.setattr(jobs, "BATCH_SIZE", 4)
    section = build_section(demo_site, groups=2, per_group=4)
    job = jobs.start_job(editor, section, [english])  # the first batch's task is lost
    assert jobs.run_batch(job.pk, job.run_id)  # one batch; the next batch's task is lost too
    job.refresh_from_db()
    assert (job.status, job.done, job.lease_expires_at) == (JobStatus.RUNNING, 4, None)
    # The worker dies in the middle of a batch, leaving the job held.
    TranslationJob.objects.filter(pk=job.pk).update(lease_expires_at=timezone.now())
    old_run = job.run_id

    assert not jobs.resume_job(job.pk, now=timezone.now() - datetime.timedelta(minutes=1))
    resumed = run_tasks(jobs.resume_stalled_jobs, now=timezone.now() + datetime.timedelta(1))

    assert resumed == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.failed, job.total) == (JobStatus.DONE, 11, 0, 11)
    assert len(section_in(section, english)) == 11
    assert not jobs.run_batch(job.pk, old_run)  # a late task of the dead run does nothing


def test_running_job_cannot_be_run_twice_at_once(demo_site, editor, english):
    section = build_section(demo_site, groups=1, per_group=3)
    job = jobs.start_job(editor, section, [english])
    TranslationJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, lease_expires_at=timezone.now() + jobs.LEASE
    )

    assert not jobs.run_batch(job.pk, job.run_id)
    assert not jobs.resume_job(job.pk)

    job.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.RUNNING, 0)
    assert translation_of(section, english) is None


def test_second_start_for_a_section_being_translated_is_refused(client, demo_site, editor, english):
    section = build_section(demo_site, groups=1, per_group=3)
    running = jobs.start_job(editor, section, [english])  # queued, not run yet

    with pytest.raises(jobs.JobAlreadyRunning) as refusal:
        jobs.start_job(editor, section, [english], machine_translate=True)
    assert refusal.value.job == running

    client.force_login(editor)
    response = post_start(client, section, [english], include_subpages=True)
    assert response.status_code == 200
    assert form_errors(response) == [
        in_language_of(
            response, "These pages are already being translated into one of these languages."
        )
    ]
    link = BeautifulSoup(response.content, "html.parser").select_one("a[data-running-job]")
    assert link["href"] == reverse("translation_jobs:detail", args=[running.pk])
    assert TranslationJob.objects.count() == 1


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("abc", "This page does not exist. Choose another one."),
        ("999999", "This page does not exist. Choose another one."),
        ("99999999999999999999999", "This page does not exist. Choose another one."),
        ("", "Choose the page to translate."),
    ],
)
def test_page_that_is_no_page_is_a_form_error(client, demo_site, editor, english, page, message):
    client.force_login(editor)

    prefilled = start_page(client, page=page)
    submitted = post_start(client, page, [english])

    for response in (prefilled, submitted):
        assert response.status_code == 200
        assert field_errors(response, "page") == [in_language_of(response, message)]
    assert not TranslationJob.objects.exists()


def test_page_in_another_language_is_a_form_error(client, demo_site, editor, english):
    client.force_login(editor)
    english_page = page_in("en", "about-start-smart")

    for response in (
        start_page(client, page=english_page.pk),
        post_start(client, english_page, [english]),
    ):
        assert response.status_code == 200
        assert field_errors(response, "page") == [
            in_language_of(
                response,
                "Choose a page in the source language, %(language)s.",
                language=Locale.get_default().get_display_name(),
            )
        ]
    assert not TranslationJob.objects.exists()


def test_no_language_chosen_is_a_form_error(client, demo_site, editor):
    section = build_section(demo_site, groups=1, per_group=1)
    client.force_login(editor)

    response = post_start(client, section, [])

    assert response.status_code == 200
    assert field_errors(response, "target_locales") == [
        in_language_of(response, "Choose at least one language to translate into.")
    ]
    assert not TranslationJob.objects.exists()


def test_section_whose_parent_is_not_translated_is_a_form_error(client, demo_site, editor, english):
    parent = add_page(demo_site, "Noch nicht übersetzt")
    section = build_section(parent, groups=1, per_group=1)
    client.force_login(editor)

    response = post_start(client, section, [english])

    assert response.status_code == 200
    assert field_errors(response, "page") == [
        in_language_of(
            response,
            "The parent page “%(parent)s” has no %(language)s version yet. Translate it first.",
            parent=parent.title,
            language=english.get_display_name(),
        )
    ]
    with pytest.raises(jobs.JobRefused):
        jobs.start_job(editor, section, [english])
    assert translation_of(parent, english) is None


def test_registration_managers_may_not_translate_sections(client, demo_site, english):
    manager = make_user("manager", REGISTRATION_MANAGERS)
    section = build_section(demo_site, groups=1, per_group=1)
    client.force_login(manager)

    for response in (
        start_page(client, page=section.pk),
        post_start(client, section, [english]),
        client.get(reverse("translation_jobs:index")),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    with pytest.raises(PermissionDenied):
        jobs.start_job(manager, section, [english])
    assert not TranslationJob.objects.exists()
    assert not list(page_header_buttons(section, manager, "edit"))


def test_translators_start_jobs_only_where_they_may_edit_the_source(
    client, demo_site, translator, english, run_tasks
):
    section = build_section(demo_site, groups=1, per_group=1)
    client.force_login(translator)

    # Translators edit the translated trees, not the German one (home/roles.py).
    response = post_start(client, section, [english])
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not list(page_listing_more_buttons(section, translator))

    GroupPagePermission.objects.create(
        group=Group.objects.get(name=TRANSLATORS),
        page=section,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    response = run_tasks(post_start, client, section, [english], include_subpages=True)

    job = TranslationJob.objects.get()
    assert response["Location"] == reverse("translation_jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.started_by, job.done) == (JobStatus.DONE, translator, 3)


def test_source_pages_offer_translate_section_in_their_more_menu(client, demo_site, editor):
    section = build_section(demo_site, groups=1, per_group=1)
    english_page = page_in("en", "about-start-smart")
    url = reverse("translation_jobs:start") + f"?page={section.pk}"

    assert [button.url for button in page_header_buttons(section, editor, "edit")] == [url]
    assert [button.url for button in page_listing_more_buttons(section, editor)] == [url]
    assert not list(page_header_buttons(english_page, editor, "edit"))

    client.force_login(editor)
    explorer = client.get(reverse("wagtailadmin_explore", args=[demo_site.pk]))
    assert url.encode() in explorer.content.replace(b"&amp;", b"&")


def test_failures_are_listed_on_the_job_page(client, demo_site, editor, english):
    section = build_section(demo_site, groups=1, per_group=1)
    job = jobs.start_job(editor, section, [english])
    TranslationJobFailure.objects.create(
        job=job, page=section, page_title=section.title, locale=english, message="Kaputt."
    )
    client.force_login(editor)

    html = BeautifulSoup(
        client.get(reverse("translation_jobs:detail", args=[job.pk])).content, "html.parser"
    )

    cells = html.select("[data-job-failures] tbody tr > *")
    assert [cell.get_text(strip=True) for cell in cells] == [
        section.title,
        english.get_display_name(),
        "Kaputt.",
    ]


def test_the_periodic_command_resumes_a_stalled_job(demo_site, moderator, monkeypatch):
    job = jobs.start_job(moderator, demo_site, [Locale.objects.get(language_code="en")])
    TranslationJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, lease_expires_at=timezone.now() - datetime.timedelta(hours=1)
    )
    resumed = []
    monkeypatch.setattr(jobs, "resume_job", lambda job_id, now=None: resumed.append(job_id) or 1)
    out = io.StringIO()
    call_command("resume_translation_jobs", stdout=out)
    assert resumed == [job.pk]
    assert "1 translation jobs resumed." in out.getvalue()
