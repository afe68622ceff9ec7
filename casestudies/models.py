from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import DocumentLinksBlock, ImageBlock, KeyFigureBlock
from home.choices import FederalState
from home.forms import SourceLanguageChoicesPageForm
from home.fragments import cached
from home.models import BasePage, topics_in_language
from home.pagination import paginate

CASE_STUDIES_PER_PAGE = 12
RELATED_CASE_STUDIES = 3
# Size classes of the Federal Institute for Research on Building, Urban Affairs and Spatial
# Development (BBSR): small towns below 20,000 inhabitants, large cities above 100,000.
MEDIUM_TOWN_FROM = 20_000
LARGE_CITY_FROM = 100_001


class MunicipalityType(models.TextChoices):
    CITY = "city", _("city")
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district")
    ASSOCIATION = "association", _("inter-municipal association")


class SizeClass(models.TextChoices):
    # Districts and associations are sized like towns, so the labels name no kind of place.
    SMALL = "small", _("small (under 20,000 inhabitants)")
    MEDIUM = "medium", _("medium (20,000 to 100,000 inhabitants)")
    LARGE = "large", _("large (over 100,000 inhabitants)")

    @classmethod
    def for_population(cls, population):
        if population >= LARGE_CITY_FROM:
            return cls.LARGE
        if population >= MEDIUM_TOWN_FROM:
            return cls.MEDIUM
        return cls.SMALL


class Cohort(models.IntegerChoices):
    """Staffel: the year a model project was selected for funding."""

    COHORT_2019 = 2019, _("Cohort 2019")
    COHORT_2020 = 2020, _("Cohort 2020")
    COHORT_2021 = 2021, _("Cohort 2021")


class CaseStudyStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")


class Municipality(TranslatableMixin, index.Indexed, models.Model):
    """A funded model project's municipality. Only its name is translated; the facts are the
    same in every language and are kept in step with the German source."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, help_text=_("Used in filter links."))
    municipality_type = models.CharField(
        _("type"), max_length=20, choices=MunicipalityType.choices, default=MunicipalityType.CITY
    )
    federal_state = models.CharField(_("federal state"), max_length=2, choices=FederalState.choices)
    population = models.PositiveIntegerField(
        _("population"), validators=[MinValueValidator(1), MaxValueValidator(10_000_000)]
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, editable=False
    )
    cohort = models.PositiveSmallIntegerField(_("funding cohort"), choices=Cohort.choices)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(47), MaxValueValidator(55.1)],
        help_text=_("Decimal degrees, for the map; for example 51.90640 for Gütersloh."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(5.8), MaxValueValidator(15.1)],
        help_text=_("Decimal degrees, for the map; for example 8.37840 for Gütersloh."),
    )
    website = models.URLField(_("website"), blank=True)

    override_translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("municipality_type"),
        SynchronizedField("federal_state"),
        SynchronizedField("population"),
        SynchronizedField("cohort"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("website"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("municipality_type"), FieldPanel("federal_state")]),
        FieldRowPanel([FieldPanel("population"), FieldPanel("cohort")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_municipality_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.size_class = SizeClass.for_population(self.population)
        super().save(*args, **kwargs)


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Role in the project"), required=False, max_length=200)
    url = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "group"
        label = _("Partner")


class CaseStudyIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["casestudies.CaseStudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case study index")

    def case_studies(self):
        return CaseStudyPage.objects.live().public().child_of(self)

    def get_context(self, request, *args, **kwargs):
        from .filters import CaseStudyFilterForm
        from .map import germany_map

        context = super().get_context(request, *args, **kwargs)
        form = CaseStudyFilterForm(request.GET or None, locale=self.locale)
        all_case_studies = self.case_studies()
        case_studies = form.apply(all_case_studies)
        # What is listed, the counts and the map change only with the site, and finding them
        # costs the most: kept per filter combination under the site version, so a request
        # loads only the case studies on its page (the template caches the rendered filters
        # and map the same way).
        filters = urlencode(sorted(form.active_filters().items()))
        overview = cached(
            f"casestudies:overview:{self.pk}:{get_language()}:{filters}",
            lambda: {
                "listed": list(case_studies.order_by("title").values_list("pk", flat=True)),
                "facets": form.facets(all_case_studies),
                "map": germany_map(form.markers(case_studies, self, request)),
            },
        )
        page_obj, context["page_error"] = paginate(
            request, overview.pop("listed"), CASE_STUDIES_PER_PAGE
        )
        shown = (
            CaseStudyPage.objects.select_related("municipality")
            .defer(*CaseStudyPage.NOT_ON_CARDS)
            .in_bulk(page_obj.object_list)
        )
        page_obj.object_list = [shown[pk] for pk in page_obj.object_list if pk in shown]
        form.show_counts(overview["facets"])
        context.update(
            filter_form=form,
            active_filters=filters,
            page_obj=page_obj,
            case_studies=page_obj.object_list,
            **overview,
        )
        return context


class CaseStudyPage(BasePage):
    # The long texts a case-study card never shows, left out when cards are loaded.
    NOT_ON_CARDS = (
        "challenge",
        "approach",
        "results",
        "key_figures",
        "lessons_learned",
        "transferability",
        "costs_and_funding",
        "partners",
        "gallery",
        "downloads",
    )

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="case_studies",
    )
    topics = ParentalManyToManyField("home.Topic", verbose_name=_("topics"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStudyStatus.choices,
        default=CaseStudyStatus.IN_PROGRESS,
    )
    challenge = RichTextField(_("challenge"), blank=True, help_text=_("Which problem was solved?"))
    approach = RichTextField(_("approach"), blank=True)
    results = RichTextField(_("results"), blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        verbose_name=_("key figures"),
        blank=True,
        max_num=6,
    )
    lessons_learned = RichTextField(_("lessons learned"), blank=True)
    transferability = RichTextField(
        _("what other municipalities can take over"),
        blank=True,
        help_text=_("Which parts can be reused elsewhere, and under which conditions?"),
    )
    costs_and_funding = RichTextField(_("costs and funding"), blank=True)
    partners = StreamField([("partner", PartnerBlock())], verbose_name=_("partners"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("role of the contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    gallery = StreamField([("image", ImageBlock())], verbose_name=_("gallery"), blank=True)
    downloads = StreamField(
        [("documents", DocumentLinksBlock())], verbose_name=_("downloads"), blank=True
    )
    presented_at = ParentalManyToManyField(
        "conferences.EventPage",
        verbose_name=_("presented at"),
        blank=True,
        related_name="presented_case_studies",
        help_text=_("Events where this project was presented."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("status"),
            ],
            heading=_("Project"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("key_figures"),
        FieldPanel("lessons_learned"),
        FieldPanel("transferability"),
        FieldPanel("costs_and_funding"),
        FieldPanel("partners"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("gallery"),
        FieldPanel("downloads"),
        FieldPanel("presented_at", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
        index.SearchField("transferability"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
        index.FilterField("status"),
    ]
    parent_page_types = ["casestudies.CaseStudyIndexPage"]
    subpage_types = []
    shown_related = ("municipality",)
    base_form_class = SourceLanguageChoicesPageForm

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        if self.contact_email and not self.contact_name:
            raise ValidationError(
                {"contact_name": _("Name the person who answers at this address.")}
            )

    def related_case_studies(self):
        """Other case studies in this language with the most topics in common, in one query."""
        topic_keys = self.topics.values("translation_key")
        shared_topics = Count(
            "topics", distinct=True, filter=Q(topics__translation_key__in=topic_keys)
        )
        # Ranked on their ids alone: grouping whole page rows by shared topics costs more than
        # counting the topics of the few that are shown a second time.
        ranked = (
            CaseStudyPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id, topics__translation_key__in=topic_keys)
            .exclude(translation_key=self.translation_key)
            .values("pk")
            .annotate(shared_topics=Count("topics", distinct=True))
            .order_by("-shared_topics", "-first_published_at")
            .values("pk")[:RELATED_CASE_STUDIES]
        )
        return (
            CaseStudyPage.objects.filter(pk__in=ranked)
            .annotate(shared_topics=shared_topics)
            .defer(*CaseStudyPage.NOT_ON_CARDS)
            .select_related("municipality")
            .order_by("-shared_topics", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # A draft's topics may differ from the published ones the cache was filled from.
            context["related_case_studies"] = list(self.related_case_studies())
        else:
            # Ranking every case study by shared topics is the page's costliest query; only a
            # publication, a move or a changed topic, each a new site version, changes it.
            context["related_case_studies"] = cached(
                f"casestudies:related:{self.pk}", lambda: list(self.related_case_studies())
            )
        return context

    def topics_in_page_language(self):
        return topics_in_language(self.topics, self.locale_id)

    def events_in_page_language(self):
        """Events are chosen on the source page; list their live versions in this language,
        falling back to the source event where it has no translation yet."""
        from conferences.models import EventPage

        chosen = self.presented_at.values("translation_key")
        versions = (
            EventPage.objects.live()
            .public()
            .filter(translation_key__in=chosen)
            .filter(Q(locale_id=self.locale_id) | Q(locale__language_code=settings.LANGUAGE_CODE))
            .only("title", "url_path", "start", "locale_id", "translation_key")
        )
        shown = {}
        for event in versions:
            if event.locale_id == self.locale_id or event.translation_key not in shown:
                shown[event.translation_key] = event
        return sorted(shown.values(), key=lambda event: event.start, reverse=True)
