"""Case studies for the demo site: invented model projects in fictional municipalities, in
German with their English translation. The municipalities are obviously fictional
(Musterstadt, Beispielfeld …) because the projects, figures and people are made up; every case
study page starts with the sample-content notice, and invented amounts are marked as such."""

from home.demo_content import NOTICE_DE, NOTICE_EN


def describe_case_studies(g):
    """Extra topics, municipalities, the case study index and its case studies, as data."""
    t = g.t

    def notice_and(*pairs):
        """The challenge section, headed by the sample-content notice."""
        return g.paragraphs((NOTICE_DE, NOTICE_EN), *pairs)

    def figure(value, label):
        return ("figure", {"figure": value, "label": label})

    def partner(name, role, url=""):
        return ("partner", {"name": name, "role": role, "url": url})

    def person(name):
        """Fictional contact people keep their name in English."""
        return t(name, name)

    topics = [
        (t("Bürgerbeteiligung", "Citizen participation"), "buergerbeteiligung"),
        (t("Klima und Umwelt", "Climate and environment"), "klima-und-umwelt"),
        (t("Digitale Verwaltung", "Digital administration"), "digitale-verwaltung"),
        (t("Energie", "Energy"), "energie"),
    ]
    for _name, slug in topics:
        t(slug, slug)

    municipalities = {
        "musterstadt": {"name": t("Musterstadt", "Musterstadt"), "slug": "musterstadt", "municipality_type": "city", "federal_state": "NW", "population": 214500, "cohort": 2019, "latitude": "51.65320", "longitude": "7.38150", "website": ""},
        "landkreis-musterland": {"name": t("Landkreis Musterland", "Musterland District"), "slug": "landkreis-musterland", "municipality_type": "district", "federal_state": "NI", "population": 138700, "cohort": 2020, "latitude": "52.62410", "longitude": "8.12870", "website": ""},
        "beispielfeld": {"name": t("Beispielfeld", "Beispielfeld"), "slug": "beispielfeld", "municipality_type": "city", "federal_state": "HE", "population": 58300, "cohort": 2019, "latitude": "50.72150", "longitude": "8.94380", "website": ""},
        "zweckverband-beispieltal": {"name": t("Zweckverband Beispieltal", "Beispieltal inter-municipal association"), "slug": "zweckverband-beispieltal", "municipality_type": "association", "federal_state": "RP", "population": 27400, "cohort": 2021, "latitude": "49.93820", "longitude": "7.28450", "website": ""},
        "beispielheim": {"name": t("Beispielheim", "Beispielheim"), "slug": "beispielheim", "municipality_type": "municipality", "federal_state": "BW", "population": 8900, "cohort": 2020, "latitude": "48.35640", "longitude": "9.61870", "website": ""},
        "musterhofen": {"name": t("Musterhofen", "Musterhofen"), "slug": "musterhofen", "municipality_type": "city", "federal_state": "BY", "population": 312000, "cohort": 2021, "latitude": "49.21450", "longitude": "11.64320", "website": ""},
        "musterbach": {"name": t("Musterbach", "Musterbach"), "slug": "musterbach", "municipality_type": "municipality", "federal_state": "TH", "population": 6300, "cohort": 2019, "latitude": "50.67820", "longitude": "11.25460", "website": ""},
        "beispielberg": {"name": t("Beispielberg", "Beispielberg"), "slug": "beispielberg", "municipality_type": "city", "federal_state": "SN", "population": 126000, "cohort": 2020, "latitude": "51.12450", "longitude": "13.21870", "website": ""},
        "beispielstedt": {"name": t("Beispielstedt", "Beispielstedt"), "slug": "beispielstedt", "municipality_type": "city", "federal_state": "ST", "population": 42000, "cohort": 2019, "latitude": "51.90870", "longitude": "11.43210", "website": ""},
        "musterfelde": {"name": t("Musterfelde", "Musterfelde"), "slug": "musterfelde", "municipality_type": "city", "federal_state": "BB", "population": 23500, "cohort": 2020, "latitude": "52.17820", "longitude": "14.16430", "website": ""},
        "beispielhafen": {"name": t("Beispielhafen", "Beispielhafen"), "slug": "beispielhafen", "municipality_type": "city", "federal_state": "SH", "population": 16800, "cohort": 2021, "latitude": "54.16200", "longitude": "10.91500", "website": ""},
        "beispielow": {"name": t("Beispielow", "Beispielow"), "slug": "beispielow", "municipality_type": "municipality", "federal_state": "MV", "population": 11700, "cohort": 2021, "latitude": "53.71240", "longitude": "12.41870", "website": ""},
    }  # fmt: skip

    index = {
        "title": t("Praxisbeispiele", "Case studies"),
        "slug": t("praxisbeispiele", "case-studies"),
        "show_in_menus": True,
        "teaser": t(
            "Wie Modellprojekte Smart Cities ihre Vorhaben umgesetzt haben: Ausgangslage, Vorgehen, Ergebnisse und was andere Kommunen davon übernehmen können.",
            "How Smart Cities model projects put their plans into practice: the starting point, the approach, the results and what other municipalities can take over.",
        ),
        "intro": g.paragraphs(
            (
                "Hier finden Sie Praxisbeispiele aus den Modellprojekten Smart Cities. Jedes Beispiel beschreibt, vor welcher Aufgabe eine Kommune stand, wie sie vorgegangen ist und was sie dabei gelernt hat. Filtern Sie nach Thema, Bundesland, Größe der Kommune oder Förderstaffel.",
                "Here you will find case studies from the Smart Cities model projects. Each one describes the task a municipality faced, how it went about it and what it learned along the way. Filter by topic, federal state, size of municipality or funding cohort.",
            ),
            (
                "Beispielinhalt: Die Kommunen und Projekte auf dieser Seite sind erfunden und dienen nur der Vorführung. Namen, Zahlen und Ansprechpersonen sind frei gewählt.",
                "Sample content: the municipalities and projects on this page are invented and only serve as a demonstration. Names, figures and contact persons are made up.",
            ),
        ),
    }

    case_studies = [
        # Musterstadt (NW), the first of its two case studies.
        {
            "title": t(
                "Offene Daten für alle: die urbane Datenplattform Musterstadt",
                "Open data for everyone: the Musterstadt urban data platform",
            ),
            "slug": t("urbane-datenplattform-musterstadt", "urban-data-platform-musterstadt"),
            "teaser": t(
                "Musterstadt bündelt Verkehrs-, Umwelt- und Verwaltungsdaten auf einer offenen Plattform und stellt sie Bürgerschaft, Wirtschaft und Forschung frei zur Verfügung.",
                "Musterstadt brings traffic, environmental and administrative data together on one open platform and makes it freely available to residents, businesses and researchers.",
            ),
            "municipality": "musterstadt",
            "topics": ["urbane-datenplattformen", "smart-city-strategie"],
            "status": "completed",
            "challenge": notice_and(
                (
                    "Die Daten der Stadtverwaltung lagen in mehr als 40 Fachverfahren, oft in Formaten, die nur das jeweilige Amt lesen konnte. Anfragen aus Politik und Bürgerschaft wurden per E-Mail beantwortet, Auswertungen über Ämtergrenzen hinweg kosteten Wochen.",
                    "The city administration's data was spread over more than 40 specialist systems, often in formats only the department concerned could read. Requests from councillors and residents were answered by email, and analyses across departments took weeks.",
                ),
                (
                    "Zugleich sollten die Messwerte neuer Sensoren im Stadtgebiet nicht in einer weiteren Insellösung landen.",
                    "At the same time, the city did not want readings from new sensors around town to end up in yet another isolated system.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Stadt hat eine urbane Datenplattform auf Basis offener Standards und quelloffener Software aufgebaut. Jeder Datensatz hat eine verantwortliche Person im Fachamt, eine Beschreibung und eine Lizenz; Schnittstellen liefern die Daten maschinenlesbar aus.",
                    "The city built an urban data platform based on open standards and open-source software. Every dataset has a named owner in the specialist department, a description and a licence; interfaces deliver the data in machine-readable form.",
                ),
                (
                    "Begonnen wurde mit wenigen, stark nachgefragten Datensätzen: Parkhausbelegung, Baustellen, Luftqualität und freie Kita-Plätze. Ein kleines Team der Stabsstelle Digitalisierung begleitet die Ämter bei der Veröffentlichung.",
                    "It started with a few datasets in high demand: car park occupancy, roadworks, air quality and free childcare places. A small team from the digitalisation unit helps the departments publish their data.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Seit dem Start sind über 180 Datensätze online gegangen, die meisten werden täglich oder stündlich aktualisiert. Ein örtlicher Verein hat daraus eine Baustellen-App gebaut, und interne Auswertungen, die früher Wochen dauerten, sind nun in wenigen Stunden erledigt.",
                    "Since the launch, more than 180 datasets have gone online, most of them updated daily or hourly. A local volunteer group has built a roadworks app on top of them, and internal analyses that used to take weeks now take a few hours.",
                ),
            ),
            "key_figures": [
                figure("180", t("offene Datensätze", "open datasets")),
                figure("23", t("beteiligte Fachämter", "departments taking part")),
                figure(t("2,1 Mio.", "2.1 million"), t("Abrufe über die Schnittstellen pro Jahr", "requests to the interfaces per year")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Mit wenigen gefragten Datensätzen beginnen, statt auf Vollständigkeit zu warten.",
                    "Start with a few datasets people actually ask for rather than waiting until everything is complete.",
                ),
                (
                    "Jeder Datensatz braucht eine verantwortliche Person im Fachamt, sonst veraltet er schnell.",
                    "Every dataset needs a named owner in the department, otherwise it soon goes out of date.",
                ),
                (
                    "Offene Lizenzen von Anfang an zu klären, erspart später lange Abstimmungen mit dem Rechtsamt.",
                    "Settling open licences from the outset saves long discussions with the legal department later on.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Plattform und Datenmodelle sind als quelloffene Software dokumentiert und können von anderen Kommunen übernommen werden. Kleinere Städte können die Plattform gemeinsam mit ihrem kommunalen IT-Dienstleister betreiben, statt eigene Server aufzubauen.",
                    "The platform and data models are documented as open-source software and can be adopted by other municipalities. Smaller towns can run the platform together with their municipal IT service provider instead of setting up servers of their own.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Aufbau und Betrieb der Plattform über drei Jahre kosteten rund 2,4 Millionen Euro. Das Förderprogramm Modellprojekte Smart Cities trug 65 Prozent, den Eigenanteil von 35 Prozent übernahm die Stadt.",
                    "Sample figures: setting up and running the platform for three years cost around €2.4 million. The Smart Cities model projects funding programme covered 65 per cent; the city paid its own share of 35 per cent.",
                ),
            ),
            "partners": [
                partner(t("Stadtwerke Musterstadt", "Musterstadt municipal utilities"), t("Betrieb der Sensorik und des Rechenzentrums", "Running the sensors and the data centre")),
                partner(t("Hochschule Musterstadt", "Musterstadt University of Applied Sciences"), t("Datenmodelle und Evaluation", "Data models and evaluation")),
            ],
            "contact_name": person("Jana Beispiel"),
            "contact_role": t(
                "Leiterin der Stabsstelle Digitalisierung (Beispielperson)",
                "Head of the digitalisation unit (sample person)",
            ),
            "contact_email": "jana.beispiel@example.org",
            "contact_phone": "+49 30 000000",
            "presented_at": ["regionalkonferenz-guetersloh-2023"],
        },
        # Musterstadt (NW), its second case study.
        {
            "title": t(
                "Ein Datenethikbeirat für Musterstadt",
                "A data ethics advisory board for Musterstadt",
            ),
            "slug": t("datenethikbeirat-musterstadt", "data-ethics-board-musterstadt"),
            "teaser": t(
                "Ein unabhängiger Beirat aus Bürgerinnen, Bürgern und Fachleuten wägt ab, welche Daten die Stadt erheben und nutzen soll, bevor neue Sensoren oder Auswertungen starten.",
                "An independent board of residents and experts weighs up which data the city should collect and use before new sensors or analyses go live.",
            ),
            "municipality": "musterstadt",
            "topics": ["datenethik", "buergerbeteiligung"],
            "status": "in_progress",
            "challenge": notice_and(
                (
                    "Mit der Datenplattform wuchs die Zahl der Ideen, Daten zu verknüpfen: Passantenzählungen in der Innenstadt, Auswertungen von Mobilfunkdaten, Kameras an Kreuzungen. Rechtlich war vieles zulässig, doch in der Bürgerschaft nahm die Sorge vor Überwachung zu.",
                    "The data platform brought more and more ideas for combining data: pedestrian counts in the city centre, analyses of mobile phone data, cameras at junctions. Much of it was legally permissible, but residents grew increasingly worried about surveillance.",
                ),
                (
                    "Der Verwaltung fehlte ein Verfahren, um solche Vorhaben vor dem Start offen abzuwägen.",
                    "The administration had no procedure for weighing up such plans openly before they began.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Stadt hat Leitlinien für den ethischen Umgang mit Daten erarbeitet und einen Beirat eingesetzt: sechs per Los ausgewählte Bürgerinnen und Bürger sowie fünf Fachleute aus Recht, Informatik und Zivilgesellschaft.",
                    "The city drew up guidelines for the ethical use of data and set up an advisory board: six residents chosen by lot and five experts from law, computer science and civil society.",
                ),
                (
                    "Jedes Vorhaben mit personenbezogenen oder sensiblen Daten durchläuft einen kurzen Prüfbogen. Bestehen Zweifel, berät der Beirat und gibt eine öffentliche Empfehlung ab, bevor der Stadtrat entscheidet.",
                    "Every project involving personal or sensitive data goes through a short checklist. Where there are doubts, the board discusses it and issues a public recommendation before the city council decides.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Der Beirat hat bisher 14 Vorhaben beraten. Zwei wurden deutlich verändert, etwa die Passantenzählung, die jetzt mit Infrarotsensoren statt mit Kameras arbeitet; eines wurde auf seine Empfehlung hin nicht umgesetzt. Alle Empfehlungen sind auf der Website der Stadt nachzulesen.",
                    "So far the board has advised on 14 projects. Two were changed considerably, for example the pedestrian count, which now uses infrared sensors instead of cameras; one was dropped on its recommendation. All recommendations are published on the city's website.",
                ),
            ),
            "key_figures": [
                figure("14", t("beratene Vorhaben", "projects reviewed")),
                figure("11", t("Mitglieder, davon sechs per Los bestimmt", "members, six of them chosen by lot")),
                figure("3", t("Vorhaben geändert oder gestoppt", "projects changed or stopped")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Den Beirat früh einbinden, solange sich ein Vorhaben noch ändern lässt.",
                    "Involve the board early, while a project can still be changed.",
                ),
                (
                    "Per Los ausgewählte Mitglieder stellen Fragen, an die Fachleute nicht denken.",
                    "Members chosen by lot ask questions that experts do not think of.",
                ),
                (
                    "Öffentliche Empfehlungen schaffen Vertrauen, auch wenn sie nicht bindend sind.",
                    "Public recommendations build trust, even though they are not binding.",
                ),
                (
                    "Ohne eine Geschäftsstelle in der Verwaltung ist der Beirat nicht arbeitsfähig.",
                    "Without a secretariat in the administration, the board cannot do its work.",
                ),
            ),
            "transferability": g.bullets(
                (
                    "Leitlinien und Prüfbogen stehen als Vorlage bereit und lassen sich an die eigene Kommune anpassen.",
                    "The guidelines and checklist are available as templates and can be adapted to your own municipality.",
                ),
                (
                    "Kleinere Kommunen können einen gemeinsamen Beirat mit Nachbargemeinden oder dem Landkreis bilden.",
                    "Smaller municipalities can set up a joint board with neighbouring municipalities or their district.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Geschäftsstelle, Aufwandsentschädigungen und externe Moderation kosten rund 60.000 Euro im Jahr. Der Aufbau wurde im Förderprogramm Modellprojekte Smart Cities mitfinanziert; den laufenden Betrieb trägt die Stadt inzwischen aus dem eigenen Haushalt.",
                    "Sample figures: the secretariat, expense allowances and external facilitation cost around €60,000 a year. Setting up the board was co-funded by the Smart Cities model projects programme; the city now pays for running it from its own budget.",
                ),
            ),
            "partners": [
                partner(t("Hochschule Musterstadt", "Musterstadt University of Applied Sciences"), t("Wissenschaftliche Begleitung des Beirats", "Academic support for the board")),
                partner(t("Digitalverein Musterstadt e. V.", "Musterstadt digital association"), t("Vertretung der Zivilgesellschaft im Beirat", "Representing civil society on the board")),
            ],
            "contact_name": person("Tobias Muster"),
            "contact_role": t(
                "Geschäftsstelle des Datenethikbeirats (Beispielperson)",
                "Secretariat of the data ethics board (sample person)",
            ),
            "contact_email": "tobias.muster@example.org",
            "contact_phone": "+49 30 000000",
            "presented_at": ["regionalkonferenz-guetersloh-2023"],
        },
        # Beispielfeld (HE)
        {
            "title": t(
                "Digitaler Zwilling für den Hochwasserschutz in Beispielfeld",
                "A digital twin for flood protection in Beispielfeld",
            ),
            "slug": t(
                "digitaler-zwilling-hochwasserschutz-beispielfeld",
                "digital-twin-flood-protection-beispielfeld",
            ),
            "teaser": t(
                "Ein dreidimensionales Stadtmodell mit Pegel- und Niederschlagsdaten zeigt, welche Straßen bei Starkregen volllaufen, und hilft, Schutzmaßnahmen gezielt zu planen.",
                "A three-dimensional town model fed with water-level and rainfall data shows which streets flood in heavy rain and helps target protective measures.",
            ),
            "municipality": "beispielfeld",
            "topics": ["digitale-zwillinge", "klima-und-umwelt"],
            "status": "in_progress",
            "challenge": notice_and(
                (
                    "Beispielfeld liegt an einem kleinen Fluss mit mehreren Zuläufen. Nach zwei Starkregenereignissen mit vollgelaufenen Kellern und gesperrten Straßen fehlte der Stadt ein Überblick, wo das Wasser abfließt, wo es sich staut und welche Maßnahmen am meisten bringen.",
                    "Beispielfeld lies on a small river with several tributaries. After two cloudbursts that flooded cellars and closed roads, the town had no clear picture of where the water drains away, where it backs up and which measures would help most.",
                ),
                (
                    "Die vorhandenen Gefahrenkarten waren statisch und für Laien kaum verständlich.",
                    "The existing hazard maps were static and hard for non-specialists to understand.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Gemeinsam mit dem Vermessungsamt und einer Hochschule entstand ein digitaler Zwilling des Stadtgebiets: Gelände, Gebäude, Kanalnetz und Gewässer in einem Modell. Zwölf neue Pegel- und Regensensoren liefern laufend Messwerte, und Simulationen zeigen, wie sich verschiedene Regenmengen auswirken.",
                    "Together with the surveying office and a university, the town created a digital twin of its area: terrain, buildings, sewer network and watercourses in a single model. Twelve new water-level and rain sensors supply readings continuously, and simulations show the effect of different amounts of rainfall.",
                ),
                (
                    "Für die Bürgerschaft gibt es eine vereinfachte Ansicht, in der jede Adresse ihr Starkregenrisiko nachschlagen kann.",
                    "For residents there is a simplified view in which anyone can look up the heavy-rain risk for their address.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Mit dem Modell wurden drei Rückhalteflächen und ein Notabflussweg geplant; der Bau der ersten Fläche hat begonnen. Die Feuerwehr nutzt die Simulationen für ihre Einsatzplanung, und im ersten Jahr haben rund 4.000 Haushalte ihr Risiko online abgefragt.",
                    "The model has been used to plan three retention areas and an emergency flow path, and construction of the first area has begun. The fire brigade uses the simulations for operational planning, and in the first year around 4,000 households looked up their risk online.",
                ),
            ),
            "key_figures": [
                figure("12", t("neue Pegel- und Regensensoren", "new water-level and rain sensors")),
                figure(t("4.000", "4,000"), t("Risikoabfragen durch Haushalte", "risk look-ups by households")),
                figure("3", t("geplante Rückhalteflächen", "retention areas planned")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Ein digitaler Zwilling lohnt sich, wenn er eine konkrete Frage beantwortet, nicht als Selbstzweck.",
                    "A digital twin pays off when it answers a specific question, not as an end in itself.",
                ),
                (
                    "Kanalnetzdaten sind oft lückenhaft; ihre Aufbereitung hat mehr Zeit gekostet als geplant.",
                    "Sewer network data is often patchy; preparing it took longer than planned.",
                ),
                (
                    "Feuerwehr und Tiefbauamt früh einbeziehen: Sie sind die wichtigsten Nutzer.",
                    "Involve the fire brigade and the civil engineering department early on: they are the most important users.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Das Datenmodell folgt offenen Standards für 3D-Stadtmodelle und lässt sich auf andere Kommunen übertragen. Wer bereits eine Starkregengefahrenkarte des Landes hat, kann darauf aufbauen und mit wenigen Sensoren beginnen.",
                    "The data model follows open standards for 3D city models and can be applied in other municipalities. Those who already have a heavy-rain hazard map from their federal state can build on it and start with just a few sensors.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Modell, Sensoren und Simulationen kosten rund 1,3 Millionen Euro. Die Förderung aus dem Programm Modellprojekte Smart Cities deckt 65 Prozent; den Rest finanziert die Stadt gemeinsam mit ihrem Abwasserbetrieb.",
                    "Sample figures: the model, sensors and simulations cost around €1.3 million. Funding from the Smart Cities model projects programme covers 65 per cent; the town finances the rest together with its wastewater utility.",
                ),
            ),
            "partners": [
                partner(t("Hochschule Beispielfeld", "Beispielfeld University of Applied Sciences"), t("Hydraulische Simulationen", "Hydraulic simulations")),
                partner(t("Abwasserbetrieb Beispielfeld", "Beispielfeld wastewater utility"), t("Kanalnetzdaten und Mitfinanzierung", "Sewer data and co-funding")),
                partner(t("Freiwillige Feuerwehr Beispielfeld", "Beispielfeld volunteer fire brigade"), t("Erprobung in der Einsatzplanung", "Testing in operational planning")),
            ],
            "contact_name": person("Leonie Beispielmann"),
            "contact_role": t(
                "Projektleiterin Digitaler Zwilling im Tiefbauamt (Beispielperson)",
                "Digital twin project lead, civil engineering department (sample person)",
            ),
            "contact_email": "leonie.beispielmann@example.org",
            "contact_phone": "+49 30 000000",
            "presented_at": ["regionalkonferenz-guetersloh-2023"],
        },
        # Zweckverband Beispieltal (RP)
        {
            "title": t(
                "Ein Funknetz für fünf Gemeinden: LoRaWAN im Beispieltal",
                "One radio network for five municipalities: LoRaWAN in the Beispieltal",
            ),
            "slug": t("lorawan-netz-beispieltal", "lorawan-network-beispieltal"),
            "teaser": t(
                "Fünf Gemeinden betreiben gemeinsam ein energiesparendes Funknetz für Sensoren, von Wasserzählern bis zur Luftgütemessung in Schulen.",
                "Five municipalities jointly run a low-power radio network for sensors, from water meters to indoor air monitoring in schools.",
            ),
            "municipality": "zweckverband-beispieltal",
            "topics": ["urbane-datenplattformen", "digitale-daseinsvorsorge"],
            "status": "completed",
            "challenge": notice_and(
                (
                    "Im Beispieltal leben rund 27.000 Menschen in fünf Gemeinden und vielen kleinen Ortsteilen. Jede Gemeinde hatte Ideen für Sensoren, etwa zum Ablesen von Wasserzählern oder zur Überwachung von Regenrückhaltebecken, doch keine konnte allein ein Funknetz aufbauen und betreiben.",
                    "Around 27,000 people live in the Beispieltal, spread over five municipalities and many small villages. Each municipality had ideas for sensors, such as reading water meters or monitoring stormwater basins, but none could build and run a radio network on its own.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Gemeinden haben die Aufgabe ihrem gemeinsamen Zweckverband übertragen. Er hat 22 LoRaWAN-Gateways auf Feuerwehrhäusern, Kirchtürmen und Hochbehältern installiert und betreibt einen zentralen Netzserver. Die Messwerte fließen in eine gemeinsame Datenplattform, auf der jede Gemeinde nur ihre eigenen Sensoren sieht.",
                    "The municipalities handed the task to their joint association. It installed 22 LoRaWAN gateways on fire stations, church towers and water reservoirs and runs a central network server. Readings flow into a shared data platform, where each municipality sees only its own sensors.",
                ),
                (
                    "Zuerst wurden Anwendungen mit klarem Nutzen umgesetzt: Fernablesung von Wasserzählern, Füllstände der Regenbecken und CO2-Ampeln in Grundschulen.",
                    "The first applications were those with a clear benefit: remote reading of water meters, fill levels of stormwater basins and CO2 traffic lights in primary schools.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Das Netz deckt inzwischen 95 Prozent der bebauten Fläche ab, über 1.400 Sensoren sind angeschlossen. Kontrollfahrten zu Pumpwerken und Becken haben sich halbiert, und Lecks im Wassernetz fallen meist innerhalb eines Tages auf.",
                    "The network now covers 95 per cent of the built-up area, and more than 1,400 sensors are connected. Inspection trips to pumping stations and basins have halved, and leaks in the water network are usually spotted within a day.",
                ),
            ),
            "key_figures": [
                figure("22", t("Gateways für fünf Gemeinden", "gateways for five municipalities")),
                figure(t("1.400", "1,400"), t("angeschlossene Sensoren", "connected sensors")),
                figure(t("95 %", "95%"), t("Abdeckung der bebauten Fläche", "coverage of the built-up area")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Ein gemeinsamer Träger senkt die Kosten und verhindert, dass jede Gemeinde eigene Technik kauft.",
                    "A joint body lowers costs and stops each municipality from buying its own equipment.",
                ),
                (
                    "Standorte auf kommunalen Dächern früh sichern; die Genehmigung für Kirchtürme braucht Zeit.",
                    "Secure sites on municipal roofs early; permission for church towers takes time.",
                ),
                (
                    "Nur Geräte mit offenen Schnittstellen beschaffen, damit die Daten nicht bei einem Hersteller festhängen.",
                    "Only buy devices with open interfaces so that the data does not get locked in with one manufacturer.",
                ),
            ),
            "transferability": g.bullets(
                (
                    "Das Modell passt besonders zu ländlichen Räumen, in denen sich Gemeinden ohnehin Aufgaben teilen.",
                    "The model particularly suits rural areas where municipalities already share tasks.",
                ),
                (
                    "Ausschreibungsunterlagen und Betriebskonzept gibt der Zweckverband auf Anfrage weiter.",
                    "The association shares its tender documents and operating concept on request.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Gateways, Netzserver und die ersten 600 Sensoren kosteten rund 480.000 Euro. Das Förderprogramm Modellprojekte Smart Cities übernahm 65 Prozent; den Eigenanteil teilen sich die fünf Gemeinden nach Einwohnerzahl, die Wasserzähler finanziert die Wasserversorgung selbst.",
                    "Sample figures: the gateways, network server and first 600 sensors cost around €480,000. The Smart Cities model projects programme covered 65 per cent; the five municipalities split their own share by population, and the water utility pays for its meters itself.",
                ),
            ),
            "partners": [
                partner(t("Gemeindewerke Beispieltal", "Beispieltal municipal works"), t("Wasserversorgung und Abwasser", "Water supply and wastewater")),
                partner(t("IT-Zweckverband Beispielland", "Beispielland IT association"), t("Betrieb des Netzservers", "Running the network server")),
            ],
            "contact_name": person("Murat Beispiel"),
            "contact_role": t(
                "Geschäftsführer des Zweckverbands Beispieltal (Beispielperson)",
                "Managing director of the Beispieltal association (sample person)",
            ),
            "contact_email": "murat.beispiel@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Beispielheim (BW)
        {
            "title": t(
                "Dorfbüro Beispielheim: Bürgerservice, Coworking und Treffpunkt unter einem Dach",
                "Beispielheim village hub: council services, coworking and a meeting place under one roof",
            ),
            "slug": t("dorfbuero-beispielheim", "village-hub-beispielheim"),
            "teaser": t(
                "In einem leerstehenden Ladengeschäft ist ein digitales Dorfbüro entstanden: mit Bürgerservice per Videoberatung, Coworking-Plätzen und Hilfe für alle, die mit dem Smartphone noch unsicher sind.",
                "An empty shop has become a digital village hub, offering council services by video call, coworking desks and help for anyone still unsure with a smartphone.",
            ),
            "municipality": "beispielheim",
            "topics": ["digitale-daseinsvorsorge", "digitale-verwaltung"],
            "status": "completed",
            "challenge": notice_and(
                (
                    "Beispielheim hat rund 8.900 Einwohnerinnen und Einwohner in vier Ortsteilen. Die Bank hatte ihre Filiale geschlossen, die nächste Servicestelle des Landratsamts ist 25 Kilometer entfernt, und viele Berufstätige pendeln täglich in die Stadt.",
                    "Beispielheim has around 8,900 residents in four villages. The bank had closed its branch, the nearest district office service point is 25 kilometres away, and many working people commute into the city every day.",
                ),
                (
                    "Gerade ältere Menschen fühlten sich von Online-Angeboten abgehängt.",
                    "Older people in particular felt left behind by services that had moved online.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Gemeinde hat ein leerstehendes Ladengeschäft am Marktplatz umgebaut. An zwei Tagen pro Woche berät das Rathaus dort persönlich, an den übrigen Tagen per Video; Anträge lassen sich an einem betreuten Terminal stellen. Acht Coworking-Plätze können stundenweise gebucht werden.",
                    "The municipality converted an empty shop on the market square. On two days a week council staff give advice there in person, on the other days by video, and applications can be made at a supported terminal. Eight coworking desks can be booked by the hour.",
                ),
                (
                    "Ehrenamtliche Digitalbotschafterinnen und Digitalbotschafter bieten offene Sprechstunden zu Smartphone, Online-Banking und Videotelefonie an.",
                    "Volunteer digital ambassadors hold open drop-in sessions on smartphones, online banking and video calls.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Das Dorfbüro ist an fünf Tagen pro Woche geöffnet und zählt im Schnitt 120 Besuche pro Woche. Die Coworking-Plätze sind an den meisten Werktagen belegt, und die Sprechstunden der Digitalbotschafter sind so gefragt, dass ein zweiter Termin pro Woche eingeführt wurde.",
                    "The village hub is open five days a week and has an average of 120 visits a week. The coworking desks are taken on most working days, and the digital ambassadors' drop-in sessions are in such demand that a second weekly session has been added.",
                ),
            ),
            "key_figures": [
                figure("120", t("Besuche pro Woche", "visits per week")),
                figure("8", t("Coworking-Plätze", "coworking desks")),
                figure("14", t("ehrenamtliche Digitalbotschafter", "volunteer digital ambassadors")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Ein zentraler, barrierefreier Ort zählt mehr als die neueste Technik.",
                    "A central, step-free location matters more than the latest technology.",
                ),
                (
                    "Ehrenamtliche brauchen eine feste Ansprechperson in der Verwaltung und regelmäßige Schulungen.",
                    "Volunteers need a regular contact person in the administration and regular training.",
                ),
                (
                    "Die Mischung aus Verwaltung, Arbeiten und Begegnung sorgt dafür, dass das Dorfbüro die ganze Woche genutzt wird.",
                    "The mix of council services, work and social contact keeps the hub in use all week.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Das Konzept lässt sich in jeder kleinen Gemeinde umsetzen, die einen leerstehenden Raum im Ortskern hat. Beispielheim stellt sein Raumkonzept, die Nutzungsordnung für das Coworking und das Schulungsprogramm für Digitalbotschafter zur Verfügung.",
                    "The concept can be put into practice in any small municipality with an empty space in the village centre. Beispielheim shares its room layout, the coworking terms of use and the training programme for digital ambassadors.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Umbau und Ausstattung kosteten rund 310.000 Euro, der Betrieb kostet etwa 45.000 Euro im Jahr. Der Bund förderte den Aufbau mit 65 Prozent; Miete und Personal trägt die Gemeinde, die Coworking-Gebühren decken einen Teil der laufenden Kosten.",
                    "Sample figures: conversion and equipment cost around €310,000, and running the hub costs about €45,000 a year. The federal government funded 65 per cent of the set-up; the municipality pays for rent and staff, and coworking fees cover part of the running costs.",
                ),
            ),
            "partners": [
                partner(t("Landratsamt Beispielkreis", "Beispielkreis district office"), t("Videoberatung für Leistungen des Landkreises", "Video advice on district services")),
                partner(t("Seniorenrat Beispielheim", "Beispielheim council of older residents"), t("Gewinnung der Digitalbotschafter", "Recruiting the digital ambassadors")),
            ],
            "contact_name": person("Katrin Musterfrau"),
            "contact_role": t(
                "Leiterin des Hauptamts der Gemeinde Beispielheim (Beispielperson)",
                "Head of central administration, Beispielheim (sample person)",
            ),
            "contact_email": "katrin.musterfrau@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Musterhofen (BY)
        {
            "title": t(
                "Hitzeinseln sichtbar machen: das Klimamessnetz Musterhofen",
                "Making heat islands visible: the Musterhofen climate sensor network",
            ),
            "slug": t("klimamessnetz-musterhofen", "climate-sensor-network-musterhofen"),
            "teaser": t(
                "150 Temperatursensoren und Messfahrten mit Freiwilligen zeigen, wo sich Musterhofen im Sommer am stärksten aufheizt, und lenken Begrünung und Verschattung dorthin.",
                "150 temperature sensors and measuring rides with volunteers show where Musterhofen heats up most in summer, and direct greening and shading to those places.",
            ),
            "municipality": "musterhofen",
            "topics": ["klima-und-umwelt", "buergerbeteiligung", "urbane-datenplattformen"],
            "status": "in_progress",
            "challenge": notice_and(
                (
                    "In den Hitzesommern der vergangenen Jahre lagen die Nachttemperaturen in der dicht bebauten Altstadt deutlich über denen am Stadtrand. Die Klimaanpassungsstrategie der Stadt beruhte aber auf groben Modellen, die einzelne Plätze und Straßenzüge nicht abbildeten.",
                    "In recent hot summers, night-time temperatures in the densely built old town were well above those on the outskirts. Yet the city's climate adaptation strategy relied on coarse models that did not show individual squares and streets.",
                ),
                (
                    "Welche Orte für Kinder und ältere Menschen besonders belastend sind, wusste niemand genau.",
                    "Nobody knew exactly which places were hardest on children and older people.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Stadt hat 150 kleine Temperatur- und Feuchtesensoren an Laternen, Schulen und Haltestellen angebracht. An heißen Abenden fuhren außerdem Freiwillige mit Messgeräten am Fahrrad festgelegte Routen ab.",
                    "The city mounted 150 small temperature and humidity sensors on street lamps, schools and bus stops. On hot evenings, volunteers also cycled set routes with measuring devices fixed to their bikes.",
                ),
                (
                    "Alle Messwerte fließen in die städtische Datenplattform und werden dort zu einer Hitzekarte verdichtet, die täglich aktualisiert wird.",
                    "All readings flow into the city's data platform, where they are combined into a heat map that is updated every day.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Die Hitzekarte hat 23 besonders belastete Orte sichtbar gemacht, darunter zwei Schulhöfe und einen Busbahnhof. Für elf davon sind Baumpflanzungen, Sonnensegel oder Trinkbrunnen beschlossen, fünf sind bereits umgesetzt. Das Gesundheitsamt nutzt die Karte für seine Hitzewarnungen an Pflegeeinrichtungen.",
                    "The heat map has revealed 23 particularly affected places, including two school playgrounds and a bus station. Tree planting, shade sails or drinking fountains have been approved for eleven of them, and five are already in place. The public health department uses the map for its heat warnings to care homes.",
                ),
            ),
            "key_figures": [
                figure("150", t("Temperatursensoren im Stadtgebiet", "temperature sensors across the city")),
                figure("23", t("ermittelte Hitzeinseln", "heat islands identified")),
                figure(t("bis 6 °C", "up to 6 °C"), t("Unterschied zwischen Altstadt und Stadtrand in Sommernächten", "difference between the old town and the outskirts on summer nights")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Messfahrten mit Freiwilligen liefern nicht nur Daten, sie machen das Thema auch in der Stadtgesellschaft bekannt.",
                    "Measuring rides with volunteers do more than provide data: they also make the issue known across the city.",
                ),
                (
                    "Günstige Sensoren genügen, wenn sie regelmäßig mit einer Referenzstation abgeglichen werden.",
                    "Low-cost sensors are good enough if they are regularly checked against a reference station.",
                ),
                (
                    "Die Karte wirkt erst, wenn Grünflächenamt und Stadtplanung feste Abläufe für die Umsetzung vereinbaren.",
                    "The map only makes a difference once the parks department and urban planning agree fixed procedures for acting on it.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Sensortypen, Messrouten und die Methode zur Kartenerstellung sind dokumentiert. Mittelgroße Städte können mit 30 bis 50 Sensoren beginnen; die Messfahrten eignen sich auch als Schulprojekt.",
                    "The sensor types, measuring routes and mapping method are documented. Medium-sized towns can start with 30 to 50 sensors, and the measuring rides also work well as a school project.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Sensoren, Montage und Auswertung kosten rund 390.000 Euro über drei Jahre. Die Bundesförderung im Programm Modellprojekte Smart Cities deckt 65 Prozent; der Eigenanteil kommt aus dem städtischen Budget für Klimaanpassung.",
                    "Sample figures: sensors, installation and analysis cost around €390,000 over three years. Federal funding from the Smart Cities model projects programme covers 65 per cent; the own share comes from the city's climate adaptation budget.",
                ),
            ),
            "partners": [
                partner(t("Universität Musterhofen", "University of Musterhofen"), t("Kalibrierung der Sensoren und Klimamodellierung", "Sensor calibration and climate modelling")),
                partner(t("Radinitiative Musterhofen", "Musterhofen cycling initiative"), t("Organisation der Messfahrten", "Organising the measuring rides")),
            ],
            "contact_name": person("Ole Mustermann"),
            "contact_role": t(
                "Klimaanpassungsmanager der Stadt Musterhofen (Beispielperson)",
                "Climate adaptation manager, City of Musterhofen (sample person)",
            ),
            "contact_email": "ole.mustermann@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Musterbach (TH)
        {
            "title": t(
                "Durstige Bäume melden sich: Bodenfeuchtesensoren in Musterbach",
                "Thirsty trees speak up: soil moisture sensors in Musterbach",
            ),
            "slug": t("baumsensoren-musterbach", "tree-sensors-musterbach"),
            "teaser": t(
                "Sensoren im Wurzelraum zeigen, welche Straßenbäume Wasser brauchen. So wissen Bauhof und Baumpaten, wo sie gießen sollen.",
                "Sensors in the root zone show which street trees need water, so the works depot and volunteer tree sponsors know where to water.",
            ),
            "municipality": "musterbach",
            "topics": ["klima-und-umwelt", "buergerbeteiligung"],
            "status": "completed",
            "challenge": notice_and(
                (
                    "Nach mehreren trockenen Sommern waren in Musterbach über 60 junge Straßenbäume eingegangen. Der Bauhof goss nach festen Touren, ohne zu wissen, wo der Boden tatsächlich trocken war: In manchen Straßen wurde zu viel gegossen, in anderen zu wenig.",
                    "After several dry summers, more than 60 young street trees in Musterbach had died. The works depot watered on fixed rounds without knowing where the soil was actually dry, so some streets got too much water and others too little.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Gemeinde hat 80 Bodenfeuchtesensoren an jungen und besonders gefährdeten Bäumen eingebaut. Die Messwerte erscheinen auf einer öffentlichen Karte, die jeden Baum grün, gelb oder rot anzeigt.",
                    "The municipality installed 80 soil moisture sensors at young and particularly vulnerable trees. The readings appear on a public map that shows each tree in green, amber or red.",
                ),
                (
                    "Der Bauhof plant seine Gießtouren nach der Karte, und Bürgerinnen und Bürger können darüber eine Patenschaft für einzelne Bäume übernehmen.",
                    "The works depot plans its watering rounds from the map, and residents can use it to adopt individual trees.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Im ersten Sommer mit Sensoren ist kein einziger der überwachten Jungbäume eingegangen. Der Bauhof kam mit rund 30 Prozent weniger Gießfahrten aus, und 140 Menschen haben eine Baumpatenschaft übernommen, darunter zwei Schulklassen und ein Kindergarten.",
                    "In the first summer with sensors, not a single one of the monitored young trees died. The works depot managed with about 30 per cent fewer watering trips, and 140 people adopted a tree, including two school classes and a nursery.",
                ),
            ),
            "key_figures": [
                figure("80", t("Bäume mit Bodenfeuchtesensor", "trees with a soil moisture sensor")),
                figure(t("minus 30 %", "30% fewer"), t("Gießfahrten des Bauhofs", "watering trips by the works depot")),
                figure("140", t("Baumpatinnen und Baumpaten", "volunteer tree sponsors")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Eine einfache Ampeldarstellung versteht jeder; die Rohdaten braucht vor allem der Bauhof.",
                    "Everyone understands a simple traffic-light display; it is mainly the works depot that needs the raw data.",
                ),
                (
                    "Sensoren am besten beim Pflanzen einbauen, nachträglich ist es aufwendig.",
                    "Fit the sensors when the tree is planted; adding them later is laborious.",
                ),
                (
                    "Patenschaften funktionieren am besten mit einer kurzen Anleitung und einer Erinnerung bei Trockenheit.",
                    "Tree adoption works best with short instructions and a reminder during dry spells.",
                ),
            ),
            "transferability": g.bullets(
                (
                    "Die Lösung braucht ein Funknetz für Sensoren wie LoRaWAN, das sich oft mit Nachbarkommunen teilen lässt.",
                    "The solution needs a radio network for sensors such as LoRaWAN, which can often be shared with neighbouring municipalities.",
                ),
                (
                    "Die Baumkarte beruht auf quelloffener Software und kann von anderen Kommunen übernommen werden.",
                    "The tree map is based on open-source software and can be adopted by other municipalities.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Sensoren, Gateways und die Kartenanwendung kosteten rund 95.000 Euro. Der Bund förderte 65 Prozent, den Eigenanteil trug die Gemeinde; der Betrieb kostet etwa 6.000 Euro im Jahr.",
                    "Sample figures: the sensors, gateways and map application cost around €95,000. The federal government funded 65 per cent and the municipality paid its own share; running costs are about €6,000 a year.",
                ),
            ),
            "partners": [
                partner(t("Bauhof Musterbach", "Musterbach works depot"), t("Einbau der Sensoren und Gießtouren", "Installing the sensors and watering rounds")),
                partner(t("Umweltverein Musterbach", "Musterbach environmental club"), t("Betreuung der Baumpatenschaften", "Looking after the tree sponsors")),
            ],
            "contact_name": person("Sabine Beispiel"),
            "contact_role": t(
                "Leiterin des Bauamts der Gemeinde Musterbach (Beispielperson)",
                "Head of the building department, Musterbach (sample person)",
            ),
            "contact_email": "sabine.beispiel@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Beispielberg (SN)
        {
            "title": t(
                "Das Rathaus im Netz: Online-Dienste in Beispielberg",
                "The town hall online: digital services in Beispielberg",
            ),
            "slug": t("online-rathaus-beispielberg", "online-town-hall-beispielberg"),
            "teaser": t(
                "Beispielberg bringt seine häufigsten Verwaltungsleistungen vollständig ins Netz, vom Anwohnerparkausweis bis zur Hundeanmeldung, und gestaltet sie gemeinsam mit den Menschen, die sie nutzen.",
                "Beispielberg is moving its most common council services fully online, from residents' parking permits to registering a dog, and designing them together with the people who use them.",
            ),
            "municipality": "beispielberg",
            "topics": ["digitale-verwaltung"],
            "status": "in_progress",
            "challenge": notice_and(
                (
                    "Trotz Online-Formularen endeten die meisten Anträge in Beispielberg auf Papier: Formulare mussten ausgedruckt, unterschrieben und abgegeben werden. Die Bürgerbüros waren wochenlang ausgebucht, und die Beschäftigten übertrugen Angaben von Hand in die Fachverfahren.",
                    "Despite online forms, most applications in Beispielberg still ended up on paper: forms had to be printed, signed and handed in. The citizens' offices were booked up weeks ahead, and staff typed the details into specialist systems by hand.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Stadt hat die 30 am häufigsten genutzten Leistungen ausgewählt und jede von Anfang bis Ende digital neu gedacht: vom Antrag mit Nutzerkonto über die Bezahlung bis zum elektronischen Bescheid. Jede Leistung wurde vor dem Start mit Bürgerinnen und Bürgern getestet, auch mit Menschen mit Behinderungen und mit geringen Deutschkenntnissen.",
                    "The city picked its 30 most frequently used services and rethought each one digitally from start to finish: from the application with a user account through payment to the electronic decision. Every service was tested with residents before launch, including people with disabilities and people with limited German.",
                ),
                (
                    "Eine Online-Terminbuchung mit Warteliste hat die telefonische Terminvergabe der Bürgerbüros abgelöst.",
                    "Online appointment booking with a waiting list has replaced booking by phone at the citizens' offices.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Bisher sind 21 der 30 Leistungen vollständig digital verfügbar. Bei diesen Leistungen kommen inzwischen zwei Drittel der Anträge online, und die Wartezeit auf einen Termin im Bürgerbüro ist von drei Wochen auf wenige Tage gesunken.",
                    "So far, 21 of the 30 services are fully available online. For these services, two thirds of applications now arrive online, and the wait for an appointment at a citizens' office has fallen from three weeks to a few days.",
                ),
            ),
            "key_figures": [
                figure(t("21 von 30", "21 of 30"), t("Leistungen vollständig digital", "services fully digital")),
                figure(t("67 %", "67%"), t("der Anträge für diese Leistungen kommen online", "of applications for these services arrive online")),
                figure(t("3 Tage", "3 days"), t("Wartezeit auf einen Termin, vorher drei Wochen", "wait for an appointment, down from three weeks")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Nicht nur das Formular digitalisieren, sondern den ganzen Ablauf bis zum Bescheid.",
                    "Digitise the whole process up to the decision, not just the form.",
                ),
                (
                    "Tests mit echten Nutzerinnen und Nutzern decken Hürden auf, die in der Verwaltung niemand bemerkt.",
                    "Testing with real users reveals obstacles that nobody in the administration notices.",
                ),
                (
                    "Die Beschäftigten der Fachämter brauchen Zeit und Schulungen, um die neuen Abläufe mitzugestalten.",
                    "Staff in the specialist departments need time and training to help shape the new processes.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Die meisten Leistungen beruhen auf Bundes- oder Landesrecht und laufen daher in allen Kommunen ähnlich ab. Beispielberg stellt seine Prozessmodelle, Testleitfäden und Textbausteine in einfacher Sprache anderen Kommunen zur Verfügung.",
                    "Most of the services are based on federal or state law and therefore work in much the same way in every municipality. Beispielberg shares its process models, testing guides and plain-language text modules with other municipalities.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Für Softwareanpassungen, Nutzertests und zusätzliches Personal sind rund 3,1 Millionen Euro über vier Jahre eingeplant. Das Förderprogramm Modellprojekte Smart Cities trägt 65 Prozent; einzelne Online-Dienste stellt das Land kostenfrei bereit.",
                    "Sample figures: around €3.1 million over four years is budgeted for software adaptation, user testing and additional staff. The Smart Cities model projects programme covers 65 per cent, and the federal state provides some online services free of charge.",
                ),
            ),
            "partners": [
                partner(t("Kommunales Rechenzentrum Beispielland", "Beispielland municipal data centre"), t("Betrieb der Fachverfahren und des Nutzerkontos", "Running the specialist systems and the user account")),
                partner(t("Behindertenbeirat Beispielberg", "Beispielberg disability advisory council"), t("Tests zur Barrierefreiheit", "Accessibility testing")),
            ],
            "contact_name": person("Aylin Beispiel"),
            "contact_role": t(
                "Leiterin des Amts für Digitalisierung und Organisation (Beispielperson)",
                "Head of the digitalisation and organisation office (sample person)",
            ),
            "contact_email": "aylin.beispiel@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Beispielstedt (ST)
        {
            "title": t(
                "Energiemonitoring für 60 öffentliche Gebäude in Beispielstedt",
                "Energy monitoring for 60 public buildings in Beispielstedt",
            ),
            "slug": t("energiemonitoring-beispielstedt", "energy-monitoring-beispielstedt"),
            "teaser": t(
                "Digitale Zähler in Schulen, Kitas und Sporthallen machen den Verbrauch Stunde für Stunde sichtbar. So findet Beispielstedt Heizungen, die nachts durchlaufen, und spart Energie ohne große Investitionen.",
                "Digital meters in schools, nurseries and sports halls show consumption hour by hour. This lets Beispielstedt find heating that runs all night and save energy without major investment.",
            ),
            "municipality": "beispielstedt",
            "topics": ["energie", "klima-und-umwelt"],
            "status": "completed",
            "challenge": notice_and(
                (
                    "Die Stadt betreibt rund 60 eigene Gebäude. Strom-, Wärme- und Wasserzähler wurden einmal im Jahr von Hand abgelesen; ob eine Heizung am Wochenende lief oder eine Lüftung in den Ferien, fiel erst mit der Jahresabrechnung auf.",
                    "The town runs around 60 buildings of its own. Electricity, heat and water meters were read by hand once a year, so a heating system running at weekends or ventilation left on during the holidays only showed up in the annual bill.",
                ),
                (
                    "Als die Energiepreise stiegen, fehlte die Grundlage für schnelle Einsparungen.",
                    "When energy prices rose, there was no basis for making quick savings.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "In allen Gebäuden wurden digitale Zähler eingebaut, die ihre Werte im Viertelstundentakt an eine Energiemanagement-Software senden. Die Software meldet Auffälligkeiten automatisch an das Gebäudemanagement; Hausmeisterinnen und Hausmeister erhalten eine einfache Übersicht für ihr Gebäude und wurden darin geschult.",
                    "Digital meters were installed in every building, sending readings every fifteen minutes to energy management software. The software automatically alerts building management to anything unusual, and caretakers get a simple overview of their building and have been trained to use it.",
                ),
                (
                    "Schulen können ihre Verbrauchswerte im Unterricht nutzen; an drei Schulen haben sich Energiesparteams aus Schülerinnen und Schülern gegründet.",
                    "Schools can use their consumption data in lessons, and pupils at three schools have formed energy-saving teams.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Im ersten vollen Jahr sank der Wärmeverbrauch der überwachten Gebäude um 17 Prozent, der Stromverbrauch um 9 Prozent. Die meisten Einsparungen kamen aus einfachen Änderungen an Heizzeiten und Lüftungsanlagen. Die Daten dienen inzwischen auch als Grundlage für die Sanierungsplanung.",
                    "In the first full year, heat consumption in the monitored buildings fell by 17 per cent and electricity consumption by 9 per cent. Most of the savings came from simple changes to heating times and ventilation systems. The data now also informs the plan for renovating the buildings.",
                ),
            ),
            "key_figures": [
                figure("60", t("Gebäude mit digitalen Zählern", "buildings with digital meters")),
                figure(t("minus 17 %", "17% less"), t("Wärmeverbrauch im ersten Jahr", "heat consumption in the first year")),
                figure(t("210 t", "210 t"), t("CO2 weniger pro Jahr", "less CO2 per year")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Die größten Einsparungen bringen nicht neue Anlagen, sondern richtig eingestellte alte.",
                    "The biggest savings come not from new equipment but from setting up the existing equipment properly.",
                ),
                (
                    "Hausmeisterinnen und Hausmeister sind die wichtigsten Verbündeten; ohne sie bleiben Warnmeldungen liegen.",
                    "Caretakers are the most important allies; without them, alerts go unanswered.",
                ),
                (
                    "Zähler mit offenen Schnittstellen wählen, damit die Daten auch in eine Datenplattform fließen können.",
                    "Choose meters with open interfaces so that the data can also flow into a data platform.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Energiemonitoring lohnt sich für Kommunen jeder Größe; kleine Gemeinden beginnen am besten mit ihren größten Verbrauchern, meist Schulen und Sporthallen. Das Leistungsverzeichnis für Zähler und Software gibt Beispielstedt gern weiter.",
                    "Energy monitoring pays off for municipalities of any size; small ones are best off starting with their biggest consumers, usually schools and sports halls. Beispielstedt is happy to share its specification for the meters and software.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Zähler, Software und Schulungen kosteten rund 540.000 Euro. Der Bund förderte 65 Prozent über das Programm Modellprojekte Smart Cities; die eingesparten Energiekosten haben den Eigenanteil der Stadt nach etwa zwei Jahren ausgeglichen.",
                    "Sample figures: meters, software and training cost around €540,000. The federal government funded 65 per cent through the Smart Cities model projects programme, and the energy costs saved made up for the town's own share after about two years.",
                ),
            ),
            "partners": [
                partner(t("Stadtwerke Beispielstedt", "Beispielstedt municipal utilities"), t("Einbau und Betrieb der Zähler", "Installing and running the meters")),
                partner(t("Energieagentur Beispielregion", "Beispielregion energy agency"), t("Schulung der Hausmeisterinnen und Hausmeister", "Training the caretakers")),
            ],
            "contact_name": person("Frank Mustermann"),
            "contact_role": t(
                "Energiemanager im Gebäudemanagement der Stadt Beispielstedt (Beispielperson)",
                "Energy manager, building management, Beispielstedt (sample person)",
            ),
            "contact_email": "frank.mustermann@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Musterfelde (BB)
        {
            "title": t(
                "Musterfelde 2035: eine Smart-City-Strategie mit der Bürgerschaft",
                "Musterfelde 2035: a smart city strategy made with residents",
            ),
            "slug": t("smart-city-strategie-musterfelde", "smart-city-strategy-musterfelde"),
            "teaser": t(
                "Statt eines Gutachtens für die Schublade hat Musterfelde seine Smart-City-Strategie in Werkstätten, Online-Umfragen und Stadtspaziergängen gemeinsam mit der Bürgerschaft entwickelt.",
                "Instead of a consultant's report destined for a drawer, Musterfelde developed its smart city strategy together with residents in workshops, online surveys and walks around town.",
            ),
            "municipality": "musterfelde",
            "topics": ["smart-city-strategie", "buergerbeteiligung"],
            "status": "completed",
            "challenge": notice_and(
                (
                    "Musterfelde wächst durch Zuzug aus der Hauptstadtregion, während die Ortsteile am Rand altern. Digitale Einzelprojekte gab es viele, doch sie folgten keinem gemeinsamen Ziel, und kaum jemand in der Stadt wusste, was die Verwaltung unter Smart City versteht.",
                    "Musterfelde is growing as people move out from the capital region, while its outlying villages are ageing. There were plenty of individual digital projects, but they followed no shared goal, and hardly anyone in town knew what the administration meant by a smart city.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "In der Strategiephase hat die Stadt über ein Jahr lang mit der Bürgerschaft gearbeitet: eine Auftaktveranstaltung, acht Werkstätten in den Ortsteilen, eine Online-Umfrage sowie Stadtspaziergänge mit Jugendlichen und mit Seniorinnen und Senioren.",
                    "During the strategy phase, the town worked with residents for over a year: a launch event, eight workshops in the outlying villages, an online survey, and walks around town with young people and with older residents.",
                ),
                (
                    "Ein Lenkungskreis aus Verwaltung, Politik, Wirtschaft und Vereinen hat die Ergebnisse zu Zielen und Maßnahmen verdichtet. Alle Zwischenstände standen auf einer Beteiligungsplattform zur Diskussion.",
                    "A steering group from the administration, the council, local businesses and clubs condensed the results into goals and measures. Every interim draft was open for comment on a participation platform.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Die Stadtverordnetenversammlung hat die Strategie einstimmig beschlossen. Sie umfasst fünf Handlungsfelder und 24 Maßnahmen, von einem Mobilitätsangebot für die Ortsteile bis zu einem offenen Datenportal. Rund 1.900 Menschen haben sich beteiligt, fast ein Drittel davon jünger als 30 Jahre.",
                    "The town council adopted the strategy unanimously. It covers five fields of action and 24 measures, from a transport service for the outlying villages to an open data portal. Around 1,900 people took part, almost a third of them under 30.",
                ),
            ),
            "key_figures": [
                figure(t("1.900", "1,900"), t("Beteiligte an Werkstätten, Umfrage und Spaziergängen", "people took part in workshops, the survey and walks")),
                figure("24", t("Maßnahmen in fünf Handlungsfeldern", "measures in five fields of action")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Wer in die Ortsteile geht, erreicht andere Menschen als mit einer Veranstaltung im Rathaus.",
                    "Going out to the villages reaches different people from an event at the town hall.",
                ),
                (
                    "Jugendliche beteiligen sich eher bei Spaziergängen und kurzen Online-Umfragen als in Abendwerkstätten.",
                    "Young people are more likely to join walks and short online surveys than evening workshops.",
                ),
                (
                    "Eine Strategie braucht einen Beschluss der Stadtverordneten, damit die Maßnahmen auch Geld bekommen.",
                    "A strategy needs a council resolution so that the measures actually receive funding.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Ablaufplan, Methoden und Materialien der Beteiligung sind veröffentlicht. Sie eignen sich besonders für kleine und mittlere Städte mit mehreren Ortsteilen; den Zeitbedarf von etwa einem Jahr sollte man von Anfang an einplanen.",
                    "The participation schedule, methods and materials have been published. They particularly suit small and medium-sized towns with several outlying villages; the roughly one year it takes should be planned in from the outset.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Die Strategiephase kostete rund 420.000 Euro, etwa die Hälfte davon für Moderation und Beteiligung. Der Bund übernahm über das Programm Modellprojekte Smart Cities 65 Prozent, den Rest trug die Stadt. Die Umsetzung der Maßnahmen wird in einer eigenen Phase gefördert.",
                    "Sample figures: the strategy phase cost around €420,000, about half of it for facilitation and participation. The federal government covered 65 per cent through the Smart Cities model projects programme and the town paid the rest. Implementing the measures is funded in a separate phase.",
                ),
            ),
            "partners": [
                partner(t("Beispiel Stadtentwicklung GmbH", "Beispiel Stadtentwicklung GmbH"), t("Moderation der Werkstätten", "Facilitating the workshops")),
                partner(t("Jugendparlament Musterfelde", "Musterfelde youth parliament"), t("Stadtspaziergänge mit Jugendlichen", "Walks around town with young people")),
            ],
            "contact_name": person("Jonas Musterer"),
            "contact_role": t(
                "Smart-City-Koordinator der Stadt Musterfelde (Beispielperson)",
                "Smart city coordinator, Town of Musterfelde (sample person)",
            ),
            "contact_email": "jonas.musterer@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Beispielhafen (SH)
        {
            "title": t(
                "Parkleitsystem für das Ostseebad Beispielhafen",
                "Parking guidance for the Baltic resort of Beispielhafen",
            ),
            "slug": t("parkleitsystem-beispielhafen", "parking-guidance-beispielhafen"),
            "teaser": t(
                "Sensoren melden freie Stellplätze an Strandparkplätzen und in der Innenstadt; eine Karte und digitale Anzeigetafeln lenken Tagesgäste direkt zum nächsten freien Platz.",
                "Sensors report free spaces at the beach car parks and in the town centre, and a map and digital display boards guide day visitors straight to the nearest free space.",
            ),
            "municipality": "beispielhafen",
            "topics": ["mobilitaet", "urbane-datenplattformen"],
            "status": "in_progress",
            "challenge": notice_and(
                (
                    "Beispielhafen hat knapp 17.000 Einwohnerinnen und Einwohner, an sonnigen Sommertagen kommen aber bis zu 25.000 Tagesgäste dazu. Die Suche nach einem Parkplatz verstopfte die Straßen zum Strand, Busse standen im Stau, und Anwohnerinnen und Anwohner klagten über zugeparkte Einfahrten.",
                    "Beispielhafen has just under 17,000 residents, but on sunny summer days up to 25,000 day visitors arrive as well. Drivers hunting for a space clogged the roads to the beach, buses got stuck in traffic, and residents complained about blocked driveways.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Stadt hat 900 Stellplätze mit Bodensensoren ausgestattet und die Belegung der beiden Parkhäuser angebunden. Die Daten erscheinen auf einer Online-Karte, in der Tourismus-App und auf sechs Anzeigetafeln an den Ortseingängen. Sind die Strandparkplätze voll, verweisen die Tafeln auf den Park-and-ride-Platz mit Shuttlebus.",
                    "The town fitted 900 parking spaces with in-ground sensors and linked in the occupancy of its two multi-storey car parks. The data appears on an online map, in the tourism app and on six display boards at the entrances to town. When the beach car parks are full, the boards point drivers to the park-and-ride site with its shuttle bus.",
                ),
                (
                    "Die Sensoren erfassen nur, ob ein Platz frei ist; Kennzeichen oder Bilder werden nicht verarbeitet.",
                    "The sensors only record whether a space is free; no number plates or images are processed.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Im ersten Sommer ging der Parksuchverkehr auf den Zufahrten zum Strand laut Verkehrszählungen deutlich zurück, und der Park-and-ride-Platz war an Spitzentagen erstmals voll ausgelastet. Die Auswertung der zweiten Saison läuft noch.",
                    "In the first summer, traffic counts showed a clear drop in cars searching for parking on the roads to the beach, and the park-and-ride site was full on peak days for the first time. The evaluation of the second season is still under way.",
                ),
            ),
            "key_figures": [
                figure("900", t("Stellplätze mit Sensor", "parking spaces with a sensor")),
                figure("6", t("digitale Anzeigetafeln an den Ortseingängen", "digital display boards at the entrances to town")),
                figure(t("25.000", "25,000"), t("Tagesgäste an Spitzentagen", "day visitors on peak days")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Anzeigetafeln an den Ortseingängen wirken stärker als die App, weil Tagesgäste nichts installieren müssen.",
                    "Display boards at the entrances to town have more effect than the app, because day visitors do not have to install anything.",
                ),
                (
                    "Bodensensoren in Sand und Salzluft brauchen robustere Gehäuse als geplant.",
                    "In-ground sensors exposed to sand and salty air need sturdier housings than planned.",
                ),
                (
                    "Eine klare Aussage zum Datenschutz nimmt Sorgen vor Überwachung, bevor sie entstehen.",
                    "A clear statement on data protection dispels fears of surveillance before they arise.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Der Ansatz eignet sich für Tourismusorte und Innenstädte mit stark schwankender Nachfrage. Die Belegungsdaten stehen in einem offenen Format bereit, sodass Navigations- und Tourismusdienste sie übernehmen können.",
                    "The approach suits tourist resorts and town centres where demand varies sharply. The occupancy data is published in an open format so that navigation and tourism services can pick it up.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Sensoren, Anzeigetafeln und Software kosten rund 870.000 Euro. Das Förderprogramm Modellprojekte Smart Cities übernimmt 65 Prozent; zum Eigenanteil der Stadt trägt die Kurabgabe bei.",
                    "Sample figures: sensors, display boards and software cost around €870,000. The Smart Cities model projects programme covers 65 per cent, and the visitor tax contributes to the town's own share.",
                ),
            ),
            "partners": [
                partner(t("Tourismus-Service Beispielhafen", "Beispielhafen tourist service"), t("Tourismus-App und Gästeinformation", "Tourism app and visitor information")),
                partner(t("Verkehrsbetriebe Beispielküste", "Beispielküste transport company"), t("Shuttlebus vom Park-and-ride-Platz", "Shuttle bus from the park-and-ride site")),
            ],
            "contact_name": person("Nele Beispiel"),
            "contact_role": t(
                "Projektleiterin Mobilität im Ordnungsamt Beispielhafen (Beispielperson)",
                "Mobility project lead, public order office, Beispielhafen (sample person)",
            ),
            "contact_email": "nele.beispiel@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Landkreis Musterland (NI)
        {
            "title": t(
                "Rufbus nach Bedarf: flexible Mobilität im Landkreis Musterland",
                "Bus on demand: flexible mobility in Musterland District",
            ),
            "slug": t("rufbus-landkreis-musterland", "on-demand-bus-musterland-district"),
            "teaser": t(
                "Kleinbusse fahren ohne festen Fahrplan, sobald jemand per App oder Telefon eine Fahrt bucht. So sind auch kleine Dörfer den ganzen Tag an Bahn und Kreisstadt angebunden.",
                "Minibuses run without a fixed timetable whenever someone books a trip by app or phone, so even small villages are connected to the railway and the county town all day.",
            ),
            "municipality": "landkreis-musterland",
            "topics": ["mobilitaet", "digitale-daseinsvorsorge"],
            "status": "completed",
            "challenge": notice_and(
                (
                    "Im Landkreis Musterland fuhren viele Buslinien nur zu Schulzeiten. Wer kein Auto hatte, kam abends und am Wochenende kaum aus den Dörfern heraus, während große Busse zu anderen Zeiten oft fast leer durch die Region fuhren.",
                    "In Musterland District, many bus routes only ran at school times. People without a car could hardly get out of the villages in the evening or at weekends, while at other times large buses often drove through the region almost empty.",
                ),
                (
                    "Für ältere Menschen und Jugendliche wurde das zu einem wachsenden Problem.",
                    "This was becoming a growing problem for older people and teenagers.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Der Landkreis hat zusammen mit dem Verkehrsunternehmen einen Rufbus in drei Gemeinden eingeführt. Zwölf Kleinbusse fahren zwischen 6 und 23 Uhr über 400 virtuelle Haltepunkte an; eine Software bündelt die Fahrtwünsche und plant die Routen laufend neu. Gebucht wird per App, über die Website oder telefonisch, zum normalen Bustarif.",
                    "Together with the transport company, the district introduced an on-demand bus in three municipalities. Twelve minibuses run between 6 am and 11 pm and serve more than 400 virtual stops, while software pools trip requests and keeps re-planning the routes. Trips can be booked by app, on the website or by phone, at the normal bus fare.",
                ),
                (
                    "Die Anschlüsse an die Regionalbahn sind im System hinterlegt, sodass der Rufbus auf verspätete Züge wartet.",
                    "Connections with regional trains are built into the system, so the bus waits for trains that are running late.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Den Rufbus nutzen im Schnitt 1.100 Fahrgäste pro Woche, mehr als doppelt so viele wie die Linien, die er abends und am Wochenende ersetzt. Ein Viertel der Buchungen geht per Telefon ein, vor allem von älteren Menschen. Nach der Erprobung hat der Kreistag beschlossen, das Angebot auf den ganzen Landkreis auszuweiten.",
                    "An average of 1,100 passengers a week use the on-demand bus, more than twice as many as on the routes it replaces in the evenings and at weekends. A quarter of bookings come in by phone, mostly from older people. After the trial, the district council decided to extend the service to the whole district.",
                ),
            ),
            "key_figures": [
                figure(t("1.100", "1,100"), t("Fahrgäste pro Woche", "passengers per week")),
                figure("400", t("virtuelle Haltepunkte", "virtual stops")),
                figure(t("25 %", "25%"), t("der Buchungen per Telefon", "of bookings made by phone")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Die Buchung per Telefon ist unverzichtbar; ohne sie blieben gerade die Menschen außen vor, die das Angebot am meisten brauchen.",
                    "Booking by phone is indispensable; without it, the very people who need the service most would be left out.",
                ),
                (
                    "Virtuelle Haltepunkte mit Ortskundigen festlegen, nicht nur am Bildschirm.",
                    "Choose virtual stops with people who know the area, not just on screen.",
                ),
                (
                    "Verlässliche Anschlüsse an die Bahn sind den Fahrgästen wichtiger als die kürzeste Fahrzeit.",
                    "Reliable connections with trains matter more to passengers than the shortest journey time.",
                ),
            ),
            "transferability": g.bullets(
                (
                    "Rufbusse passen zu ländlichen Räumen mit geringer, schwankender Nachfrage; gut ausgelastete Linien ersetzen sie nicht.",
                    "On-demand buses suit rural areas with low, fluctuating demand; they are no substitute for busy regular routes.",
                ),
                (
                    "Vergabeunterlagen und Auswertung der Erprobung stellt der Landkreis anderen Aufgabenträgern zur Verfügung.",
                    "The district makes its procurement documents and the evaluation of the trial available to other public transport authorities.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Software, Fahrzeugausstattung und Begleitforschung kosteten in der dreijährigen Erprobung rund 1,9 Millionen Euro; den Fahrbetrieb selbst finanziert der Landkreis über den Nahverkehrsplan. Das Förderprogramm Modellprojekte Smart Cities trug 65 Prozent der Projektkosten.",
                    "Sample figures: software, vehicle equipment and accompanying research cost around €1.9 million over the three-year trial; the district pays for running the buses through its local transport plan. The Smart Cities model projects programme covered 65 per cent of the project costs.",
                ),
            ),
            "partners": [
                partner(t("Verkehrsgesellschaft Musterland", "Musterland transport company"), t("Fahrbetrieb und Disposition", "Operating and dispatching the buses")),
                partner(t("Seniorenbeirat des Landkreises Musterland", "Musterland District advisory board for older people"), t("Rückmeldungen zur telefonischen Buchung", "Feedback on booking by phone")),
            ],
            "contact_name": person("Petra Beispielmeier"),
            "contact_role": t(
                "Fachdienst Mobilität des Landkreises Musterland (Beispielperson)",
                "Mobility department, Musterland District (sample person)",
            ),
            "contact_email": "petra.beispielmeier@example.org",
            "contact_phone": "+49 30 000000",
        },
        # Beispielow (MV)
        {
            "title": t(
                "Wärmeplanung mit digitalem Zwilling in Beispielow",
                "Heat planning with a digital twin in Beispielow",
            ),
            "slug": t("waermeplanung-beispielow", "heat-planning-beispielow"),
            "teaser": t(
                "Beispielow erstellt seine kommunale Wärmeplanung mit einem digitalen Gebäudemodell. Es zeigt, wo sich ein Wärmenetz lohnt und wo Wärmepumpen die bessere Wahl sind.",
                "Beispielow is drawing up its municipal heat plan with a digital model of its buildings, which shows where a heating network is worthwhile and where heat pumps are the better choice.",
            ),
            "municipality": "beispielow",
            "topics": ["energie", "digitale-zwillinge"],
            "status": "in_progress",
            "challenge": notice_and(
                (
                    "Wie die rund 11.700 Einwohnerinnen und Einwohner von Beispielow künftig heizen, ist offen: Viele Häuser haben noch Ölheizungen, und die Gemeinde muss eine Wärmeplanung vorlegen.",
                    "How Beispielow's roughly 11,700 residents will heat their homes in future is an open question: many houses still have oil heating, and the municipality has to produce a heat plan.",
                ),
                (
                    "Angaben zu Baujahr, Heizungsart und Verbrauch der Gebäude lagen verstreut bei Schornsteinfegern, Netzbetreibern und der Gemeinde.",
                    "Information on the buildings' age, heating type and consumption was scattered among chimney sweeps, network operators and the municipality.",
                ),
            ),
            "approach": g.paragraphs(
                (
                    "Die Gemeinde hat ein digitales Modell ihrer rund 3.800 Gebäude aufgebaut und darin Baujahre, Wärmebedarf und vorhandene Leitungen zusammengeführt. Personenbezogene Angaben erscheinen nur zusammengefasst auf Ebene von Baublöcken. Szenarien zeigen, wie sich Wärmenetz, Wärmepumpen und die Abwärme eines örtlichen Betriebs auf Kosten und Emissionen auswirken.",
                    "The municipality built a digital model of its roughly 3,800 buildings, bringing together construction years, heat demand and existing pipes. Personal information is only shown aggregated at the level of building blocks. Scenarios show how a heating network, heat pumps and waste heat from a local business would affect costs and emissions.",
                ),
                (
                    "In Ortsteilversammlungen konnten Eigentümerinnen und Eigentümer die Szenarien am Modell nachvollziehen und Fragen stellen.",
                    "At village meetings, property owners could follow the scenarios on the model and ask questions.",
                ),
            ),
            "results": g.paragraphs(
                (
                    "Ein Entwurf der Wärmeplanung liegt vor. Für den Ortskern mit Schule, Gemeindeverwaltung und dichter Bebauung empfiehlt er ein Wärmenetz, das die Abwärme einer Molkerei nutzt; in den übrigen Ortsteilen sollen Einzellösungen unterstützt werden. Die Gemeindevertretung berät den Entwurf derzeit.",
                    "A draft heat plan is ready. For the village centre, with its school, municipal offices and dense development, it recommends a heating network using waste heat from a dairy; in the other villages, individual solutions are to be supported. The municipal council is currently discussing the draft.",
                ),
            ),
            "key_figures": [
                figure(t("3.800", "3,800"), t("Gebäude im digitalen Modell", "buildings in the digital model")),
                figure("4", t("durchgerechnete Szenarien", "scenarios calculated")),
                figure("6", t("Ortsteilversammlungen", "village meetings")),
            ],
            "lessons_learned": g.bullets(
                (
                    "Daten bei Schornsteinfegern und Netzbetreibern früh anfragen; die Abstimmung dauert Monate.",
                    "Ask chimney sweeps and network operators for data early; reaching agreement takes months.",
                ),
                (
                    "Ein anschauliches Modell macht schwierige Entscheidungen in Versammlungen verständlicher als Tabellen.",
                    "A visual model makes difficult decisions easier to follow at public meetings than tables do.",
                ),
                (
                    "Datenschutz von Anfang an mitdenken und einzelne Gebäude nie öffentlich zeigen.",
                    "Think about data protection from the start and never show individual buildings in public.",
                ),
            ),
            "transferability": g.paragraphs(
                (
                    "Nahezu alle Kommunen müssen in den kommenden Jahren eine Wärmeplanung vorlegen. Datenmodell und Vorlagen für Datenanfragen sind so aufbereitet, dass auch kleine Gemeinden ohne eigene Geodatenabteilung sie nutzen können, etwa gemeinsam mit Nachbargemeinden oder dem Landkreis.",
                    "Almost every municipality will have to produce a heat plan in the coming years. The data model and data request templates are prepared so that even small municipalities without a geodata department of their own can use them, for example together with neighbouring municipalities or their district.",
                ),
            ),
            "costs_and_funding": g.paragraphs(
                (
                    "Beispielangaben: Datenmodell, Szenarien und Beteiligung kosten rund 260.000 Euro. Das Förderprogramm Modellprojekte Smart Cities trägt 65 Prozent; einen Teil des Eigenanteils deckt eine Landesförderung für die Wärmeplanung.",
                    "Sample figures: the data model, scenarios and public involvement cost around €260,000. The Smart Cities model projects programme covers 65 per cent, and state funding for heat planning meets part of the own share.",
                ),
            ),
            "partners": [
                partner(t("Energieversorgung Beispielow", "Beispielow energy supply company"), t("Netzdaten und Machbarkeit des Wärmenetzes", "Network data and feasibility of the heating network")),
                partner(t("Molkereigenossenschaft Beispielow", "Beispielow dairy cooperative"), t("Bereitstellung von Abwärme", "Supplying waste heat")),
            ],
            "contact_name": person("Henrik Muster"),
            "contact_role": t(
                "Klimaschutzmanager der Gemeinde Beispielow (Beispielperson)",
                "Climate protection manager, Beispielow (sample person)",
            ),
            "contact_email": "henrik.muster@example.org",
            "contact_phone": "+49 30 000000",
        },
    ]  # fmt: skip

    return {
        "topics": topics,
        "municipalities": municipalities,
        "index": index,
        "case_studies": case_studies,
    }
