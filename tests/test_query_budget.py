"""Every public page runs at most QUERY_BUDGET SQL queries for an anonymous visitor once the
site caches are warm (the page cache is off in tests), and as many for a page showing many
events, programme items, speakers, case studies, topics, images or linked pages as for one
showing a single one."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page
from wagtail_factories import DocumentFactory, ImageFactory

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, Municipality
from conferences.models import EventIndexPage, RegistrationField, Speaker, WorkshopPage
from home.models import FormField, Topic
from tests.conftest import QUERY_BUDGET, add_conference, page_in, queries_on_a_second_visit

pytestmark = pytest.mark.django_db

LANGUAGES = ["de", "en"]
MANY = 12
SLUGS = {
    "standard": {"de": "ueber-start-smart", "en": "about-start-smart"},
    "form": {"de": "initialberatung", "en": "initial-consultation"},
    "conference": {
        "de": "regionalkonferenz-guetersloh-2023",
        "en": "regional-conference-guetersloh-2023",
    },
    "series": {"de": "kick-off-workshops", "en": "kick-off-workshops"},
    "session": {"de": "werkstatt-datenplattformen", "en": "workshop-data-platforms"},
}


def html_of(client, url, params=None):
    return BeautifulSoup(client.get(url, params).content, "html.parser")


def home_in(language):
    return Page.objects.get(depth=2, locale__language_code=language).specific


def other_pages(count):
    """Pages to link to, chosen in the source language as editors choose them."""
    pages = list(Page.objects.live().filter(locale__language_code="de", depth__gte=3)[:count])
    assert len(pages) == count, "the demo site has fewer pages than the test links"
    return pages


def publish(page):
    page.save_revision().publish()


def rich_texts(count):
    """`count` rich texts, each linking a page of its own and a document and showing an image."""
    return [
        f'<p><a linktype="page" id="{page.pk}">Seite</a>, '
        f'<a linktype="document" id="{document.pk}">Datei</a></p>'
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Bild"/>'
        for page, document, image in zip(
            other_pages(count),
            DocumentFactory.create_batch(count),
            ImageFactory.create_batch(count),
            strict=True,
        )
    ]


def body_with(count):
    """A body with `count` images, paragraphs with links, calls to action linking pages,
    downloads and questions."""
    return [
        *[("paragraph", text) for text in rich_texts(count)],
        *[
            ("image", {"image": image, "alt_text": f"Bild {n}", "caption": ""})
            for n, image in enumerate(ImageFactory.create_batch(count))
        ],
        *[
            (
                "call_to_action",
                {"title": f"Aufruf {n}", "text": "", "link_label": "Mehr", "page": page},
            )
            for n, page in enumerate(other_pages(count))
        ],
        (
            "documents",
            {
                "heading": "Downloads",
                "documents": [
                    {"document": document, "title": ""}
                    for document in DocumentFactory.create_batch(count)
                ],
            },
        ),
        (
            "accordion",
            {
                "heading": "Fragen",
                "items": [
                    {"question": f"Frage {n}", "answer": "<p>Antwort</p>"} for n in range(count)
                ],
            },
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_demo_page_stays_within_the_budget(client, demo_site, language):
    pages = Page.objects.live().filter(locale__language_code=language, depth__gt=1)
    assert pages.count() > 10
    over = {
        page.url: queries
        for page in pages
        if (queries := queries_on_a_second_visit(client, page.url)) > QUERY_BUDGET
    }
    assert over == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_costs_the_same_however_much_it_shows(client, demo_site, language):
    home = home_in(language)
    index = EventIndexPage.objects.get(locale=home.locale)

    def show(count):
        home.hero_image = ImageFactory()
        home.hero_image_alt = "Podium"
        home.formats = [
            ("format", {"title": f"Format {n}", "text": "Text", "page": page})
            for n, page in enumerate(other_pages(count))
        ]
        home.body = body_with(count)
        publish(home)
        for number in range(count):
            add_conference(index, f"Demnächst {count}-{number}", 10 + number)
        return queries_on_a_second_visit(client, home.url)

    one = show(1)
    assert show(MANY) == one <= QUERY_BUDGET
    html = html_of(client, home.url)
    assert len(html.select(".formats .card a")) == MANY
    assert len(html.select("main img")) == 2 * MANY + 1  # hero, image blocks, rich text
    assert len(html.select(".upcoming .event-card")) == 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_standard_page_costs_the_same_however_many_blocks_it_has(client, demo_site, language):
    page = page_in(language, SLUGS["standard"][language])

    def show(count):
        page.body = body_with(count)
        publish(page)
        return queries_on_a_second_visit(client, page.url)

    one = show(1)
    assert show(MANY) == one <= QUERY_BUDGET
    html = html_of(client, page.url)
    assert len(html.select("main figure img")) == MANY
    assert len(html.select(".rich-text img")) == MANY
    assert len(html.select(".rich-text a[href^='/documents/']")) == MANY
    assert len(html.select(".cta a")) == MANY
    assert len(html.select(".downloads li")) == MANY


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_form_page_costs_the_same_however_many_questions_it_asks(client, demo_site, language):
    page = page_in(language, SLUGS["form"][language])

    def ask(count):
        for n in range(count):
            FormField.objects.create(
                page=page,
                label=f"Zusatzfrage {count}-{n}",
                field_type="dropdown",
                choices="Ja\nNein",
                required=False,
            )
        return queries_on_a_second_visit(client, page.url)

    one = ask(1)
    assert ask(MANY) == one <= QUERY_BUDGET
    labels = html_of(client, page.url).select("label")
    assert len([label for label in labels if "Zusatzfrage" in label.get_text()]) == 1 + MANY


def programme(day, speakers, count):
    items = [
        {
            "start": datetime.time(8 + n % 10),
            "end": None,
            "title": f"Beitrag {n}",
            "format": "talk",
            "description": "",
            "room": "Saal",
            "speakers": speakers,
        }
        for n in range(count)
    ]
    return [("day", {"date": day, "items": items})]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_conference_costs_the_same_however_full_its_programme(client, demo_site, language):
    conference = page_in(language, SLUGS["conference"][language])
    topics = list(Topic.objects.filter(locale__language_code="de"))

    def show(count):
        speakers = [
            Speaker.objects.create(name=f"Person {count}-{n}", locale=conference.locale)
            for n in range(count)
        ]
        conference.programme = programme(timezone.localdate(conference.start), speakers, count)
        conference.related_pages = [("page", page) for page in other_pages(count)]
        conference.topics = topics[:count]
        conference.image = ImageFactory()
        conference.image_alt = "Podium"
        conference.documentation = [
            (
                "documents",
                {
                    "heading": "Folien",
                    "documents": [
                        {"document": document, "title": ""}
                        for document in DocumentFactory.create_batch(count)
                    ],
                },
            )
        ]
        publish(conference)
        return queries_on_a_second_visit(client, conference.url)

    one = show(1)
    assert show(MANY) == one <= QUERY_BUDGET
    html = html_of(client, conference.url)
    assert len(html.select(".programme__item")) == MANY
    assert len(html.select(".speakers li")) == MANY * MANY
    assert len(html.select("#related + ul a")) == MANY
    assert len(html.select(".downloads li")) == MANY


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_workshop_series_costs_the_same_however_many_sessions(client, demo_site, language):
    series = page_in(language, SLUGS["series"][language])

    def add_sessions(count):
        for n in range(count):
            for days in (40 + n, -40 - n):
                start = timezone.now() + datetime.timedelta(days=days)
                session = WorkshopPage(
                    title=f"Sitzung {count}-{n}-{days}",
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    attendance_mode="online",
                )
                series.add_child(instance=session)
                publish(session)
        return queries_on_a_second_visit(client, series.url)

    one = add_sessions(1)
    many = add_sessions(MANY)
    assert many == one <= QUERY_BUDGET
    html = html_of(client, series.url)
    assert len(html.select("#past + ul .event-card")) >= 1 + MANY


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_workshop_session_costs_the_same_however_many_questions_and_topics(
    client, demo_site, language
):
    session = page_in(language, SLUGS["session"][language])
    topics = list(Topic.objects.filter(locale__language_code="de"))

    def show(count):
        session.topics = topics[:count]
        publish(session)
        for n in range(count):
            RegistrationField.objects.create(
                page=session,
                label=f"Workshop-Wunsch {count}-{n}",
                field_type="radio",
                choices="Vormittag\nNachmittag",
                required=False,
            )
        return queries_on_a_second_visit(client, session.url)

    one = show(1)
    assert show(MANY) == one <= QUERY_BUDGET
    html = html_of(client, session.url)
    questions = [legend for legend in html.select("#register legend") if "Wunsch" in legend.text]
    assert len(questions) == 1 + MANY
    assert html.select_one("script[type='application/ld+json']")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_event_index_costs_the_same_filtered_and_on_a_later_page(client, demo_site, language):
    index = EventIndexPage.objects.get(locale__language_code=language)
    topic = Topic.objects.filter(locale=index.locale).first()
    views = [
        {},
        {"page": "2"},
        {"mode": "online", "topic": topic.slug, "page": "2"},
        {"when": "past", "format": "conference", "year": "2023"},
    ]

    def add_events(count):
        for number in range(count):
            add_conference(index, f"Online {count}-{number}", 5 + number, topics=[topic])
        return [queries_on_a_second_visit(client, index.url, view) for view in views]

    thirteen = add_events(13)  # the second page shows one event
    many = add_events(3 * MANY)
    assert many == thirteen
    assert max(many) <= QUERY_BUDGET
    assert len(html_of(client, index.url, {"page": "2"}).select(".event-card")) == 12


def make_municipality(locale, slug, state="NW"):
    return Municipality.objects.create(
        name=slug.title(),
        slug=slug,
        federal_state=state,
        population=50_000,
        cohort=2020,
        latitude=Decimal("51.5"),
        longitude=Decimal("7.5"),
        locale=locale,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_case_study_index_costs_the_same_with_every_facet_value(client, demo_site, language):
    index = CaseStudyIndexPage.objects.get(locale__language_code=language)
    topic = Topic.objects.filter(locale=index.locale).first()
    views = [{}, {"state": "NW"}, {"topic": topic.slug, "size": "medium", "page": "2"}]

    def add_case_studies(count):
        for number in range(count):
            state = ["NW", "BY", "HE", "SN"][number % 4]
            page = CaseStudyPage(
                title=f"Fall {count}-{number}",
                municipality=make_municipality(index.locale, f"ort-{count}-{number}", state),
            )
            page.topics = [topic]
            index.add_child(instance=page)
            publish(page)
        return [queries_on_a_second_visit(client, index.url, view) for view in views]

    few = add_case_studies(1)
    many = add_case_studies(3 * MANY)
    assert many == few
    assert max(many) <= QUERY_BUDGET
    options = html_of(client, index.url).select("select[name=municipality] option")
    assert len(options) > 3 * MANY


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_case_study_costs_the_same_however_much_it_shows(client, demo_site, language):
    case_study = CaseStudyPage.objects.filter(
        locale__language_code=language, presented_at__isnull=False
    ).first()
    topics = list(Topic.objects.filter(locale__language_code="de"))
    index = EventIndexPage.objects.get(locale__language_code="de")

    def show(count):
        case_study.topics = topics[:count]
        case_study.presented_at = [
            add_conference(index, f"Vorgestellt {count}-{n}", -30 - n) for n in range(count)
        ]
        case_study.gallery = [
            ("image", {"image": image, "alt_text": f"Bild {n}", "caption": "Foto"})
            for n, image in enumerate(ImageFactory.create_batch(count))
        ]
        case_study.downloads = [
            (
                "documents",
                {
                    "heading": "",
                    "documents": [
                        {"document": document, "title": ""}
                        for document in DocumentFactory.create_batch(count)
                    ],
                },
            )
        ]
        case_study.challenge = "".join(rich_texts(count))
        case_study.approach = "".join(rich_texts(count))
        case_study.partners = [
            ("partner", {"name": f"Partner {n}", "role": "", "url": ""}) for n in range(count)
        ]
        publish(case_study)
        for number in range(count):
            related = CaseStudyPage(
                title=f"Verwandt {count}-{number}",
                municipality=case_study.municipality,
            )
            related.topics = topics
            case_study.get_parent().add_child(instance=related)
            publish(related)
        return queries_on_a_second_visit(client, case_study.url)

    one = show(1)
    assert show(MANY) == one <= QUERY_BUDGET
    html = html_of(client, case_study.url)
    assert len(html.select("#gallery ~ figure img")) == MANY
    assert len(html.select(".rich-text img")) == 2 * MANY
    assert len(html.select("#presented + ul li")) == MANY
    assert len(html.select("#related + ul .case-study-card")) == 3
