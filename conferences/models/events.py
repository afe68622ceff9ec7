import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.blocks import DocumentLinksBlock
from home.choices import FederalState
from home.forms import FormPageAdminForm
from home.fragments import cached
from home.models import BasePage, missing_alt_text, topics_in_language
from home.pagination import paginate

from ..blocks import ProgrammeBlock
from ..cards import CARD_FIELDS, render_card
from ..registration_form import RegistrationFormBuilder

EVENTS_PER_PAGE = 12
PAST_SESSIONS_PER_PAGE = 24


class AttendanceMode(models.TextChoices):
    OFFLINE = "offline", _("on site")
    ONLINE = "online", _("online")
    MIXED = "mixed", _("hybrid")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CANCELLED = "cancelled", _("cancelled")
    POSTPONED = "postponed", _("postponed")
    MOVED_ONLINE = "moved_online", _("moved online")


class EventFormat(models.TextChoices):
    CONFERENCE = "conference", _("Regional conference")
    KICKOFF = "kickoff", _("Kick-off workshop")
    THEMATIC = "thematic", _("Thematic workshop")
    PEER_LEARNING = "peer_learning", _("Peer learning")
    CONSULTATION = "consultation", _("Initial consultation")


class Venue(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    federal_state = models.CharField(_("federal state"), max_length=2, choices=FederalState.choices)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Step-free access, accessible toilets, induction loop, parking …"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldPanel("federal_state"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("accessibility_notes"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("city"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name"]

    def __str__(self):
        return f"{self.name}, {self.city}"


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(_("photo alternative text"), max_length=300, blank=True)
    bio = models.TextField(_("short biography"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
        FieldPanel("photo_alt"),
        FieldPanel("bio"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = missing_alt_text(self.photo_id, self.photo_alt, "photo_alt")
        if errors:
            raise ValidationError(errors)


class CalendarMixin(RoutablePageMixin):
    """A page whose events can be downloaded, or subscribed to, as an iCalendar feed."""

    def calendar_events(self):
        raise NotImplementedError

    @path("calendar/", name="calendar")
    def calendar(self, request):
        from ..calendar import calendar_response

        return calendar_response(self.calendar_events(), self.title, request, self.slug)


class EventPage(CalendarMixin, BasePage):
    """What every event shares; conferences and workshop sessions are its concrete kinds, so
    one query lists all of them without per-type lookups."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    event_format = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, editable=False
    )
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.OFFLINE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    online_notes = models.CharField(
        _("online access"),
        max_length=300,
        blank=True,
        help_text=_("For example: the access link is sent to registered participants."),
    )
    topics = ParentalManyToManyField("home.Topic", verbose_name=_("topics"), blank=True)
    host_municipality = models.CharField(_("host municipality"), max_length=200, blank=True)
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        default="Koordinierungs- und Transferstelle Modellprojekte Smart Cities",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(_("image alternative text"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True)
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programme"), blank=True)
    documentation = StreamField(
        [("documents", DocumentLinksBlock())],
        verbose_name=_("documentation"),
        blank=True,
        help_text=_("Slides and documentation, usually added after the event."),
    )
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        verbose_name=_("related pages"),
        blank=True,
    )

    registration_enabled = models.BooleanField(
        _("take registrations on this website"), default=False
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    waitlist_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When all seats are taken, further people join a waiting list."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open registration as soon as the page is published."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close registration when the event starts."),
    )
    confirmation_text = models.TextField(
        _("confirmation text"),
        blank=True,
        help_text=_("Shown after registering and sent in the confirmation email."),
    )
    waitlist_text = models.TextField(
        _("waiting-list text"),
        blank=True,
        help_text=_("Shown and sent to people who join the waiting list."),
    )
    organiser_email = models.EmailField(
        _("organiser notification address"),
        blank=True,
        help_text=_("Receives an email for every new registration."),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("keep registrations for (days after the event)"),
        default=30,
        validators=[MaxValueValidator(3650)],
        help_text=_("Personal data is anonymised this many days after the event ends."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("status"),
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldPanel("online_notes"),
            ],
            heading=_("Date and place"),
        ),
        FieldPanel("topics"),
        FieldRowPanel([FieldPanel("host_municipality"), FieldPanel("organiser")]),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
        FieldPanel("description"),
        FieldPanel("programme"),
        FieldPanel("documentation"),
        FieldPanel("related_pages"),
    ]
    registration_panels = [
        FieldPanel("registration_enabled"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("organiser_email"),
                FieldPanel("retention_days"),
            ],
            heading=_("Seats and deadlines"),
            help_text=_("Set on the source-language page; every translation shares these seats."),
        ),
        HelpPanel(
            content=_(
                "Every registration form asks for an email address and for consent to the "
                "privacy policy; add any further questions below."
            )
        ),
        InlinePanel("registration_fields", label=_("Questions")),
        FieldPanel("confirmation_text"),
        FieldPanel("waitlist_text"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    form_builder = RegistrationFormBuilder
    base_form_class = FormPageAdminForm

    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("programme"),
        index.FilterField("start"),
        index.FilterField("event_format"),
    ]

    is_creatable = False
    parent_page_types = []
    shown_related = ("venue", "image")

    class Meta:
        verbose_name = _("event")
        ordering = ["start"]
        indexes = [
            # Which events have not ended, ids included: the search reads them from the index
            # alone for every page it ranks (search/query.py).
            models.Index(fields=["end"], include=["page_ptr"], name="event_end"),
        ]

    def get_event_format(self):
        raise NotImplementedError

    def save(self, *args, **kwargs):
        self.event_format = self.get_event_format()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        if self.attendance_mode != AttendanceMode.ONLINE and not self.venue_id:
            errors["venue"] = _("An event on site or hybrid needs a venue.")
        errors.update(missing_alt_text(self.image_id, self.image_alt, "image_alt"))
        if self.start and self.end and self.end >= self.start:
            first, last = timezone.localdate(self.start), timezone.localdate(self.end)
            outside = [
                day.value["date"]
                for day in self.programme
                if not first <= day.value["date"] <= last
            ]
            if outside:
                errors["programme"] = _(
                    "Programme days must lie between the event's first and last day."
                )
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if closes and self.end and closes > self.end:
            errors["registration_closes_at"] = _(
                "Registration cannot close after the event has ended."
            )
        if errors:
            raise ValidationError(errors)

    def calendar_events(self):
        return [self]

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def personal_data_kept_until(self):
        """When the registrations of this event are anonymised (its retention period)."""
        return self.end + datetime.timedelta(days=self.retention_days)

    @cached_property
    def registration_rules(self):
        """Seats, deadlines and the organiser address of the source-language version of this
        event: every translation registers against the same rules and the same seats."""
        # Pages are served with their locale loaded (the page's language is rendered anyway).
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        source = EventPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        return source or self

    def registration_form_class(self):
        return self.form_builder(
            self.registration_fields.all(),
            in_source_language=self.locale.language_code == settings.LANGUAGE_CODE,
        ).get_form_class()

    @property
    def shareable_response(self):
        # Its seats, and the remaining capacity in its JSON-LD, change with each registration.
        return not self.registration_rules.registration_enabled

    @path("")
    def index_route(self, request, *args, **kwargs):
        if request.method == "POST" and self.registration_rules.registration_enabled:
            from ..views import submit_registration

            return submit_registration(request, self)
        return super().index_route(request, *args, **kwargs)

    def get_context(self, request, *args, form=None, **kwargs):
        from ..capacity import availability

        context = super().get_context(request, *args, **kwargs)
        context["availability"] = availability(self)
        if context["availability"].accepts_submissions:
            context["form"] = form or self.registration_form_class()()
        return context

    def localized_related_pages(self):
        """The related pages in the visitor's language, live ones only, in one query."""
        from home.i18n import pages_in_active_language

        # The chosen ids as stored: no query for the chosen pages themselves.
        chosen = {order: block["value"] for order, block in enumerate(self.related_pages.raw_data)}
        return list(pages_in_active_language(chosen).values())

    def topics_in_page_language(self):
        return topics_in_language(self.topics, self.locale_id)


class ConferencePage(EventPage):
    template = "conferences/event_page.html"
    parent_page_types = ["conferences.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("regional conference")

    def get_event_format(self):
        return EventFormat.CONFERENCE


class WorkshopSeriesPage(CalendarMixin, BasePage):
    series_format = models.CharField(
        _("format"),
        max_length=20,
        choices=[c for c in EventFormat.choices if c[0] != EventFormat.CONFERENCE],
        default=EventFormat.KICKOFF,
    )
    description = RichTextField(_("description"), blank=True)
    audience = models.TextField(_("audience"), blank=True)
    cadence = models.CharField(
        _("cadence"), max_length=200, blank=True, help_text=_("For example: every six months.")
    )
    contact = models.TextField(_("contact"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("series_format"),
        FieldPanel("description"),
        FieldPanel("audience"),
        FieldPanel("cadence"),
        FieldPanel("contact"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("audience"),
    ]
    parent_page_types = ["conferences.EventIndexPage"]
    subpage_types = ["conferences.WorkshopPage"]

    class Meta:
        verbose_name = _("workshop series")

    def sessions(self):
        return WorkshopPage.objects.child_of(self).live().public().select_related("venue")

    def calendar_events(self):
        return self.sessions().order_by("start")

    def session_cards(self, request):
        """The end and the rendered card of every live session, soonest first. A series runs
        for years, so its cards are rendered once per site version rather than on every visit;
        which of them are still upcoming is decided on each visit from their ends."""

        def render():
            sessions = self.sessions().only(*CARD_FIELDS).order_by("start")
            return [(session.end, render_card(session, request)) for session in sessions]

        return cached(f"conferences:session-cards:{self.pk}:{get_language()}", render)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        cards = self.session_cards(request)
        context["upcoming_sessions"] = [card for end, card in cards if end >= now]
        past = [card for end, card in reversed(cards) if end < now]
        context["past_sessions"], context["page_error"] = paginate(
            request, past, PAST_SESSIONS_PER_PAGE
        )
        return context


class WorkshopPage(EventPage):
    template = "conferences/event_page.html"
    parent_page_types = ["conferences.WorkshopSeriesPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("workshop session")

    def get_event_format(self):
        parent = self.get_parent()
        series = parent.specific if parent else None
        return getattr(series, "series_format", EventFormat.THEMATIC)


class EventIndexPage(CalendarMixin, BasePage):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["conferences.ConferencePage", "conferences.WorkshopSeriesPage"]

    class Meta:
        verbose_name = _("event index")

    def events(self):
        return EventPage.objects.live().public().descendant_of(self).select_related("venue")

    def calendar_events(self):
        return self.events().order_by("start")

    def get_context(self, request, *args, **kwargs):
        from ..filters import EventFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = EventFilterForm(request.GET or None, locale=self.locale)
        # Which events the filters leave changes only with the site, and finding them among
        # thousands of pages costs the most: kept per combination under the site version.
        # Whether each is still upcoming is decided on every visit.
        narrowing = urlencode(sorted(form.narrowing().items()))
        dates = cached(
            f"conferences:listing:{self.pk}:{narrowing}",
            lambda: list(
                form.narrow(self.events()).order_by("start", "pk").values_list("pk", "end")
            ),
        )
        page_obj, context["page_error"] = paginate(
            request, form.in_time(dates, timezone.now()), EVENTS_PER_PAGE
        )
        shown = self.events().only(*CARD_FIELDS).in_bulk(page_obj.object_list)
        page_obj.object_list = [shown[pk] for pk in page_obj.object_list if pk in shown]
        context.update(filter_form=form, page_obj=page_obj, events=page_obj.object_list)
        return context
