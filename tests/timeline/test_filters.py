"""The filters: each one, combined, through the form and through the page and exports;
invalid values are form errors, never a 500."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import default_story, make_actor, make_claim, make_proposition, make_story
from tests.timeline.test_timeline_page import URL, shown_ids, story
from timeline.filters import ActorDirectory, TimelineFilterForm, filtered_claims
from timeline.models import Claim

pytestmark = pytest.mark.django_db


def ids(data, user=None):
    visible = Claim.objects.visible_to(user or AnonymousUser())
    form, claims = filtered_claims(data, visible, ActorDirectory.load(), default_story())
    assert not form.errors, form.errors
    return [claim.pk for claim in claims]


def pks(c, *names):
    return [c[name].pk for name in names]


def test_no_filter_shows_every_reviewed_claim_in_order():
    _, c = story()
    shown = ids({})
    assert c["draft"].pk not in shown
    assert len(shown) == len(c) - 1
    assert shown[0] == c["year"].pk and shown[-1] == c["undated"].pk


def test_actor_filter_includes_the_actors_affiliated_with_it():
    _, c = story()
    # United States -> US Department of Defense -> Lloyd Austin.
    assert ids({"actor": "united-states"}) == pks(c, "us_10000")
    assert ids({"actor": "us-dod"}) == pks(c, "us_10000")
    assert ids({"actor": "lloyd-austin"}) == pks(c, "us_10000")
    assert set(ids({"actor": "russia"})) == set(pks(c, "ru_denial", "ru_confirm"))
    assert ids({"actor": "dmitry-peskov"}) == pks(c, "ru_denial")


def test_side_filter_follows_affiliations_to_the_country():
    _, c = story()
    assert ids({"side": "US"}) == pks(c, "us_10000")
    assert ids({"side": "KP"}) == pks(c, "nk_denial", "nk_confirm")
    assert set(ids({"side": "UA"})) == set(pks(c, "year", "allegation", "clash", "ua_14000"))


def test_kind_filter():
    _, c = story()
    assert ids({"kind": "troop_count"}) == pks(c, "us_10000", "kr_10000", "ua_14000")
    assert ids({"kind": "confirmation"}) == pks(c, "ru_confirm", "nk_confirm")


def test_date_range_is_inclusive_and_leaves_undated_claims_out():
    _, c = story()
    # Ukraine's claim of 2024 and North Korea's denial of Oct 2024 may be from these days.
    assert ids({"from": "2024-10-30", "to": "2024-11-05"}) == pks(
        c, "year", "nk_denial", "us_10000", "kr_10000", "clash", "g7"
    )
    assert ids({"from": "2025-04-27"}) == pks(c, "ua_14000", "nk_confirm")
    assert ids({"to": "2024-01-01"}) == pks(c, "year")


def test_article_and_outlet_filters():
    _, c = story()
    article = c["clash"].article
    assert ids({"article": article.slug}) == pks(c, "clash")
    assert ids({"outlet": "times-test"}) == pks(c, "clash", "g7")


def test_text_search_in_quote_and_note():
    _, c = story()
    assert ids({"q": "palsu"}) == pks(c, "ru_denial")
    assert ids({"q": "  PASUKAN "}) == pks(c, "allegation", "ua_14000", "nk_confirm")
    c["g7"].note = "Statement of the foreign ministers"
    c["g7"].save()
    assert ids({"q": "foreign ministers"}) == pks(c, "g7")


def test_status_filter_for_editors_and_readers_never_see_drafts(editor):
    _, c = story()
    assert ids({"status": "draft"}, editor) == pks(c, "draft")
    assert c["draft"].pk in ids({}, editor)
    assert ids({"status": "draft"}) == []
    assert ids({"status": "draft", "actor": "north-korea"}) == []


def test_filters_combine():
    _, c = story()
    assert ids({"side": "UA", "kind": "troop_count"}) == pks(c, "ua_14000")
    assert ids({"side": "UA", "to": "2024-12-31", "q": "kursk"}) == pks(c, "clash")
    assert ids({"actor": "russia", "kind": "denial", "outlet": "kabar-test"}) == pks(c, "ru_denial")
    assert ids({"side": "KP", "kind": "troop_count"}) == []


@pytest.mark.parametrize(
    "data, field",
    [
        ({"actor": "nobody-at-all"}, "actor"),
        ({"side": "XX"}, "side"),
        ({"kind": "rumour"}, "kind"),
        ({"from": "2024-13-45"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "9999-12-31"}, "from"),
        ({"to": "0001-01-01"}, "to"),
        ({"to": "10000-01-01"}, "to"),
        ({"from": "2025-01-01", "to": "2024-01-01"}, "to"),
        ({"article": "no-such-article"}, "article"),
        ({"outlet": "no-such-outlet"}, "outlet"),
        ({"status": "published"}, "status"),
        ({"q": "x" * 201}, "q"),
        ({"proposition": "no-such-proposition"}, "proposition"),
        ({"stance": "maybe"}, "stance"),
    ],
)
def test_invalid_values_are_form_errors(data, field):
    story()
    form = TimelineFilterForm(data, actors=ActorDirectory.load(), story=default_story())
    assert not form.is_valid()
    assert list(form.errors) == [field]


@pytest.mark.parametrize(
    "query",
    [
        "actor=nobody",
        "from=2024-02-30",
        "from=9999-12-31",
        "to=1899-12-31",
        "to=99999999-01-01",
        "kind=rumour",
        "side=%00",
        "from=2025-01-01&to=2024-01-01",
        "article=%F0%9F%92%A5",
        "q=" + "x" * 500,
        "proposition=no-such-proposition",
        "proposition=%00",
        "stance=maybe",
    ],
)
def test_invalid_values_on_the_page_show_errors_never_a_500(client, query):
    story()
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "These filters cannot be used" in html
    assert 'class="errorlist' in html  # also next to the field
    assert shown_ids(html) == []
    htmx = client.get(f"{URL}?{query}", headers={"HX-Request": "true"})
    assert htmx.status_code == 200  # htmx swaps only successful responses
    assert "These filters cannot be used" in htmx.content.decode()
    for export in ("export.csv", "export.json", "export/timelinejs.json"):
        bad = client.get(f"{URL}{export}?{query}")
        assert bad.status_code == 400
        assert bad.content.decode().startswith("The filters are not valid:")


def test_the_form_lists_actors_with_affiliation_and_sides_by_name():
    story()
    form = TimelineFilterForm(actors=ActorDirectory.load(), story=default_story())
    actors = dict(form.fields["actor"].choices)
    assert actors["lloyd-austin"] == "Lloyd Austin (US Department of Defense, United States)"
    sides = [code for code, _ in form.fields["side"].choices]
    assert sides[:6] == ["", "KP", "RU", "UA", "US", "KR"]


def test_query_items_keep_only_the_filters_in_use():
    story()
    form = TimelineFilterForm(
        {"actor": "russia", "kind": "", "page": "3", "q": "palsu"}, actors=ActorDirectory.load()
    )
    assert form.is_valid()
    assert form.query_items() == [("actor", "russia"), ("q", "palsu")]
    assert form.filters()["from"] is None
    assert TimelineFilterForm(actors=ActorDirectory.load()).filters() == {}


def test_dates_parse_as_iso():
    story()
    form = TimelineFilterForm({"from": "2024-10-01"}, actors=ActorDirectory.load())
    assert form.is_valid()
    assert form.cleaned_data["from"] == date(2024, 10, 1)


# One set of parameter names (issue: the README's URL ignored `from`, the form called it
# date_from), and shareable URLs that carry only the filters in use.


def test_the_readmes_url_filters_by_side_kind_and_from(client):
    _, c = story()
    response = client.get(f"{URL}?side=KP&kind=denial&from=2024-10-01")
    assert response.status_code == 200
    # North Korea's reviewed denials from October 2024 on: the one of Oct 2024 only.
    assert shown_ids(response.content.decode()) == pks(c, "nk_denial")
    assert shown_ids(client.get(f"{URL}?side=RU&from=2025-01-01").content.decode()) == pks(
        c, "ru_confirm"
    )
    assert shown_ids(client.get(f"{URL}?to=2024-01-31").content.decode()) == pks(c, "year")


def test_the_form_names_its_date_fields_from_and_to(client):
    story()
    html = client.get(URL).content.decode()
    assert 'name="from"' in html and 'name="to"' in html
    assert "date_from" not in html and "date_to" not in html


def test_a_submitted_form_redirects_to_a_url_with_only_the_filters_in_use(client):
    """A GET form sends every field; the address a reader copies holds what they chose."""
    _, c = story()
    submitted = f"{URL}?actor=&side=KP&kind=denial&from=2024-10-01&to=&article=&outlet=&q="
    response = client.get(submitted)
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?side=KP&kind=denial&from=2024-10-01"
    assert shown_ids(client.get(response["Location"]).content.decode()) == pks(c, "nk_denial")
    assert client.get(f"{URL}?actor=&side=&kind=")["Location"] == URL


def test_htmx_pushes_the_tidy_url_not_every_field(client):
    _, c = story()
    response = client.get(
        f"{URL}?actor=&side=KP&kind=&from=2024-10-01&to=&q=", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"{URL}?side=KP&from=2024-10-01"
    assert shown_ids(response.content.decode()) == pks(c, "nk_denial", "nk_confirm")
    tidy = client.get(f"{URL}?side=KP", headers={"HX-Request": "true"})
    assert "HX-Push-Url" not in tidy  # htmx keeps the URL it asked for


def test_links_already_shared_with_the_old_names_keep_working(client):
    _, c = story()
    old = client.get(f"{URL}?side=KP&date_from=2024-10-01&date_to=2024-12-31&kind=denial")
    assert old.status_code == 302
    assert old["Location"] == f"{URL}?side=KP&kind=denial&from=2024-10-01&to=2024-12-31"
    shown = pks(c, "year", "nk_denial", "us_10000", "kr_10000", "clash", "g7")
    expected = "".join(f"{pk}," for pk in shown)
    exported = client.get(f"{URL}export.csv?date_from=2024-10-30&date_to=2024-11-05")
    assert exported.status_code == 200
    rows = b"".join(exported.streaming_content).decode().splitlines()[1:]
    assert "".join(row.split(",")[0] + "," for row in rows) == expected
    # The new name wins when a link has both.
    both = client.get(f"{URL}?from=2025-04-27&date_from=2024-01-01")
    assert both["Location"] == f"{URL}?from=2025-04-27"


def test_every_generated_link_uses_from_and_to(client):
    story()
    html = client.get(f"{URL}?side=UA&from=2024-10-01&to=2025-12-31").content.decode()
    assert "date_from" not in html and "date_to" not in html
    assert f"{URL}export.csv?side=UA&amp;from=2024-10-01&amp;to=2025-12-31" in html


# Date filters and precision: a claim whose period overlaps the range is in it, marked as
# possibly outside (issue: "From 15 Oct" dropped every "Oct 2024" claim, "To 15 Jun" kept all
# of June).


def dated(precision, stated_on):
    actor = make_actor("Someone", country="KP")
    return make_claim(actor=actor, stated_on=stated_on, precision=precision)


def outside(data):
    """{claim pk: possibly outside the range?} of what the filters show."""
    form, claims = filtered_claims(data, Claim.objects.visible(), ActorDirectory.load())
    assert not form.errors, form.errors
    return {claim.pk: claim.possibly_outside for claim in claims}


def test_from_a_day_keeps_the_claims_of_its_month_and_year_marked():
    october = dated("month", date(2024, 10, 1))
    year = dated("year", date(2024, 1, 1))
    early = dated("day", date(2024, 10, 14))
    later = dated("day", date(2024, 10, 16))
    september = dated("month", date(2024, 9, 1))
    assert outside({"from": "2024-10-15"}) == {year.pk: True, october.pk: True, later.pk: False}
    assert early.pk not in outside({"from": "2024-10-15"})
    assert september.pk not in outside({"from": "2024-10-15"})


def test_to_a_day_leaves_out_the_later_days_of_its_month():
    june = dated("month", date(2024, 6, 1))
    early = dated("day", date(2024, 6, 15))
    late = dated("day", date(2024, 6, 20))
    july = dated("month", date(2024, 7, 1))
    assert outside({"to": "2024-06-15"}) == {june.pk: True, early.pk: False}
    assert late.pk not in outside({"to": "2024-06-15"}) and july.pk not in outside(
        {"to": "2024-06-15"}
    )


def test_a_week_overlapping_either_end_is_in_and_marked():
    week = dated("week", date(2024, 10, 14))  # 14 to 20 Oct
    assert outside({"to": "2024-10-16"}) == {week.pk: True}
    assert outside({"from": "2024-10-20"}) == {week.pk: True}
    assert outside({"from": "2024-10-21"}) == {}
    assert outside({"to": "2024-10-13"}) == {}
    assert outside({"from": "2024-10-14", "to": "2024-10-20"}) == {week.pk: False}


def test_a_period_wholly_inside_the_range_is_not_marked():
    october = dated("month", date(2024, 10, 1))
    year = dated("year", date(2024, 1, 1))
    assert outside({"from": "2024-10-01", "to": "2024-10-31"}) == {
        year.pk: True,
        october.pk: False,
    }
    assert outside({"from": "2024-01-01", "to": "2024-12-31"}) == {
        year.pk: False,
        october.pk: False,
    }
    assert outside({}) == {year.pk: False, october.pk: False}


def test_a_claim_possibly_outside_the_dates_says_so_on_the_page(client):
    october = dated("month", date(2024, 10, 1))
    day = dated("day", date(2024, 10, 20))
    html = client.get(f"{URL}?from=2024-10-15").content.decode()
    assert shown_ids(html) == [october.pk, day.pk]
    item = html[
        html.index(f'data-claim-id="{october.pk}"') : html.index(f'data-claim-id="{day.pk}"')
    ]
    assert "may be outside these dates" in item
    assert "may be outside these dates" not in html[html.index(f'data-claim-id="{day.pk}"') :]
    assert "may be outside these dates" not in client.get(URL).content.decode()


# Text search: words in any order, numbers however grouped (issue: "10000" found nothing
# where the text says "10.000", "Korut tentara" nothing where it says "tentara Korut").


def test_search_finds_words_in_any_order():
    _, c = story()  # "Sebanyak 10.000 tentara Korut"
    assert ids({"q": "Korut tentara"}) == pks(c, "us_10000")
    assert ids({"q": "tentara korut"}) == pks(c, "us_10000")
    assert ids({"q": "Korut  sebanyak"}) == pks(c, "us_10000")
    assert ids({"q": "tentara Rusia"}) == []  # every word must be there
    assert ids({"q": "“tentara Korut”"}) == pks(c, "us_10000")  # quotes around the words


def test_search_finds_a_number_however_it_is_grouped():
    _, c = story()  # "Sebanyak 10.000 tentara Korut", "Sekitar 10.000 tentara"
    for q in ("10000", "10.000", "10,000"):
        assert ids({"q": q}) == pks(c, "us_10000", "kr_10000"), q
    assert ids({"q": "14000 pasukan"}) == pks(c, "ua_14000")
    assert ids({"q": "10000 Korut"}) == pks(c, "us_10000")
    # A number is the whole number: 1,000 is not in 10.000, nor 100.
    assert ids({"q": "1000"}) == [] and ids({"q": "100"}) == []
    c["g7"].note = "Rounded from 3,000,000 in the G7 text"
    c["g7"].save()
    assert ids({"q": "3000000"}) == pks(c, "g7")


def test_search_words_may_be_in_the_quote_or_the_note():
    _, c = story()
    c["clash"].note = "Reported by the general staff"
    c["clash"].save()
    assert ids({"q": "Kursk general staff"}) == pks(c, "clash")


def test_a_date_no_claim_can_have_says_which_dates_can_be_used(client):
    story()
    html = client.get(f"{URL}?from=9999-12-31").content.decode()
    assert "9999-12-31 cannot be right for a claim or an article" in html
    assert "Enter a date from 1900-01-01 to" in html


# A story's propositions and stances (issue 11): what each claim is about, and which way.


def test_proposition_and_stance_filters():
    _, c = story()  # all but the year's claim on "troops"
    arms = make_proposition(default_story(), "Korut memasok senjata", slug="arms")
    Claim.objects.filter(pk=c["g7"].pk).update(proposition=arms, stance="neither")
    assert ids({"proposition": "arms"}) == pks(c, "g7")
    troops = ids({"proposition": "troops"})
    assert c["year"].pk not in troops and c["g7"].pk not in troops and c["clash"].pk in troops
    assert ids({"stance": "disputes"}) == pks(c, "nk_denial", "ru_denial")
    assert ids({"proposition": "troops", "stance": "neither"}) == pks(c, "undated")
    assert ids({"proposition": "arms", "stance": "disputes"}) == []


def test_the_form_offers_the_storys_propositions_and_only_them(client):
    story()
    make_proposition(default_story(), "Korut memasok senjata", slug="arms")
    other = make_proposition(make_story("Another story"), "Lain", slug="elsewhere")
    form = TimelineFilterForm(actors=ActorDirectory.load(), story=default_story())
    assert [slug for slug, _ in form.fields["proposition"].choices] == ["", "troops", "arms"]
    html = client.get(URL).content.decode()
    assert '<option value="arms">Korut memasok senjata</option>' in html
    # Another story's proposition is not one of this story's: a form error, a 400.
    response = client.get(f"{URL}?proposition={other.slug}")
    assert response.status_code == 400
    assert "These filters cannot be used" in response.content.decode()


def test_a_filter_on_stance_or_kind_says_its_arcs_are_among_these_claims():
    story()
    actors, the_story = ActorDirectory.load(), default_story()
    for data in ({"stance": "disputes"}, {"kind": "denial"}, {"q": "palsu"}):
        form, _ = filtered_claims(data, Claim.objects.visible(), actors, the_story)
        assert not form.scope().whole_actors, data
    form, _ = filtered_claims({"proposition": "troops"}, Claim.objects.visible(), actors, the_story)
    assert form.scope().whole_story  # a proposition's claims are all its arc is made of
    form, _ = filtered_claims({"side": "KP"}, Claim.objects.visible(), actors, the_story)
    assert form.scope().owner == "North Korea"
