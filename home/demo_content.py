"""The demo site: the Start Smart programme in German, translated to English through
wagtail-localize. Every German string is registered with its English translation; the
translation step fails loudly if a segment has none (wagtail-localize would fall back to
German silently)."""

import datetime

from django.utils.html import escape

NOTICE_DE = (
    "Beispielinhalt: Dieser Abschnitt stammt nicht vom Programm und dient nur der Vorführung."
)
NOTICE_EN = (
    "Sample content: this section is not from the programme and only serves as a demonstration."
)


class Glossary(dict):
    """German source text → English translation, filled while the German pages are described."""

    def t(self, de, en):
        self[de] = en
        return de

    def lines(self, de_lines, en_lines):
        """Text with one entry per line (form choices); wagtail-localize offers it to
        translators as one segment with <br/> for the line breaks."""
        self["<br/>".join(de_lines)] = "<br/>".join(en_lines)
        return "\n".join(de_lines)

    def paragraphs(self, *pairs):
        return "".join(f"<p>{escape(self.t(de, en))}</p>" for de, en in pairs)

    def bullets(self, *pairs):
        items = "".join(f"<li>{escape(self.t(de, en))}</li>" for de, en in pairs)
        return f"<ul>{items}</ul>"


def describe(g):
    """The whole demo site as data: (German page spec, children). `g` collects translations."""
    t = g.t
    # Names that stay the same in every language.
    t("Start Smart", "Start Smart")
    t("home", "home")
    sample = ("paragraph", g.paragraphs((NOTICE_DE, NOTICE_EN)))

    formats = [
        (
            "Kick-off-Workshops",
            "Kick-off workshops",
            "Halbjährliche Online-Veranstaltungen zu den Grundlagen der Smart City: der "
            "leichte Einstieg für Kommunen, die am Anfang stehen.",
            "Half-yearly online events on the basics of the smart city: an easy start for "
            "municipalities at the beginning of the journey.",
        ),
        (
            "Themenwerkstätten",
            "Thematic workshops",
            "Vertiefende Werkstätten zu einzelnen Handlungsfeldern, in denen Modellprojekte "
            "zeigen, was bei ihnen funktioniert hat.",
            "In-depth workshops on single fields of action, where model projects show what "
            "has worked for them.",
        ),
        (
            "Initialberatung",
            "Initial consultation",
            "Gemeinsam erarbeiten wir Ziele, Mehrwerte und Chancen der Smart City im lokalen "
            "Kontext Ihrer Kommune.",
            "Together we work out goals, added value and opportunities of the smart city in "
            "your municipality's local context.",
        ),
        (
            "Peer-Learning",
            "Peer learning",
            "Moderierter Austausch, in dem Städte aus den Erfahrungen der Modellprojekte "
            "lernen und Lösungen für die konkrete Umsetzung diskutieren.",
            "Moderated exchange in which cities learn from the experience of the model "
            "projects and discuss solutions for concrete implementation.",
        ),
        (
            "Regionalkonferenzen",
            "Regional conferences",
            "Modellprojekte stellen Praxisbeispiele aus der Region vor; viel Raum für den "
            "Austausch der teilnehmenden Kommunen.",
            "Model projects present practical examples from the region, with plenty of room "
            "for exchange between the participating municipalities.",
        ),
    ]
    format_cards = [
        ("format", {"title": t(de, en), "text": t(text_de, text_en), "page": None})
        for de, en, text_de, text_en in formats
    ]
    format_accordion = (
        "accordion",
        {
            "heading": t("Die Formate im Überblick", "The formats at a glance"),
            "items": [
                {"question": de, "answer": g.paragraphs((text_de, text_en))}
                for de, _en, text_de, text_en in formats
            ],
        },
    )
    key_figures = (
        "key_figures",
        {
            "heading": t("Das Förderprogramm in Zahlen", "The funding programme in figures"),
            "figures": [
                {"figure": "73", "label": t("geförderte Modellkommunen", "funded model municipalities")},
                {"figure": t("820 Mio. €", "€820 million"), "label": t("Fördervolumen des Bundes", "federal funding")},
                {"figure": "5", "label": t("Formate für den Wissenstransfer", "knowledge-transfer formats")},
            ],
        },
    )  # fmt: skip

    def field(label_de, label_en, field_type, required=True, help_de="", help_en=""):
        return {
            "label": t(label_de, label_en),
            "field_type": field_type,
            "required": required,
            "help_text": t(help_de, help_en) if help_de else "",
        }

    home = {
        "teaser": t(
            "Start Smart macht das Wissen der 73 Modellprojekte Smart Cities für alle Kommunen "
            "zugänglich.",
            "Start Smart makes the knowledge of the 73 Smart Cities model projects available "
            "to every municipality.",
        ),
        "hero_title": t(
            "Digitale Transformation gemeinsam gestalten",
            "Shaping the digital transformation together",
        ),
        "hero_text": t(
            "Beratung, Werkstätten und Austausch für Kommunen jeder Größe, die von den "
            "Smart-City-Modellprojekten lernen möchten.",
            "Advice, workshops and exchange for municipalities of every size that want to "
            "learn from the smart city model projects.",
        ),
        "intro": g.paragraphs(
            (
                "Wie können Kommunen die Digitalisierung im Sinne einer integrierten, "
                "gemeinwohlorientierten Stadtentwicklung nutzen? Und wie werden auch kleine "
                "und mittlere Kommunen zu digitalen Pionieren? Start Smart bietet dazu "
                "Beratung und Informationen, kostenfrei und praxisnah.",
                "How can municipalities use digitalisation for integrated urban development "
                "that serves the common good? And how can small and medium-sized towns become "
                "digital pioneers too? Start Smart offers advice and information on exactly "
                "that, free of charge and close to practice.",
            )
        ),
        "formats_heading": t("Unsere Formate", "Our formats"),
        "formats": format_cards,
        "body": [key_figures],
    }

    pages = [
        (
            "standard",
            {
                "title": t("Über Start Smart", "About Start Smart"),
                "slug": t("ueber-start-smart", "about-start-smart"),
                "show_in_menus": True,
                "teaser": t(
                    "Start Smart ist ein Projekt des Bundesministeriums für Wohnen, "
                    "Stadtentwicklung und Bauwesen für Kommunen, die nicht gefördert werden.",
                    "Start Smart is a project of the Federal Ministry for Housing, Urban "
                    "Development and Building for municipalities that receive no funding.",
                ),
                "body": [
                    ("heading", {"text": t("Wissen weitergeben", "Passing on knowledge"), "level": "h2"}),
                    ("paragraph", g.paragraphs(
                        (
                            "Die Digitalisierung verändert fast alle Bereiche des Alltags: "
                            "Arbeit und Studium, Mobilität, Produktion und Konsum. Kommunen "
                            "stehen vor der Aufgabe, diesen Wandel aktiv zu gestalten.",
                            "Digitalisation changes almost every part of everyday life: work "
                            "and study, mobility, production and consumption. Municipalities "
                            "face the task of actively shaping this change.",
                        ),
                        (
                            "Die Koordinierungs- und Transferstelle Modellprojekte Smart Cities "
                            "bündelt, was die geförderten Modellprojekte lernen, und macht es "
                            "mit Start Smart auch den Kommunen zugänglich, die keine Förderung "
                            "erhalten.",
                            "The Coordination and Transfer Office for Smart Cities Model "
                            "Projects gathers what the funded model projects learn and, through "
                            "Start Smart, makes it available to municipalities without funding.",
                        ),
                    )),
                    ("heading", {"text": t("Für wen?", "Who is it for?"), "level": "h2"}),
                    ("paragraph", g.paragraphs(
                        (
                            "Für alle Kommunen, die sich informieren und vernetzen möchten, "
                            "ob Großstadt, Kleinstadt oder Landkreis. Es geht immer um die "
                            "konkrete Umsetzung vor Ort.",
                            "For every municipality that wants to learn and connect, whether "
                            "city, small town or district. The focus is always on concrete "
                            "implementation on the ground.",
                        ),
                    )),
                    ("call_to_action", {
                        "title": t("Wo steht Ihre Kommune?", "Where does your municipality stand?"),
                        "text": t(
                            "In einer Initialberatung klären wir gemeinsam Ziele und nächste Schritte.",
                            "In an initial consultation we clarify goals and next steps together.",
                        ),
                        "link_label": t("Initialberatung anfragen", "Request an initial consultation"),
                        "page": "initialberatung",
                        "external_url": "",
                    }),
                ],
            },
        ),
        (
            "standard",
            {
                "title": t("Formate", "Formats"),
                "slug": t("formate", "formats"),
                "show_in_menus": True,
                "teaser": t(
                    "Von der Online-Einführung bis zur Regionalkonferenz: fünf Wege, von den "
                    "Modellprojekten zu lernen.",
                    "From the online introduction to the regional conference: five ways to "
                    "learn from the model projects.",
                ),
                "body": [format_accordion],
            },
        ),
        (
            "standard",
            {
                "title": t("Smart City Dialog", "Smart City Dialogue"),
                "slug": t("smart-city-dialog", "smart-city-dialogue"),
                "show_in_menus": True,
                "teaser": t(
                    "Die nationale Dialogplattform zur Smart City und das Förderprogramm "
                    "Modellprojekte Smart Cities.",
                    "The national dialogue platform on smart cities and the Smart Cities "
                    "model projects funding programme.",
                ),
                "body": [
                    ("paragraph", g.paragraphs(
                        (
                            "Der Smart City Dialog ist die nationale Dialogplattform zur Smart "
                            "City. Er fördert den internationalen Austausch und unterstützt "
                            "Modellprojekte über das Förderprogramm Modellprojekte Smart Cities.",
                            "The Smart City Dialogue is the national dialogue platform on smart "
                            "cities. It fosters international exchange and supports model "
                            "projects through the Smart Cities model projects funding programme.",
                        ),
                        (
                            "Die Modellprojekte nutzen digitale Technologien so, dass sie zu "
                            "einer nachhaltigen und integrierten Stadtentwicklung beitragen. "
                            "Ihre Lösungen sollen auch anderen Städten offenstehen.",
                            "The model projects use digital technology in ways that contribute "
                            "to sustainable, integrated urban development. Their solutions are "
                            "meant to be open to other cities as well.",
                        ),
                    )),
                    key_figures,
                ],
            },
        ),
        (
            "form",
            {
                "title": t("Initialberatung anfragen", "Request an initial consultation"),
                "slug": t("initialberatung", "initial-consultation"),
                "show_in_menus": True,
                "teaser": t(
                    "Gemeinsam klären wir, welche Ziele und Chancen die Smart City für Ihre "
                    "Kommune bietet.",
                    "Together we find out which goals and opportunities the smart city offers "
                    "your municipality.",
                ),
                "intro": g.paragraphs((
                    "Erzählen Sie uns kurz, wo Ihre Kommune steht. Wir melden uns innerhalb "
                    "von zwei Wochen mit einem Terminvorschlag.",
                    "Tell us briefly where your municipality stands. We will get back to you "
                    "within two weeks with a suggested date.",
                )),
                "thank_you_text": g.paragraphs((
                    "Vielen Dank für Ihre Anfrage. Wir melden uns in Kürze bei Ihnen.",
                    "Thank you for your request. We will be in touch shortly.",
                )),
                "fields": [
                    field("Kommune", "Municipality", "singleline"),
                    field("Ihr Name", "Your name", "singleline"),
                    field("E-Mail-Adresse", "Email address", "email"),
                    field("Einwohnerzahl", "Population", "number", required=False),
                    field("Ihr Anliegen", "What would you like to discuss?", "multiline"),
                ],
            },
        ),
        (
            "form",
            {
                "title": t("Kontakt", "Contact"),
                "slug": t("kontakt", "contact"),
                "show_in_menus": False,
                "teaser": t("Schreiben Sie uns.", "Write to us."),
                "intro": g.paragraphs((
                    "Sie haben eine Frage zu Start Smart? Schreiben Sie uns.",
                    "Do you have a question about Start Smart? Write to us.",
                )),
                "thank_you_text": g.paragraphs((
                    "Vielen Dank für Ihre Nachricht. Wir antworten so bald wie möglich.",
                    "Thank you for your message. We will reply as soon as we can.",
                )),
                "fields": [
                    field("Ihr Name", "Your name", "singleline"),
                    field("E-Mail-Adresse", "Email address", "email"),
                    field("Nachricht", "Message", "multiline"),
                ],
            },
        ),
        (
            "accessibility",
            {
                "title": t("Erklärung zur Barrierefreiheit", "Accessibility statement"),
                "slug": t("barrierefreiheit", "accessibility"),
                "show_in_menus": False,
                "teaser": t(
                    "Wie barrierefrei diese Website ist und wie Sie uns Barrieren melden.",
                    "How accessible this website is and how to report barriers to us.",
                ),
                "intro": g.paragraphs((
                    "Wir möchten diese Website für alle Menschen zugänglich machen. Diese "
                    "Erklärung gilt für die gesamte Website von Start Smart.",
                    "We want this website to be accessible to everyone. This statement covers "
                    "the whole Start Smart website.",
                )),
                "conformance_status": "partial",
                "statement_prepared_on": datetime.date(2026, 11, 1),
                "evaluation_method": t(
                    "Beispielinhalt: Die Erklärung beruht auf einer Selbstbewertung mit "
                    "automatischen Prüfungen (axe-core) und manuellen Tests mit Tastatur und "
                    "Screenreader.",
                    "Sample content: the statement is based on a self-assessment with automated "
                    "checks (axe-core) and manual tests with keyboard and screen reader.",
                ),
                "non_accessible_content": g.paragraphs((
                    "Beispielinhalt: Ältere PDF-Dokumente sind noch nicht vollständig "
                    "barrierefrei. Auf Anfrage senden wir Ihnen die Inhalte in einem "
                    "zugänglichen Format.",
                    "Sample content: older PDF documents are not yet fully accessible. On "
                    "request we send you their content in an accessible format.",
                )),
                "enforcement_procedure": g.paragraphs((
                    "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, "
                    "können Sie sich an die Schlichtungsstelle nach § 16 "
                    "Behindertengleichstellungsgesetz (BGG) wenden. Das Verfahren ist "
                    "kostenlos.",
                    "If you do not receive a satisfactory answer to your feedback, you can turn "
                    "to the arbitration body under section 16 of the Disability Equality Act "
                    "(BGG). The procedure is free of charge.",
                )),
                "thank_you_text": g.paragraphs((
                    "Vielen Dank für Ihre Rückmeldung. Wir prüfen die gemeldete Barriere und "
                    "antworten Ihnen innerhalb von sechs Wochen.",
                    "Thank you for your feedback. We will look into the barrier you reported "
                    "and reply within six weeks.",
                )),
                "fields": [
                    field("Ihr Name", "Your name", "singleline"),
                    field("E-Mail-Adresse", "Email address", "email"),
                    field(
                        "Welche Barriere haben Sie gefunden?",
                        "Which barrier did you find?",
                        "multiline",
                        help_de="Beschreiben Sie, was nicht funktioniert und auf welcher Seite.",
                        help_en="Describe what does not work and on which page.",
                    ),
                ],
            },
        ),
        (
            "standard",
            {
                "title": t("Leichte Sprache", "Easy Read"),
                "slug": t("leichte-sprache", "easy-read"),
                "show_in_menus": False,
                "teaser": t(
                    "Hier erklären wir Start Smart in Leichter Sprache.",
                    "Here we explain Start Smart in easy-to-read language.",
                ),
                "body": [
                    ("heading", {"text": t("Was ist Start Smart?", "What is Start Smart?"), "level": "h2"}),
                    ("paragraph", g.paragraphs(
                        ("Start Smart hilft Städten und Gemeinden.", "Start Smart helps towns and cities."),
                        ("Es geht um Computer und Internet in der Stadt.", "It is about computers and the internet in town."),
                        ("Das nennt man: Smart City.", "This is called: smart city."),
                        ("73 Städte probieren das schon aus.", "73 towns are already trying it out."),
                        ("Andere Städte können von ihnen lernen.", "Other towns can learn from them."),
                    )),
                    ("heading", {"text": t("Was macht Start Smart?", "What does Start Smart do?"), "level": "h2"}),
                    ("paragraph", g.bullets(
                        ("Start Smart berät Städte.", "Start Smart gives advice to towns."),
                        ("Start Smart macht Treffen im Internet.", "Start Smart holds meetings on the internet."),
                        ("Start Smart macht Treffen in einer Stadt.", "Start Smart holds meetings in a town."),
                    )),
                ],
            },
        ),
        (
            "standard",
            {
                "title": t("Gebärdensprache", "Sign language"),
                "slug": t("gebaerdensprache", "sign-language"),
                "show_in_menus": False,
                "teaser": t(
                    "Informationen zu Start Smart in Deutscher Gebärdensprache (DGS).",
                    "Information about Start Smart in German Sign Language (DGS).",
                ),
                "body": [
                    sample,
                    ("paragraph", g.paragraphs((
                        "Auf dieser Seite stellen wir Start Smart in Videos in Deutscher "
                        "Gebärdensprache vor. Die Videos liegen auf unserem eigenen Server; "
                        "beim Abspielen werden keine Daten an Dritte übertragen.",
                        "On this page we present Start Smart in videos in German Sign "
                        "Language. The videos are stored on our own server; playing them sends "
                        "no data to third parties.",
                    ))),
                ],
            },
        ),
        (
            "standard",
            {
                "title": t("Impressum", "Imprint"),
                "slug": t("impressum", "imprint"),
                "show_in_menus": False,
                "teaser": "",
                "body": [
                    sample,
                    ("paragraph", g.paragraphs(
                        (
                            "Koordinierungs- und Transferstelle Modellprojekte Smart Cities, "
                            "Musterstraße 1, 10115 Berlin",
                            "Coordination and Transfer Office for Smart Cities Model Projects, "
                            "Musterstraße 1, 10115 Berlin, Germany",
                        ),
                        (
                            "Im Auftrag des Bundesministeriums für Wohnen, Stadtentwicklung "
                            "und Bauwesen (BMWSB).",
                            "On behalf of the Federal Ministry for Housing, Urban Development "
                            "and Building (BMWSB).",
                        ),
                    )),
                ],
            },
        ),
        (
            "standard",
            {
                "title": t("Datenschutz", "Privacy policy"),
                "slug": t("datenschutz", "privacy"),
                "show_in_menus": False,
                "teaser": t(
                    "Welche Daten wir verarbeiten, wozu und welche Rechte Sie haben.",
                    "Which data we process, why, and which rights you have.",
                ),
                "body": [
                    sample,
                    ("heading", {"text": t("Keine Dienste Dritter", "No third-party services"), "level": "h2"}),
                    ("paragraph", g.paragraphs((
                        "Diese Website lädt keine Inhalte von anderen Servern: keine "
                        "Webfonts, keine Videoplattformen, keine Analysedienste.",
                        "This website loads no content from other servers: no web fonts, no "
                        "video platforms, no analytics services.",
                    ))),
                    ("heading", {"text": t("Formulare", "Forms"), "level": "h2"}),
                    ("paragraph", g.paragraphs((
                        "Was Sie in ein Formular eingeben, verwenden wir nur, um Ihr Anliegen "
                        "zu bearbeiten. Ihre Einwilligung können Sie jederzeit widerrufen.",
                        "We use what you enter in a form only to handle your request. You can "
                        "withdraw your consent at any time.",
                    ))),
                ],
            },
        ),
    ]  # fmt: skip

    topics = [
        (t("Datenethik", "Data ethics"), "datenethik"),
        (t("Urbane Datenplattformen", "Urban data platforms"), "urbane-datenplattformen"),
        (t("Digitale Zwillinge", "Digital twins"), "digitale-zwillinge"),
        (t("Digitale Daseinsvorsorge", "Digital public services"), "digitale-daseinsvorsorge"),
        (t("Mobilität", "Mobility"), "mobilitaet"),
        (t("Smart-City-Strategie", "Smart city strategy"), "smart-city-strategie"),
    ]
    for _name, slug in topics:
        t(slug, slug)

    return {"home": home, "pages": pages, "topics": topics}
