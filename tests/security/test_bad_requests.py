"""Malformed ids, slugs and query strings get a 400, a 404 or a form error: never a 500.

The test client re-raises any exception a view lets through (raise_request_exception), so
a crash fails here with its traceback rather than hiding behind a 500 page.
"""

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_actor, make_claim, story_url
from timeline.models import Claim

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
BAD_VALUES = [
    "abc",
    HUGE,
    "-1",
    "0",
    "1.5",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "2024-13-45",
    "2024-02-30",
    "99999-01-01",
    "' OR 1=1 --",
    "%",
    "\\",
    "日本語",
    "<script>",
    "",
]
FEW_BAD_VALUES = ["abc", HUGE, "-1", "\x00", "x" * 10_000, "2024-02-30"]
FILTERS = [
    "actor",
    "side",
    "kind",
    "from",
    "to",
    "date_from",  # the old names of from and to, still accepted
    "date_to",
    "article",
    "outlet",
    "status",
    "q",
    "page",
    "excel",
    "cursor",  # not a filter: unknown parameters are ignored
]
CLAIM_PAGES = ["claim", "claim-history", "claim-edit", "claim-delete", "claim-restore"]
FINE = {200, 400, 404}
NO_SUCH_PATHS = [
    "/claims/abc/",
    f"/claims/{HUGE}/",
    f"/claims/{HUGE}/history/",
    f"/claims/{HUGE}/edit/",
    f"/claims/{HUGE}/delete/",
    f"/claims/{HUGE}/restore/",
    "/claims/0/",
    "/claims/-1/",
    "/claims/1e5/",
    "/claims/%00/",
    "/articles/no-such-article/",
    "/articles/%00/",
    "/articles/" + "a" * 5000 + "/",
    "/articles/../../etc/passwd",
    "/admin/timeline/claim/abc/change/",
    f"/admin/timeline/claim/{HUGE}/change/",
    # The history pages (django-simple-history's) looked a non-numeric id up as it came.
    "/admin/timeline/claim/abc/history/",
    "/admin/timeline/actor/%00/history/",
    "/admin/timeline/claim/abc/history/1/",
    "/admin/timeline/actor/1/history/abc/",
    f"/admin/timeline/claim/1/history/{HUGE}/",
]


@pytest.fixture
def data():
    claim = make_claim(kind="troop_count", number=10000)
    make_actor("United States", country="US", aliases=["AS"])
    return claim


@pytest.fixture
def staff_client(client, editor):
    editor.is_staff = editor.is_superuser = True
    editor.save()
    client.force_login(editor)
    return client


def probe(client, method, url, data=None, *, allowed, **extra) -> str | None:
    """Request `url`; a description of what went wrong, or None. Each request runs in a
    savepoint, so a database error in one leaves the next ones a working connection."""
    try:
        with transaction.atomic():
            response = getattr(client, method)(url, data or {}, **extra)
            if response.streaming:
                b"".join(response.streaming_content)
    except Exception as error:  # noqa: BLE001 - every crash is reported, with its request
        message = str(error).splitlines()[0][:120] if str(error) else ""
        return f"{method.upper()} {url} {short(data)}: {type(error).__name__}: {message}"
    if response.status_code not in allowed:
        return f"{method.upper()} {url} {short(data)}: {response.status_code}"
    return None


def short(data) -> str:
    return repr(
        {
            k: (v[:20] + "…" if isinstance(v, str) and len(v) > 20 else v)
            for k, v in (data or {}).items()
        }
    )


def assert_no_problems(problems):
    problems = [p for p in problems if p]
    assert not problems, f"{len(problems)} bad requests went wrong:\n" + "\n".join(problems)


@pytest.mark.parametrize("who", ["anonymous", "reader", "editor"])
def test_unknown_ids_and_slugs_are_404(client, reader, editor, data, who):
    if who != "anonymous":
        client.force_login(reader if who == "reader" else editor)
    # An editor must get the 404; others may be stopped earlier (login, 403). 405: a
    # read-only page refuses POST before it looks at the id.
    allowed = {404, 405} if who == "editor" else {302, 403, 404, 405}
    assert_no_problems(
        probe(client, method, path, allowed=allowed)
        for path in NO_SUCH_PATHS
        if not path.startswith("/admin/")
        for method in ("get", "post")
    )


def test_unknown_ids_in_the_admin_do_not_crash(staff_client, data):
    assert_no_problems(
        probe(staff_client, "get", path, allowed={302, 404})
        for path in NO_SUCH_PATHS
        if path.startswith("/admin/")
    )


@pytest.mark.parametrize("value", ["abc", "\x00"])
def test_a_bad_id_in_an_admin_autocomplete_field_is_a_form_error(staff_client, data, value):
    """The admin draws a form with errors again with the chosen actor's name, looked up by
    the posted value: one that is no id was a ValueError (a 500)."""
    actor = data.actor
    version = actor.history.first().pk
    pages = [
        (f"/admin/timeline/actor/{actor.pk}/change/", {"affiliation": value}),
        (f"/admin/timeline/actor/{actor.pk}/history/{version}/", {"affiliation": value}),
        (f"/admin/timeline/claim/{data.pk}/change/", {"actor": value, "via": value}),
        (f"/admin/articles/article/{data.article.pk}/change/", {"outlet": value}),
    ]
    for url, posted in pages:
        response = staff_client.post(url, {"name": "Someone", "kind": "person", **posted})
        assert response.status_code == 200, url
        assert "errorlist" in response.content.decode(), url


def test_an_empty_to_field_in_the_admin_is_a_bad_request(staff_client, data):
    """?_to_field= (empty) reached the model's get_field(""): a 500. A to_field the admin does
    not allow is a 400 already; an empty one now is too."""
    for url in [
        f"/admin/timeline/claim/{data.pk}/change/",
        f"/admin/timeline/claim/{data.pk}/delete/",
        f"/admin/articles/article/{data.article.pk}/change/",
        f"/admin/auth/user/{staff_client.session['_auth_user_id']}/change/",
    ]:
        assert staff_client.get(url, {"_to_field": ""}).status_code == 400, url
        assert staff_client.post(url, {"_to_field": ""}).status_code == 400, url
    assert staff_client.get(f"/admin/timeline/claim/{data.pk}/change/").status_code == 200


@pytest.mark.parametrize("who", ["reader", "editor"])
def test_bad_values_in_every_filter_never_crash(client, editor, data, who):
    if who == "editor":
        client.force_login(editor)
    urls = [
        story_url(),
        story_url("timeline:export-csv"),
        story_url("timeline:export-json"),
        story_url("timeline:export-timelinejs"),
    ]
    problems = []
    for url in urls:
        for name in FILTERS:
            for value in BAD_VALUES:
                # follow: the page redirects an empty or old-named filter to its tidy URL.
                problems.append(probe(client, "get", url, {name: value}, allowed=FINE, follow=True))
        # All of them at once, and repeated.
        every = dict.fromkeys(FILTERS, HUGE)
        problems.append(probe(client, "get", url, every, allowed=FINE, follow=True))
        repeated = {name: ["1", "abc", "\x00"] for name in FILTERS}
        problems.append(probe(client, "get", url, repeated, allowed=FINE, follow=True))
    assert_no_problems(problems)


def test_an_invalid_filter_says_so_on_the_page(client, data):
    response = client.get(story_url(), {"from": "2024-13-45"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    response = client.get(story_url(), {"actor": "nobody"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only successful answers
    assert 'role="alert"' in response.content.decode()


PARAMS = ["q", "pick", "field", "article", "start", "end", "quote", "next", "version", "kind"]


@pytest.mark.parametrize("who", ["reader", "editor"])
def test_bad_values_on_every_other_page_never_crash(client, editor, data, who):
    if who == "editor":
        client.force_login(editor)
    slug = data.article.slug
    pages = [
        (reverse("articles:list"), {}),
        (data.article.get_absolute_url(), {}),
        (reverse("timeline:claim", args=[data.pk]), {}),
        (reverse("timeline:claim-history", args=[data.pk]), {}),
        (reverse("timeline:actor-search"), {}),
        (reverse("timeline:actor-search"), {"q": "Korut"}),
        (reverse("timeline:claim-create"), {}),
        (reverse("timeline:claim-create"), {"article": slug}),
        (reverse("timeline:claim-create"), {"article": slug, "start": "0", "end": "5"}),
        (reverse("timeline:claim-edit", args=[data.pk]), {}),
        (reverse("timeline:actor-create"), {}),
    ]
    assert_no_problems(
        probe(client, "get", url, {**base, name: value}, allowed=FINE | {302, 403})
        for url, base in pages
        for name in PARAMS
        for value in BAD_VALUES
    )


CLAIM_FIELDS = [
    "article", "start", "end", "quote", "actor", "via", "kind", "number", "number_max",
    "stated_on", "stated_precision", "stated_evidence", "event_on", "event_precision", "status",
    "note", "version", "context_before", "context_after", "field", "next", "name", "country",
    "affiliation", "aliases", "new-actor-name", "new-actor-kind", "new-actor-country",
    "new-actor-affiliation", "new-actor-aliases",
]  # fmt: skip


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_garbage_posted_to_the_editor_forms_gets_form_errors(editor_client, data, htmx):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    slug = data.article.slug
    urls = [
        (reverse("timeline:claim-create"), {}),
        (reverse("timeline:claim-create"), {"article": slug}),
        (reverse("timeline:claim-edit", args=[data.pk]), {}),
        (reverse("timeline:actor-create"), {}),
    ]
    allowed = {200, 400, 404, 409, 422}
    problems = []
    for url, base in urls:
        problems.append(probe(editor_client, "post", url, base, allowed=allowed, **extra))
        for value in BAD_VALUES:
            garbage = {**dict.fromkeys(CLAIM_FIELDS, value), **base}
            problems.append(probe(editor_client, "post", url, garbage, allowed=allowed, **extra))
    assert Claim.objects.count() == 1, "garbage made a claim"
    # One bad value among good ones: a form error, or saved when the value is harmless
    # (a note that reads "abc").
    for url, base in urls[1:] if not htmx else []:
        for value in FEW_BAD_VALUES:
            for field in CLAIM_FIELDS:
                one = {**valid_claim_post(data), **base, field: value}
                problems.append(
                    probe(editor_client, "post", url, one, allowed=allowed | {302}, **extra)
                )
    assert_no_problems(problems)


def valid_claim_post(claim) -> dict:
    return {
        "article": claim.article.slug,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "actor": claim.actor_id,
        "kind": "denial",
        "stated_precision": "day",
        "event_precision": "day",
        "status": "draft",
        "version": claim.version,
        "new-actor-name": "Somebody",
        "new-actor-kind": "person",
    }


# Hypothesis: any mix of filter parameters with any values.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
value = st.one_of(
    text,
    st.integers().map(str),
    st.just(HUGE),
    st.dates().map(str),
    st.sampled_from(BAD_VALUES),
)
filters = st.dictionaries(
    st.sampled_from(FILTERS), st.one_of(value, st.lists(value, min_size=1, max_size=3))
)
HYPOTHESIS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(params=filters)
def test_any_timeline_filters_never_crash(client, data, params):
    # follow: an empty or old-named filter is redirected to its tidy URL, once.
    response = client.get(story_url(), params, follow=True)
    assert len(response.redirect_chain) <= 1
    assert response.status_code in {200, 400}


@HYPOTHESIS
@given(params=filters, htmx=st.booleans())
def test_any_timeline_filters_never_crash_the_htmx_list(client, data, params, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(story_url(), params, headers=headers, follow=True)
    assert response.status_code in {200, 400}


@HYPOTHESIS
@given(params=filters, export=st.sampled_from(["export-csv", "export-json", "export-timelinejs"]))
def test_any_export_filters_never_crash(client, data, params, export):
    response = client.get(story_url(f"timeline:{export}"), params)
    assert response.status_code in {200, 400}
    if response.status_code == 200 and response.streaming:
        b"".join(response.streaming_content)  # errors while streaming count too


@HYPOTHESIS
@given(q=st.one_of(text, st.sampled_from(BAD_VALUES)))
def test_any_article_search_never_crashes(client, data, q):
    response = client.get(reverse("articles:list"), {"q": q})
    assert response.status_code in {200, 400}


@HYPOTHESIS
@given(q=st.one_of(text, st.sampled_from(BAD_VALUES)))
def test_any_actor_search_never_crashes(editor_client, data, q):
    response = editor_client.get(reverse("timeline:actor-search"), {"q": q})
    assert response.status_code in {200, 400}
