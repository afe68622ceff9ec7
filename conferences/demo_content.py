"""The programme's events for the demo site. Dates of workshop sessions are relative to the
day the demo is loaded, so the demo always has upcoming events; the regional conference in
Gütersloh on 16 March 2023 is a fact from the programme and stays in the archive."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

BERLIN = ZoneInfo("Europe/Berlin")


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=BERLIN)


def relative_day(months, weekday=1):
    """A Tuesday roughly `months` from today: sessions stay in the future or past as intended."""
    day = timezone.localdate() + datetime.timedelta(days=round(months * 30.5))
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def describe_events(g):
    t = g.t
    venues = {
        "guetersloh": {
            "name": t("Rathaus Gütersloh", "Gütersloh Town Hall"),
            "street": t("Berliner Straße 70", "Berliner Straße 70"),
            "postcode": "33330",
            "city": t("Gütersloh", "Gütersloh"),
            "federal_state": "NW",
            "latitude": "51.906400",
            "longitude": "8.378400",
            "accessibility_notes": t(
                "Beispielinhalt: stufenloser Zugang über den Haupteingang, barrierefreies WC im "
                "Erdgeschoss.",
                "Sample content: step-free access through the main entrance, accessible toilet on "
                "the ground floor.",
            ),
        },
        "kassel": {
            "name": t("Beispielort: Kulturbahnhof Kassel", "Sample venue: Kulturbahnhof Kassel"),
            "street": t("Rainer-Dierichs-Platz 1", "Rainer-Dierichs-Platz 1"),
            "postcode": "34117",
            "city": t("Kassel", "Kassel"),
            "federal_state": "HE",
            "latitude": "51.318100",
            "longitude": "9.489500",
            "accessibility_notes": t(
                "Beispielinhalt: Aufzug vorhanden, Induktionsschleife im Saal.",
                "Sample content: lift available, induction loop in the hall.",
            ),
        },
    }
    speakers = {
        "moderation": {
            "name": t("Dr. Beispiel Moderatorin", "Dr Sample Moderator"),
            "role": t("Moderation (Beispielperson)", "Moderator (sample person)"),
            "organisation": t(
                "Koordinierungs- und Transferstelle Modellprojekte Smart Cities",
                "Coordination and Transfer Office for Smart Cities Model Projects",
            ),
            "bio": t(
                "Beispielinhalt: eine fiktive Person für die Vorführung des Programms.",
                "Sample content: a fictitious person to demonstrate the programme.",
            ),
        },
        "data_platform": {
            "name": t("Beispiel Referent", "Sample Speaker"),
            "role": t(
                "Leitung Datenplattform (Beispielperson)", "Head of data platform (sample person)"
            ),
            "organisation": t("Modellprojekt aus der Region", "Model project from the region"),
            "bio": "",
        },
    }

    conference_day = datetime.date(2023, 3, 16)

    def item(start, end, title, fmt, description=None, speakers=(), room=""):
        return {
            "start": datetime.time(*start),
            "end": datetime.time(*end),
            "title": t(*title),
            "format": fmt,
            "description": t(*description) if description else "",
            "room": t(room, room) if room else "",
            "speakers": list(speakers),
        }

    conference = {
        "title": t(
            "Daten in der Smart City – Zwischen digitaler Daseinsvorsorge und Souveränität",
            "Data in the smart city – between digital public services and sovereignty",
        ),
        "slug": t("regionalkonferenz-guetersloh-2023", "regional-conference-guetersloh-2023"),
        "teaser": t(
            "Regionalkonferenz in Gütersloh: Modellprojekte aus der Region zeigen, wie sie mit "
            "Daten arbeiten, und laden zum Austausch ein.",
            "Regional conference in Gütersloh: model projects from the region show how they work "
            "with data and invite you to exchange ideas.",
        ),
        "start": at(conference_day, 10),
        "end": at(conference_day, 16),
        "attendance_mode": "offline",
        "venue": "guetersloh",
        "host_municipality": t("Stadt Gütersloh", "City of Gütersloh"),
        "topics": [
            "datenethik",
            "urbane-datenplattformen",
            "digitale-zwillinge",
            "digitale-daseinsvorsorge",
        ],
        "description": g.paragraphs(
            (
                "Wie gehen Kommunen verantwortungsvoll mit Daten um? Die Regionalkonferenz "
                "behandelt Datenethik, urbane Datenplattformen und digitale urbane Zwillinge. "
                "Kommunen aus der Region stellen ihre Projekte vor, und es bleibt viel Raum für "
                "den Austausch.",
                "How do municipalities handle data responsibly? The regional conference covers "
                "data ethics, urban data platforms and digital urban twins. Municipalities from "
                "the region present their projects, with plenty of room for exchange.",
            ),
            (
                "Vor Ort wird das Parkraum-Modell des Gütersloher Rathausinnenhofs getestet. "
                "Die Konferenz richtet sich an alle Kommunen, die sich informieren und vernetzen "
                "möchten.",
                "On site, the parking model for the courtyard of Gütersloh town hall is put to "
                "the test. The conference is open to every municipality that wants to learn "
                "and connect.",
            ),
            (
                "Beispielinhalt: Uhrzeiten, Räume und Personen im Programm sind erfunden.",
                "Sample content: times, rooms and people in the programme are invented.",
            ),
        ),
        "programme": [
            (
                "day",
                {
                    "date": conference_day,
                    "items": [
                        item((10, 0), (10, 30), ("Begrüßung", "Welcome"), "talk",
                             speakers=["moderation"], room="Ratssaal"),
                        item((10, 30), (11, 30), ("Datenethik in der Kommune", "Data ethics in the municipality"),
                             "talk", ("Welche Daten darf und soll eine Kommune nutzen?",
                                      "Which data may and should a municipality use?"), room="Ratssaal"),
                        item((11, 30), (12, 30), ("Urbane Datenplattformen und digitale Zwillinge",
                                                   "Urban data platforms and digital twins"),
                             "panel", speakers=["data_platform", "moderation"], room="Ratssaal"),
                        item((12, 30), (13, 30), ("Mittagspause", "Lunch break"), "break"),
                        item((13, 30), (14, 30), ("Test: Parkraum-Modell im Rathausinnenhof",
                                                   "Test: parking model in the town hall courtyard"),
                             "excursion", room="Rathausinnenhof"),
                        item((14, 30), (16, 0), ("Austausch der Kommunen", "Exchange between municipalities"),
                             "discussion", speakers=["moderation"], room="Ratssaal"),
                    ],
                },
            )
        ],
    }  # fmt: skip

    def registration(capacity, waitlist=True):
        """Registration as the programme runs it: a few questions, capacity, waiting list."""
        return {
            "registration_enabled": True,
            "capacity": capacity,
            "waitlist_enabled": waitlist,
            "organiser_email": "veranstaltungen@example.org",
            "confirmation_text": t(
                "Beispielinhalt: Den Zugangslink und die Unterlagen erhalten Sie eine Woche vor "
                "dem Termin.",
                "Sample content: you will receive the access link and the materials one week "
                "before the date.",
            ),
            "waitlist_text": t(
                "Beispielinhalt: Wird ein Platz frei, rücken Sie automatisch nach.",
                "Sample content: if a place becomes free, you move up automatically.",
            ),
            "fields": [
                {"label": t("Name", "Name"), "field_type": "singleline", "required": True},
                {
                    "label": t("Kommune oder Organisation", "Municipality or organisation"),
                    "field_type": "singleline",
                    "required": True,
                },
                {
                    "label": t("Größe der Kommune", "Size of the municipality"),
                    "field_type": "radio",
                    "required": True,
                    "choices": g.lines(
                        [
                            "unter 20.000 Einwohner",
                            "20.000 bis 100.000 Einwohner",
                            "über 100.000 Einwohner",
                        ],
                        [
                            "under 20,000 inhabitants",
                            "20,000 to 100,000 inhabitants",
                            "over 100,000 inhabitants",
                        ],
                    ),
                },
                {
                    "label": t(
                        "Was brauchen Sie, um gut teilnehmen zu können?",
                        "What do you need to take part comfortably?",
                    ),
                    "field_type": "multiline",
                    "required": False,
                    "help_text": t(
                        "Zum Beispiel Gebärdensprachdolmetschung oder Untertitel.",
                        "For example sign-language interpreting or captions.",
                    ),
                },
            ],
        }

    def session(title, slug, months, hours, mode="online", venue=None, topics=(), register=None):
        day = relative_day(months)
        return (
            "session",
            {
                **(register or {}),
                "title": t(*title),
                "slug": t(*slug),
                "teaser": "",
                "start": at(day, hours[0]),
                "end": at(day, hours[1]),
                "attendance_mode": mode,
                "venue": venue,
                "online_notes": t(
                    "Den Zugangslink erhalten Sie mit der Anmeldebestätigung.",
                    "You will receive the access link with your registration confirmation.",
                )
                if mode != "offline"
                else "",
                "topics": list(topics),
            },
        )

    series = [
        (
            "series",
            {
                "title": t("Online-Kick-off-Workshops", "Online kick-off workshops"),
                "slug": t("kick-off-workshops", "kick-off-workshops"),
                "series_format": "kickoff",
                "teaser": t(
                    "Die Grundlagen der Smart City, zweimal im Jahr online.",
                    "The basics of the smart city, online twice a year.",
                ),
                "description": g.paragraphs((
                    "Die Kick-off-Workshops führen in die Grundlagen der Smart City ein: "
                    "Begriffe, Strategien, erste Schritte und was die Modellprojekte gelernt haben.",
                    "The kick-off workshops introduce the basics of the smart city: terms, "
                    "strategies, first steps and what the model projects have learned.",
                )),
                "audience": t(
                    "Kommunen, die am Anfang ihrer Smart-City-Entwicklung stehen.",
                    "Municipalities at the beginning of their smart city journey.",
                ),
                "cadence": t("halbjährlich", "every six months"),
                "children": [
                    session(("Kick-off-Workshop Frühjahr", "Kick-off workshop, spring"),
                            ("kick-off-fruehjahr", "kick-off-spring"), -5, (10, 13),
                            topics=["smart-city-strategie"]),
                    session(("Kick-off-Workshop Herbst", "Kick-off workshop, autumn"),
                            ("kick-off-herbst", "kick-off-autumn"), 1, (10, 13),
                            topics=["smart-city-strategie"], register=registration(30)),
                    session(("Kick-off-Workshop im nächsten Halbjahr", "Kick-off workshop, next half-year"),
                            ("kick-off-naechstes-halbjahr", "kick-off-next-half-year"), 7, (10, 13),
                            topics=["smart-city-strategie"]),
                ],
            },
        ),
        (
            "series",
            {
                "title": t("Themenwerkstätten", "Thematic workshops"),
                "slug": t("themenwerkstaetten", "thematic-workshops"),
                "series_format": "thematic",
                "teaser": t(
                    "Ein Handlungsfeld, einen Tag lang, mit den Modellprojekten.",
                    "One field of action, for one day, with the model projects.",
                ),
                "description": g.paragraphs((
                    "In den Themenwerkstätten vertiefen Kommunen ein Handlungsfeld gemeinsam mit "
                    "Modellprojekten, die dort schon Erfahrung haben.",
                    "In the thematic workshops municipalities explore one field of action with "
                    "model projects that already have experience in it.",
                )),
                "audience": t("Kommunen mit ersten Smart-City-Erfahrungen.",
                              "Municipalities with first smart city experience."),
                "cadence": t("mehrmals im Jahr", "several times a year"),
                "children": [
                    session(("Themenwerkstatt Urbane Datenplattformen", "Thematic workshop: urban data platforms"),
                            ("werkstatt-datenplattformen", "workshop-data-platforms"), 2, (10, 16),
                            mode="offline", venue="kassel", topics=["urbane-datenplattformen"],
                            register=registration(25, waitlist=False)),
                ],
            },
        ),
        (
            "series",
            {
                "title": t("Peer-Learning-Runde Datenplattformen", "Peer-learning round: data platforms"),
                "slug": t("peer-learning-datenplattformen", "peer-learning-data-platforms"),
                "series_format": "peer_learning",
                "teaser": t(
                    "Eine feste Gruppe von Kommunen lernt über mehrere Monate voneinander.",
                    "A fixed group of municipalities learns from each other over several months.",
                ),
                "description": g.paragraphs((
                    "Die moderierte Runde läuft über sechs bis zwölf Monate. Fragen aus der "
                    "Initialberatung werden gemeinsam vertieft; im Mittelpunkt steht die konkrete "
                    "Umsetzung.",
                    "The moderated round runs for six to twelve months. Questions from the "
                    "initial consultation are explored together, with the focus on concrete "
                    "implementation.",
                )),
                "audience": t("Kommunen, die eine Datenplattform planen oder aufbauen.",
                              "Municipalities planning or building a data platform."),
                "cadence": t("alle zwei Monate, sechs bis zwölf Monate lang",
                             "every two months, for six to twelve months"),
                "children": [
                    session(("Peer-Learning: Auftakt", "Peer learning: opening session"),
                            ("peer-learning-auftakt", "peer-learning-opening"), 0.7, (14, 16),
                            topics=["urbane-datenplattformen"]),
                    session(("Peer-Learning: Datenmodelle", "Peer learning: data models"),
                            ("peer-learning-datenmodelle", "peer-learning-data-models"), 2.7, (14, 16),
                            topics=["urbane-datenplattformen", "datenethik"]),
                ],
            },
        ),
    ]  # fmt: skip

    index = (
        "event_index",
        {
            "title": t("Veranstaltungen", "Events"),
            "slug": t("veranstaltungen", "events"),
            "show_in_menus": True,
            "teaser": t(
                "Kick-off-Workshops, Themenwerkstätten, Peer-Learning und Regionalkonferenzen.",
                "Kick-off workshops, thematic workshops, peer learning and regional conferences.",
            ),
            "intro": g.paragraphs(
                (
                    "Alle Veranstaltungen von Start Smart: online und vor Ort, für Kommunen jeder "
                    "Größe.",
                    "All Start Smart events: online and on site, for municipalities of every size.",
                )
            ),
            "children": [("conference", conference), *series],
        },
    )
    return {"venues": venues, "speakers": speakers, "index": index}
