"""Whatever a visitor, a bot or a broken proxy sends to a public address, the answer is a page
or a clear 4xx: never a server error, never a stack trace, never half a record.

Addresses, query parameters and form fields are read from the live site and the real form
classes, so a new page type, filter or editor-built question is fuzzed without touching this
file. The site exposes no read API (neither wagtail.api v2 nor v3), so there is no OpenAPI
schema for schemathesis; the last test keeps that true until one is added."""

import re
import time
import urllib.parse
from dataclasses import dataclass, field
from functools import partial

import hypothesis
import pytest
from bs4 import BeautifulSoup
from django import forms
from django.conf import settings as django_settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.http import QueryDict
from django.test import Client, override_settings
from django.urls import NoReverseMatch, resolve
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import ResolutionFailed
from hypothesis.extra.django import from_field
from wagtail.contrib.forms.models import FormMixin, FormSubmission
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page

from casestudies.filters import CaseStudyFilterForm
from casestudies.models import CaseStudyIndexPage
from conferences import capacity
from conferences.filters import EventFilterForm
from conferences.models import EventIndexPage, EventPage, Registration
from conferences.registration_form import (
    EMAIL_FIELD,
    HONEYPOT_FIELD,
    STAMP_SALT,
    STARTED_FIELD,
)
from conferences.tokens import manage_token
from home.forms import CONSENT_FIELD
from search.forms import SearchForm

pytestmark = pytest.mark.django_db

# Every example shares its test's database transaction; the tests that write check counts
# before and after each request instead of relying on a clean database.
fuzzing = partial(
    settings,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,  # one shrunk failure per test keeps a failing run short
)

# What a stack trace or Django's debug page would put into a response body.
LEAK = re.compile(
    r"Traceback|django\.core|site-packages|Exception Value|File \"[^\"\n]*\", line \d+"
)
FORM_CONTENT = "application/x-www-form-urlencoded"
PAGINATION = "page"  # home/pagination.py reads it on every paginated listing


def without_leak_markers(text):
    # An input that contains the markers would be echoed back and look like a leak.
    return not LEAK.search(text)


# --- what gets sent -----------------------------------------------------------------------

PAYLOADS = [
    "' OR '1'='1", "1; DROP TABLE wagtailcore_page; --", '" OR ""="',
    "%' UNION SELECT NULL, NULL --", "a & b | !c", "a <-> b", "foo:*", "!!", "(((", ")",
    "'", "\\", "''", "a:* & (b | !c) <2> d", '"unterminated phrase', "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "{% debug %}", "${7*7}", "\x00", "a\x00b",
    "\ufeff", "\u202e", "e" + "\u0301" * 200, "🏳️‍🌈" * 20, "\r\n", "\t", " ", "",
    "9" * 400, "9" * 5000, "-1", "0", "1e309", "1e-999999999", "NaN", "inf", "-0", "0x10",
    "2023.5", " 2023 ", "../../etc/passwd", "%00", "%ff", "\\ud800", "true", "null", "[]",
    "{}", "__proto__", "Gütersloh", "ẞtraße", "İstanbul", "日本語",
]  # fmt: skip
# Percent escapes that do not decode as UTF-8 (a lone surrogate, overlong forms, stray bytes):
# Django decodes them with replacement characters, a client cannot send them as text.
RAW_ESCAPES = [
    "%ED%A0%80", "%ED%B0%80", "%C0%AF", "%E0%80%AF", "%FF%FE", "%80", "%", "%zz", "%%",
    "%00", "%0d%0a", "+", "&&", "==", "=&=", ";",
]  # fmt: skip


def repeated(chunk, size):
    return (chunk * (size // len(chunk) + 1))[:size]


long_text = st.builds(repeated, st.text(min_size=1, max_size=4), st.integers(10_000, 100_000))
values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(PAYLOADS),
    st.text(max_size=300),
    long_text,
).filter(without_leak_markers)
unknown_names = st.one_of(
    st.sampled_from(
        ["x", "q[]", "page[]", "next", "__proto__", "csrfmiddlewaretoken", "", "a" * 500]
    ),
    st.text(max_size=20),
).filter(without_leak_markers)
raw_fragments = st.one_of(
    st.sampled_from(RAW_ESCAPES).map(lambda escape: f"x={escape}"),
    st.binary(max_size=120).map(lambda raw: urllib.parse.quote_from_bytes(raw, safe="=&;")),
)
# What a lax proxy passes on unescaped; WSGI hands it over as latin-1.
header_text = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=300),
    st.sampled_from(["*", "de;q=abc", "en-US,en;q=0.9,de;q=0.8", "x" * 10_000, ",,;;==", ""]),
).filter(without_leak_markers)
HEADERS = [
    "HTTP_ACCEPT_LANGUAGE", "HTTP_ACCEPT", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE",
    "HTTP_RANGE", "HTTP_REFERER", "HTTP_USER_AGENT", "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PROTO",
]  # fmt: skip
request_headers = st.dictionaries(st.sampled_from(HEADERS), header_text, max_size=4)


def query_strings(parameters):
    """Query strings of known parameters (valid and invalid values), unknown and repeated
    parameters, and bytes no browser would send."""

    @st.composite
    def pair(draw):
        name = draw(
            st.sampled_from(sorted(parameters)) | unknown_names if parameters else unknown_names
        )
        known = parameters.get(name)
        return name, draw(st.sampled_from(known) | values if known else values)

    encoded = st.lists(pair(), max_size=6).map(urllib.parse.urlencode)
    unescaped = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=80)
    return st.one_of(
        encoded,
        encoded,
        raw_fragments,
        unescaped.filter(without_leak_markers),
        st.tuples(encoded, raw_fragments).map("&".join),
    )


def as_post_values(value):
    """A cleaned value as a browser would post it."""
    if value is True:
        return ["on"]
    if value in (None, False):
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def valid_values_for(form_field):
    """Values the field's own type suggests, as a browser would post them."""
    try:
        return from_field(form_field).map(as_post_values)
    except ResolutionFailed:
        return st.just(["Beispiel"])


broken_values = st.one_of(
    values.map(lambda value: [value]),
    st.just([]),
    st.lists(values, min_size=2, max_size=3),
)


@st.composite
def submissions(draw, form_class, special=None):
    """A urlencoded body for `form_class`: the fields it has with plausible values except for a
    drawn few that get arbitrary, missing or repeated ones (so both the stored and the refused
    path are reached), plus unknown fields, shuffled, sometimes with undecodable bytes.
    `special` gives (plausible, broken) strategies for fields the field type cannot describe."""
    special = special or {}
    names = list(form_class.base_fields)
    broken = draw(
        st.just(frozenset()) | st.sets(st.sampled_from(names), min_size=1), label="broken fields"
    )
    pairs = []
    for name, form_field in form_class.base_fields.items():
        plausible, arbitrary = special.get(name, (valid_values_for(form_field), broken_values))
        strategy = arbitrary if name in broken else plausible
        pairs += [(name, value) for value in draw(strategy, label=name)]
    pairs += draw(st.lists(st.tuples(unknown_names, values), max_size=3), label="unknown")
    body = urllib.parse.urlencode(draw(st.permutations(pairs)))
    junk = draw(st.none() | raw_fragments, label="junk")
    return f"{body}&{junk}" if junk else body


# --- what must come back ------------------------------------------------------------------


def body_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def assert_handled(response):
    """A page or a clear 4xx, and nothing of the server's inside shown."""
    assert response.status_code < 500, f"server error {response.status_code}"
    leak = LEAK.search(body_of(response))
    assert leak is None, f"the response shows the server's inside: {leak.group()!r}"


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def registration_status(response):
    main = html(response).select_one("main")
    return main.get("data-registration-status") if main else None


def post(url, body, client=None, **extra):
    client = client or Client(raise_request_exception=False)
    return client.post(url, body.encode(), content_type=FORM_CONTENT, **extra)


def stamp(seconds_ago=10):
    """The registration form's signed start time: older than the minimum fill time."""
    return signing.dumps(time.time() - seconds_ago, salt=STAMP_SALT)


def valid_submission(form_class):
    """Answers the real form accepts, built from its fields, so new questions get answers."""
    data = {}
    for name, form_field in form_class.base_fields.items():
        if name == HONEYPOT_FIELD:
            continue
        if name == STARTED_FIELD:
            data[name] = stamp()
        elif isinstance(form_field, forms.ChoiceField):
            choices = [value for value, _label in form_field.choices if value != ""]
            data[name] = (
                [choices[0]] if isinstance(form_field, forms.MultipleChoiceField) else choices[0]
            )
        elif isinstance(form_field, forms.BooleanField):
            data[name] = "on"
        elif isinstance(form_field, forms.EmailField):
            data[name] = "anna@example.org"
        elif isinstance(form_field, forms.DecimalField | forms.IntegerField | forms.FloatField):
            data[name] = "1"
        elif isinstance(form_field, forms.DateTimeField):
            data[name] = "2030-01-01 10:00"
        elif isinstance(form_field, forms.DateField):
            data[name] = "2030-01-01"
        elif isinstance(form_field, forms.URLField):
            data[name] = "https://example.org/"
        else:
            data[name] = "Beispiel"
    assert form_class(data).is_valid(), "the helper no longer knows how to fill this form"
    return data


# --- the inventory ------------------------------------------------------------------------


@dataclass
class Address:
    url: str
    parameters: dict = field(default_factory=dict)  # name → known values ([] for free text)
    statuses: frozenset = frozenset({200})
    kind: str = ""  # the page type and language, or the address itself

    def __repr__(self):
        return self.url


class Inventory(list):
    def __repr__(self):
        return f"<{len(self)} public addresses>"


FILTER_FORMS = {EventIndexPage: EventFilterForm, CaseStudyIndexPage: CaseStudyFilterForm}
PAGE_NUMBERS = ["1", "2", "0", "-1", "999999", "1.5"]


def known_values(form_field):
    """The values a filter offers, and for a number its bounds and their neighbours."""
    if isinstance(form_field, forms.ChoiceField):
        return [str(value) for value, _label in form_field.choices if value != ""]
    if isinstance(form_field, forms.IntegerField):
        low, high = form_field.min_value or 0, form_field.max_value or 1
        return [str(low), str(high), str(low - 1), str(high + 1), str((low + high) // 2)]
    return []


def parameters_of(form):
    parameters = {name: known_values(form_field) for name, form_field in form.fields.items()}
    return {**parameters, PAGINATION: PAGE_NUMBERS}


def public_pages():
    return Page.objects.live().public().specific().filter(depth__gt=1).order_by("path")


def calendar_url(page):
    if not isinstance(page, RoutablePageMixin):
        return None
    try:
        return page.url + page.reverse_subpage("calendar")
    except NoReverseMatch:
        return None


def registering_events():
    return [
        page
        for page in public_pages()
        if isinstance(page, EventPage) and page.registration_rules.registration_enabled
    ]


def form_pages():
    return [page for page in public_pages() if isinstance(page, FormMixin)]


@pytest.fixture
def registration(demo_site):
    event = registering_events()[0]
    return capacity.register(
        event, email="fuzz@example.org", answers={}, language="de", privacy_policy_version="1/1"
    )


@pytest.fixture
def addresses(registration):
    """Every anonymous address that reads input, with the parameters it understands."""
    found = Inventory()
    for page in public_pages():
        form_class = FILTER_FORMS.get(type(page))
        parameters = parameters_of(form_class(locale=page.locale)) if form_class else {}
        kind = f"{page.locale.language_code}:{page.specific_class.__name__}"
        found.append(Address(page.url, parameters, kind=kind))
        if calendar := calendar_url(page):
            found.append(Address(calendar, kind=f"{kind}:calendar"))
    for locale in Locale.objects.all():
        language = locale.language_code
        found += [
            Address(f"/{language}/search/", parameters_of(SearchForm(locale=locale))),
            Address(f"/{language}/search/autocomplete/", {"q": ["Gü", "Da", "kick"]}),
            Address(f"/{language}/registration/{manage_token(registration)}/"),
        ]
    found += [
        Address("/", statuses=frozenset({302})),
        Address("/sitemap.xml", {"p": ["1", "2"]}, frozenset({200, 404})),
        Address("/robots.txt"),
        Address("/healthz"),
    ]
    return found


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def one_address_per_kind(addresses):
    """The first address of each page type in each language, and every other address."""
    kinds = {}
    for address in addresses:
        kinds.setdefault(address.kind or address.url, address)
    return list(kinds.values())


# --- query strings and headers on every address -------------------------------------------


@fuzzing(max_examples=300)
@given(data=st.data())
def test_every_public_address_answers_any_query_string_and_headers_without_an_error(
    addresses, data
):
    address = data.draw(st.sampled_from(addresses), label="address")
    query = data.draw(query_strings(address.parameters), label="query")
    headers = data.draw(request_headers, label="headers")
    method = data.draw(st.sampled_from(["GET", "HEAD"]), label="method")
    client = Client(raise_request_exception=False)
    response = client.generic(method, address.url, QUERY_STRING=query, **headers)
    assert_handled(response)
    assert response.status_code in address.statuses


@fuzzing(max_examples=150)
@given(data=st.data())
def test_listing_filters_and_search_take_any_combination_of_valid_and_invalid_values(
    addresses, data
):
    with_parameters = [address for address in addresses if address.parameters]
    address = data.draw(st.sampled_from(with_parameters), label="address")
    query = data.draw(query_strings(address.parameters), label="query")
    response = Client(raise_request_exception=False).get(address.url, QUERY_STRING=query)
    assert_handled(response)
    assert response.status_code in address.statuses


# --- forms --------------------------------------------------------------------------------

CONSENT = (
    st.just(["on"]),
    st.sampled_from([[""], ["off"], ["0"], ["false"], [], ["on", "on"]]) | broken_values,
)


@fuzzing(max_examples=120)
@given(data=st.data())
def test_any_submission_to_any_form_shows_the_form_with_its_errors_or_thanks_never_an_error(
    demo_site, data
):
    page = data.draw(st.sampled_from(form_pages()), label="page")
    body = data.draw(submissions(page.get_form_class(), {CONSENT_FIELD: CONSENT}))
    before = FormSubmission.objects.filter(page=page).count()
    response = post(page.url, body)
    assert_handled(response)
    assert response.status_code == 200
    accepted = page.get_form(QueryDict(body), page=page, user=AnonymousUser()).is_valid()
    status = html(response).select_one("[data-form-status]")
    hypothesis.event(f"form {status['data-form-status']}")  # both paths must be reached
    assert status["data-form-status"] == ("submitted" if accepted else "invalid")
    if not accepted:
        assert status["id"] == "form-errors" and status.select("li")
    after = FormSubmission.objects.filter(page=page).count()
    assert after == before + accepted


# Addresses that Python and the database lower-case differently (or not at all); those that
# once broke registration come first, as Hypothesis tries the first values most often.
TRICKY_EMAILS = [
    "İ@example.org", "a@ΣΑ.gr", "Anna@GÜTERSLOH.de", "a@ǅa.de", "ſ@example.org",
    "K@example.org", "anna@gütersloh.de", "ANNA@EXAMPLE.ORG", "anna@example.org",
]  # fmt: skip
tricky_emails = st.sampled_from(TRICKY_EMAILS)
EMAIL = (
    st.one_of(tricky_emails, tricky_emails, st.emails()).map(lambda email: [email]),
    broken_values,
)
STAMP = (
    st.builds(lambda: [stamp()]),  # filled in slowly enough, like a person
    st.one_of(
        st.builds(lambda: [stamp(seconds_ago=-3600)]),  # too fast, like a bot
        st.builds(lambda: [stamp() + "x"]),  # tampered
        broken_values,
    ),
)
HONEYPOT = st.sampled_from([[""], []]), values.filter(bool).map(lambda value: [value])


@override_settings(REGISTRATION_RATE_LIMIT="0")
@fuzzing(max_examples=120)
@given(data=st.data())
def test_any_registration_shows_the_form_with_its_errors_or_a_result_never_an_error(
    demo_site, data
):
    event = data.draw(st.sampled_from(registering_events()), label="event")
    form_class = event.registration_form_class()
    special = {
        EMAIL_FIELD: EMAIL,
        CONSENT_FIELD: CONSENT,
        STARTED_FIELD: STAMP,
        HONEYPOT_FIELD: HONEYPOT,
    }
    body = data.draw(submissions(form_class, special))
    registrations = Registration.objects.filter(event_key=event.translation_key)
    before = registrations.count()
    window = capacity.window_state(event, timezone.now())
    response = post(event.url, body)
    assert_handled(response)
    assert response.status_code == 200
    outcome = registration_status(response)
    hypothesis.event(f"registration {outcome or 'refused with errors'}")
    if window in (capacity.State.CLOSED, capacity.State.NOT_YET_OPEN):
        assert outcome == "closed"
    elif form_class(QueryDict(body)).is_valid():
        assert outcome in {"confirmed", "waitlisted", "rejected", "closed"}
    else:
        assert outcome is None
        assert html(response).select("#form-errors li")
    stored = outcome in {"confirmed", "waitlisted"}
    assert registrations.count() == before + stored
    if stored:
        again = post(event.url, body)  # the same person sends the form a second time
        assert_handled(again)
        assert registration_status(again) == "rejected"
        assert registrations.count() == before + 1


@override_settings(REGISTRATION_RATE_LIMIT="0")
@pytest.mark.parametrize("email", TRICKY_EMAILS)
def test_registering_twice_with_the_same_address_is_refused_not_an_error(demo_site, email):
    event = registering_events()[0]
    data = {**valid_submission(event.registration_form_class()), EMAIL_FIELD: email}
    client = Client(raise_request_exception=False)
    first = client.post(event.url, data)
    assert registration_status(first) in {"confirmed", "waitlisted"}
    second = client.post(event.url, data)
    assert_handled(second)
    assert registration_status(second) == "rejected"
    assert Registration.objects.filter(event_key=event.translation_key).count() == 1


@override_settings(REGISTRATION_RATE_LIMIT="2/m")
def test_a_burst_of_registrations_from_one_address_gets_a_clear_429(demo_site):
    event = registering_events()[0]
    data = valid_submission(event.registration_form_class())
    client = Client(raise_request_exception=False)
    responses = [
        client.post(event.url, {**data, EMAIL_FIELD: f"burst{n}@example.org"}) for n in range(3)
    ]
    for response in responses:
        assert_handled(response)
    assert responses[-1].status_code == 429
    assert registration_status(responses[-1]) == "rejected"
    assert Registration.objects.filter(event_key=event.translation_key).count() == 2


@pytest.mark.parametrize("kind", ["form", "registration"])
def test_a_form_sent_without_its_csrf_token_is_refused_with_403_not_an_error(demo_site, kind):
    page = form_pages()[0] if kind == "form" else registering_events()[0]
    form_class = page.get_form_class() if kind == "form" else page.registration_form_class()
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for cookie in ("", "csrftoken=garbage", "csrftoken=" + "a" * 32):
        response = client.post(page.url, valid_submission(form_class), HTTP_COOKIE=cookie)
        assert_handled(response)
        assert response.status_code == 403
    assert stored_records() == 0


# Anonymous forms that are not pages: the admin's sign-in and password reset, and Wagtail's
# sign-in for private pages.
SIGN_IN_FORMS = ["/admin/login/", "/admin/password_reset/", "/de/_util/login/"]


@fuzzing(max_examples=60)
@given(data=st.data())
def test_any_sign_in_or_password_reset_attempt_gets_the_form_or_a_redirect_never_an_error(
    demo_site, data
):
    url = data.draw(st.sampled_from(SIGN_IN_FORMS), label="url")
    form_class = resolve(url).func.view_class().get_form_class()
    body = data.draw(submissions(form_class))
    query = data.draw(query_strings({"next": ["/de/", "//evil.example/", "https://evil.example"]}))
    response = post(url, body, QUERY_STRING=query)
    assert_handled(response)
    assert response.status_code in {200, 302}
    if response.status_code == 302:
        assert not response["Location"].startswith(("//", "http")), "an open redirect"


# --- the personal registration link -------------------------------------------------------


def tampered(token):
    return st.one_of(
        st.builds(lambda at, char: token[:at] + char + token[at + 1 :],
                  st.integers(0, len(token) - 1), st.characters()),
        st.builds(lambda cut: token[:cut], st.integers(0, len(token) - 1)),
        st.builds(lambda tail: token + tail, values),
        st.just(token.upper()),
        st.just(token.replace(":", "%3A")),
    )  # fmt: skip


@fuzzing(max_examples=60)
@given(data=st.data())
def test_a_damaged_or_forged_registration_link_is_a_clear_4xx_and_cancels_nothing(
    registration, data
):
    real = manage_token(registration)
    token = data.draw(tampered(real) | values, label="token")
    method = data.draw(st.sampled_from(["GET", "POST"]), label="method")
    language = data.draw(st.sampled_from(["de", "en"]), label="language")
    hypothesis.assume(token != real)  # a tampering that changed nothing is the real link
    url = f"/{language}/registration/{urllib.parse.quote(token, safe='')}/"
    response = Client(raise_request_exception=False).generic(method, url)
    assert_handled(response)
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.is_active


# --- paths and the page cache -------------------------------------------------------------

PATH_PAYLOADS = [
    "..", "../..", "%2e%2e/", ".%00.", "%00", "a" * 2000, "ä", "%ff", "//", ";jsessionid=x",
    "calendar/", "calendar/x/", "calendar/%00/", "%ED%A0%80/", "😀/", "%E2%80%AE/", "index.php",
    "?", "#fragment", "./", "~", "%252e%252e/",
]  # fmt: skip
path_suffixes = st.one_of(
    st.sampled_from(PATH_PAYLOADS),
    st.text(max_size=60).map(lambda text: urllib.parse.quote(text, safe="/")),
    st.binary(max_size=60).map(lambda raw: urllib.parse.quote_from_bytes(raw, safe="/")),
).filter(without_leak_markers)


@fuzzing(max_examples=120)
@given(data=st.data())
def test_any_path_gives_the_same_page_or_4xx_whether_served_fresh_or_from_the_page_cache(
    addresses, page_cache, data
):
    base = data.draw(st.sampled_from(["/", "/de/", "/en/", "/fr/", *(a.url for a in addresses)]))
    path = base + data.draw(path_suffixes, label="suffix")
    client = Client(raise_request_exception=False)
    fresh, again = client.get(path), client.get(path)
    assert_handled(fresh)
    assert_handled(again)
    assert fresh.status_code == again.status_code


BAD_CACHE_KEYS = [
    "/de/" + "a" * 2000 + "/",
    "/de/straße-ä-ö-ü/",
    "/de/%C3%BC%C3%B6/",
    "/de/%00/",
    "/de/ueber-start-smart/%00",
    "/de/../de/",
    "/de/ueber-start-smart/..",
    "/de/ueber-start-smart/?q=%00",
    "/de/ueber-start-smart/?" + "x=" + "y" * 10_000,
    "/de/ueber-start-smart/?" + "&".join(f"k{n}=v" for n in range(2000)),
    "/de/%ED%A0%80/",
    "/de/%FF%FE/",
    "/de/😀/",
    "/de//ueber-start-smart/",
    "/%E2%80%AE/",
    "/de/veranstaltungen/?when=past&" + "topic=" * 500,
]


@pytest.mark.parametrize("path", BAD_CACHE_KEYS, ids=lambda path: path[:40])
def test_odd_addresses_are_a_page_or_4xx_fresh_and_from_the_page_cache(demo_site, page_cache, path):
    client = Client(raise_request_exception=False)
    fresh, again = client.get(path), client.get(path)
    assert_handled(fresh)
    assert_handled(again)
    assert fresh.status_code == again.status_code
    assert fresh.status_code in {200, 301, 302, 404}


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PUT", "PATCH", "DELETE", "TRACE"])
def test_every_kind_of_address_answers_other_methods_without_an_error(
    addresses, page_cache, method
):
    client = Client(raise_request_exception=False)
    for address in one_address_per_kind(addresses):
        response = client.generic(method, address.url)
        assert_handled(response)
        if method == "HEAD":
            assert response.status_code in address.statuses, address.url
            assert response.content == b"", address.url


# --- hosts, sizes and cookies -------------------------------------------------------------

BAD_HOSTS = [
    "bad host", "a..b", ":8000", "a" * 300, "bücher.de", "evil.example", "",
    "localhost:80:80", "[::1", "localhost\r\nX-Injected: 1", "localhost/../admin",
    "xn--bcher-kva.de", "localhost@evil.example", "127.0.0.1%00",
]  # fmt: skip


@pytest.mark.parametrize("host", BAD_HOSTS, ids=lambda host: repr(host[:20]))
def test_a_malformed_or_unknown_host_gets_400(demo_site, host):
    client = Client(raise_request_exception=False)
    page = form_pages()[0]
    requests = [
        client.get("/de/", HTTP_HOST=host),
        client.get("/sitemap.xml", HTTP_HOST=host),
        client.get("/robots.txt", HTTP_HOST=host),
        client.post(page.url, {"x": "y"}, HTTP_HOST=host),
    ]
    for response in requests:
        assert_handled(response)
        assert response.status_code == 400


def test_a_forwarded_host_header_is_ignored_not_an_error(demo_site):
    response = Client(raise_request_exception=False).get(
        "/de/", HTTP_X_FORWARDED_HOST="bad host, evil.example"
    )
    assert_handled(response)
    assert response.status_code == 200


def form_targets():
    """One editor-built form and one registration form, each with answers it accepts."""
    page = form_pages()[0]
    event = registering_events()[0]
    return [
        (page, valid_submission(page.get_form_class())),
        (event, valid_submission(event.registration_form_class())),
    ]


def stored_records():
    return FormSubmission.objects.count() + Registration.objects.count()


@pytest.mark.parametrize("csrf", [False, True], ids=["without-csrf", "with-csrf"])
def test_a_form_body_over_the_upload_limit_is_refused_with_a_clear_4xx(demo_site, csrf):
    client = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
    for page, data in form_targets():
        oversized = {**data, "x": "y" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
        response = post(page.url, urllib.parse.urlencode(oversized), client)
        assert_handled(response)
        assert response.status_code in {400, 403, 413}
    assert stored_records() == 0


def test_a_body_that_claims_to_be_over_the_limit_is_refused_with_400(demo_site):
    for page, data in form_targets():
        response = post(
            page.url,
            urllib.parse.urlencode(data),
            CONTENT_LENGTH=str(django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1),
        )
        assert_handled(response)
        assert response.status_code in {400, 413}
    assert stored_records() == 0


@pytest.mark.parametrize("length", ["0", ""])
def test_an_empty_content_length_is_read_as_no_body(demo_site, length):
    for page, data in form_targets():
        response = post(page.url, urllib.parse.urlencode(data), CONTENT_LENGTH=length)
        assert_handled(response)
        assert response.status_code == 200
    assert stored_records() == 0


# gunicorn refuses these itself; behind another server (or ASGI, which joins a repeated header
# with a comma) they reach Django.
@pytest.mark.parametrize("length", ["abc", "12, 12", "1e3", "-1"])
def test_a_non_numeric_content_length_is_refused_with_400(demo_site, length):
    for page, data in form_targets():
        response = post(page.url, urllib.parse.urlencode(data), CONTENT_LENGTH=length)
        assert_handled(response)
        assert response.status_code == 400
    assert stored_records() == 0


def test_too_many_fields_are_refused_with_400(demo_site):
    too_many = django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
    query = "&".join(f"f{n}=v" for n in range(too_many))
    client = Client(raise_request_exception=False)
    for page, data in form_targets():
        response = post(page.url, f"{urllib.parse.urlencode(data)}&{query}", client)
        assert_handled(response)
        assert response.status_code == 400
    for url in ("/de/veranstaltungen/", "/de/praxisbeispiele/", "/de/search/"):
        response = client.get(url, QUERY_STRING=query)
        assert_handled(response)
        assert response.status_code == 400
    assert stored_records() == 0


def multipart(data, files, boundary="fuzzboundary"):
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in data.items()
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}.bin"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
        for name, content in files
    ]
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def post_multipart(url, body, boundary="fuzzboundary"):
    return Client(raise_request_exception=False).post(
        url, body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def test_an_upload_to_a_form_without_file_fields_is_ignored_not_an_error(demo_site):
    big = b"\x00" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    for page, _data in form_targets():
        response = post_multipart(page.url, multipart({"x": "y"}, [("upload", big)]))
        assert_handled(response)
        assert response.status_code == 200
        assert html(response).select("#form-errors li")
    assert stored_records() == 0


def test_too_many_files_are_refused_with_400(demo_site):
    files = [(f"file{n}", b"x") for n in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    for page, _data in form_targets():
        response = post_multipart(page.url, multipart({}, files))
        assert_handled(response)
        assert response.status_code == 400
    assert stored_records() == 0


@pytest.mark.parametrize(
    "body",
    [b"garbage", b"--fuzzboundary\r\n", b"--fuzzboundary\r\nContent-Disposition: form-data\r\n",
     b"--other\r\n\r\n--other--", b"\xff\xfe" * 100],
    ids=["garbage", "unterminated", "nameless", "wrong-boundary", "bytes"],
)  # fmt: skip
def test_a_malformed_multipart_body_is_a_form_error_or_400(demo_site, body):
    for page, _data in form_targets():
        response = post_multipart(page.url, body)
        assert_handled(response)
        assert response.status_code in {200, 400}
    assert stored_records() == 0


def mojibake(text):
    """A header as a WSGI server hands it over: its UTF-8 bytes read as latin-1."""
    return text.encode().decode("latin-1")


BAD_COOKIES = [
    "sessionid=garbage",
    "sessionid=" + "x" * 5000,
    "sessionid=" + signing.dumps({"_auth_user_id": "1"}),
    "csrftoken=short",
    "csrftoken=" + "!" * 64,
    "csrftoken=" + "a" * 200,
    "messages=garbage",
    'messages="[[\\"__json_message\\"]]"',
    "django_language=xx-invalid",
    "a=" + "b" * 100_000,
    "; ".join(f"c{n}=v" for n in range(5000)),
    mojibake("sessionid=äöü€; csrftoken=日本"),
    '=;;==;"',
    'sessionid="unterminated',
    "\x00=\x00",
]


@pytest.mark.parametrize("cookie", BAD_COOKIES, ids=lambda cookie: repr(cookie[:24]))
def test_bad_cookies_never_break_a_page_or_a_form(demo_site, page_cache, cookie):
    client = Client(raise_request_exception=False)
    for url in ("/", "/de/", "/en/search/?q=Daten", form_pages()[0].url):
        response = client.get(url, HTTP_COOKIE=cookie)
        assert_handled(response)
        assert response.status_code in {200, 302}
    with override_settings(REGISTRATION_RATE_LIMIT="0"):
        for page, data in form_targets():
            response = client.post(page.url, data, HTTP_COOKIE=cookie)
            assert_handled(response)
            assert response.status_code == 200
    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = strict.post(form_pages()[0].url, {"x": "y"}, HTTP_COOKIE=cookie)
    assert_handled(response)
    assert response.status_code == 403


@fuzzing(max_examples=60)
@given(
    data=st.data(),
    cookie=st.text(st.characters(min_codepoint=0, max_codepoint=0xFF), max_size=300).filter(
        without_leak_markers
    ),
)
def test_any_cookie_header_gives_the_page_it_would_without_cookies(addresses, data, cookie):
    address = data.draw(st.sampled_from(addresses), label="address")
    response = Client(raise_request_exception=False).get(address.url, HTTP_COOKIE=cookie)
    assert_handled(response)
    assert response.status_code in address.statuses


# --- read API -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/v2/pages/", "/api/v2/", "/api/v3/pages/", "/api/schema/", "/api/openapi.json"]
)
def test_no_read_api_is_exposed_so_schemathesis_has_nothing_to_test(demo_site, path):
    # Exposing wagtail.api means adding a schemathesis run against its OpenAPI schema here.
    assert not any(app.startswith("wagtail.api") for app in django_settings.INSTALLED_APPS)
    response = Client(raise_request_exception=False).get(path, follow=True)
    assert_handled(response)
    assert response.status_code == 404


def test_the_admins_own_api_is_only_for_signed_in_editors(demo_site):
    response = Client(raise_request_exception=False).get("/admin/api/main/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
