from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageViewRestriction, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import BodyBlock, FormatCardBlock
from .forms import ConsentFormBuilder, FormPageAdminForm
from .fragments import cached
from .routing import route_below

UPCOMING_EVENTS_ON_HOME = 3
LATEST_CASE_STUDIES_ON_HOME = 3


def missing_alt_text(image_id, alt_text, field):
    """An image that is shown needs a text alternative (WCAG 1.1.1): the error to raise, if any."""
    if image_id and not alt_text.strip():
        return {field: _("Describe what the image shows for people who cannot see it.")}
    return {}


# Search ranks a match in the title over one in the teaser over one in the rest of the page:
# PostgreSQL weights A, C and D (the weights follow from the distinct boosts of all models).
# Page's own title field stays, as Wagtail's system check expects.
PAGE_SEARCH_FIELDS = Page.search_fields + [
    index.SearchField("title", boost=10),
    index.SearchField("teaser", boost=1),
]


def in_private_section():
    """Whether a page lies in a private section (at or below a page with a view restriction),
    as Wagtail's public() decides it. Wagtail's reads all view restrictions first: one more
    query for every listing and every search. This subquery adds none."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Exists(restricted)


class ContentPageQuerySet(PageQuerySet):
    def public(self):
        return self.exclude(in_private_section())


class BasePage(Page):
    """Fields every content page shares: a teaser for listings, search and meta description."""

    teaser = models.TextField(
        _("teaser"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences for listings, search results and link previews."),
    )

    content_panels = Page.content_panels + [FieldPanel("teaser")]
    search_fields = PAGE_SEARCH_FIELDS
    # Rows of other tables the page's own template shows, fetched with the page as it is served.
    shown_related = ()

    objects = PageManager.from_queryset(ContentPageQuerySet)()

    class Meta:
        abstract = True


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=300,
        blank=True,
        help_text=_("Required when a hero image is set; describe what it shows."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    formats_heading = models.CharField(_("formats heading"), max_length=200, blank=True)
    formats = StreamField(
        [("format", FormatCardBlock())], verbose_name=_("programme formats"), blank=True
    )
    body = StreamField(BodyBlock(), verbose_name=_("more content"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("formats_heading"),
        FieldPanel("formats"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("formats"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.FormPage",
        "home.AccessibilityStatementPage",
        "conferences.EventIndexPage",
        "casestudies.CaseStudyIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        return route_below(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        from casestudies.models import CaseStudyPage
        from conferences.cards import CARD_FIELDS
        from conferences.models import EventPage

        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = (
            EventPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, end__gte=timezone.now())
            .only(*CARD_FIELDS)
            .order_by("start")[:UPCOMING_EVENTS_ON_HOME]
        )
        context["latest_case_studies"] = (
            CaseStudyPage.objects.live()
            .public()
            .filter(locale=self.locale)
            .select_related("municipality")
            .defer(*CaseStudyPage.NOT_ON_CARDS)
            .order_by("-first_published_at")[:LATEST_CASE_STUDIES_ON_HOME]
        )
        context.update(cached(f"home:listing-pages:{self.locale_id}", self.listing_pages))
        return context

    def listing_pages(self):
        """The event and case-study index pages in this language, that "all events" and
        "all case studies" link to."""
        from casestudies.models import CaseStudyIndexPage
        from conferences.models import EventIndexPage

        first_of_type = {}
        indexes = Page.objects.live().type(EventIndexPage, CaseStudyIndexPage)
        for listing in indexes.filter(locale_id=self.locale_id).order_by("path"):
            first_of_type.setdefault(listing.specific_class, listing)
        return {
            "event_index": first_of_type.get(EventIndexPage),
            "case_study_index": first_of_type.get(CaseStudyIndexPage),
        }

    def clean(self):
        super().clean()
        errors = missing_alt_text(self.hero_image_id, self.hero_image_alt, "hero_image_alt")
        if errors:
            raise ValidationError(errors)


class StandardPage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.FormPage"]

    class Meta:
        verbose_name = _("standard page")


class TranslatableFormField(TranslatableMixin, AbstractFormField):
    """A form field whose label and choices are translated while its key, type and stored choice
    values stay those of the source, so submissions in every language land in the same columns."""

    override_translatable_fields = [
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("default_value"),
        TranslatableField("label"),
        TranslatableField("choices"),
        TranslatableField("help_text"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        abstract = True

    def get_field_clean_name(self):
        # "ß" has no ASCII decomposition and would turn into "xdf"; exports read "ss" better.
        return get_field_clean_name(self.label.replace("ß", "ss").replace("ẞ", "SS"))


class FormField(TranslatableFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class AccessibilityFeedbackField(TranslatableFormField):
    page = ParentalKey(
        "AccessibilityStatementPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class BaseFormPage(AbstractEmailForm):
    """A form page whose submissions need consent and whose notification mail never blocks."""

    teaser = models.TextField(_("teaser"), blank=True, max_length=400)
    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    form_builder = ConsentFormBuilder
    base_form_class = FormPageAdminForm
    search_fields = PAGE_SEARCH_FIELDS + [index.SearchField("intro")]
    email_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification email"),
        ),
    ]

    class Meta:
        abstract = True

    def send_mail(self, form):
        from .tasks import send_form_notification

        addresses = [a.strip() for a in self.to_address.split(",") if a.strip()]
        if not addresses:
            return
        content = self.render_email(form)
        subject = self.subject or self.title
        # The submission is stored first; a broken mail server must not lose it or fail the
        # request, so the mail goes out from a task once the transaction has committed.
        transaction.on_commit(
            lambda: send_form_notification.enqueue(
                subject=str(subject),
                body=content,
                from_address=self.from_address or settings.DEFAULT_FROM_EMAIL,
                to_addresses=addresses,
            )
        )


class FormPage(BaseFormPage):
    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("teaser"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        *BaseFormPage.email_panels,
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("form page")


class ConformanceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AccessibilityStatementPage(BaseFormPage):
    """Erklärung zur Barrierefreiheit as BITV 2.0 § 7 requires, with its feedback mechanism."""

    conformance_status = models.CharField(
        _("conformance status"),
        max_length=10,
        choices=ConformanceStatus.choices,
        default=ConformanceStatus.PARTIAL,
    )
    statement_prepared_on = models.DateField(_("statement prepared on"))
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    evaluation_method = models.TextField(
        _("how the statement was prepared"),
        blank=True,
        help_text=_("For example: self-assessment, external BITV test."),
    )
    non_accessible_content = RichTextField(
        _("content that is not accessible"),
        blank=True,
        help_text=_("What is not accessible, why, and which accessible alternative exists."),
    )
    enforcement_procedure = RichTextField(
        _("enforcement procedure"),
        blank=True,
        help_text=_("The arbitration body (Schlichtungsstelle nach § 16 BGG) and how to reach it."),
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("teaser"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("conformance_status"),
                FieldRowPanel(
                    [FieldPanel("statement_prepared_on"), FieldPanel("last_reviewed_on")]
                ),
                FieldPanel("evaluation_method"),
                FieldPanel("non_accessible_content"),
            ],
            heading=_("Statement"),
        ),
        FieldPanel("enforcement_procedure"),
        InlinePanel("form_fields", label=_("Feedback form fields")),
        FieldPanel("thank_you_text"),
        *BaseFormPage.email_panels,
    ]
    search_fields = BaseFormPage.search_fields + [
        index.SearchField("non_accessible_content"),
        index.SearchField("enforcement_procedure"),
    ]

    landing_page_template = "home/form_page_landing.html"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """Themenfeld: the programme's fields of action, shared by events and case studies."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_per_locale")
        ]

    def __str__(self):
        return self.name


def topic_choices(locale):
    """(slug, name) of every topic in a language, as filters offer them."""
    return cached(
        f"home:topic-choices:{locale.pk}",
        lambda: list(Topic.objects.filter(locale=locale).values_list("slug", "name")),
    )


def topics_in_language(topics, locale_id):
    """Topics are chosen on the source page; their versions in a page's language, one query."""
    return Topic.objects.filter(
        translation_key__in=topics.values("translation_key"), locale_id=locale_id
    )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    easy_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("easy-to-read page (Leichte Sprache)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sign-language page (Gebärdensprache)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
                PageChooserPanel("contact_page"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("imprint_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
                PageChooserPanel("easy_language_page"),
                PageChooserPanel("sign_language_page"),
            ],
            heading=_("Legal and accessibility pages"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def privacy_policy_version(self):
        """Which text of the privacy policy a person consented to: its published revision.
        Cached with the site version, which every publish replaces."""

        def compute():
            page = self.privacy_page
            if page is None or page.live_revision_id is None:
                return ""
            published = timezone.localtime(page.last_published_at).date().isoformat()
            return f"{page.pk}/{page.live_revision_id} ({published})"

        return cached(f"home:privacy-version:{self.pk}", compute)
