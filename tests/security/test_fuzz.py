"""Fuzzing: every URL of the URLconf and every field of every form, as anonymous, a logged-in
reader, an editor and a superuser, with hostile values. No answer may be a 5xx.

The URLs come from the URLconf itself (django.urls.get_resolver()) and the field names from
the forms themselves (and from the keys the views read from request.GET and request.POST),
so a new view, field or parameter is fuzzed without anyone listing it here;
test_the_fuzz_reaches_every_url_pattern fails when a new URL has a parameter this module
does not know how to fill.

Two parts:
- a sweep, the same every run: every URL (with real ids and slugs) as every role, by GET and
  by POST, with a valid form and with every known field set to a hostile value at once; and
  every path parameter replaced by a hostile path part (one value per case in turn; a long
  run tries all of them);
- hypothesis: any URL, method, encoding and mix of fields (on top of a valid form or not),
  repeated keys included. FUZZ_EXAMPLES (default 100) sets its examples; run it long
  with  FUZZ_EXAMPLES=5000 pytest tests/security/test_fuzz.py

Each request runs in a savepoint that is rolled back afterwards: every request meets the same
data, and a crash in one leaves a working connection for the next. The test client re-raises
any exception a view lets through, so a crash is reported with its type and place.
"""

import json
import logging
import os
import re
import traceback
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.views import main as changelist
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.forms import ArticleSearchForm
from articles.models import Article, Outlet
from tests.factories import PASSWORD, make_claim, make_user
from timeline.filters import ActorDirectory, TimelineFilterForm
from timeline.forms import ActorForm, ClaimForm
from timeline.models import Actor, Claim, Story
from timeline.seed import DEFAULT_STORY as SEED_STORY_FILE

pytestmark = pytest.mark.django_db

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
LONG_RUN = FUZZ_EXAMPLES > 100  # the sweeps then try every hostile value, not one per case
ROLES = ["anonymous", "reader", "editor", "superuser"]
APPS = [Path(__file__).resolve().parents[2] / app for app in ("articles", "timeline", "config")]

HUGE = "9" * 30
LONG = "x" * 70_000
HOSTILE = [
    "\x00",
    "a\x00b",
    HUGE,
    "-" + HUGE,
    "9223372036854775808",  # one past the largest bigint
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "-inf",
    "2024-02-30",
    "2024-13-45",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2024-01-01",
    "30/10/2024",
    LONG,
    "",
    " ",
    "\t\r\n",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "\\",
    "日本語",
    "\u202e\ufeff",
    "=1+1",
    "true",
    "[]",
    "abc",
]
# Set to every field at once (LONG there would only meet the upload size limit, a 400).
SWEEP_VALUES = ["\x00", HUGE, "-1", "2024-02-30", "9999-12-31", "abc", ""]
# Set to one field at a time, on top of a valid form.
ONE_FIELD_VALUES = [
    *SWEEP_VALUES, LONG, "x" * 500, "0001-01-01", "-" + HUGE, "1.5", "<script>", " ",
]  # fmt: skip
# What readers see of the data: read again after a write is saved, in the same savepoint,
# so that a value saved is also a value shown (a far date on the timeline, in the exports).
# (The seed story's: `data` loads it; its slug is the fixture's.)
SEED_STORY = json.loads(SEED_STORY_FILE.read_text(encoding="utf-8"))["story"]["slug"]
READ_AFTER_WRITE = ("/", f"/stories/{SEED_STORY}/", f"/stories/{SEED_STORY}/export.json")
# In place of an id or a slug in a path (already percent-encoded where needed).
HOSTILE_PATH_PARTS = [
    "0",
    "-1",
    HUGE,
    "abc",
    "%00",
    "a%00b",
    "x" * 5000,
    "..%2F..%2Fetc%2Fpasswd",
    "%E6%97%A5%E6%9C%AC",
    "%25",
    "1%20",
    "%3Cscript%3E",
]
# Keys no form has: unknown parameters must be ignored.
UNKNOWN_KEYS = ["zzz", "", "\x00", "a" * 300, "q[]", "__proto__"]
# What the admin's pages read besides the form fields.
ADMIN_KEYS = [
    changelist.ALL_VAR,
    changelist.ORDER_VAR,
    changelist.PAGE_VAR,
    changelist.SEARCH_VAR,
    changelist.ERROR_FLAG,
    changelist.IS_POPUP_VAR,
    changelist.TO_FIELD_VAR,
    changelist.IS_FACETS_VAR,
    "_changelist_filters",
    "_save",
    "_continue",
    "_addanother",
    "_saveasnew",
    "action",
    "_selected_action",
    "select_across",
    "index",
    "post",
    "term",
    "app_label",
    "model_name",
    "field_name",
]
# A key a view reads from the request: request.GET.get("next"), request.POST["pick"], ...
REQUEST_KEY = re.compile(
    r"request\.(?:GET|POST)(?:\.get|\.getlist)?[\[(]\s*[\"']([^\"']+)[\"']"
    r"|[\"']([^\"']+)[\"']\s+in\s+request\.(?:GET|POST)"
)
STREAMING_CHUNKS = 10_000  # enough to reach every row of the test data


# The URLs.


def url_patterns(resolver=None, prefix=""):
    """Every URL pattern of the URLconf, as its full route ("claims/<int:pk>/edit/"), spelled
    as Django's ResolverMatch.route spells it (a regex's leading ^ dropped)."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern).removeprefix("^")
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, route)
        else:
            yield route


# A path parameter: <converter:name> or <name> of a route, (?P<name>...) or (...) of a regex.
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)|\([^?)][^)]*\)")


def parameters(route: str) -> list[str]:
    """The route's parameter names; an unnamed regex group is named by its position, #1."""
    names, position = [], 0
    for match in PARAMETER.finditer(route):
        if match.group(1) or match.group(2):
            names.append(match.group(1) or match.group(2))
        else:
            position += 1
            names.append(f"#{position}")
    return names


def fill(route: str, values: dict[str, str]) -> str:
    """The path of `route` with its parameters set to `values`."""
    names = iter(parameters(route))
    path = PARAMETER.sub(lambda _: values[next(names)], route)
    return "/" + path.removesuffix("$")


@dataclass(repr=False)
class Data:
    """The real objects the URLs and forms are fuzzed with: the seed story, plus a draft, a
    deleted and an orphaned claim."""

    article: Article
    claims: list[Claim]
    users: dict[str, object]
    real_values: list[str] = field(default_factory=list)
    cookies: dict = field(default_factory=dict)  # a session per role, see sessions()
    strategy: st.SearchStrategy | None = None  # see requests()
    targets: list = field(default_factory=list)

    def __repr__(self):
        return f"<fuzz data: {len(self.claims)} claims of {self.article.slug}>"

    def real_targets(self) -> list[tuple[str, dict]]:
        """(path, its valid form) for every URL, with real ids and slugs."""
        if not self.targets:
            self.targets = [
                (path, valid_base(self, path))
                for route in every_route()
                for path in self.real_paths(route)
            ]
        return self.targets

    def values_for(self, route: str) -> list[dict[str, str]]:
        """Real values for the route's parameters (one dict per variant); [] when this test
        does not know what the route takes: say it here."""
        wanted = set(parameters(route))
        if not wanted:
            return [{}]
        if match := re.match(r"admin/(\w+)/(\w+)/", route):
            model = next(
                (
                    m
                    for m in admin.site._registry
                    if m._meta.label_lower == ".".join(match.groups())
                ),
                None,
            )
            obj = model and model._default_manager.order_by("pk").first()
            if obj is None:
                return []
            history = getattr(obj, "history", None)
            record = history.order_by("-history_id").first() if history is not None else None
            pk = str(obj.pk)
            values = {"object_id": pk, "id": pk, "#1": pk, "#2": str(record and record.pk)}
            return [values] if wanted <= set(values) else []
        if route.startswith("admin/r/"):
            claim = self.claims[0]
            content_type = ContentType.objects.get_for_model(Claim)
            return [{"content_type_id": str(content_type.pk), "object_id": str(claim.pk)}]
        if wanted == {"app_label"}:
            labels = sorted({model._meta.app_label for model in admin.site._registry})
            return [{"app_label": label} for label in labels]
        if wanted == {"url"}:
            return [{"url": "no-such-page/"}]
        if route.startswith("claims/") and wanted == {"pk"}:
            return [{"pk": str(claim.pk)} for claim in self.claims]
        if route.startswith("articles/") and wanted == {"slug"}:
            return [{"slug": self.article.slug}]
        if route.startswith("stories/") and wanted == {"slug"}:
            return [{"slug": story.slug} for story in Story.objects.order_by("pk")]
        if route.startswith("stories/") and wanted & {"proposition", "article"}:
            # The editors' pages of a proposition of the seed story, of an article in it.
            story = Story.objects.order_by("pk").first()
            proposition = story.propositions.order_by("pk").first()
            values = {"slug": story.slug, "proposition": proposition.slug}
            return [{**values, "article": self.article.slug}]
        return []

    def real_paths(self, route: str) -> list[str]:
        return [fill(route, values) for values in self.values_for(route)]

    def hostile_paths(self, route: str) -> list[str]:
        """The route's path with one parameter at a time replaced by a hostile part."""
        paths = []
        for values in self.values_for(route)[:1]:
            for name in values:
                for part in HOSTILE_PATH_PARTS:
                    paths.append(fill(route, {**values, name: part}))
        return paths


@pytest.fixture(autouse=True)
def quiet_logs():
    """Each crash is reported once, shortly, by assert_no_problems; Django's own log of it
    (with values of 70,000 characters) would bury that."""
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


@pytest.fixture
def data(seeded):
    users = {
        "anonymous": None,
        "reader": make_user("fuzz-reader"),
        # An editor as manage.py create_editor makes one: in the editors group, and staff.
        "editor": make_user("fuzz-editor", editor=True),
        "superuser": get_user_model().objects.create_superuser("fuzz-admin", password=PASSWORD),
    }
    users["editor"].is_staff = True
    users["editor"].save()
    # A failed login, so that the admin's pages of login attempts have rows to show.
    Client().post(reverse("login"), {"username": "fuzz-reader", "password": "wrong"})
    AccessFailureLog.objects.create(username="fuzz-reader", ip_address="127.0.0.1")
    article = Article.objects.filter(claims__isnull=False).order_by("pk").first()
    reviewed = Claim.objects.filter(article=article, status="reviewed").order_by("pk").first()
    draft = make_claim(article, quote=article.body[0:20], status="draft")
    deleted = make_claim(article, quote=article.body[20:40])
    deleted.deleted_at = timezone.now()
    deleted.save()
    orphaned = make_claim(article, quote=article.body[40:60])
    orphaned.orphaned = True
    orphaned.save()
    real = [article.slug, str(reviewed.pk), "reviewed", "draft", "denial", "troop_count", "day"]
    real += [a.slug for a in Actor.objects.all()[:3]] + [str(a.pk) for a in Actor.objects.all()[:3]]
    real += [o.slug for o in Outlet.objects.all()[:2]] + ["KP", "RU", "1", "10.000", "2024-10-30"]
    fuzz_data = Data(article, [reviewed, draft, deleted, orphaned], users, real)
    fuzz_data.cookies = sessions(fuzz_data)
    return fuzz_data


def every_route() -> list[str]:
    return list(dict.fromkeys(url_patterns()))


def test_the_fuzz_reaches_every_url_pattern(data):
    """Every URL pattern has real paths here, and each of them is the URL it stands for: a
    new view is fuzzed like the others, or this fails and says how to add it."""
    unknown, wrong = [], []
    for route in every_route():
        paths = data.real_paths(route)
        if not paths:
            unknown.append(route)
        for path in paths:
            try:
                reached = resolve(path.split("?")[0]).route
            except Resolver404:
                reached = None
            if reached != route:
                wrong.append(f"{path} -> {reached}")
    assert not unknown, f"No values for these URLs' parameters (see Data.values_for): {unknown}"
    assert not wrong, f"These paths do not reach their own URL pattern: {wrong}"


# The fields.


def admin_forms(request):
    """(model admin, form instance) for every registered model: its change form when there is
    an object to change, else its add form."""
    for model, model_admin in admin.site._registry.items():
        obj = model._default_manager.order_by("pk").first()
        form_class = model_admin.get_form(request, obj)
        yield model_admin, form_class(instance=obj)


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def keys_read_by_views() -> set[str]:
    keys = set()
    for app in APPS:
        for source in app.rglob("*.py"):
            if "migrations" not in source.parts:
                for match in REQUEST_KEY.finditer(source.read_text()):
                    keys.add(match.group(1) or match.group(2))
    return keys


def field_keys(data) -> list[str]:
    """Every form field's name (as the request carries it, prefix included), every key the
    views read, the admin's parameters and some unknown keys."""
    keys = set(ClaimForm(article=data.article).fields)
    actor_form = ActorForm()
    keys |= {actor_form.add_prefix(name) for name in actor_form.fields} | set(actor_form.fields)
    keys |= set(TimelineFilterForm(actors=ActorDirectory.load()).fields)
    keys |= set(ArticleSearchForm().fields)
    keys |= set(AuthenticationForm().fields)
    for model_admin, form in admin_forms(admin_request(data.users["superuser"])):
        keys |= set(form.fields)
        for entry in model_admin.list_filter:
            if isinstance(entry, str | tuple):  # a field, or (field, its filter class)
                name = entry if isinstance(entry, str) else entry[0]
                keys |= {f"{name}__exact", f"{name}__id__exact", f"{name}__isnull"}
            else:  # a SimpleListFilter of its own
                keys.add(entry.parameter_name)
    keys |= keys_read_by_views() | set(ADMIN_KEYS)
    return sorted(keys) + UNKNOWN_KEYS


def form_data(form) -> dict:
    """What a browser would post for an unchanged form."""
    posted = {}
    for name, bound in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                posted[form.add_prefix(name)] = "on"
            continue
        value = bound.prepare_value(value)
        if isinstance(value, list | tuple):
            value = [str(v) for v in value]
        posted[form.add_prefix(name)] = "" if value is None else value
        if not isinstance(posted[form.add_prefix(name)], list):
            posted[form.add_prefix(name)] = str(posted[form.add_prefix(name)])
    return posted


def valid_base(data, path: str) -> dict:
    """A valid request for the page at `path` (a form that would save), or {}: hostile values
    on top of it reach the code behind the form's first checks."""
    match = resolve(path.split("?")[0])
    claim = data.claims[0]
    if match.view_name == "timeline:claim-create":
        start = data.article.body.index(claim.quote)
        return {
            "article": data.article.slug,
            "start": str(start),
            "end": str(start + len(claim.quote)),
            "quote": claim.quote,
            "actor": str(claim.actor_id),
            "kind": "denial",
            "stated_precision": "day",
            "event_precision": "day",
            "status": "draft",
        }
    if match.view_name == "timeline:claim-edit":
        edited = Claim.objects.filter(pk=match.kwargs["pk"]).first() or claim
        return form_data(ClaimForm(instance=edited, article=edited.article))
    if match.view_name == "timeline:actor-create":
        return {"new-actor-name": "Fuzz Actor", "new-actor-kind": "person", "field": "actor"}
    if match.view_name in {"login", "admin:login"}:
        return {"username": "fuzz-reader", "password": PASSWORD}
    admin_forms_at = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}": (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        for page in ("add", "change")
    }
    if match.view_name not in admin_forms_at:
        return {}
    model, model_admin = admin_forms_at[match.view_name]
    obj = None
    if match.view_name.endswith("_change"):
        obj = model._default_manager.filter(pk=match.kwargs["object_id"]).first()
    request = admin_request(data.users["superuser"])
    return form_data(model_admin.get_form(request, obj)(instance=obj))


# The requests.


class _RollBack(Exception):
    """Leaves the savepoint with the response, undoing whatever the request wrote."""


def sessions(data) -> dict[str, str | None]:
    """A session cookie per role, made once: a request that logs out or in changes only its
    own rolled-back copy."""
    cookies = {}
    for role, user in data.users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        cookies[role] = cookie.value if cookie else None
    return cookies


@dataclass
class Request:
    role: str
    method: str
    path: str
    query: dict = field(default_factory=dict)
    body: dict = field(default_factory=dict)
    urlencoded: bool = False
    htmx: bool = False
    then: tuple = ()  # pages to read when the request saved (answered a redirect)

    def __str__(self):
        parts = [f"{self.role}: {self.method.upper()} {self.path[:120]}"]
        if self.query:
            parts.append(f"query={shorten(self.query)}")
        if self.body:
            parts.append(
                f"body={shorten(self.body)}" + (" (urlencoded)" if self.urlencoded else "")
            )
        if self.htmx:
            parts.append("HX-Request")
        if self.then:
            parts.append(f"then GET {', '.join(self.then)}")
        return " ".join(parts)


def shorten(values: dict) -> str:
    def short(value):
        if isinstance(value, list):
            return [short(v) for v in value]
        return value[:20] + f"…({len(value)} chars)" if len(value) > 20 else value

    return repr({k[:30]: short(v) for k, v in values.items()})


def read(response):
    if response.streaming:  # errors while streaming count too
        for _chunk in islice(response.streaming_content, STREAMING_CHUNKS):
            pass


def send(request: Request, cookies: dict) -> int:
    """The response's status code; raises whatever the view raised."""
    client = Client()
    if cookies[request.role]:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookies[request.role]
    extra = {"HTTP_HX_REQUEST": "true"} if request.htmx else {}
    path = request.path
    if request.query:
        path += "?" + urlencode(request.query, doseq=True)
    try:
        with transaction.atomic():
            if request.method == "get":
                response = client.get(path, **extra)
            elif request.urlencoded:
                body = urlencode(request.body, doseq=True)
                response = client.post(
                    path, body, content_type="application/x-www-form-urlencoded", **extra
                )
            else:
                response = client.post(path, request.body, **extra)
            read(response)
            status = response.status_code
            if request.then and status in (301, 302, 303):
                for page in request.then:
                    after = client.get(page)
                    read(after)
                    status = max(status, after.status_code)
            raise _RollBack(status)
    except _RollBack as done:
        return done.args[0]


def problem(request: Request, cookies: dict) -> str | None:
    """What went wrong with `request` (a crash or a 5xx), or None."""
    try:
        status = send(request, cookies)
    except Exception as error:  # noqa: BLE001 - every crash is reported, with its request
        return f"{request}\n    {crash_summary(error)}"
    if status >= 500:
        return f"{request}\n    answered {status}"
    return None


def crash_summary(error: Exception) -> str:
    """The exception and the last frame of the project's own code it went through."""
    frames = [
        f"{Path(frame.filename).relative_to(APPS[0].parent)}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(error.__traceback__)
        if any(frame.filename.startswith(str(app)) for app in APPS)
    ]
    message = str(error).splitlines()[0][:160] if str(error) else ""
    where = f" (at {frames[-1]})" if frames else ""
    return f"{type(error).__name__}: {message}{where}"


def assert_no_problems(problems):
    """Fails with one example per distinct crash (same exception, same place)."""
    problems = [p for p in problems if p]
    distinct = {}
    for found in problems:
        crash = found.splitlines()[-1].strip()
        kind = re.match(r"(\w+): .*?(\(at [^)]*\))?$", crash)  # type and place, not message
        distinct.setdefault(kind.groups() if kind else crash, found)
    assert not problems, (
        f"{len(problems)} requests crashed or answered 5xx; {len(distinct)} distinct:\n\n"
        + "\n\n".join(distinct.values())
    )


# The sweep.


def in_turn(values: list, number: int) -> list:
    """The values the `number`th case of a sweep tries: one of them in turn (each case a
    different one), or all of them in a long run."""
    return values if LONG_RUN else [values[number % len(values)]]


def test_every_url_with_hostile_fields_never_crashes(data):
    """Every URL as every role by GET and by POST: with a valid form (where it has one), and
    with every field set to the same hostile value at once."""
    keys = field_keys(data)
    problems = []
    cases = [(role, path, base) for role in ROLES for path, base in data.real_targets()]
    for number, (role, path, base) in enumerate(cases):
        problems.append(problem(Request(role, "get", path, query=base), data.cookies))
        if base:  # else the POST below, with every field, stands for it
            problems.append(problem(Request(role, "post", path, body=base), data.cookies))
        for value in in_turn(SWEEP_VALUES, number):
            everything = {**base, **dict.fromkeys(keys, value)}
            problems.append(problem(Request(role, "get", path, query=everything), data.cookies))
            problems.append(
                problem(
                    Request(role, "post", path, body=everything, urlencoded=number % 2 == 0),
                    data.cookies,
                )
            )
    assert_no_problems(problems)


def one_per_view(targets):
    """The first of the targets of each view (the sweep's cost stays with the views)."""
    return list(
        {resolve(path).view_name: (path, base) for path, base in reversed(targets)}.values()
    )


def test_one_hostile_field_in_a_valid_form_never_crashes(data):
    """Every form that can save, as an editor (and the admin's as a superuser too), with one
    field at a time (its own, or any key a view reads) set to a hostile value, and the
    readers' pages read again when it saved."""
    # Of the keys a form does not have, those that change what a saving view does.
    extra = ["next", "field", "version", "_saveasnew", "_continue", "_to_field", "zzz"]
    ours = tuple(f"/admin/{app}/" for app in ("articles", "timeline"))
    cases = [
        (role, path, base, key)
        for path, base in one_per_view(data.real_targets())
        if base and (path.startswith(ours) or not path.startswith("/admin/"))
        for role in (["editor", "superuser"] if path.startswith("/admin/") else ["editor"])
        for key in dict.fromkeys([*base, *extra])
    ]
    problems = [
        problem(
            Request(role, "post", path, body={**base, key: value}, then=READ_AFTER_WRITE),
            data.cookies,
        )
        for number, (role, path, base, key) in enumerate(cases)
        for value in in_turn(ONE_FIELD_VALUES, number)
    ]
    assert_no_problems(problems)


def test_hostile_path_parts_never_crash(data):
    """Every id and slug in a path replaced by a hostile part, as every role."""
    cases = [
        (role, route) for role in ROLES for route in every_route() if data.hostile_paths(route)
    ]
    problems = [
        problem(Request(role, method, path), data.cookies)
        for number, (role, route) in enumerate(cases)
        for path in in_turn(data.hostile_paths(route), number)
        for method in ("get", "post")
    ]
    assert_no_problems(problems)


# Hypothesis.

FUZZ = hypothesis_settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)


def requests(data) -> st.SearchStrategy[Request]:
    """Any role, URL (real or with a hostile path part), method and encoding, and any mix
    of fields, on top of the page's valid form or not."""
    real = data.real_targets()
    hostile = [(path, {}) for route in every_route() for path in data.hostile_paths(route)]
    value = st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(data.real_values),
        text,
        st.integers().map(str),
        st.dates().map(str),
    )
    values = st.one_of(value, st.lists(value, min_size=2, max_size=3))  # repeated keys
    fields = st.dictionaries(st.sampled_from(field_keys(data)), values, max_size=8)

    @st.composite
    def request(draw):
        path, base = draw(st.one_of(st.sampled_from(real), st.sampled_from(hostile)))
        method = draw(st.sampled_from(["get", "post"]))
        sent = {**(base if draw(st.booleans()) else {}), **draw(fields)}
        query, body = (sent, {}) if method == "get" else (draw(fields), sent)
        return Request(
            draw(st.sampled_from(ROLES)),
            method,
            path,
            query=query,
            body=body,
            urlencoded=draw(st.booleans()),
            htmx=draw(st.booleans()),
            then=READ_AFTER_WRITE,
        )

    return request()


@FUZZ
@given(draw=st.data())
def test_any_request_never_crashes(data, draw):
    if data.strategy is None:  # made once: the fixture's data last for all the examples
        data.strategy = requests(data)
    request = draw.draw(data.strategy, label="request")
    assert_no_problems([problem(request, data.cookies)])
