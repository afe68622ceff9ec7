from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from casestudies.demo_content import describe_case_studies
from casestudies.models import CaseStudyIndexPage, CaseStudyPage, Municipality
from conferences.demo_content import describe_events
from conferences.models import (
    ConferencePage,
    EventIndexPage,
    EventPage,
    RegistrationField,
    Speaker,
    Venue,
    WorkshopPage,
    WorkshopSeriesPage,
)
from home.demo_content import Glossary, describe
from home.models import (
    AccessibilityFeedbackField,
    AccessibilityStatementPage,
    FormField,
    FormPage,
    SiteSettings,
    StandardPage,
    Topic,
)

PAGE_TYPES = {
    "standard": (StandardPage, None),
    "form": (FormPage, FormField),
    "accessibility": (AccessibilityStatementPage, AccessibilityFeedbackField),
    "event_index": (EventIndexPage, None),
    "conference": (ConferencePage, RegistrationField),
    "series": (WorkshopSeriesPage, None),
    "session": (WorkshopPage, RegistrationField),
    "case_study_index": (CaseStudyIndexPage, None),
    "case_study": (CaseStudyPage, None),
}
TARGET_LANGUAGE = "en"


class Command(BaseCommand):
    help = (
        "Load the Start Smart demo site in German and translate it to English with "
        "wagtail-localize. Idempotent: existing pages and translations are left as they are."
    )

    def handle(self, *args, **options):
        glossary = Glossary()
        site_description = describe(glossary)
        with transaction.atomic():
            created = self.build(site_description, glossary)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({created} new objects)."))

    def build(self, description, glossary):
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        source_locale = home.locale
        target_locale, _ = Locale.objects.get_or_create(language_code=TARGET_LANGUAGE)
        self.created = 0

        if not home.hero_text:
            for name, value in description["home"].items():
                setattr(home, name, value)
            home.save_revision().publish()
            self.created += 1
        # The home page first: translating a child would otherwise copy it as a stray parent.
        self.translate(home, target_locale, glossary)

        events = describe_events(glossary)
        case_studies = describe_case_studies(glossary)
        self.topics = {
            slug: self.ensure_snippet(Topic, source_locale, {"slug": slug, "name": name})
            for name, slug in [*description["topics"], *case_studies["topics"]]
        }
        self.municipalities = {
            key: self.ensure_snippet(Municipality, source_locale, spec)
            for key, spec in case_studies["municipalities"].items()
        }
        self.venues = {
            key: self.ensure_snippet(Venue, source_locale, spec)
            for key, spec in events["venues"].items()
        }
        self.speakers = {
            key: self.ensure_snippet(Speaker, source_locale, spec)
            for key, spec in events["speakers"].items()
        }
        # Snippets are translated before the pages that refer to them, so the English pages
        # point at English topics, venues and speakers.
        snippets = [self.topics, self.venues, self.speakers, self.municipalities]
        for snippet in [snippet for kind in snippets for snippet in kind.values()]:
            self.translate(snippet, target_locale, glossary)

        case_study_index = (
            "case_study_index",
            {
                **case_studies["index"],
                "children": [("case_study", spec) for spec in case_studies["case_studies"]],
            },
        )
        pages = {}
        for kind, spec in [*description["pages"], events["index"], case_study_index]:
            self.ensure_tree(home, kind, spec, pages)
        self.link_call_to_actions(description["pages"], pages)
        for page in pages.values():
            self.translate(page, target_locale, glossary)

        self.configure_site(site, pages)
        return self.created

    def ensure_snippet(self, model, locale, spec):
        lookup = {"slug": spec["slug"]} if "slug" in spec else {"name": spec["name"]}
        snippet, is_new = model.objects.get_or_create(locale=locale, **lookup, defaults=spec)
        self.created += is_new
        return snippet

    def ensure_tree(self, parent, kind, spec, pages):
        """Create the page and its descendants; pages are collected parents first."""
        spec = dict(spec)
        children = spec.pop("children", [])
        page = self.ensure_page(parent, kind, spec)
        pages[spec["slug"]] = page
        for child_kind, child_spec in children:
            self.ensure_tree(page, child_kind, child_spec, pages)

    def ensure_page(self, parent, kind, spec):
        model, field_model = PAGE_TYPES[kind]
        existing = parent.get_children().filter(slug=spec["slug"]).first()
        if existing is not None:
            return existing.specific
        fields = spec.pop("fields", [])
        topics = [self.topics[slug] for slug in spec.pop("topics", [])]
        presented_at = list(
            EventPage.objects.filter(locale=parent.locale, slug__in=spec.pop("presented_at", []))
        )
        if spec.get("municipality"):
            spec["municipality"] = self.municipalities[spec["municipality"]]
        if kind == "standard":
            spec["body"] = [block for block in spec["body"] if block[0] != "call_to_action"]
        if spec.get("venue"):
            spec["venue"] = self.venues[spec["venue"]]
        if "programme" in spec:
            spec["programme"] = [
                (name, {**day, "items": [self.with_speakers(item) for item in day["items"]]})
                for name, day in spec["programme"]
            ]
        page = model(**spec)
        if topics:
            page.topics = topics
        if presented_at:
            page.presented_at = presented_at
        if fields:
            related_name = field_model._meta.get_field("page").remote_field.related_name
            for order, field in enumerate(fields):
                getattr(page, related_name).add(field_model(sort_order=order, **field))
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def with_speakers(self, item):
        return {**item, "speakers": [self.speakers[key] for key in item["speakers"]]}

    def link_call_to_actions(self, page_specs, pages):
        """Calls to action point at pages that exist only once all pages are created."""
        for _kind, spec in page_specs:
            actions = [value for name, value in spec.get("body", []) if name == "call_to_action"]
            page = pages[spec["slug"]]
            if not actions or any(block.block_type == "call_to_action" for block in page.body):
                continue
            for action in actions:
                page.body.append(("call_to_action", {**action, "page": pages[action["page"]]}))
            page.save_revision().publish()

    def translate(self, instance, locale, glossary):
        """Translate through wagtail-localize, as a translator would in the editor."""
        if instance.has_translation(locale):
            return
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        missing = []
        changes = False
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            german = segment.string.data
            english = glossary.get(german, None if any(c.isalpha() for c in german) else german)
            if english is None:
                missing.append(german)
                continue
            changes = changes or english != german
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": english, "translation_type": "manual"},
            )
        if missing:
            raise CommandError(f"No English text for {instance!r}: {missing}")
        # wagtail-localize publishes from an on_commit callback with the page as it was before
        # its children existed, which resets the tree's child count; publish the fresh copy.
        is_page = isinstance(instance, Page)
        translation.save_target(publish=not is_page)
        target = instance.get_translation(locale)
        if is_page:
            target.get_latest_revision().publish()
        # save_target swallows validation errors and keeps the source text: check the result.
        if (
            target.title != glossary.get(instance.title, instance.title)
            if is_page
            else changes and str(target) == str(instance)
        ):
            raise CommandError(f"Translation of {instance!r} did not apply: got {target!r}")
        self.created += 1

    def configure_site(self, site, pages):
        settings = SiteSettings.for_site(site)
        if settings.privacy_page_id:
            return
        settings.organisation = "Koordinierungs- und Transferstelle Modellprojekte Smart Cities"
        settings.address = "Beispieladresse (kein echter Kontakt)\nMusterstraße 1\n10115 Berlin"
        settings.email = "start-smart@example.org"
        settings.phone = "+49 30 000000"
        settings.contact_page = pages["kontakt"]
        settings.imprint_page = pages["impressum"]
        settings.privacy_page = pages["datenschutz"]
        settings.accessibility_page = pages["barrierefreiheit"]
        settings.easy_language_page = pages["leichte-sprache"]
        settings.sign_language_page = pages["gebaerdensprache"]
        settings.save()
