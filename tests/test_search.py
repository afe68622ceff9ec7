"""Visitors search the whole site in their language: events, workshop series, case studies,
pages and documents; the best matches first, with facets, highlighted passages and
suggestions, and a normal page whatever they type."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Locale, PageViewRestriction

from home.models import StandardPage
from localisation.jobs import translate_page
from search.query import Terms
from tests.conftest import add_conference, page_in

pytestmark = pytest.mark.django_db
# PostgreSQL stems each language and suggests words; SQLite, the newcomer's default, matches
# the words as typed (accents folded) and has neither.
POSTGRESQL = connection.vendor == "postgresql"


def search(client, language, query, **filters):
    response = client.get(f"/{language}/search/", {"q": query, **filters})
    assert response.status_code == 200
    return response


def result_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in html.select("[data-search-result] h3 a")]


def result_links(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in html.select("[data-search-result] h3 a")]


def facet_counts(response, facet):
    html = BeautifulSoup(response.content, "html.parser")
    return {
        a.contents[0].strip(): int(a.select_one(".count").get_text().strip("()"))
        for a in html.select(f'a[data-facet="{facet}"]')
    }


def add_page(parent, title, teaser="", body_text="", publish=True):
    page = StandardPage(title=title, teaser=teaser, live=publish)
    if body_text:
        page.body = [("paragraph", f"<p>{body_text}</p>")]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def test_a_heading_is_found_by_its_words_not_by_the_name_of_its_level(client, demo_site):
    page = StandardPage(title="Quokkaplan", live=True)
    page.body = [("heading", {"text": "Quokkawege im Quartier", "level": "h3"})]
    demo_site.add_child(instance=page)
    page.save_revision().publish()
    assert result_titles(search(client, "de", "Quokkawege")) == ["Quokkaplan"]
    # The editor's choice "Unterabschnitt (h3)" is not text the page shows.
    assert "Quokkaplan" not in result_titles(search(client, "de", "Unterabschnitt"))


def test_english_pages_hold_no_german_names_of_programme_formats(client, demo_site):
    # The Gütersloh conference's programme has talks ("Vortrag" in German).
    assert any(
        "sovereignty" in title for title in result_titles(search(client, "en", "sovereignty"))
    )
    assert result_titles(search(client, "en", "Vortrag")) == []


def test_the_guetersloh_conference_is_found_in_both_languages(client, demo_site):
    german = search(client, "de", "Souveränität")
    english = search(client, "en", "sovereignty")
    assert "Daten in der Smart City – Zwischen digitaler Daseinsvorsorge und Souveränität" in (
        result_titles(german)
    )
    assert any("sovereignty" in title for title in result_titles(english))


@pytest.mark.parametrize(
    ("language", "query", "finds", "only_by_its_stem"),
    [
        ("de", "Zwilling", "Daten in der Smart City", True),
        ("de", "Zwillinge", "Wärmeplanung mit digitalem Zwilling in Beispielow", True),
        ("de", "Datenplattform", "Themenwerkstatt Urbane Datenplattformen", True),
        ("de", "Gutersloh", "Daten in der Smart City", False),
        ("de", "Strassen", "Digitaler Zwilling für den Hochwasserschutz in Beispielfeld", True),
        ("en", "twin", "Data in the smart city", True),
        ("en", "twins", "Heat planning with a digital twin in Beispielow", True),
        ("en", "platform", "Open data for everyone", False),
    ],
)
def test_each_language_is_searched_with_its_own_stemming(
    client, demo_site, language, query, finds, only_by_its_stem
):
    titles = result_titles(search(client, language, query))
    found = any(title.startswith(finds) for title in titles)
    assert found == (POSTGRESQL or not only_by_its_stem), titles


def test_german_stemming_is_not_applied_to_english_pages(client, demo_site):
    # English stems "Zwillinge" differently from German, so only the German site finds it.
    assert result_titles(search(client, "de", "Zwillinge"))
    assert not result_titles(search(client, "en", "Zwillinge"))


def test_exact_words_are_found_on_every_database(client, demo_site):
    titles = result_titles(search(client, "de", "Hochwasserschutz"))
    assert titles == ["Digitaler Zwilling für den Hochwasserschutz in Beispielfeld"]


def test_each_language_finds_only_its_own_pages(client, demo_site):
    german = result_links(search(client, "de", "Beispielfeld"))
    english = result_links(search(client, "en", "Beispielfeld"))
    assert german and english
    assert all(link.startswith("/de/") for link in german)
    assert all(link.startswith("/en/") for link in english)


def test_drafts_private_pages_and_unpublished_pages_are_not_found(client, demo_site):
    live = add_page(demo_site, "Quokkaplan öffentlich")
    add_page(demo_site, "Quokkaplan Entwurf", publish=False)
    private = add_page(demo_site, "Quokkaplan intern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert result_titles(search(client, "de", "Quokkaplan")) == [live.title]

    live.unpublish()
    assert result_titles(search(client, "de", "Quokkaplan")) == []


def test_a_page_or_collection_made_private_after_a_search_is_gone_from_it_at_once(
    client, demo_site
):
    page = add_page(demo_site, "Quokkaprotokoll Sitzung")
    Document = get_document_model()
    collection = Collection.get_first_root_node().add_child(name="Protokolle")
    document = Document.objects.create(
        title="Quokkaprotokoll 2023", file=ContentFile(b"x", name="p.pdf"), collection=collection
    )
    assert sorted(result_links(search(client, "de", "Quokkaprotokoll"))) == sorted(
        [page.url, document.url]
    )
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert result_links(search(client, "de", "Quokkaprotokoll")) == []


def test_a_page_moved_into_a_private_section_is_gone_from_search_at_once(client, demo_site):
    public = add_page(demo_site, "Quokkaarchiv")
    private = add_page(demo_site, "Quokkaintern")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    page = add_page(public, "Quokkamappe")
    assert result_titles(search(client, "de", "Quokkamappe")) == ["Quokkamappe"]

    page.move(private, pos="last-child")
    # Without an exact match PostgreSQL offers similar titles ("Quokkaarchiv"); not this page.
    assert "Quokkamappe" not in result_titles(search(client, "de", "Quokkamappe"))


def test_documents_of_a_collection_moved_into_a_private_one_are_gone_from_search_at_once(
    client, demo_site, admin_user
):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    minutes = root.add_child(name="Protokolle")
    document = get_document_model().objects.create(
        title="Quokkaprotokoll 2024", file=ContentFile(b"x", name="p.pdf"), collection=minutes
    )
    assert result_links(search(client, "de", "Quokkaprotokoll")) == [document.url]

    editor = Client()
    editor.force_login(admin_user)
    response = editor.post(
        f"/admin/collections/{minutes.pk}/", {"name": "Protokolle", "parent": private.pk}
    )
    assert response.status_code == 302
    assert Collection.objects.get(pk=minutes.pk).get_parent() == private
    assert result_links(search(client, "de", "Quokkaprotokoll")) == []


@pytest.mark.parametrize("seconds", [300, 0])
def test_a_repeated_search_skips_the_full_text_query_unless_the_cache_is_off(
    client, demo_site, settings, seconds
):
    add_page(demo_site, "Quokkaatlas")

    def searched():
        with CaptureQueriesContext(connection) as context:
            response = search(client, "de", "Quokkaatlas")
        full_text = [q for q in context if "@@" in q["sql"] or " MATCH " in q["sql"].upper()]
        return result_titles(response), len(full_text)

    first, first_queries = searched()
    settings.SEARCH_CACHE_SECONDS = seconds
    again, again_queries = searched()
    assert first == again == ["Quokkaatlas"]
    assert first_queries > 0
    assert again_queries == (0 if seconds else first_queries)


def test_a_published_page_is_found_at_once_and_after_a_move_under_its_new_address(
    client, demo_site
):
    page = add_page(demo_site, "Quokkaforum für Kommunen")
    assert result_links(search(client, "de", "Quokkaforum")) == [page.url]

    page.move(page_in("de", "veranstaltungen"), pos="last-child")
    page.refresh_from_db()
    assert result_links(search(client, "de", "Quokkaforum")) == [page.url]
    assert "/veranstaltungen/" in page.url


def test_a_published_translation_is_found_in_its_language(client, demo_site, django_user_model):
    page = add_page(demo_site, "Quokkawerkstatt")
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    assert result_titles(search(client, "en", "Quokkawerkstatt")) == []

    translate_page(page, Locale.objects.get(language_code="en"), user=admin, publish=True)

    assert [
        link.startswith("/en/") for link in result_links(search(client, "en", "Quokkawerkstatt"))
    ] == [True]


def test_a_match_in_the_title_ranks_above_the_teaser_above_the_body(client, demo_site):
    add_page(demo_site, "Allgemeine Hinweise", body_text="Hier geht es auch um Quokkanetze.")
    add_page(demo_site, "Weitere Hinweise", teaser="Ein Überblick über Quokkanetze.")
    add_page(demo_site, "Quokkanetze im Überblick")
    assert result_titles(search(client, "de", "Quokkanetze")) == [
        "Quokkanetze im Überblick",
        "Weitere Hinweise",
        "Allgemeine Hinweise",
    ]


def test_upcoming_events_rank_above_past_ones(client, demo_site):
    events = page_in("de", "veranstaltungen")
    add_conference(events, "Quokkatag 2019", -2000)
    add_conference(events, "Quokkatag 2031", 1000)
    titles = result_titles(search(client, "de", "Quokkatag"))
    assert titles == ["Quokkatag 2031", "Quokkatag 2019"]


def test_editors_promoted_result_comes_first_in_the_visitors_language(client, demo_site):
    contact = page_in("de", "kontakt")
    query = Query.get("digitale zwillinge")
    SearchPromotion.objects.create(query=query, page=contact, sort_order=0, description="Fragen?")

    german = BeautifulSoup(search(client, "de", "Digitale Zwillinge").content, "html.parser")
    promoted = german.select("[data-search-promoted] a")
    assert [a["href"] for a in promoted] == [contact.url]
    assert contact.url not in result_links(search(client, "de", "Digitale Zwillinge"))

    english = BeautifulSoup(search(client, "en", "digitale zwillinge").content, "html.parser")
    assert [a["href"] for a in english.select("[data-search-promoted] a")] == [
        contact.get_translation(Locale.objects.get(language_code="en")).url
    ]


def test_facets_count_types_topics_and_dates_and_combine(client, demo_site):
    response = search(client, "de", "Daten")
    types = facet_counts(response, "type")
    assert types["Praxisbeispiele"] >= 2 and types["Konferenzen"] >= 1
    total = int(
        BeautifulSoup(response.content, "html.parser").select_one("[data-search-total]")[
            "data-search-total"
        ]
    )
    assert sum(types.values()) == total

    only_case_studies = search(client, "de", "Daten", type="case_study")
    assert len(result_titles(only_case_studies)) == min(types["Praxisbeispiele"], 10)
    assert all("/praxisbeispiele/" in link for link in result_links(only_case_studies))

    topics = facet_counts(only_case_studies, "topic")
    platforms = search(client, "de", "Daten", type="case_study", topic="urbane-datenplattformen")
    assert len(result_titles(platforms)) == topics["Urbane Datenplattformen"]

    past = search(client, "de", "Daten", when="past")
    assert "Daten in der Smart City – Zwischen digitaler Daseinsvorsorge und Souveränität" in (
        result_titles(past)
    )
    assert all("/veranstaltungen/" in link for link in result_links(past))


def test_results_are_paginated(client, demo_site):
    for number in range(13):
        add_page(demo_site, f"Quokkaseite {number}")
    first = search(client, "de", "Quokkaseite")
    second = search(client, "de", "Quokkaseite", page=2)
    assert len(result_titles(first)) == 10 and len(result_titles(second)) == 3
    assert not set(result_titles(first)) & set(result_titles(second))


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Bitte geben Sie ein Wort ein"),
        ({"q": "&|!:*()'"}, "keine Buchstaben oder Ziffern"),
        ({"q": "Daten", "type": "nonsense"}, "Filter konnten nicht verwendet werden"),
        ({"q": "Daten", "topic": "' OR 1=1 --"}, "Filter konnten nicht verwendet werden"),
        ({"q": "Daten", "page": "999"}, "So viele Seiten gibt es nicht"),
        ({"q": "Daten", "page": "zwei"}, "Diese Seitenzahl ist ungültig"),
        ({"q": "Daten " * 5000}, "nur der Anfang verwendet"),
        ({"q": " ".join(f"Wort{n}" for n in range(30))}, "nur der Anfang verwendet"),
    ],
)
def test_bad_input_gives_a_normal_page_with_a_clear_message(client, demo_site, params, message):
    response = client.get("/de/search/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_search_operators_and_sql_are_searched_as_plain_words(client, demo_site):
    for query in [
        "Daten & | ! Zwilling",
        "Daten:*",
        "'; DROP TABLE wagtailcore_page; --",
        "(Daten)",
    ]:
        assert search(client, "de", query).status_code == 200
    assert result_titles(search(client, "de", "(Hochwasserschutz)!")) == [
        "Digitaler Zwilling für den Hochwasserschutz in Beispielfeld"
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "type", "topic", "when", "page", "x"]),
        st.text(max_size=300),
        max_size=5,
    )
)
def test_any_query_string_gives_a_page_not_an_error(demo_site, params):
    client = Client(raise_request_exception=False)
    assert client.get("/de/search/", params).status_code == 200
    assert client.get("/en/search/autocomplete/", params).status_code == 200


def test_matched_words_are_marked_and_page_text_is_escaped(client, demo_site):
    add_page(demo_site, "Quokkarat <script>alert(1)</script>", teaser="Der Quokkarat tagt.")
    html = search(client, "de", "Quokkarat").content.decode()
    assert "<mark>Quokkarat</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_documents_are_found_by_title_unless_their_collection_is_private(client, demo_site):
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    public = Document.objects.create(
        title="Quokkabericht 2023", file=ContentFile(b"x", name="bericht.pdf"), collection=root
    )
    Document.objects.create(
        title="Quokkabericht intern", file=ContentFile(b"x", name="intern.pdf"), collection=private
    )
    response = search(client, "de", "Quokkabericht")
    assert result_links(response) == [public.url]
    assert facet_counts(response, "type") == {"Dokumente": 1}


def test_a_typo_finds_similar_pages_and_suggests_the_word(client, demo_site):
    html = BeautifulSoup(search(client, "de", "Hochwaserschutz").content, "html.parser")
    titles = [a.get_text() for a in html.select("[data-search-result] h3 a")]
    suggestion = html.select_one("[data-search-suggestion]")
    if POSTGRESQL:
        assert "Digitaler Zwilling für den Hochwasserschutz in Beispielfeld" in titles
        assert suggestion.get_text() == "Hochwasserschutz"
    else:
        assert (titles, suggestion) == ([], None)
        assert html.select_one('[data-search-status="empty"]')


def test_search_queries_do_not_grow_with_the_number_of_matches(client, demo_site):
    def queries(query):
        client.get("/de/search/", {"q": query})
        with CaptureQueriesContext(connection) as context:
            search(client, "de", query)
        return len(context)

    add_page(demo_site, "Quokkaliste")
    few = queries("Quokkaliste")
    for number in range(25):
        add_page(demo_site, f"Quokkaliste {number}")
    assert queries("Quokkaliste") == few <= 15


def test_suggestions_begin_with_what_was_typed_in_the_visitors_language(client, demo_site):
    german = client.get("/de/search/autocomplete/", {"q": "Hochwas"}).json()
    assert [s["title"] for s in german["suggestions"]] == [
        "Digitaler Zwilling für den Hochwasserschutz in Beispielfeld"
    ]
    assert german["suggestions"][0]["url"].startswith("/de/")
    assert german["suggestions"][0]["type"] == "Praxisbeispiel"
    english = client.get("/en/search/autocomplete/", {"q": "flood"}).json()
    assert [s["url"][:4] for s in english["suggestions"]] == ["/en/"]


def test_a_page_published_or_unpublished_changes_the_suggestions_at_once(client, demo_site):
    def suggested():
        response = client.get("/de/search/autocomplete/", {"q": "Quokkam"})
        return [s["title"] for s in response.json()["suggestions"]]

    assert suggested() == []
    page = add_page(demo_site, "Quokkamarkt der Ideen")
    assert suggested() == ["Quokkamarkt der Ideen"]
    page.unpublish()
    assert suggested() == []


@pytest.mark.parametrize("query", ["", "a", " ", "!!", "&|:*"])
def test_too_short_input_gives_no_suggestions(client, demo_site, query):
    response = client.get("/de/search/autocomplete/", {"q": query})
    assert json.loads(response.content)["suggestions"] == []


def test_the_search_box_is_in_every_pages_header(client, demo_site):
    html = BeautifulSoup(client.get(demo_site.url).content, "html.parser")
    form = html.select_one("header form[role=search]")
    assert form["action"] == "/de/search/"
    assert form["data-autocomplete-url"] == "/de/search/autocomplete/"


def test_terms_keep_words_and_phrases_and_drop_operators():
    terms = Terms.parse('"digitaler Zwilling" & Daten:* | (Plattform)')
    assert terms.phrases == ("digitaler Zwilling",)
    assert terms.words == ("Daten", "Plattform")
    assert not Terms.parse("&|!:*()'")


def test_the_admin_page_search_finds_pages_of_every_language(client, demo_site, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "x"))
    response = client.get("/admin/pages/search/", {"q": "Hochwasserschutz"})
    assert "Digitaler Zwilling für den Hochwasserschutz" in response.content.decode()
    response = client.get("/admin/pages/search/", {"q": "flood"})
    assert "A digital twin for flood protection" in response.content.decode()
