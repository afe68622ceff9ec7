import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.operations import TranslationCreator

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Municipality,
    SizeClass,
)
from home.models import Topic

from .conftest import QUERY_BUDGET, page_in, queries_on_a_second_visit

MARKER = re.compile(r'<a class="germany-map__marker" href="([^"]+)"')


@pytest.mark.parametrize(
    "population, size",
    [
        (1, SizeClass.SMALL),
        (19_999, SizeClass.SMALL),
        (20_000, SizeClass.MEDIUM),
        (100_000, SizeClass.MEDIUM),
        (100_001, SizeClass.LARGE),
    ],
)
def test_size_class_follows_the_population(db, population, size):
    municipality = make_municipality("ort", population=population)
    assert municipality.size_class == size
    municipality.population = 150_000
    municipality.save()
    assert Municipality.objects.get(pk=municipality.pk).size_class == SizeClass.LARGE


def make_municipality(slug, state="NW", population=30_000, cohort=2019, lat="51.5", lon="7.5"):
    return Municipality.objects.create(
        name=slug.title(),
        slug=slug,
        federal_state=state,
        population=population,
        cohort=cohort,
        latitude=Decimal(lat),
        longitude=Decimal(lon),
        locale=Locale.get_default(),
    )


@pytest.fixture
def index(demo_site):
    page = CaseStudyIndexPage(title="Testbeispiele", slug="testbeispiele")
    demo_site.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_case_study(index, title, municipality, topics=(), status="in_progress"):
    page = CaseStudyPage(
        title=title, slug=title.lower().replace(" ", "-"), municipality=municipality, status=status
    )
    page.topics = list(topics)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def four(index):
    ethics, platforms, mobility = (
        Topic.objects.get(locale__language_code="de", slug=slug)
        for slug in ("datenethik", "urbane-datenplattformen", "mobilitaet")
    )
    west = make_municipality("westdorf", "NW", 8_000, 2019, "51.9", "8.4")
    city = make_municipality("grossstadt", "NW", 250_000, 2020, "51.2", "6.8")
    south = make_municipality("suedstadt", "BY", 60_000, 2021, "48.1", "11.6")
    east = make_municipality("ostheim", "BY", 12_000, 2019, "49.4", "11.1")
    return {
        "a": add_case_study(index, "Datenrat Westdorf", west, [ethics], "completed"),
        "b": add_case_study(index, "Plattform Grossstadt", city, [platforms]),
        "c": add_case_study(index, "Ethik Suedstadt", south, [ethics]),
        "d": add_case_study(index, "Bus Ostheim", east, [ethics, mobility, platforms]),
        "d2": add_case_study(index, "Daten Ostheim", east, [platforms]),
    }


def titles(response):
    return {case_study.title for case_study in response.context["case_studies"]}


def test_filters_combine_and_every_option_counts_its_results(client, index, four):
    response = client.get(index.url, {"state": "BY", "topic": "datenethik"})
    assert response.status_code == 200
    assert titles(response) == {"Ethik Suedstadt", "Bus Ostheim"}
    html = unescape(response.content.decode())
    assert "2 Praxisbeispiele gefunden" in html
    # Each option says how many case studies it would show with the other filters kept.
    facets = response.context["facets"]
    assert facets["state"] == {"BY": 2, "NW": 1}  # topic "Datenethik" applied
    assert facets["topic"]["urbane-datenplattformen"] == 2  # state "BY" applied
    assert facets["size"] == {"small": 1, "medium": 1}
    assert facets["status"] == {"in_progress": 2}
    assert ">Bayern (2)</option>" in html
    assert ">Nordrhein-Westfalen (1)</option>" in html
    assert ">Saarland (0)</option>" in html

    response = client.get(index.url, {"size": "small", "cohort": "2019"})
    assert titles(response) == {"Datenrat Westdorf", "Bus Ostheim", "Daten Ostheim"}
    response = client.get(index.url, {"status": "completed"})
    assert titles(response) == {"Datenrat Westdorf"}
    response = client.get(index.url, {"municipality": "ostheim"})
    assert titles(response) == {"Bus Ostheim", "Daten Ostheim"}


@pytest.mark.parametrize(
    "query, complaint",
    [
        ({"state": "XX"}, 'data-filter-status="invalid"'),
        ({"cohort": "abc"}, 'data-filter-status="invalid"'),
        ({"cohort": "1999"}, 'data-filter-status="invalid"'),
        ({"topic": "<script>"}, 'data-filter-status="invalid"'),
        ({"municipality": "x" * 5000}, 'data-filter-status="invalid"'),
        ({"size": "huge", "page": "abc"}, "Diese Seitenzahl ist ungültig"),
        ({"page": "999"}, "So viele Seiten gibt es nicht"),
    ],
)
def test_unusable_filter_values_are_reported_and_ignored(client, index, four, query, complaint):
    response = client.get(index.url, query)
    assert response.status_code == 200
    assert titles(response) == {page.title for page in four.values()}
    html = response.content.decode()
    assert complaint in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_markers_follow_the_filtered_case_studies(client, index, four):
    response = client.get(index.url)
    markers = [unescape(href) for href in MARKER.findall(response.content.decode())]
    # One marker per municipality; Ostheim's two case studies share one, leading to both.
    assert sorted(markers) == sorted(
        [
            four["a"].url,
            four["b"].url,
            four["c"].url,
            f"{index.url}?municipality=ostheim",
        ]
    )
    response = client.get(index.url, {"state": "NW"})
    markers = [unescape(href) for href in MARKER.findall(response.content.decode())]
    assert sorted(markers) == sorted([four["a"].url, four["b"].url])
    response = client.get(index.url, {"topic": "mobilitaet"})
    markers = [unescape(href) for href in MARKER.findall(response.content.decode())]
    assert markers == [four["d"].url]


def test_a_published_or_unpublished_case_study_changes_list_counts_and_map_at_once(
    client, index, four
):
    def seen(query):
        response = client.get(index.url, query)
        html = unescape(response.content.decode())
        return titles(response), response.context["facets"], MARKER.findall(html), html

    for query in ({}, {"state": "BY"}):
        seen(query)  # the overview of each filter combination is now cached
    added = add_case_study(index, "Neues Nordheim", make_municipality("nordheim", "BY"))
    listed, facets, markers, html = seen({"state": "BY"})
    assert "Neues Nordheim" in listed
    assert facets["state"]["BY"] == 4
    assert added.url in markers
    assert ">Bayern (4)</option>" in html

    four["c"].unpublish()
    listed, facets, markers, html = seen({})
    assert "Ethik Suedstadt" not in listed
    assert four["c"].url not in markers
    assert ">Bayern (3)</option>" in html


def test_index_queries_do_not_grow_with_the_number_of_case_studies(client, index):
    topic = Topic.objects.filter(locale__language_code="de").first()

    def add(count, offset):
        for number in range(offset, offset + count):
            municipality = make_municipality(
                f"ort-{number}",
                lat=f"{50 + number % 20 / 10:.1f}",
                lon=f"{7 + number % 30 / 10:.1f}",
            )
            add_case_study(index, f"Fall {number}", municipality, [topic])

    add(10, 0)
    with_ten = queries_on_a_second_visit(client, index.url, {"state": "NW"})
    add(90, 10)
    with_hundred = queries_on_a_second_visit(client, index.url, {"state": "NW"})
    assert with_hundred == with_ten <= QUERY_BUDGET


def test_related_case_studies_share_topics_most_first(client, index, four):
    both = add_case_study(
        index,
        "Zwei Themen",
        make_municipality("zweiort"),
        four["d"].topics.exclude(slug="mobilitaet"),
    )
    related = list(four["d"].related_case_studies())
    assert related[0].title == both.title  # two topics in common, the others one
    assert related[0].shared_topics == 2
    assert len(related) == 3
    assert four["d"].title not in {page.title for page in related}
    unrelated = add_case_study(index, "Ohne Themen", make_municipality("leer"))
    assert unrelated.title not in {page.title for page in four["d"].related_case_studies()}
    response = client.get(four["d"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Verwandte Praxisbeispiele" in html
    for page in related:
        assert page.title in html


def test_case_study_page_queries_do_not_grow_with_related_content(client, index, four):
    url = four["d"].url
    few = queries_on_a_second_visit(client, url)
    for number in range(8):
        add_case_study(
            index,
            f"Mehr {number}",
            make_municipality(f"mehr-{number}", lat="52.0", lon=f"{7 + number / 10:.1f}"),
            four["d"].topics.all(),
        )
    assert queries_on_a_second_visit(client, url) == few <= QUERY_BUDGET


def test_demo_case_studies_are_filterable_in_german_and_english(client, demo_site):
    german = CaseStudyIndexPage.objects.get(locale__language_code="de")
    english = CaseStudyIndexPage.objects.get(locale__language_code="en")
    assert german.case_studies().count() >= 12
    assert english.case_studies().count() == german.case_studies().count()

    response = client.get(english.url, {"state": "NW"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "North Rhine-Westphalia (" in html
    for case_study in response.context["case_studies"]:
        assert case_study.locale.language_code == "en"
        assert case_study.municipality.federal_state == "NW"
        assert case_study.municipality.locale.language_code == "en"
    assert len(MARKER.findall(html)) >= 1


def test_demo_case_study_links_its_conference_in_the_page_language(client, demo_site):
    german = CaseStudyPage.objects.filter(
        locale__language_code="de", presented_at__isnull=False
    ).first()
    english = german.get_translation(Locale.objects.get(language_code="en"))
    conference = page_in("en", "regional-conference-guetersloh-2023")
    response = client.get(english.url)
    assert response.status_code == 200
    assert f'href="{conference.url}"' in response.content.decode()
    assert "Presented at" in response.content.decode()
    assert "Sample content" in response.content.decode()


def test_a_third_locale_added_in_the_admin_works_end_to_end(client, demo_site, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/locales/new/", {"language_code": "fr"}, follow=True)
    assert response.status_code == 200
    french = Locale.objects.get(language_code="fr")

    case_study = CaseStudyPage.objects.filter(locale__language_code="de").first()
    creator = TranslationCreator(admin_user, [french])
    creator.create_translations(demo_site)  # the home page first, as translators do
    creator.create_translations(case_study.municipality)
    creator.create_translations(case_study.get_parent().specific)
    creator.create_translations(case_study)
    for page in Page.objects.filter(locale=french).order_by("depth"):
        page.get_latest_revision().publish()
    french_case_study = case_study.get_translation(french)

    response = client.get(french_case_study.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert french_case_study.url.startswith("/fr/")
    assert '<html lang="fr">' in html
    assert f'hreflang="fr" href="http://testserver{french_case_study.url}"' in html or (
        f'hreflang="fr" href="{french_case_study.url}"' in html
    )
    german_html = client.get(case_study.url).content.decode()
    assert f'href="{french_case_study.url}" hreflang="fr" lang="fr"' in german_html
    assert 'rel="alternate" hreflang="fr"' in german_html


MUNICIPALITY_FORM = {
    "name": "Neustadt",
    "slug": "neustadt",
    "municipality_type": "city",
    "federal_state": "NW",
    "population": "30000",
    "cohort": "2020",
    "latitude": "51.5",
    "longitude": "7.5",
    "website": "",
}


@pytest.mark.parametrize(
    "field, value",
    [
        ("latitude", "99"),
        ("longitude", "abc"),
        ("population", "-5"),
        ("population", "9" * 30),
        ("cohort", "1999"),
        ("federal_state", "XX"),
        ("website", "javascript:alert(1)"),
        ("slug", "kein slug!"),
        ("name", ""),
    ],
)
def test_the_municipality_form_refuses_bad_input_and_stores_nothing(
    client, moderator, demo_site, field, value
):
    client.force_login(moderator)
    before = Municipality.objects.count()
    response = client.post(
        "/admin/snippets/casestudies/municipality/add/?locale=de",
        {**MUNICIPALITY_FORM, field: value},
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Municipality.objects.count() == before


def test_a_translator_cannot_change_the_german_municipality(client, translator, demo_site):
    german = Municipality.objects.filter(locale__language_code="de").first()
    client.force_login(translator)
    response = client.post(
        f"/admin/snippets/casestudies/municipality/edit/{german.pk}/",
        {**MUNICIPALITY_FORM, "name": "Übernommen", "slug": german.slug},
    )
    assert response.status_code == 302
    german.refresh_from_db()
    assert german.name != "Übernommen"


def test_a_contact_address_needs_a_contact_person(four):
    page = four["a"]
    page.contact_email = "amt@example.org"
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "contact_name" in refused.value.error_dict


def test_a_case_study_in_a_private_section_is_listed_nowhere_public(client, index, four):
    private = CaseStudyIndexPage(title="Intern", slug="intern")
    index.get_parent().add_child(instance=private)
    private.save_revision().publish()
    hidden = add_case_study(
        private, "Internes Beispiel", four["a"].municipality, four["d"].topics.all()
    )

    def listed():
        home = client.get(index.get_parent().url).content.decode()
        related = {page.title for page in four["d"].related_case_studies()}
        return hidden.title in home, hidden.title in related

    assert listed() == (True, True)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert listed() == (False, False)


def test_each_filter_combination_shows_its_own_choices_selected(client, index, four):
    def selected(query):
        html = client.get(index.url, query).content.decode()
        return set(re.findall(r'<option value="([^"]*)"[^>]*selected', html))

    assert selected({}) == {""}
    assert selected({"state": "BY"}) == {"", "BY"}
    assert selected({"state": "NW", "status": "completed"}) == {"", "NW", "completed"}
    assert selected({"state": "BY"}) == {"", "BY"}
    assert selected({}) == {""}
