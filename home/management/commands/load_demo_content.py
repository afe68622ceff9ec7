from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
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
        created = 0

        if not home.hero_text:
            for name, value in description["home"].items():
                setattr(home, name, value)
            home.save_revision().publish()
            created += 1
        # The home page first: translating a child would otherwise copy it as a stray parent.
        created += self.translate(home, target_locale, glossary)

        pages = {}
        for kind, spec in description["pages"]:
            page, is_new = self.ensure_page(home, kind, spec)
            pages[spec["slug"]] = page
            created += is_new
        self.link_call_to_actions(home, pages)
        for page in pages.values():
            created += self.translate(page, target_locale, glossary)

        for name, slug in description["topics"]:
            topic, is_new = Topic.objects.get_or_create(
                slug=slug, locale=source_locale, defaults={"name": name}
            )
            created += is_new
            created += self.translate(topic, target_locale, glossary)

        self.configure_site(site, pages)
        return created

    def ensure_page(self, home, kind, spec):
        model, field_model = PAGE_TYPES[kind]
        existing = home.get_children().filter(slug=spec["slug"]).first()
        if existing is not None:
            return existing.specific, False
        spec = dict(spec)
        fields = spec.pop("fields", [])
        if kind == "standard":
            spec["body"] = [
                (name, value) for name, value in spec["body"] if name != "call_to_action"
            ]
        page = model(**spec)
        for order, field in enumerate(fields):
            page.form_fields.add(field_model(sort_order=order, **field))
        home.add_child(instance=page)
        page.save_revision().publish()
        return page, True

    def link_call_to_actions(self, home, pages):
        """Calls to action point at pages that exist only once all pages are created."""
        glossary = Glossary()
        for _kind, spec in describe(glossary)["pages"]:
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
            return 0
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        missing = []
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            german = segment.string.data
            english = glossary.get(german, None if any(c.isalpha() for c in german) else german)
            if english is None:
                missing.append(segment.string.data)
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": english,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
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
        expected = glossary.get(str(instance), str(instance))
        if str(target) != expected:
            raise CommandError(f"Translation of {instance!r} did not apply: got {target!r}")
        return 1

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
