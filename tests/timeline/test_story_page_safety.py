"""A story's page with hostile text in its propositions, sides and actors shows it as text
(the story box, the lanes, the chart, the filters); any value of the proposition and stance
filters is a form error or a page, never a 500."""

from datetime import date

import pytest
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_actor, make_article, make_claim, make_proposition, make_story
from tests.security.test_escaping import BRACES, IMG, PAYLOAD, SCRIPT, assert_inert

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile_story():
    story = make_story(f"Cerita {PAYLOAD}", sides=[["KP", f"Korut {PAYLOAD}"], ["RU", "Rusia"]])
    troops = make_proposition(
        story, f"Pasukan {PAYLOAD}", statement_en=f"Troops {PAYLOAD}", slug="troops",
        is_quantity=True, is_lead=True,
    )  # fmt: skip
    actor = make_actor(PAYLOAD, country="KP")
    relay = make_actor(f"Kantor {SCRIPT}", country="KP", kind="state_media")
    article = make_article(f"Korut membantah {SCRIPT}, kata juru bicara. Ada 10.000 pasukan.",
                           published_on=date(2024, 10, 30))  # fmt: skip
    made = [
        make_claim(article, story=story, quote=f"Korut membantah {SCRIPT}", actor=actor,
                   kind="denial", proposition=troops, stance="disputes", via=relay),
        make_claim(article, story=story, quote="Ada 10.000 pasukan", actor=actor,
                   kind="troop_count", number=10_000, proposition=troops, stance="supports",
                   stated_on=date(2024, 11, 1)),
    ]  # fmt: skip
    return story, made


@pytest.mark.parametrize("who", ["reader", "editor"])
def test_hostile_propositions_sides_and_actors_stay_text(client, editor, hostile_story, who):
    story, _ = hostile_story
    if who == "editor":
        client.force_login(editor)
    for query in ("", "?proposition=troops", "?stance=disputes"):
        response = client.get(f"{story.get_absolute_url()}{query}")
        assert response.status_code == 200
        html = response.content.decode()
        assert_inert(html, f"story page{query} ({who})")
        box = html[html.index('<section class="tl-story"') :]
        box = box[: box.index("</section>")]
        assert escape(f"Troops {PAYLOAD}") in box  # the statement (English's), as text
        assert escape(IMG) in box and BRACES in box
    # In Indonesian, the story's own statement: as text too.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id"
    html = client.get(story.get_absolute_url()).content.decode()
    assert_inert(html, f"story page in Indonesian ({who})")
    assert escape(f"Pasukan {PAYLOAD}") in html[html.index('<section class="tl-story"') :]


FILTER_NAMES = ["proposition", "stance", "side", "kind", "actor", "page"]
values = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(["troops", "supports", "disputes", "neither", "\x00", "x" * 5000, "%"]),
)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=st.dictionaries(st.sampled_from(FILTER_NAMES), values), htmx=st.booleans())
def test_any_proposition_or_stance_filter_never_crashes(hostile_story, params, htmx):
    story, _ = hostile_story
    headers = {"HX-Request": "true"} if htmx else {}
    response = Client().get(story.get_absolute_url(), params, headers=headers, follow=True)
    assert response.status_code in {200, 400}
    for export in ("export.csv", "export.json"):
        exported = Client().get(f"{story.get_absolute_url()}{export}", params)
        assert exported.status_code in {200, 400}
        if exported.status_code == 200:
            b"".join(exported.streaming_content)
