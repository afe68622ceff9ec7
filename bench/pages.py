"""`make bench`, the pages: latency and SQL queries of the public pages and of the admin's edit
view with over 10,000 pages, on PostgreSQL, in this process and through gunicorn.

    .venv/bin/python -m bench.pages [--scale 1.0] [--requests 50] [--memory-requests 10000]
        [--no-server] [--keep] [--reuse] [--check] [--output PATH]

On the site of bench/site.py (the demo content plus bench/data.py's pages, German and English)
it measures, per language where both matter: the home page; the event index, its first page and
page 20 of a filtered listing; a generated conference (20 programme items, 10 speakers); a
generated workshop series (300 sessions); the case-study index, unfiltered and with facet
filters; a case study; the admin's edit view of the generated conference, signed in as a
superuser. Pages of one type are also measured with few items (the demo's conference and
series, a listing filtered down to a few entries, a case study with one topic), so that the
SQL queries can be compared: they must not depend on the number of items.

1. Through Django's test client in this process, as the server runs it (bench/settings.py,
   DEBUG off, page cache off): a warm-up, then --requests timed requests per URL taken in
   turns, with the Django cache as earlier requests left it ("warm": fragments, site version,
   site root paths), then again, 10 times per URL, with the cache cleared before each request
   ("cold"); the SQL queries of one request of each. Also single registration POSTs on the
   demo workshop kick-off-herbst (the generated events take no registrations); they are deleted
   afterwards.
2. Through gunicorn over HTTP (one sync worker, the requests one at a time, static files
   served by whitenoise from a collectstatic as in production): the public URLs; then, with
   PAGE_CACHE_SECONDS=300, a page-cache hit on the home page against the site's stylesheet.
3. The resident memory of one gunicorn worker (VmRSS and its peak VmHWM) after 1,000 and
   after 10,000 requests from 3 clients, with the page cache on as in production: one request
   in four to a URL not requested before (the measured public URLs first, then pages of the
   site drawn at random, the same every run), rendered afresh; the others to a URL already
   requested, mostly served from the page cache.

Prints the tables, writes bench/results/pages.json (or --output) and, with --check, exits with
status 1 when a budget is broken: every public page at most 15 queries (warm), the same number
for pages of one type and language whatever their number of items, a warm public page p50 at
most 25 ms, the admin's edit view p50 under 150 ms, a page-cache hit p50 at most twice the
static file's, a worker's memory growing less than 10 % from 1,000 to 10,000 requests. Cold
cache, HTTP and registration figures are reported without a budget of their own.

Memory: by 1,000 requests every template, translation catalogue, URL resolver and lazily built
edit handler has been loaded and the allocator has its working set; what can still grow is a
leak or an unbounded in-process cache. 10 % of a worker of about 150 MB is 15 MB over the 9,000
requests between the readings, 2,250 of them rendered: a leak of a few KB per rendered page, or
a cache that keeps something of every page seen, breaks it; allocator noise (a few MB) does
not. Most requests in production are page-cache hits, and they take the time of a static file,
so the run takes minutes, not the quarter of an hour 10,000 rendered pages would.
"""

import itertools
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import requests
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from bench.burst import PROJECT_DIR, filled_in, serve
from bench.report import COLD_REQUESTS, Timed, text_table
from bench.site import freeze_client_leftovers, machine, now, standalone

PUBLIC_P50_MS = 25
QUERIES_PER_PAGE = 15
ADMIN_P50_MS = 150
PAGE_CACHE_FACTOR = 2
MEMORY_GROWTH = 0.10
REQUESTS = 50
WARM_UP = 3
MEMORY_CHECKPOINT = 1_000
MEMORY_REQUESTS = 10_000
MEMORY_CLIENTS = 3
MEMORY_SEED = 20_261_130
MEMORY_NEW_EVERY = 4
REQUEST_TIMEOUT = 60
PAGE_CACHE_SECONDS = 300
EVENT_FILTERS = {"when": "past", "format": "conference"}
FILTERED_EVENT_PAGE = 20
CASE_STUDY_FACETS = {"status": "completed"}
REGISTRATION_EVENT = "kick-off-herbst"
ADMIN_USERNAME = "bench-admin"
# Longer URLs are shortened in the printed tables (not in the JSON file).
URL_WIDTH = 72
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "pages.json"


@dataclass
class Measured(Timed):
    """One URL measured one way; `ok` is None where the figures are only reported."""

    label: str
    url: str
    kind: str  # public, admin, registration, static or page cache
    group: str = ""  # pages of one type and language, whose queries must not differ
    items: int | None = None
    samples_ms: list = field(default_factory=list)
    queries: int | None = None
    budget: str = ""
    ok: bool | None = None

    def copy(self):
        return Measured(self.label, self.url, self.kind, self.group, self.items)


# The measured pages ---------------------------------------------------------------------------


def _event_index_pages(index, language):
    from conferences.filters import EventFilterForm
    from conferences.models import EVENTS_PER_PAGE

    def listed(filters):
        """The events the index lists with these filters, as EventIndexPage finds them."""
        form = EventFilterForm(filters or None, locale=index.locale)
        dates = form.narrow(index.events()).order_by("start", "pk").values_list("pk", "end")
        return index.events().filter(pk__in=form.in_time(list(dates), timezone.now()))

    group = f"event index ({language})"
    pages = [
        Measured(
            "event index, page 1",
            index.url,
            "public",
            group,
            min(listed({}).count(), EVENTS_PER_PAGE),
        )
    ]
    if language != settings.LANGUAGE_CODE:
        return pages
    filtered = listed(EVENT_FILTERS).count()
    number = min(FILTERED_EVENT_PAGE, math.ceil(filtered / EVENTS_PER_PAGE))
    pages.append(
        Measured(
            f"event index, {', '.join(EVENT_FILTERS.values())}, page {number}",
            f"{index.url}?{urlencode({**EVENT_FILTERS, 'page': number})}",
            "public",
            group,
            min(filtered - (number - 1) * EVENTS_PER_PAGE, EVENTS_PER_PAGE),
        )
    )
    # The year and topic that leave the fewest events listed.
    fewest = (
        listed(EVENT_FILTERS)
        .filter(topics__isnull=False)
        .order_by()
        .values("start__year", "topics__slug")
        .annotate(count=Count("pk", distinct=True))
        .order_by("count", "start__year", "topics__slug")
        .first()
    )
    narrowed = {**EVENT_FILTERS, "year": fewest["start__year"], "topic": fewest["topics__slug"]}
    pages.append(
        Measured(
            f"event index, {', '.join(map(str, narrowed.values()))}",
            f"{index.url}?{urlencode(narrowed)}",
            "public",
            group,
            fewest["count"],
        )
    )
    return pages


def _case_study_index_pages(index, language):
    from casestudies.models import CASE_STUDIES_PER_PAGE, CaseStudyPage

    case_studies = CaseStudyPage.objects.live().public().child_of(index)
    group = f"case-study index ({language})"
    pages = [
        Measured(
            "case-study index",
            index.url,
            "public",
            group,
            min(case_studies.count(), CASE_STUDIES_PER_PAGE),
        )
    ]
    if language != settings.LANGUAGE_CODE:
        return pages
    topic = (
        case_studies.filter(**CASE_STUDY_FACETS)
        .order_by()
        .values("topics__slug")
        .annotate(count=Count("pk"))
        .order_by("-count", "topics__slug")
        .first()
    )
    facets = {"topic": topic["topics__slug"], **CASE_STUDY_FACETS}
    # The municipality and topic that leave the fewest case studies listed.
    fewest = (
        case_studies.filter(topics__isnull=False)
        .order_by()
        .values("municipality__slug", "topics__slug")
        .annotate(count=Count("pk", distinct=True))
        .order_by("count", "municipality__slug", "topics__slug")
        .first()
    )
    narrowed = {"municipality": fewest["municipality__slug"], "topic": fewest["topics__slug"]}
    pages += [
        Measured(
            f"case-study index, {', '.join(facets.values())}",
            f"{index.url}?{urlencode(facets)}",
            "public",
            group,
            min(topic["count"], CASE_STUDIES_PER_PAGE),
        ),
        Measured(
            f"case-study index, {', '.join(narrowed.values())}",
            f"{index.url}?{urlencode(narrowed)}",
            "public",
            group,
            fewest["count"],
        ),
    ]
    return pages


def _programme_size(event):
    items = [item for day in event.programme for item in day.value["items"]]
    speakers = {speaker.pk for item in items for speaker in item["speakers"] if speaker}
    return len(items), len(speakers)


def public_pages():
    """The public URLs to measure, chosen in the database: per language, and in German also the
    same types of page with few items."""
    from wagtail.models import Locale, Site

    from casestudies.models import CaseStudyIndexPage, CaseStudyPage
    from conferences.models import ConferencePage, EventIndexPage, WorkshopSeriesPage

    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    home = Site.objects.get(is_default_site=True).root_page.specific
    # The first conferences by path: the demo's, then the generated ones.
    conferences = [
        (conference, *_programme_size(conference))
        for conference in ConferencePage.objects.live().filter(locale=source).order_by("path")[:5]
    ]
    conference, items, speakers = max(conferences, key=lambda row: row[1:])
    small_conference, small_items, small_speakers = min(conferences, key=lambda row: row[1:])
    series = WorkshopSeriesPage.objects.live().filter(locale=source).order_by("-numchild", "path")
    small_series = series.order_by("numchild", "path").first()
    series = series.first()
    case_studies = (
        CaseStudyPage.objects.live()
        .filter(locale=source)
        .annotate(
            events=Count("presented_at", distinct=True), topic_count=Count("topics", distinct=True)
        )
    )
    case_study = case_studies.order_by("-events", "-topic_count", "path").first()
    small_case_study = case_studies.order_by("events", "topic_count", "path").first()

    pages = []
    # The source language first: it also gets the pages with few items.
    for locale in sorted(Locale.objects.all(), key=lambda locale: locale != source):
        language = locale.language_code

        def translated(page, language=language, locale=locale):
            return page if page.locale_id == locale.pk else page.get_translation(locale)

        pages.append(Measured("home", translated(home).url, "public", f"home ({language})"))
        pages += _event_index_pages(
            EventIndexPage.objects.live().filter(locale=locale).order_by("path").first(), language
        )
        pages.append(
            Measured(
                f"conference, {items} programme items, {speakers} speakers",
                translated(conference).url,
                "public",
                f"conference ({language})",
                items,
            )
        )
        pages.append(
            Measured(
                f"workshop series, {series.numchild} sessions",
                translated(series).url,
                "public",
                f"workshop series ({language})",
                series.numchild,
            )
        )
        pages += _case_study_index_pages(
            CaseStudyIndexPage.objects.live().filter(locale=locale).order_by("path").first(),
            language,
        )
        pages.append(
            Measured(
                f"case study, {case_study.topic_count} topics, {case_study.events} events",
                translated(case_study).url,
                "public",
                f"case study ({language})",
                case_study.topic_count + case_study.events,
            )
        )
        if language == settings.LANGUAGE_CODE:
            pages += [
                Measured(
                    f"conference, {small_items} programme items, {small_speakers} speakers",
                    small_conference.url,
                    "public",
                    f"conference ({language})",
                    small_items,
                ),
                Measured(
                    f"workshop series, {small_series.numchild} sessions",
                    small_series.url,
                    "public",
                    f"workshop series ({language})",
                    small_series.numchild,
                ),
                Measured(
                    f"case study, {small_case_study.topic_count} topics,"
                    f" {small_case_study.events} events",
                    small_case_study.url,
                    "public",
                    f"case study ({language})",
                    small_case_study.topic_count + small_case_study.events,
                ),
            ]
    admin = Measured(
        f"admin edit view of the conference with {items} programme items",
        f"/admin/pages/{conference.pk}/edit/",
        "admin",
    )
    return pages, admin


# In this process ------------------------------------------------------------------------------


def _get(client, url):
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered HTTP {response.status_code}")
    if "X-Page-Cache" in response:
        raise RuntimeError(f"{url} went through the page cache, which must be off here")
    return response, elapsed


def admin_client():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={"email": f"{ADMIN_USERNAME}@example.org", "is_staff": True, "is_superuser": True},
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


def measure_in_process(pages, count, *, cold):
    """Time every page `count` times, the pages in turns after a warm-up; with `cold` the
    cache is cleared before each timed request. Counts the queries of one more request."""
    anonymous, admin = Client(SERVER_NAME="localhost"), admin_client()

    def request(measured):
        if cold:
            cache.clear()
        return _get(admin if measured.kind == "admin" else anonymous, measured.url)

    with override_settings(PAGE_CACHE_SECONDS=0):
        for measured in pages:
            for _ in range(WARM_UP):
                request(measured)
        for _round in range(count):
            freeze_client_leftovers()
            for measured in pages:
                measured.samples_ms.append(request(measured)[1])
        for measured in pages:
            if cold:
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                _get(admin if measured.kind == "admin" else anonymous, measured.url)
            measured.queries = len(queries)


def _form_data(html, email):
    return filled_in(html, email, REGISTRATION_EVENT, "Bench")


def measure_registrations(count):
    """Single registration POSTs, one after another, through the test client; the
    registrations and the mail tasks they queued are deleted afterwards."""
    from django_tasks_db.models import DBTaskResult

    from conferences.models import EventPage, Registration
    from conferences.registration_form import EMAIL_FIELD

    event = EventPage.objects.live().get(
        slug=REGISTRATION_EVENT, locale__language_code=settings.LANGUAGE_CODE
    )
    measured = Measured(f"registration POST, {REGISTRATION_EVENT}", event.url, "registration")
    client = Client(SERVER_NAME="localhost")
    data = _form_data(_get(client, event.url)[0].content, "")
    # The form refuses what is sent sooner after it was served than a person could.
    time.sleep(settings.REGISTRATION_MIN_FILL_SECONDS)
    prefix, started = f"pages-bench-{time.time_ns()}-", timezone.now()
    emails = (f"{prefix}{number}@example.org" for number in itertools.count())

    def post():
        begun = time.perf_counter()
        response = client.post(event.url, {**data, EMAIL_FIELD: next(emails)})
        elapsed = (time.perf_counter() - begun) * 1000
        if response.status_code != 200 or b'data-registration-status="' not in response.content:
            raise RuntimeError(f"a registration POST answered HTTP {response.status_code}")
        if not any(
            f'data-registration-status="{status}"'.encode() in response.content
            for status in ("confirmed", "waitlisted")
        ):
            raise RuntimeError("a registration POST was not taken")
        return elapsed

    try:
        with override_settings(REGISTRATION_RATE_LIMIT="0"):
            for _ in range(WARM_UP):
                post()
            measured.samples_ms = [post() for _ in range(count)]
            with CaptureQueriesContext(connection) as queries:
                post()
            measured.queries = len(queries)
    finally:
        Registration.objects.filter(email__startswith=prefix).delete()
        DBTaskResult.objects.filter(enqueued_at__gte=started).delete()
    return measured


# Through gunicorn -----------------------------------------------------------------------------


@contextmanager
def collected_static():
    """A STATIC_ROOT that collectstatic filled under bench/settings.py, as a release does."""
    with tempfile.TemporaryDirectory(prefix="bench-static-") as directory:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=PROJECT_DIR,
            env={**os.environ, "STATIC_ROOT": directory},
            check=True,
        )
        yield directory


@contextmanager
def server(static_root, page_cache_seconds):
    """One sync gunicorn worker, static files served by whitenoise."""
    saved = {name: os.environ.get(name) for name in ("STATIC_ROOT", "PAGE_CACHE_SECONDS")}
    os.environ.update(STATIC_ROOT=static_root, PAGE_CACHE_SECONDS=str(page_cache_seconds))
    try:
        with serve(workers=1) as running:
            try:
                yield running
            except Exception as error:
                raise RuntimeError(
                    f"{error}; the server's log ends:\n{running.log()[-4000:]}"
                ) from error
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _http_get(session, url):
    started = time.perf_counter()
    response = session.get(url, timeout=REQUEST_TIMEOUT)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered HTTP {response.status_code}")
    return response, elapsed


def measure_http(running, pages, count):
    """The public pages over HTTP, one request at a time, in turns after a warm-up."""
    with requests_session() as session:
        for measured in pages:
            for _ in range(WARM_UP):
                _http_get(session, running.url + measured.url)
        for _round in range(count):
            for measured in pages:
                response, elapsed = _http_get(session, running.url + measured.url)
                if "X-Page-Cache" in response.headers:
                    raise RuntimeError(f"{measured.url} went through the page cache")
                measured.samples_ms.append(elapsed)


@contextmanager
def requests_session():
    session = requests.Session()
    try:
        yield session
    finally:
        session.close()


def measure_page_cache(running, page_url, count):
    """A page-cache hit against the site's stylesheet from whitenoise, in turns."""
    with requests_session() as session:
        page, _elapsed = _http_get(session, running.url + page_url)
        stylesheet = BeautifulSoup(page.text, "html.parser").select_one('link[rel="stylesheet"]')
        static = Measured("static file (whitenoise)", stylesheet["href"], "static")
        hit = Measured("page-cache hit", page_url, "page cache")
        for _ in range(WARM_UP):
            _http_get(session, running.url + static.url)
            _http_get(session, running.url + hit.url)
        for _round in range(count):
            static.samples_ms.append(_http_get(session, running.url + static.url)[1])
            response, elapsed = _http_get(session, running.url + hit.url)
            if response.headers.get("X-Page-Cache") != "hit":
                raise RuntimeError(f"{page_url} was not served from the page cache")
            hit.samples_ms.append(elapsed)
    return static, hit


def _worker(running):
    children = Path(f"/proc/{running.pid}/task/{running.pid}/children").read_text().split()
    if len(children) != 1:
        raise RuntimeError(f"expected one gunicorn worker, found {len(children)}")
    return int(children[0])


def _memory(pid):
    """VmRSS and VmHWM (the peak) of a process, in MB (Linux)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _colon, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = round(int(value.split()[0]) / 1024, 1)
    return values


def _send_all(base_url, urls, clients):
    """A GET request for every URL, in order, from `clients` clients at once; how many of them
    the page cache answered."""
    pending, lock = iter(urls), threading.Lock()

    def client():
        hits = 0
        with requests_session() as session:
            while True:
                with lock:
                    url = next(pending, None)
                if url is None:
                    return hits
                response, _elapsed = _http_get(session, base_url + url)
                hits += response.headers.get("X-Page-Cache") == "hit"

    with ThreadPoolExecutor(clients) as pool:
        return sum(future.result() for future in [pool.submit(client) for _ in range(clients)])


def memory_mix(pages, total):
    """One request in MEMORY_NEW_EVERY to a URL not requested before (the measured public URLs,
    then pages of the site drawn at random), the others to one already requested; the same
    sequence every run."""
    from wagtail.models import Page

    chance = random.Random(MEMORY_SEED)
    site = sorted(
        page.url
        for page in Page.objects.live().public().filter(depth__gt=1).select_related("locale")
    )
    measured = list(dict.fromkeys(page.url for page in pages))
    new = [*measured, *chance.sample(site, min(len(site), total // MEMORY_NEW_EVERY))]
    unused, requested, mix = iter(new), [], []
    for number in range(total):
        url = next(unused, None) if number % MEMORY_NEW_EVERY == 0 or not requested else None
        if url is None:
            url = chance.choice(requested)
        else:
            requested.append(url)
        mix.append(url)
    return mix


def measure_memory(running, urls, checkpoint):
    """The worker's memory when started, after `checkpoint` of the URLs and after all."""
    total = len(urls)
    pid = _worker(running)
    readings = {"started": _memory(pid)}
    started = time.perf_counter()
    hits = _send_all(running.url, urls[:checkpoint], MEMORY_CLIENTS)
    readings[checkpoint] = _memory(pid)
    hits += _send_all(running.url, urls[checkpoint:], MEMORY_CLIENTS)
    readings[total] = _memory(pid)
    growth = readings[total]["VmRSS"] / readings[checkpoint]["VmRSS"] - 1
    return {
        "requests": total,
        "checkpoint": checkpoint,
        "clients": MEMORY_CLIENTS,
        "urls": len(set(urls)),
        "page_cache_hits": hits,
        "seconds": round(time.perf_counter() - started, 1),
        "mb": {str(name): values for name, values in readings.items()},
        "growth": round(growth, 4),
        "budget": f"VmRSS growth {checkpoint:,} → {total:,} requests < {MEMORY_GROWTH:.0%}",
        "ok": growth < MEMORY_GROWTH,
    }


# Budgets --------------------------------------------------------------------------------------


def judge(warm, cold, http, registration, page_cache):
    for measured in warm:
        if measured.kind == "public":
            measured.budget = f"p50 ≤ {PUBLIC_P50_MS} ms, ≤ {QUERIES_PER_PAGE} queries"
            measured.ok = measured.p50 <= PUBLIC_P50_MS and measured.queries <= QUERIES_PER_PAGE
        else:
            measured.budget = f"p50 < {ADMIN_P50_MS} ms"
            measured.ok = measured.p50 < ADMIN_P50_MS
    for measured in [*cold, *http, registration]:
        measured.budget = "reported"
    if page_cache:
        static, hit = page_cache
        static.budget = "reported"
        hit.budget = f"p50 ≤ {PAGE_CACHE_FACTOR} × static ({PAGE_CACHE_FACTOR * static.p50:.1f} ms)"
        hit.ok = hit.p50 <= PAGE_CACHE_FACTOR * static.p50


def constant_queries(warm):
    """Per type of page and language, whether its pages ran the same number of queries
    whatever the number of items they list."""
    groups = {}
    for measured in warm:
        if measured.group and measured.items is not None:
            groups.setdefault(measured.group, []).append(measured)
    return [
        {
            "group": group,
            "pages": [
                {"url": m.url, "label": m.label, "items": m.items, "queries": m.queries}
                for m in members
            ],
            "ok": len({m.queries for m in members}) == 1,
        }
        for group, members in groups.items()
        if len({m.items for m in members}) > 1
    ]


# The run --------------------------------------------------------------------------------------


def add_arguments(parser):
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: over 10,000 pages")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="timed requests per URL")
    parser.add_argument(
        "--memory-requests",
        type=int,
        default=MEMORY_REQUESTS,
        help="requests before the worker's memory is read the second time (0: skip)",
    )
    parser.add_argument("--no-server", action="store_true", help="skip everything gunicorn")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is broken")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)


def run(options, site):
    """Measure the prepared site (Django set up on it); returns the report."""
    pages, admin = public_pages()
    warm = [measured.copy() for measured in [*pages, admin]]
    cold = [measured.copy() for measured in [*pages, admin]]
    http = [measured.copy() for measured in pages]
    load_before = os.getloadavg()
    seconds = {}
    started = time.perf_counter()
    measure_in_process(warm, options.requests, cold=False)
    measure_in_process(cold, min(options.requests, COLD_REQUESTS), cold=True)
    registration = measure_registrations(options.requests)
    seconds["in process"] = round(time.perf_counter() - started, 1)
    page_cache, memory = None, None
    if not options.no_server:
        started = time.perf_counter()
        with collected_static() as static_root:
            with server(static_root, 0) as running:
                measure_http(running, http, options.requests)
            with server(static_root, PAGE_CACHE_SECONDS) as running:
                page_cache = measure_page_cache(running, pages[0].url, options.requests)
            if options.memory_requests:
                with server(static_root, PAGE_CACHE_SECONDS) as running:
                    memory = measure_memory(
                        running,
                        memory_mix(pages, options.memory_requests),
                        min(MEMORY_CHECKPOINT, options.memory_requests),
                    )
        seconds["gunicorn"] = round(time.perf_counter() - started, 1)
    else:
        http = []
    judge(warm, cold, http, registration, page_cache)
    report = {
        "benchmark": "pages",
        "date": now(),
        "machine": machine(),
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "scale": options.scale,
        "site": {
            name: site[name] for name in ("pages", "generated", "seconds", "reused") if name in site
        },
        "cache": settings.CACHES["default"]["BACKEND"],
        "requests_per_url": options.requests,
        "seconds": seconds,
        "budgets": {
            "public_p50_ms (warm, page cache off)": PUBLIC_P50_MS,
            "queries_per_public_page (warm)": QUERIES_PER_PAGE,
            "queries constant in the number of items": True,
            "admin_edit_p50_ms (under)": ADMIN_P50_MS,
            "page_cache_hit_p50 ≤ × static p50": PAGE_CACHE_FACTOR,
            "worker_rss_growth (under)": MEMORY_GROWTH,
        },
        "results": {
            "in process, warm cache": [m.as_json() for m in warm],
            "in process, cold cache": [m.as_json() for m in cold],
            "registration POST": registration.as_json(),
            "gunicorn, HTTP": [m.as_json() for m in http],
            "page cache": [m.as_json() for m in page_cache or []],
            "constant queries": constant_queries(warm),
            "memory": memory,
        },
    }
    report["ok"] = not broken(report)
    return report


# Output ---------------------------------------------------------------------------------------


def _verdict(ok):
    return {True: "ok", False: "FAIL", None: ""}[ok]


def _shortened(url, width=URL_WIDTH):
    if len(url) <= width:
        return url
    return f"{url[: width - 21]}…{url[-20:]}"


def timings_table(rows):
    header = ("URL", "p50 ms", "p95 ms", "n", "queries", "budget", "")
    return text_table(
        header,
        [
            (
                _shortened(row["url"]),
                f"{row['p50_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                str(row["requests"]),
                "" if row["queries"] is None else str(row["queries"]),
                row["budget"],
                _verdict(row["ok"]),
            )
            for row in rows
        ],
        left=(0, 5, 6),
        indent="  ",
    )


def report_text(report):
    results = report["results"]
    load = report["load_average"]
    site = report["site"]
    lines = [
        f"Pages on PostgreSQL: {site['pages']['total']} pages at scale {report['scale']},"
        f" {report['requests_per_url']} timed requests per URL, cache {report['cache']},"
        f" load average {load['before'][0]:.1f} → {load['after'][0]:.1f}",
        "",
        "In this process (test client), warm cache, page cache off:",
        timings_table(results["in process, warm cache"]),
        "",
        "In this process, cache cleared before each request:",
        timings_table(results["in process, cold cache"]),
        "",
        "Registration POST (test client), one after another:",
        timings_table([results["registration POST"]]),
    ]
    if results["gunicorn, HTTP"]:
        lines += [
            "",
            "gunicorn, one sync worker, over HTTP, page cache off:",
            timings_table(results["gunicorn, HTTP"]),
            "",
            f"gunicorn, page cache on (PAGE_CACHE_SECONDS={PAGE_CACHE_SECONDS}):",
            timings_table(results["page cache"]),
        ]
    lines += [
        "",
        "SQL queries by number of items listed (warm):",
        text_table(
            ("page type", "items → queries", ""),
            [
                (
                    group["group"],
                    ", ".join(f"{page['items']} → {page['queries']}" for page in group["pages"]),
                    "ok" if group["ok"] else "FAIL",
                )
                for group in results["constant queries"]
            ],
            left=(0, 1, 2),
            indent="  ",
        ),
    ]
    if memory := results["memory"]:
        rows = [
            [name, f"{mb['VmRSS']:.1f}", f"{mb['VmHWM']:.1f}", "", ""]
            for name, mb in memory["mb"].items()
        ]
        rows[-1][3:] = [f"{memory['budget']}: {memory['growth']:+.1%}", _verdict(memory["ok"])]
        lines += [
            "",
            f"Memory of one gunicorn worker, page cache on: {memory['requests']:,} requests from"
            f" {memory['clients']} clients over {memory['urls']:,} different public URLs,"
            f" {memory['page_cache_hits']:,} of them page-cache hits ({memory['seconds']:.0f} s):",
            text_table(
                ("requests", "VmRSS MB", "VmHWM MB", "budget", ""),
                rows,
                left=(0, 3, 4),
                indent="  ",
            ),
        ]
    return "\n".join(lines)


def broken(report):
    """Every budget the report breaks, with the figures that break it."""
    results = report["results"]
    found = [
        f"{row['url']}: p50 {row['p50_ms']:.1f} ms"
        + ("" if row["queries"] is None else f", {row['queries']} queries")
        + f" (budget {row['budget']})"
        for row in [*results["in process, warm cache"], *results["page cache"]]
        if row["ok"] is False
    ]
    found += [
        f"{group['group']}: queries depend on the number of items ("
        + ", ".join(f"{page['items']} → {page['queries']}" for page in group["pages"])
        + ")"
        for group in results["constant queries"]
        if not group["ok"]
    ]
    if (memory := results["memory"]) and not memory["ok"]:
        found.append(f"{memory['budget']}: {memory['growth']:+.1%}")
    return found


if __name__ == "__main__":
    sys.exit(standalone(sys.modules[__name__]))
