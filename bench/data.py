"""Synthetic content for the benchmarks, the same on every run: `generate(scale)`.

On top of the demo site (`load_demo_content`, once per database) it adds, per language
(German, then the English translation of every page):

    scale 1.0         conferences  workshop sessions  workshop series  case studies  standard pages
    per language          400            1,200               4             3,200           320

that is 5,124 pages per language and 10,248 in all (10,320 with the demo's), with 200
speakers, 40 venues and 80 municipalities (snippets, in both languages too). Every event has a
programme of 20 items with 10 of the speakers. The suite's issue asks for 1,000 events, 2,000
case studies and 200 standard pages, "over 10,000 pages in all"; in two languages those make
6,400, so scale 1.0 keeps their proportions and passes 10,000; scale 0.625 gives its counts.

Conferences go under the German event index (slug "veranstaltungen"), the sessions into four
workshop series created there, case studies under "praxisbeispiele", standard pages under the
home page; the English pages under the English versions of those parents, each with its German
page's translation_key. The text is German or English sentences from a fixed vocabulary
("Datenplattformen", "digitaler Zwilling", "Mobilität", "Bürgerbeteiligung" …, and a rare word,
"Trinkbrunnen" / "drinking fountains", in about one page in 300) drawn by a seeded random
generator: the same scale and `today` give the same pages, texts and translation keys. Event
dates are offsets from `today` (the day it runs by default), so a quarter of the events are
upcoming, as on the live site.

Pages are inserted in bulk, live, with the revision a publish leaves, after Page.full_clean
(short of the checks the database makes on insert). Through Wagtail's API a page costs about
60 ms here (`add_child` + `save_revision().publish()`, or `copy_for_translation` + publish for
its English version; 120 ms when the search and reference index are updated on each save), and
wagtail-localize's `save_target` with its string segments about 630 ms: 10 to 100 minutes for
these pages, against half a minute. The pages are the same either way: Wagtail links a page to
its translation by translation_key and locale alone. Bulk inserts send no signals; the search
index is rebuilt once at the end (`update_index`, about a minute at scale 1.0). The reference
index (the admin's usage counts) is not: nothing the benchmarks measure reads it, and
`rebuild_references_index` fills it when needed.
"""

import datetime
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import CharField, F, Max, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Locale, Page, Revision, Site

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, Municipality, SizeClass
from conferences.models import (
    AttendanceMode,
    ConferencePage,
    EventIndexPage,
    Speaker,
    Venue,
    WorkshopPage,
    WorkshopSeriesPage,
)
from home.choices import FederalState
from home.fragments import site_changed
from home.models import StandardPage, Topic

SEED = 20_261_130
BERLIN = ZoneInfo("Europe/Berlin")

# Per language at scale 1.0.
CONFERENCES = 400
WORKSHOP_SESSIONS = 1_200
CASE_STUDIES = 3_200
STANDARD_PAGES = 320
SPEAKERS = 200
VENUES = 40
MUNICIPALITIES = 80
PROGRAMME_ITEMS = 20
SPEAKERS_PER_EVENT = 10
# One page in this many mentions the rare word.
RARE_EVERY = 300
EVENT_INDEX_SLUG = "veranstaltungen"
CASE_STUDY_INDEX_SLUG = "praxisbeispiele"


# Vocabulary -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A noun phrase in German (nominative, accusative, dative; as a heading) and English."""

    nom: str
    dat: str
    title: str
    en: str
    acc: str = ""

    @property
    def akk(self):
        return self.acc or self.nom

    @property
    def bare(self):
        """Without its article, for the middle of a heading."""
        article, _, rest = self.nom.partition(" ")
        return rest if article in ("der", "die", "das") else self.nom

    @property
    def en_title(self):
        text = self.en.removeprefix("the ")
        return text[0].upper() + text[1:]


# Topic slug (the demo's topics) → the terms its pages talk about.
THEMES = {
    "urbane-datenplattformen": [
        Term("die urbane Datenplattform", "der urbanen Datenplattform", "Urbane Datenplattform",
             "the urban data platform"),
        Term("offene Datenplattformen", "offenen Datenplattformen", "Offene Datenplattformen",
             "open data platforms"),
        Term("das kommunale Datenportal", "dem kommunalen Datenportal", "Kommunales Datenportal",
             "the municipal data portal"),
        Term("offene Schnittstellen", "offenen Schnittstellen", "Offene Schnittstellen",
             "open interfaces"),
    ],
    "digitale-zwillinge": [
        Term("der digitale Zwilling", "dem digitalen Zwilling", "Digitaler Zwilling",
             "the digital twin", "den digitalen Zwilling"),
        Term("digitale Zwillinge", "digitalen Zwillingen", "Digitale Zwillinge", "digital twins"),
        Term("das 3D-Stadtmodell", "dem 3D-Stadtmodell", "3D-Stadtmodell", "the 3D city model"),
        Term("die Hochwassersimulation", "der Hochwassersimulation", "Hochwassersimulation",
             "the flood simulation"),
    ],
    "mobilitaet": [
        Term("die Mobilität im ländlichen Raum", "der Mobilität im ländlichen Raum",
             "Mobilität im ländlichen Raum", "mobility in rural areas"),
        Term("der Rufbus", "dem Rufbus", "Rufbus", "the on-demand bus", "den Rufbus"),
        Term("das Parkleitsystem", "dem Parkleitsystem", "Parkleitsystem",
             "the parking guidance system"),
        Term("die Mobilitätsstation", "der Mobilitätsstation", "Mobilitätsstation",
             "the mobility hub"),
        Term("die nachhaltige Mobilität", "der nachhaltigen Mobilität", "Nachhaltige Mobilität",
             "sustainable mobility"),
    ],
    "buergerbeteiligung": [
        Term("die Bürgerbeteiligung", "der Bürgerbeteiligung", "Bürgerbeteiligung",
             "citizen participation"),
        Term("die digitale Beteiligungsplattform", "der digitalen Beteiligungsplattform",
             "Digitale Beteiligungsplattform", "the digital participation platform"),
        Term("der Bürgerhaushalt", "dem Bürgerhaushalt", "Bürgerhaushalt",
             "the participatory budget", "den Bürgerhaushalt"),
        Term("die Online-Befragung", "der Online-Befragung", "Online-Befragung",
             "the online survey"),
    ],
    "datenethik": [
        Term("die Datenethik", "der Datenethik", "Datenethik", "data ethics"),
        Term("der Datenethikbeirat", "dem Datenethikbeirat", "Datenethikbeirat",
             "the data ethics board", "den Datenethikbeirat"),
        Term("die Datensouveränität", "der Datensouveränität", "Datensouveränität",
             "data sovereignty"),
    ],
    "digitale-daseinsvorsorge": [
        Term("die digitale Daseinsvorsorge", "der digitalen Daseinsvorsorge",
             "Digitale Daseinsvorsorge", "digital public services"),
        Term("das Dorfbüro", "dem Dorfbüro", "Dorfbüro", "the village hub"),
        Term("das LoRaWAN-Netz", "dem LoRaWAN-Netz", "LoRaWAN-Netz", "the LoRaWAN network"),
        Term("die Telemedizin", "der Telemedizin", "Telemedizin", "telemedicine"),
    ],
    "smart-city-strategie": [
        Term("die Smart-City-Strategie", "der Smart-City-Strategie", "Smart-City-Strategie",
             "the smart city strategy"),
        Term("der Maßnahmenplan", "dem Maßnahmenplan", "Maßnahmenplan", "the action plan",
             "den Maßnahmenplan"),
        Term("die Wirkungsmessung", "der Wirkungsmessung", "Wirkungsmessung", "impact measurement"),
    ],
    "klima-und-umwelt": [
        Term("das Klimamessnetz", "dem Klimamessnetz", "Klimamessnetz",
             "the climate sensor network"),
        Term("die Klimaanpassung", "der Klimaanpassung", "Klimaanpassung", "climate adaptation"),
        Term("die Baumsensoren", "den Baumsensoren", "Baumsensoren", "the tree sensors"),
        Term("das Starkregenmanagement", "dem Starkregenmanagement", "Starkregenmanagement",
             "heavy rain management"),
    ],
    "digitale-verwaltung": [
        Term("das Online-Rathaus", "dem Online-Rathaus", "Online-Rathaus", "the online town hall"),
        Term("die digitale Akte", "der digitalen Akte", "Digitale Akte", "the digital file"),
        Term("das Bürgerportal", "dem Bürgerportal", "Bürgerportal", "the citizen portal"),
    ],
    "energie": [
        Term("die kommunale Wärmeplanung", "der kommunalen Wärmeplanung", "Kommunale Wärmeplanung",
             "municipal heat planning"),
        Term("das Energiemonitoring", "dem Energiemonitoring", "Energiemonitoring",
             "energy monitoring"),
        Term("die intelligente Straßenbeleuchtung", "der intelligenten Straßenbeleuchtung",
             "Intelligente Straßenbeleuchtung", "smart street lighting"),
    ],
}  # fmt: skip

# Sentences about a term ({nom}, {akk}, {dat} / {en}) in a place, with a number and a year.
SENTENCES = [
    ("Im Mittelpunkt der Zusammenarbeit mit {place} steht {nom}.",
     "The cooperation with {place} centres on {en}."),
    ("Die Verwaltung in {place} hat mit {dat} gute Erfahrungen gemacht.",
     "The administration in {place} has had good experiences with {en}."),
    ("Wie gelingt der Einstieg in {akk}?", "How do you get started with {en}?"),
    ("Fachleute aus {n} Kommunen berichten über ihre Erfahrungen mit {dat}.",
     "Experts from {n} municipalities report on their experience with {en}."),
    ("{place} plant, {akk} bis {year} schrittweise einzuführen.",
     "{place} plans to introduce {en} step by step by {year}."),
    ("Der Austausch zu {dat} bleibt dabei nicht in der Theorie stecken.",
     "The exchange on {en} does not stay theoretical."),
    ("Verwaltung, Stadtwerke und Hochschule haben {akk} gemeinsam konzipiert.",
     "The administration, the utilities and the university designed {en} together."),
    ("Für {akk} stehen im Haushalt {n}0.000 Euro bereit.",
     "{n}0,000 euros are set aside in the budget for {en}."),
    ("Die Ergebnisse zu {dat} sind als offene Daten veröffentlicht.",
     "The results on {en} are published as open data."),
    ("Andere Kommunen können das Vorgehen bei {dat} übernehmen.",
     "Other municipalities can adopt the approach to {en}."),
    ("Im Gespräch geht es um Chancen und Grenzen von {dat}.",
     "The conversation is about the opportunities and limits of {en}."),
    ("Zum Abschluss werden die nächsten Schritte für {akk} vereinbart.",
     "At the end, the next steps for {en} are agreed."),
    ("Die Teilnehmenden erarbeiten in Kleingruppen Ideen zu {dat}.",
     "Participants work out ideas on {en} in small groups."),
    ("Mit {dat} will {place} die digitale Transformation gemeinsam gestalten.",
     "With {en}, {place} wants to shape the digital transformation together."),
    ("Seit {year} arbeiten {n} Ämter in {place} an {dat}.",
     "Since {year}, {n} departments in {place} have been working on {en}."),
    ("Wer {akk} plant, sollte früh mit dem Datenschutz sprechen.",
     "Anyone planning {en} should talk to data protection early on."),
    ("Ein Leitfaden fasst zusammen, was bei {dat} zu beachten ist.",
     "A guide sums up what to consider with {en}."),
    ("Die Kosten für {akk} teilen sich {n} Nachbarkommunen.",
     "{n} neighbouring municipalities share the costs of {en}."),
]  # fmt: skip
# Sentences that fit any page.
GENERAL = [
    ("Wichtig war, die Bürgerinnen und Bürger früh einzubeziehen.",
     "It was important to involve residents early on."),
    ("Der Zeitplan sieht eine Pilotphase von {n} Monaten vor.",
     "The schedule foresees a pilot phase of {n} months."),
    ("Die Modellprojekte teilen ihre Erfahrungen offen mit anderen Kommunen.",
     "The model projects share their experience openly with other municipalities."),
    ("Kleine Kommunen profitieren besonders von interkommunaler Zusammenarbeit.",
     "Small municipalities benefit most from inter-municipal cooperation."),
    ("Der Stadtrat hat das Vorhaben {year} einstimmig beschlossen.",
     "The town council approved the project unanimously in {year}."),
    ("Eine Steuerungsgruppe trifft sich alle {n} Wochen.",
     "A steering group meets every {n} weeks."),
]  # fmt: skip
RARE = (
    "Ein Nebenprojekt kartiert die öffentlichen Trinkbrunnen im Stadtgebiet.",
    "A side project maps the public drinking fountains around town.",
)

PROGRAMME_TITLES = [
    ("talk", "Impulsvortrag: {title}", "Keynote: {en_title}"),
    ("talk", "Praxisbericht aus {place}: {title}", "Report from {place}: {en_title}"),
    ("panel", "Podiumsdiskussion: {title} in kleinen Kommunen",
     "Panel: {en_title} in small municipalities"),
    ("workshop", "Werkstatt: Erste Schritte zu {dat}", "Workshop: first steps towards {en}"),
    ("discussion", "Austausch in Kleingruppen zu {dat}", "Small-group exchange on {en}"),
    ("excursion", "Exkursion: {title} vor Ort", "Excursion: {en_title} on site"),
    ("talk", "Lessons learned: {title}", "Lessons learned: {en_title}"),
]  # fmt: skip
OPENING = ("talk", "Begrüßung und Einführung", "Welcome and introduction")
LUNCH = ("break", "Mittagspause", "Lunch break")
COFFEE = ("break", "Kaffeepause", "Coffee break")
CLOSING = ("discussion", "Abschluss und Ausblick", "Conclusion and outlook")
ROOMS = [("Großer Saal", "Main hall"), ("Raum 1", "Room 1"), ("Raum 2", "Room 2")]

CONFERENCE_TITLES = [
    ("Regionalkonferenz {place} {year}: {title} und {title2}",
     "Regional conference {place} {year}: {en_title} and {en2}"),
    ("Regionalkonferenz {place} {year}: {title} in der Praxis",
     "Regional conference {place} {year}: {en_title} in practice"),
]  # fmt: skip
SESSION_TITLES = [
    ("{series}: {title}", "{en_series}: {en_title}"),
    ("{series}: {title} für Einsteiger", "{en_series}: {en_title} for beginners"),
    ("{series}: {title} und {title2}", "{en_series}: {en_title} and {en2}"),
]  # fmt: skip
CASE_STUDY_TITLES = [
    ("{title} in {place}", "{en_title} in {place}"),
    ("{title}: Erfahrungen aus {place}", "{en_title}: lessons from {place}"),
    ("{place}: {title} für alle", "{place}: {en} for everyone"),
    ("{title} – ein Praxisbeispiel aus {place}", "{en_title} – a case study from {place}"),
]  # fmt: skip
STANDARD_TITLES = [
    ("{title}: Leitfaden für Kommunen", "{en_title}: a guide for municipalities"),
    ("Glossar: {title}", "Glossary: {en_title}"),
    ("Häufige Fragen zu {dat}", "Frequently asked questions on {en}"),
    ("{title} Schritt für Schritt", "{en_title} step by step"),
    ("Checkliste: {title}", "Checklist: {en_title}"),
]  # fmt: skip

# Format, title, the short title its sessions' titles begin with, slug (German, English).
SERIES = [
    ("kickoff", ("Kick-off-Werkstätten für Einsteiger", "Kick-off workshops for beginners"),
     ("Kick-off", "Kick-off"), ("werkstattreihe-kick-off", "workshop-series-kick-off")),
    ("thematic", ("Themenwerkstätten vor Ort", "Thematic workshops on site"),
     ("Themenwerkstatt", "Thematic workshop"), ("werkstattreihe-themen", "workshop-series-themes")),
    ("peer_learning", ("Peer-Learning-Runden", "Peer-learning rounds"),
     ("Peer-Learning", "Peer learning"),
     ("werkstattreihe-peer-learning", "workshop-series-peer-learning")),
    ("consultation", ("Initialberatungen in Gruppen", "Initial consultations in groups"),
     ("Initialberatung", "Initial consultation"),
     ("werkstattreihe-initialberatung", "workshop-series-consultation")),
]  # fmt: skip
SERIES_TEASER = ("Regelmäßige Werkstätten für Kommunen.", "Regular workshops for municipalities.")

FIRST_NAMES = [
    "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannah", "Ilias", "Jana", "Jonas",
    "Katrin", "Lukas", "Mara", "Nils", "Olga", "Paul", "Rana", "Sophie", "Tobias", "Ulrike",
    "Vincent", "Wiebke", "Yusuf", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Albers", "Brandt", "Celik", "Dietrich", "Engel", "Fischer", "Günther", "Hoffmann", "Ivanova",
    "Jansen", "Krüger", "Lorenz", "Meier", "Nowak", "Otto", "Peters", "Quast", "Richter",
    "Schulz", "Thiele", "Uhlig", "Vogel", "Weber", "Yilmaz", "Ziegler",
]  # fmt: skip
ROLES = [
    ("Leitung Digitalisierung", "Head of digitalisation"),
    ("Smart-City-Koordination", "Smart city coordinator"),
    ("Projektleitung", "Project lead"),
    ("Referentin für Stadtentwicklung", "Urban development officer"),
    ("Datenmanagement", "Data management"),
    ("Bürgermeisterin", "Mayor"),
]
ORGANISATIONS = [
    ("Stadtverwaltung {place}", "{place} city administration"),
    ("Stadtwerke {place}", "{place} municipal utilities"),
    ("Hochschule {place}", "{place} University of Applied Sciences"),
    ("Landkreis {place}", "{place} district"),
]
PLACE_PREFIXES = ["Muster", "Beispiel", "Probe", "Modell", "Vorlage"]
PLACE_SUFFIXES = [
    "au", "berg", "burg", "dorf", "feld", "hagen", "hausen", "heim", "ingen", "kirchen", "rode",
    "stedt", "tal", "walde", "weiler", "bach", "brück", "hofen",
]  # fmt: skip
VENUE_KINDS = [
    ("Stadthalle {place}", "{place} civic hall"),
    ("Rathaus {place}", "{place} town hall"),
    ("Kulturzentrum {place}", "{place} cultural centre"),
    ("Technologiezentrum {place}", "{place} technology centre"),
]
ONLINE_NOTES = (
    "Den Zugangslink erhalten Sie mit der Anmeldebestätigung.",
    "You will receive the access link with your registration confirmation.",
)
FIGURE_LABELS = [
    ("beteiligte Ämter", "departments involved"),
    ("Partner vor Ort", "local partners"),
    ("Sensoren im Einsatz", "sensors in use"),
    ("Nutzerinnen und Nutzer pro Monat", "users per month"),
    ("Monate bis zum Start", "months to launch"),
]
STREETS = ["Markt", "Bahnhofstraße", "Schulweg", "Am Rathaus"]
ACCESSIBILITY_NOTES = (
    "Stufenloser Zugang, barrierefreies WC, Induktionsschleife.",
    "Step-free access, accessible toilet, induction loop.",
)
BIOGRAPHY = (
    "{name} arbeitet seit {years} Jahren an der digitalen Stadtentwicklung.",
    "{name} has worked on digital urban development for {years} years.",
)
ORGANISER = (
    "Koordinierungs- und Transferstelle Modellprojekte Smart Cities",
    "Coordination and Transfer Office for Smart Cities Model Projects",
)


@dataclass(frozen=True)
class Counts:
    conferences: int
    workshop_sessions: int
    case_studies: int
    standard_pages: int
    speakers: int
    venues: int
    municipalities: int

    @classmethod
    def at(cls, scale):
        def scaled(number):
            return max(1, round(number * scale))

        return cls(
            scaled(CONFERENCES),
            scaled(WORKSHOP_SESSIONS),
            scaled(CASE_STUDIES),
            scaled(STANDARD_PAGES),
            max(SPEAKERS_PER_EVENT, scaled(SPEAKERS)),
            scaled(VENUES),
            scaled(MUNICIPALITIES),
        )

    @property
    def pages_per_language(self):
        return (
            self.conferences
            + len(SERIES)
            + self.workshop_sessions
            + self.case_studies
            + self.standard_pages
        )


@dataclass
class Summary:
    counts: Counts
    seconds: dict = field(default_factory=dict)

    @property
    def pages(self):
        return 2 * self.counts.pages_per_language


# Text ---------------------------------------------------------------------------------------


class Writer:
    """Draws the same random choices for both languages: every method returns (German, English)."""

    def __init__(self, rng, places):
        self.rng = rng
        self.places = places

    def place(self):
        return self.rng.choice(self.places)

    def term(self, themes):
        return self.rng.choice(THEMES[self.rng.choice(themes)])

    def _fill(self, pair, term, place=None, **extra):
        place = place or self.place()
        values = {
            "n": self.rng.randint(3, 24),
            "year": self.rng.randint(2019, 2030),
            **extra,
        }
        de = pair[0].format(
            nom=term.nom, akk=term.akk, dat=term.dat, title=term.title, place=place[0], **values
        )
        en = pair[1].format(en=term.en, en_title=term.en_title, place=place[1], **values)
        return _capitalised(de), _capitalised(en)

    def sentence(self, themes, place=None):
        return self._fill(self.rng.choice(SENTENCES), self.term(themes), place)

    def general(self):
        return self._fill(self.rng.choice(GENERAL), self.term(list(THEMES)))

    def sentences(self, themes, count, place=None, rare=False):
        pairs = [
            self.sentence(themes, place) if self.rng.random() < 0.8 else self.general()
            for _ in range(count)
        ]
        if rare:
            pairs.insert(self.rng.randrange(len(pairs) + 1), RARE)
        return _join(pairs)

    def paragraphs(self, themes, count, place=None, rare=False):
        """Rich text: `count` paragraphs of three or four sentences."""
        texts = [
            self.sentences(themes, self.rng.randint(3, 4), place, rare and number == 0)
            for number in range(count)
        ]
        return tuple("".join(f"<p>{escape(text[lang])}</p>" for text in texts) for lang in (0, 1))

    def bullets(self, themes, count, place=None):
        items = [self.sentence(themes, place) for _ in range(count)]
        return tuple(
            "<ul>" + "".join(f"<li>{escape(item[lang])}</li>" for item in items) + "</ul>"
            for lang in (0, 1)
        )

    def title(self, patterns, themes, place=None, **extra):
        term, second = self.term(themes), self.term(themes)
        return self._fill(
            self.rng.choice(patterns),
            term,
            place,
            title2=second.bare,
            en2=second.en.removeprefix("the "),
            **extra,
        )

    def rare(self):
        return self.rng.randrange(RARE_EVERY) == 0


def _capitalised(text):
    return text[0].upper() + text[1:] if text else text


def _join(pairs):
    return " ".join(de for de, _en in pairs), " ".join(en for _de, en in pairs)


# Pages ------------------------------------------------------------------------------------------


@dataclass
class Translated:
    """A page to create in German and English: the field values of each language."""

    model: type
    de: dict
    en: dict
    topics: list = field(default_factory=list)
    presented_at: list = field(default_factory=list)
    # (German, English) parent when the pages do not all go under the same one.
    parent: tuple | None = None


class Tree:
    """Where new pages go: paths after a parent's existing children, url paths, locale."""

    def __init__(self):
        self.next_step = {}
        self.slugs = set()

    def place(self, page, parent):
        if parent.pk not in self.next_step:
            last = Page.objects.filter(
                path__startswith=parent.path, depth=parent.depth + 1
            ).aggregate(last=Max("path"))["last"]
            self.next_step[parent.pk] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        # Page.clean compares the slug with the siblings in the database, not with new ones.
        if (parent.pk, page.slug) in self.slugs:
            raise ValueError(f"Two new pages under {parent} have the slug {page.slug}")
        self.slugs.add((parent.pk, page.slug))
        step = self.next_step[parent.pk]
        self.next_step[parent.pk] = step + 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        # Treebeard's get_parent returns it without a query: Page.clean's slug check, _insert.
        page._cached_parent_obj = parent


def _validate(page):
    """Page.full_clean, as saving a live page runs it, without the checks the database makes
    itself when the rows are inserted (that related rows exist; unique paths and translation
    keys), which would cost a query each."""
    relations = [field.name for field in page._meta.concrete_fields if field.is_relation]
    page.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)


def _new_page(model, values, published, translation_key):
    page = model(
        **values,
        draft_title=values["title"],
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        latest_revision_created_at=published,
        translation_key=translation_key,
        content_type_id=ContentType.objects.get_for_model(model).pk,
    )
    # Nothing in memory means "none" for these relations, without asking the database.
    for relation in get_all_child_relations(model):
        setattr(page, relation.get_accessor_name(), [])
    for relation in get_all_child_m2m_relations(model):
        setattr(page, relation.name, [])
    return page


def _insert(pages):
    """Insert placed, validated pages of one model, live, with a revision each, their topics
    and their parents' child counts. Django's bulk_create refuses models with multi-table
    inheritance, so it inserts only the rows of wagtailcore_page (which gives the ids); the
    tables below it get theirs from _insert_rows."""
    model = type(pages[0])
    Page.objects.bulk_create(pages, batch_size=1000)
    for page in pages:
        for level in [model, *model._meta.get_parent_list()]:
            for parent_link in level._meta.parents.values():
                setattr(page, parent_link.attname, page.id)
        page._state.adding = False
        page._state.db = connection.alias
    for table in [*reversed(model._meta.get_parent_list()), model][1:]:
        _insert_rows(table, pages, table._meta.local_concrete_fields)
    for relation in get_all_child_m2m_relations(model):
        through = relation.remote_field.through
        own, other = relation.m2m_field_name(), relation.m2m_reverse_field_name()
        through.objects.bulk_create(
            through(**{f"{own}_id": page.pk, f"{other}_id": target.pk})
            for page in pages
            for target in getattr(page, relation.name).all()
        )
    # The revision an editor's publish leaves, its content serialised as Wagtail does.
    page_type = ContentType.objects.get_for_model(Page).pk
    revisions = [
        Revision(
            content_type_id=page.content_type_id,
            base_content_type_id=page_type,
            object_id=str(page.pk),
            created_at=page.last_published_at,
            object_str=page.title,
            content=page.serializable_data(),
        )
        for page in pages
    ]
    fields = [field for field in Revision._meta.local_concrete_fields if not field.primary_key]
    _insert_rows(Revision, revisions, fields)
    revision = Revision.objects.filter(
        base_content_type_id=page_type, object_id=Cast(OuterRef("pk"), CharField())
    ).values("pk")[:1]
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        latest_revision_id=Subquery(revision), live_revision_id=Subquery(revision)
    )
    added = Counter(page._cached_parent_obj.pk for page in pages)
    for parent_pk, number in added.items():
        Page.objects.filter(pk=parent_pk).update(numchild=F("numchild") + number)


def _insert_rows(model, objects, fields):
    """One INSERT per object into the model's own table, sent together (psycopg pipelines
    executemany). bulk_create's single INSERT … UNNEST quotes every large JSON value (the
    StreamFields, the revisions) in Python, which takes several times longer."""
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class Generator:
    def __init__(self, scale, stdout, today):
        self.counts = Counts.at(scale)
        self.stdout = stdout
        self.rng = random.Random(SEED)
        self.today = today or timezone.localdate()
        self.now = datetime.datetime.combine(self.today, datetime.time(8), BERLIN)
        self.tree = Tree()
        self.summary = Summary(self.counts)

    def key(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message + "\n")

    def timed(self, phase, work, *args):
        started = time.perf_counter()
        result = work(*args)
        self.summary.seconds[phase] = round(time.perf_counter() - started, 2)
        self.say(f"  {phase}: {self.summary.seconds[phase]:.1f} s")
        return result

    def run(self):
        de = Locale.objects.get(language_code="de")
        en = Locale.objects.get(language_code="en")
        self.locales = (de, en)
        home = Site.objects.get(is_default_site=True).root_page.specific
        event_index = EventIndexPage.objects.get(locale=de, slug=EVENT_INDEX_SLUG)
        case_study_index = CaseStudyIndexPage.objects.get(locale=de, slug=CASE_STUDY_INDEX_SLUG)
        self.parents = {
            "home": (home, home.get_translation(en)),
            "events": (event_index, event_index.get_translation(en)),
            "case_studies": (case_study_index, case_study_index.get_translation(en)),
        }
        self.topics = {
            topic.slug: (topic, topic.get_translation(en))
            for topic in Topic.objects.filter(locale=de, slug__in=THEMES)
        }
        missing = set(THEMES) - set(self.topics)
        if missing:
            raise RuntimeError(f"The demo content's topics are missing: {sorted(missing)}")
        with transaction.atomic():
            self.timed("snippets", self.snippets)
            self.writer = Writer(self.rng, [(m[0].name, m[1].name) for m in self.municipalities])
            self.timed("workshop series", self.series)
            self.timed("conferences", self.create, self.conferences(), "events")
            self.timed("workshop sessions", self.create, self.sessions())
            self.timed("case studies", self.create, self.case_studies(), "case_studies")
            self.timed("standard pages", self.create, self.standard_pages(), "home")
            problems = tree_problems()
            if any(problems.values()):
                raise RuntimeError(f"The page tree has problems: {problems}")
        # Header, footer and language switcher are cached under a version the publish signals
        # would have replaced.
        site_changed()
        self.timed("search index", lambda: call_command("update_index", verbosity=0))
        return self.summary

    # Snippets -------------------------------------------------------------------------------

    def snippets(self):
        rng = self.rng
        taken = set(Municipality.objects.values_list("slug", flat=True))
        names = [
            prefix + suffix
            for prefix in PLACE_PREFIXES
            for suffix in PLACE_SUFFIXES
            if slugify(prefix + suffix) not in taken
        ]
        rng.shuffle(names)
        states = [state.value for state in FederalState]
        municipalities = []
        for name in names[: self.counts.municipalities]:
            population = min(int(rng.lognormvariate(10.3, 1.1)) + 800, 3_000_000)
            shared = {
                "name": name,
                "slug": slugify(name),
                "municipality_type": rng.choice(["city", "city", "municipality", "district"]),
                "federal_state": rng.choice(states),
                "population": population,
                "size_class": SizeClass.for_population(population),
                "cohort": rng.choice([2019, 2020, 2021]),
                "latitude": Decimal(f"{rng.uniform(47.5, 54.8):.5f}"),
                "longitude": Decimal(f"{rng.uniform(6.0, 14.9):.5f}"),
            }
            municipalities.append(self._snippet_pair(Municipality, shared, {}, {}))
        self.municipalities = municipalities + self._demo_snippets(Municipality)
        places = [(german.name, english.name) for german, english in self.municipalities]

        venues = []
        for number in range(self.counts.venues):
            place, kind = places[number % len(places)], rng.choice(VENUE_KINDS)
            shared = {
                "street": f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
                "postcode": f"{rng.randint(1067, 99998):05d}",
                "federal_state": rng.choice(states),
                "latitude": Decimal(f"{rng.uniform(47.5, 54.8):.6f}"),
                "longitude": Decimal(f"{rng.uniform(6.0, 14.9):.6f}"),
            }
            german, english = (
                {
                    "name": kind[language].format(place=place[language]),
                    "city": place[language],
                    "accessibility_notes": ACCESSIBILITY_NOTES[language],
                }
                for language in (0, 1)
            )
            venues.append(self._snippet_pair(Venue, shared, german, english))
        self.venues = venues

        speakers = []
        for number in range(self.counts.speakers):
            first = FIRST_NAMES[number % len(FIRST_NAMES)]
            # A different last name for each first name's every round: no name twice.
            last = LAST_NAMES[(number // len(FIRST_NAMES) + number) % len(LAST_NAMES)]
            name = f"{first} {last}"
            role, organisation = rng.choice(ROLES), rng.choice(ORGANISATIONS)
            place, years = rng.choice(places), rng.randint(2, 15)
            german, english = (
                {
                    "role": role[language],
                    "organisation": organisation[language].format(place=place[language]),
                    "bio": BIOGRAPHY[language].format(name=name, years=years),
                }
                for language in (0, 1)
            )
            speakers.append(self._snippet_pair(Speaker, {"name": name}, german, english))
        self.speakers = speakers
        for model, pairs in ((Municipality, municipalities), (Venue, venues), (Speaker, speakers)):
            for language in (0, 1):
                snippets = [pair[language] for pair in pairs]
                for snippet in snippets:
                    snippet.full_clean()
                model.objects.bulk_create(snippets)

    def _snippet_pair(self, model, shared, german, english):
        key = self.key()
        de, en = self.locales
        return (
            model(**shared, **german, locale=de, translation_key=key),
            model(**shared, **english, locale=en, translation_key=key),
        )

    def _demo_snippets(self, model):
        de, en = self.locales
        english = {snippet.translation_key: snippet for snippet in model.objects.filter(locale=en)}
        return [
            (snippet, english[snippet.translation_key])
            for snippet in model.objects.filter(locale=de).order_by("pk")
            if snippet.translation_key in english
        ]

    # Pages ------------------------------------------------------------------------------------

    def series(self):
        translated = []
        for series_format, title, _short, slug in SERIES:
            description = self.writer.paragraphs(list(THEMES), 1)
            german, english = (
                {
                    "title": title[language],
                    "slug": slug[language],
                    "series_format": series_format,
                    "teaser": SERIES_TEASER[language],
                    "description": description[language],
                    "cadence": ("monatlich", "monthly")[language],
                }
                for language in (0, 1)
            )
            translated.append(Translated(WorkshopSeriesPage, german, english))
        created = self.create(translated, "events")
        self.series_pages = [
            (german, english, short)
            for (german, english), (_format, _title, short, _slug) in zip(
                created, SERIES, strict=True
            )
        ]

    def create(self, translated, parent_key=None):
        """Every page in German, then in English with its German page's translation key, each
        under its parent in that language; returns (German, English) pairs."""
        translated = list(translated)
        published = [
            self.now - datetime.timedelta(days=self.rng.randint(1, 1500), minutes=number)
            for number in range(len(translated))
        ]
        keys = [self.key() for _item in translated]
        created = []
        for language in (0, 1):
            pages = []
            for item, when, key in zip(translated, published, keys, strict=True):
                page = _new_page(item.model, (item.de, item.en)[language], when, key)
                if item.topics:
                    page.topics = [self.topics[slug][language] for slug in item.topics]
                if item.presented_at:
                    page.presented_at = item.presented_at
                self.tree.place(page, (item.parent or self.parents[parent_key])[language])
                _validate(page)
                pages.append(page)
            _insert(pages)
            created.append(pages)
        return list(zip(*created, strict=True))

    def _event(self, number, title, themes, place, start, online, event_format):
        """German and English field values of an event with its programme of 20 items."""
        rng, writer = self.rng, self.writer
        venue = None if online else rng.choice(self.venues)
        speakers = rng.sample(self.speakers, SPEAKERS_PER_EVENT)
        day = start.date()
        fixed = {0: OPENING, 9: LUNCH, 14: COFFEE, PROGRAMME_ITEMS - 1: CLOSING}
        items, talks = ([], []), 0
        for slot in range(PROGRAMME_ITEMS):
            begins = datetime.datetime.combine(day, datetime.time(9)) + datetime.timedelta(
                minutes=20 * slot
            )
            if slot in fixed:
                item_format, *item_title = fixed[slot]
                description, room = ("", ""), ("", "")
                chosen = [speakers[0]] if item_format != "break" else []
            else:
                item_format, *pattern = rng.choice(PROGRAMME_TITLES)
                item_title = writer.title([pattern], themes, place)
                description = writer.sentence(themes, place)
                room = rng.choice(ROOMS)
                # Every one of the event's speakers speaks at least once.
                chosen = [speakers[talks % SPEAKERS_PER_EVENT]]
                if item_format == "panel":
                    chosen.append(speakers[(talks + 1) % SPEAKERS_PER_EVENT])
                talks += 1
            for language in (0, 1):
                items[language].append(
                    {
                        "start": begins.time(),
                        "end": (begins + datetime.timedelta(minutes=20)).time(),
                        "title": item_title[language],
                        "format": item_format,
                        "description": description[language],
                        "room": "" if online else room[language],
                        "speakers": [speaker[language] for speaker in chosen],
                    }
                )
        teaser = writer.sentences(themes, 2, place)
        description = writer.paragraphs(themes, 2, place, rare=writer.rare())
        attendance = AttendanceMode.ONLINE if online else rng.choice(["offline", "mixed"])
        return [
            {
                "title": title[language],
                "slug": _slug(title[language], number),
                "teaser": teaser[language],
                "start": start,
                "end": datetime.datetime.combine(day, datetime.time(16), BERLIN),
                "event_format": event_format,
                "attendance_mode": attendance,
                "venue": venue[language] if venue else None,
                "online_notes": ONLINE_NOTES[language] if attendance != "offline" else "",
                "host_municipality": ("Stadt {}", "City of {}")[language].format(place[language]),
                "organiser": ORGANISER[language],
                "description": description[language],
                "programme": [("day", {"date": day, "items": items[language]})],
            }
            for language in (0, 1)
        ]

    def _event_start(self):
        day = self.today + datetime.timedelta(days=self.rng.randint(-3 * 365, 365))
        return datetime.datetime.combine(day, datetime.time(9), BERLIN)

    def _themes(self):
        return self.rng.sample(list(THEMES), self.rng.randint(1, 3))

    def conferences(self):
        for number in range(1, self.counts.conferences + 1):
            themes, place, start = self._themes(), self.writer.place(), self._event_start()
            title = self.writer.title(CONFERENCE_TITLES, themes, place, year=start.year)
            de, en = self._event(number, title, themes, place, start, False, "conference")
            yield Translated(ConferencePage, de, en, topics=themes)

    def sessions(self):
        for number in range(1, self.counts.workshop_sessions + 1):
            german, english, short = self.series_pages[number % len(self.series_pages)]
            themes, place, start = self._themes(), self.writer.place(), self._event_start()
            title = self.writer.title(
                SESSION_TITLES, themes, place, series=short[0], en_series=short[1]
            )
            online = self.rng.random() < 0.6
            de, en = self._event(number, title, themes, place, start, online, german.series_format)
            yield Translated(WorkshopPage, de, en, topics=themes, parent=(german, english))

    def case_studies(self):
        rng, writer = self.rng, self.writer
        conferences = list(ConferencePage.objects.filter(locale=self.locales[0]).order_by("pk"))
        for number in range(1, self.counts.case_studies + 1):
            themes = self._themes()
            municipality = rng.choice(self.municipalities)
            place = (municipality[0].name, municipality[1].name)
            title = writer.title(CASE_STUDY_TITLES, themes, place)
            sections = {
                "teaser": writer.sentences(themes, 2, place),
                "challenge": writer.paragraphs(themes, 1, place),
                "approach": writer.paragraphs(themes, 2, place, rare=writer.rare()),
                "results": writer.paragraphs(themes, 1, place),
                "lessons_learned": writer.bullets(themes, 3, place),
                "transferability": writer.paragraphs(themes, 1, place),
                "costs_and_funding": writer.paragraphs(themes, 1, place),
            }
            figures = [
                (str(rng.randint(2, 400)), rng.choice(FIGURE_LABELS))
                for _ in range(rng.randint(1, 4))
            ]
            contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            status = rng.choice(["in_progress", "completed"])
            values = [
                {
                    **{name: text[language] for name, text in sections.items()},
                    "title": title[language],
                    "slug": _slug(title[language], number),
                    "municipality": municipality[language],
                    "status": status,
                    "contact_name": contact,
                    "contact_role": ("Projektleitung", "Project lead")[language],
                    "contact_email": f"{slugify(contact).replace('-', '.')}@example.org",
                    "key_figures": [
                        ("figure", {"figure": figure, "label": label[language]})
                        for figure, label in figures
                    ],
                    "partners": [
                        (
                            "partner",
                            {
                                "name": ("Stadtwerke {}", "{} municipal utilities")[
                                    language
                                ].format(place[language]),
                                "role": ("Betrieb der Technik", "Running the technology")[language],
                                "url": "",
                            },
                        )
                    ],
                }
                for language in (0, 1)
            ]
            # Events are chosen on the German page; wagtail-localize keeps them on the English.
            presented = [rng.choice(conferences)] if rng.random() < 0.2 else []
            yield Translated(CaseStudyPage, *values, topics=themes, presented_at=presented)

    def standard_pages(self):
        rng, writer = self.rng, self.writer
        for number in range(1, self.counts.standard_pages + 1):
            themes = self._themes()
            title = writer.title(STANDARD_TITLES, themes)
            body = ([], [])
            rare = writer.rare()
            for section in range(rng.randint(2, 3)):
                term = writer.term(themes)
                text = writer.paragraphs(themes, rng.randint(1, 2), rare=rare and section == 0)
                for language, heading in enumerate((term.title, term.en_title)):
                    body[language].extend(
                        [
                            ("heading", {"text": heading, "level": "h2"}),
                            ("paragraph", text[language]),
                        ]
                    )
            teaser = writer.sentences(themes, 2)
            values = [
                {
                    "title": title[language],
                    "slug": _slug(title[language], number),
                    "teaser": teaser[language],
                    "body": body[language],
                }
                for language in (0, 1)
            ]
            yield Translated(StandardPage, *values)


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _slug(title, number):
    """As editors write them (ue for ü), numbered: unique among siblings, whatever the title."""
    return f"{slugify(title.lower().translate(UMLAUTS))[:80].rstrip('-')}-{number}"


def tree_problems():
    """What treebeard's Page.find_problems looks for, which takes two queries a page: paths with
    characters outside the alphabet or of a wrong length, pages without a parent, depths that
    do not match the path, child counts that do not match the children. Page ids by problem."""
    rows = list(Page.objects.values_list("pk", "path", "depth", "numchild"))
    steplen = Page.steplen
    paths = {path for _pk, path, _depth, _numchild in rows}
    children = Counter(path[:-steplen] for _pk, path, _depth, _numchild in rows)
    problems = {name: [] for name in ("alphabet", "length", "orphans", "depth", "numchild")}
    for pk, path, depth, numchild in rows:
        if set(path) - set(Page.alphabet):
            problems["alphabet"].append(pk)
        elif len(path) % steplen:
            problems["length"].append(pk)
        elif len(path) > steplen and path[:-steplen] not in paths:
            problems["orphans"].append(pk)
        elif depth != len(path) // steplen:
            problems["depth"].append(pk)
        elif numchild != children[path]:
            problems["numchild"].append(pk)
    return problems


def generate(scale=1.0, stdout=None, today=None):
    """Add the benchmark content to the demo site; returns a Summary with the counts and the
    seconds each phase took. `stdout` receives a line per phase."""
    return Generator(scale, stdout, today).run()
