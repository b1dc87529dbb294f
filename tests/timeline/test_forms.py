"""ClaimForm and ActorForm: every check, with the message an editor reads."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from articles.dates import plausible_range
from articles.sentences import sentence_around
from tests.factories import (
    default_story,
    make_actor,
    make_article,
    make_claim,
    make_proposition,
    make_story,
)
from timeline.anchoring import locate
from timeline.article_page import suggest
from timeline.forms import ActorForm, ClaimForm, InlinePropositionForm
from timeline.models import Actor, Claim
from timeline.selection import selection_initial
from timeline.span_dates import ARTICLE_DATE

pytestmark = pytest.mark.django_db

BODY = (
    "Korut membantah mengirim pasukan ke Rusia.\n\n"
    "AS pada Rabu (30/10) mengatakan 10.000 tentara Korut telah tiba di Rusia. "
    "Ukraina mengatakan pasukan Korut bertempur di Kursk.\n\n"
    "Ukraina mengatakan pasukan Korut bertempur lagi pekan lalu."
)


@pytest.fixture
def article():
    article = make_article(BODY, published_on=date(2024, 11, 4))
    default_story().articles.add(article)
    return article


@pytest.fixture
def actor():
    return make_actor("United States", country="US", aliases=["AS"])


def data_for(article, who, text, **fields):
    """The POST of a selection of `text` (fields override any value)."""
    start = article.body.index(text)
    return {
        "start": start,
        "end": start + len(text),
        "quote": text,
        "actor": who.pk,
        "kind": "denial",
        "stated_precision": "day",
        "event_precision": "day",
        "status": "draft",
    } | fields


def test_a_selection_whose_quote_is_the_text_is_valid(article, actor):
    form = ClaimForm(data_for(article, actor, "Korut membantah"), article=article)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == 0


def test_a_quote_that_differs_from_the_text_is_refused_with_what_the_text_says(article, actor):
    data = data_for(article, actor, "Korut membantah", quote="Korea membantah")
    form = ClaimForm(data, article=article)
    assert not form.is_valid()
    assert form.errors["quote"] == [
        "The quote must be exactly the article's text at 0–15, which reads “Korut membantah”."
    ]


def test_offsets_outside_the_article_are_refused_once(article, actor):
    data = data_for(article, actor, "Korut membantah", start=5000, end=5010)
    form = ClaimForm(data, article=article)
    assert not form.is_valid()
    assert form.errors == {"quote": ["Select the text again: that span is not in the article."]}


@pytest.mark.parametrize("kind", ["troop_count", "casualty_count"])
def test_counts_need_a_number(article, actor, kind):
    form = ClaimForm(data_for(article, actor, "10.000 tentara", kind=kind), article=article)
    assert not form.is_valid()
    assert form.errors["number"] == [f"A {kind.replace('_', ' ')} needs a number."]


def test_number_max_below_number_is_refused(article, actor):
    data = data_for(
        article, actor, "10.000 tentara", kind="troop_count", number="12.000", number_max="10.000"
    )
    form = ClaimForm(data, article=article)
    assert not form.is_valid()
    assert form.errors == {
        "number_max": ["The upper number (10,000) is below the lower one (12,000)."]
    }


def test_indonesian_thousands_are_read_as_numbers(article, actor):
    data = data_for(
        article, actor, "10.000 tentara", kind="troop_count", number="10.000", number_max="12,000"
    )
    form = ClaimForm(data, article=article)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["number"], form.cleaned_data["number_max"]) == (10000, 12000)


def test_a_number_that_is_not_one_says_how_to_write_it(article, actor):
    data = data_for(article, actor, "10.000 tentara", kind="troop_count", number="banyak")
    form = ClaimForm(data, article=article)
    assert not form.is_valid()
    assert form.errors["number"] == ["Enter a whole number, like 10000 or 10.000."]


@pytest.mark.parametrize("field", ["stated_on", "event_on"])
@pytest.mark.parametrize("value", ["2024-02-30", "2024-13-01", "kemarin"])
def test_dates_must_be_real(article, actor, field, value):
    form = ClaimForm(data_for(article, actor, "Korut membantah", **{field: value}), article=article)
    assert not form.is_valid()
    assert form.errors[field] == ["Enter a real date, as year-month-day (for example 2024-10-30)."]


@pytest.mark.parametrize("field", ["stated_on", "event_on"])
@pytest.mark.parametrize("value", ["9999-12-31", "1899-12-31", "0001-01-01"])
def test_dates_outside_the_news_are_refused_with_the_range(article, actor, field, value):
    form = ClaimForm(data_for(article, actor, "Korut membantah", **{field: value}), article=article)
    assert not form.is_valid()
    first, last = plausible_range()
    assert form.errors[field] == [
        f"Enter a date from {first:%Y-%m-%d} to {last:%Y-%m-%d}: {value} cannot be right "
        "for a claim or an article."
    ]


def test_a_year_in_9999_is_refused_at_year_precision_too(article, actor):
    data = data_for(
        article, actor, "Korut membantah", stated_on="9999-06-15", stated_precision="year"
    )
    form = ClaimForm(data, article=article)
    assert not form.is_valid()
    assert "9999-01-01 cannot be right" in form.errors["stated_on"][0]


def test_the_edges_of_the_plausible_range_are_accepted(article, actor):
    first, last = plausible_range()
    assert first == date(1900, 1, 1)
    assert date.today() + timedelta(days=364) <= last <= date.today() + timedelta(days=366)
    for day in (first, last):
        data = data_for(article, actor, "Korut membantah", stated_on=day, event_on=day)
        form = ClaimForm(data, article=article)
        assert form.is_valid(), form.errors


def test_a_date_in_the_sentence_outside_the_range_is_not_suggested(actor):
    article = make_article(
        "Korut membantah, Jumat (31/12/9999), mengirim pasukan.", published_on=date(2024, 10, 30)
    )
    form = ClaimForm(data_for(article, actor, "Korut membantah"), article=article)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stated_on"] == date(2024, 10, 30)  # the article's date


def test_a_note_has_a_sane_length(article, actor):
    form = ClaimForm(data_for(article, actor, "Korut membantah", note="x" * 5000), article=article)
    assert form.is_valid(), form.errors
    form = ClaimForm(data_for(article, actor, "Korut membantah", note="x" * 5001), article=article)
    assert not form.is_valid()
    assert form.errors["note"] == [
        "Keep the note to 5000 characters (it has 5001): link to a longer text instead."
    ]


@pytest.mark.parametrize("field", ["number", "number_max"])
def test_numbers_beyond_what_the_database_holds_are_form_errors(article, actor, field):
    too_big = str(2**63)
    data = data_for(article, actor, "10.000 tentara", kind="troop_count", number="10000")
    data[field] = too_big
    form = ClaimForm(data, article=article)
    assert not form.is_valid()
    assert form.errors[field] == ["Ensure this value is less than or equal to 9223372036854775807."]


HUGE = "9" * 70_000


@pytest.mark.parametrize(
    "field",
    [
        *(name for name in Claim.EDITABLE_FIELDS if name not in ("start", "end")),
        "context_before",
        "context_after",
        "version",
    ],
)
def test_a_huge_value_in_any_claim_field_is_a_form_error(article, actor, field):
    claim = make_claim(article, quote="Korut membantah", actor=actor)
    data = data_for(article, actor, "Korut membantah", version=claim.version) | {field: HUGE}
    if field == "quote":  # a pasted quote: no offsets
        data.pop("start"), data.pop("end")
    form = ClaimForm(data, instance=claim, article=article)
    assert not form.is_valid()
    assert form.errors


def test_precision_must_be_one_of_the_four(article, actor):
    form = ClaimForm(
        data_for(article, actor, "Korut membantah", stated_precision="fortnight"),
        article=article,
    )
    assert not form.is_valid()
    assert "stated_precision" in form.errors


def test_actor_and_kind_are_required(article, actor):
    form = ClaimForm(
        data_for(article, actor, "Korut membantah", actor="", kind=""), article=article
    )
    assert not form.is_valid()
    assert form.errors["actor"] == ["Pick who makes this claim (search by name or alias)."]
    assert form.errors["kind"] == ["Pick what kind of claim this is."]


def test_stated_on_defaults_to_the_article_date(article, actor):
    form = ClaimForm(data_for(article, actor, "Korut membantah"), article=article)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stated_on"] == date(2024, 11, 4)
    assert form.cleaned_data["stated_precision"] == "day"
    assert form.cleaned_data["stated_evidence"] == "article date"


def test_stated_on_defaults_to_the_date_in_the_sentence(article, actor):
    form = ClaimForm(data_for(article, actor, "10.000 tentara Korut"), article=article)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stated_on"] == date(2024, 10, 30)
    assert form.cleaned_data["stated_evidence"] == "Rabu (30/10)"


def test_a_relative_date_in_the_sentence_resolves_against_the_article(article, actor):
    form = ClaimForm(data_for(article, actor, "bertempur lagi"), article=article)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stated_on"] == date(2024, 10, 28)  # the Monday of last week
    assert form.cleaned_data["stated_precision"] == "week"
    assert form.cleaned_data["stated_evidence"] == "pekan lalu"


def test_a_date_the_editor_gives_is_kept_and_coarse_dates_start_their_period(article, actor):
    data = data_for(
        article,
        actor,
        "Korut membantah",
        stated_on="2024-10-17",
        stated_precision="month",
        stated_evidence="bulan lalu",
    )
    form = ClaimForm(data, article=article)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stated_on"] == date(2024, 10, 1)
    assert form.cleaned_data["stated_evidence"] == "bulan lalu"


def test_a_claim_in_an_article_dated_by_a_range_is_offered_its_first_day_with_the_range(actor):
    # The article appeared some day from 4 to 6 November: a claim whose sentence gives no
    # date is offered the first, and the editor sees why.
    article = make_article(BODY, published_on=date(2024, 11, 4), published_latest=date(2024, 11, 6))

    initial = selection_initial(article, 0, len("Korut membantah"))

    assert (initial["stated_on"], initial["stated_precision"], initial["stated_evidence"]) == (
        date(2024, 11, 4),
        "day",
        "article date, 4–6 Nov 2024: its first day",
    )


def test_a_relative_date_in_an_article_dated_by_a_range_resolves_only_if_every_day_agrees(actor):
    article = make_article(BODY, published_on=date(2024, 11, 4), published_latest=date(2024, 11, 6))

    form = ClaimForm(data_for(article, actor, "bertempur lagi"), article=article)

    assert form.is_valid(), form.errors
    # "pekan lalu" from Monday 4 to Wednesday 6 November: the week of 28 October all along.
    assert (form.cleaned_data["stated_on"], form.cleaned_data["stated_precision"]) == (
        date(2024, 10, 28),
        "week",
    )


def test_an_article_without_a_date_leaves_the_claim_undated(actor):
    article = make_article("Korut membantah semuanya.", published_on=None)
    form = ClaimForm(data_for(article, actor, "Korut membantah"), article=article)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stated_on"] is None


# A sentence ending in its full stop, and the next one with a date of its own (seed 004).
BENTROKAN = (
    "Pejabat Ukraina itu menambahkan, bahwa pasukan Korea Utara bertempur bersama brigade "
    "Rusia.\n\n"
    "Para menteri luar negeri negara-negara Kelompok Tujuh (G7) dan tiga sekutu utamanya "
    "mengatakan Selasa (5/11/2024) kemarin, bahwa mereka sangat prihatin. Menteri Lloyd J. "
    "Austin mengatakan Rabu (30/10) bahwa 10.000 tentara Korut sudah di Rusia."
)
FIRST = BENTROKAN.split("\n\n")[0]


def paste_form(article, who, text, **fields):
    """The form of a pasted quote (no offsets), as without JavaScript."""
    data = {"quote": text, "actor": who.pk, "kind": "denial", "stated_precision": "day",
            "event_precision": "day", "status": "draft"} | fields  # fmt: skip
    return ClaimForm(data, article=article)


@pytest.fixture
def bentrokan():
    return make_article(
        BENTROKAN, published_on=date(2024, 11, 6), published_evidence="Selasa (5/11/2024) kemarin"
    )


def test_a_selected_sentence_with_its_full_stop_is_dated_from_itself(bentrokan):
    initial = selection_initial(bentrokan, "0", str(len(FIRST)), FIRST)
    assert initial["quote"] == FIRST
    # Its sentence gives no date: the article's (6 Nov), not the next sentence's 5 Nov.
    assert (initial["stated_on"], initial["stated_evidence"]) == (date(2024, 11, 6), ARTICLE_DATE)


def test_a_pasted_sentence_is_dated_as_its_selection_is(bentrokan, actor):
    form = paste_form(bentrokan, actor, FIRST, kind="combat_report")
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["stated_on"], form.cleaned_data["stated_evidence"]) == (
        date(2024, 11, 6),
        ARTICLE_DATE,
    )


def test_an_initial_does_not_end_the_sentence_a_selection_is_dated_from(bentrokan, actor):
    text = "10.000 tentara Korut"
    form = ClaimForm(data_for(bentrokan, actor, text, kind="troop_count", number="10000"),
                     article=bentrokan)  # fmt: skip
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stated_evidence"] == "Rabu (30/10)"
    # "Lloyd J." is no sentence end: the span's sentence still holds "Rabu (30/10)".
    start = BENTROKAN.index("Austin")
    assert selection_initial(bentrokan, start, start + 6)["stated_evidence"] == "Rabu (30/10)"


def test_selection_paste_and_suggestion_give_a_span_one_date(bentrokan, actor):
    """Whichever way the editor reaches a suggested span, its date is the same."""
    found = suggest(bentrokan, [actor])
    assert found
    for suggestion in found:
        initial = selection_initial(bentrokan, suggestion.start, suggestion.end)
        form = paste_form(bentrokan, actor, suggestion.quote, kind="other")
        form.is_valid()
        dated = (suggestion.stated_on, suggestion.stated_precision, suggestion.stated_evidence)
        assert (initial["stated_on"], initial["stated_precision"], initial["stated_evidence"]) \
            == dated  # fmt: skip
        assert (form.cleaned_data["stated_on"], form.cleaned_data["stated_precision"],
                form.cleaned_data["stated_evidence"]) == dated  # fmt: skip


@pytest.mark.parametrize(
    ("selected", "snapped"),
    [
        ("Pejabat Ukraina itu menambahkan, bahwa pasukan Korea Utara berte", None),
        ("jabat Ukraina", "Pejabat Ukraina"),
        (" Ukraina itu men", "Ukraina itu menambahkan"),
        ("bahwa 10.00", "bahwa 10.000"),
        ("Kelompok Tujuh (G7", "Kelompok Tujuh (G7"),
        ("brigade Rusia.", "brigade Rusia."),
    ],
)
def test_a_selection_ending_mid_word_is_snapped_to_whole_words(bentrokan, selected, snapped):
    snapped = snapped or "Pejabat Ukraina itu menambahkan, bahwa pasukan Korea Utara bertempur"
    start = BENTROKAN.index(selected)
    initial = selection_initial(bentrokan, start, start + len(selected), selected)
    assert initial["quote"] == snapped
    assert BENTROKAN[initial["start"] : initial["end"]] == snapped


def test_a_quote_the_offsets_do_not_cover_falls_back_to_finding_it(bentrokan):
    assert selection_initial(bentrokan, 0, 7, "Something else") is None


@pytest.mark.parametrize("end", ["", "abc", None])
def test_a_start_without_a_valid_end_and_no_quote_is_a_form_error(article, actor, end):
    data = data_for(article, actor, "Korut membantah", quote="", start="3")
    if end is None:
        del data["end"]
    else:
        data["end"] = end
    form = ClaimForm(data, article=article)
    assert not form.is_valid()
    assert form.errors["quote"] == ["Select or paste the words of the claim."]


@pytest.mark.parametrize("kind", ["other", "denial", "combat_report"])
def test_a_number_goes_with_count_kinds_only(article, actor, kind):
    form = ClaimForm(data_for(article, actor, "Korut membantah", kind=kind, number="1.500"),
                     article=article)  # fmt: skip
    assert not form.is_valid()
    label = dict(Claim.Kind.choices)[kind]
    assert form.errors["number"] == [
        "A number goes with a troop count or a casualty count only, and this claim's kind is "
        f"“{label}”: clear the number, or change the kind."
    ]


def test_the_same_claim_twice_is_refused_and_names_the_first(article, actor):
    first = make_claim(article, quote="Korut membantah", actor=actor, kind="denial")
    form = ClaimForm(data_for(article, actor, "Korut membantah"), article=article)
    assert not form.is_valid()
    assert form.non_field_errors() == [
        f"This claim already exists: claim {first.pk} has the same words, the same actor and "
        "the same kind. Open it to change it instead."
    ]
    assert form.duplicate_claim() == first
    # Another kind, another actor, or a deleted first claim: not the same claim.
    assert ClaimForm(data_for(article, actor, "Korut membantah", kind="allegation"),
                     article=article).is_valid()  # fmt: skip
    first.deleted_at = first.updated_at
    first.save()
    assert ClaimForm(data_for(article, actor, "Korut membantah"), article=article).is_valid()


def test_the_form_has_no_dashes_placeholders_and_says_which_note_is_public(article):
    html = str(ClaimForm(article=article).as_div())
    assert "---------" not in html
    assert "Pick a kind" in html and "Pick who says it" in html
    assert "Public note" in html and "readers see it" in html.lower()
    assert "Internal note (editors only)" in html
    assert "---------" not in str(ActorForm().as_div())


def test_the_article_date_evidence_reads_as_words_and_is_stored_as_its_token(article, actor):
    initial = selection_initial(article, 0, len("Korut membantah"))
    form = ClaimForm(initial=initial, article=article)
    assert 'value="the article&#x27;s date"' in str(form["stated_evidence"])
    data = data_for(article, actor, "Korut membantah", stated_on="2024-11-04",
                    stated_evidence="the article's date")  # fmt: skip
    form = ClaimForm(data, article=article)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["stated_evidence"] == ARTICLE_DATE


def test_the_date_help_matches_the_calendar_widget(article):
    form = ClaimForm(article=article)
    assert 'type="date"' in str(form["stated_on"])
    assert "Pick the day in the calendar" in form["stated_on"].help_text
    assert "Year-month-day" not in form["stated_on"].help_text


# --- The no-JavaScript path: the quote is pasted, the server finds it ----------------------


def pasted(article, who, text, **fields):
    data = data_for(article, who, "Korut membantah", quote=text, **fields)
    data["start"] = data["end"] = ""
    return ClaimForm(data, article=article)


def test_a_pasted_quote_is_found(article, actor):
    form = pasted(article, actor, "  10.000 tentara Korut telah tiba  ")
    assert form.is_valid(), form.errors
    start = BODY.index("10.000 tentara")
    assert (form.cleaned_data["start"], form.cleaned_data["end"]) == (
        start,
        start + len("10.000 tentara Korut telah tiba"),
    )
    assert form.cleaned_data["quote"] == "10.000 tentara Korut telah tiba"
    assert form.cleaned_data["stated_evidence"] == "Rabu (30/10)"  # its sentence's date


def test_a_paste_with_other_line_breaks_is_found(article, actor):
    form = pasted(article, actor, "pasukan ke\nRusia.   AS pada")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["quote"] == "pasukan ke Rusia.\n\nAS pada"


def test_a_pasted_quote_not_in_the_article_says_so(article, actor):
    form = pasted(article, actor, "Korut mengakui")
    assert not form.is_valid()
    assert form.errors["quote"] == [
        "This text is not in the article. Copy it exactly from the article text "
        "(same spelling and punctuation)."
    ]


def test_an_ambiguous_quote_asks_for_the_words_around_it(article, actor):
    form = pasted(article, actor, "Ukraina mengatakan pasukan Korut bertempur")
    assert not form.is_valid()
    assert form.errors["quote"] == [
        "This text occurs 2 times in the article: add some of the words around it "
        "(before or after) so the right one can be found."
    ]


@pytest.mark.parametrize(
    ("before", "after", "which"),
    [("", "di Kursk", 0), ("", "lagi", 1), ("telah tiba di Rusia.", "", 0)],
)
def test_the_words_around_it_pick_the_occurrence(article, actor, before, after, which):
    quote = "Ukraina mengatakan pasukan Korut bertempur"
    form = pasted(article, actor, quote, context_before=before, context_after=after)
    assert form.is_valid(), form.errors
    starts = [i for i in range(len(BODY)) if BODY.startswith(quote, i)]
    assert form.cleaned_data["start"] == starts[which]


def test_words_around_it_that_match_nothing_say_so(article, actor):
    form = pasted(article, actor, "Ukraina mengatakan", context_after="di Moskow")
    assert not form.is_valid()
    assert "none of them has those words around it" in form.errors["quote"][0]


def test_locate_still_ambiguous_with_too_few_words():
    body = "kata AS. kata AS. kata AS lagi."
    with pytest.raises(Exception, match="still occurs 2 times"):
        locate(body, "AS", before="kata", after=".")


# --- Editing --------------------------------------------------------------------------------


def test_the_edit_form_needs_the_version(article, actor):
    claim = make_claim(article, quote="Korut membantah", actor=actor)
    data = data_for(article, actor, "Korut membantah")
    form = ClaimForm(data, instance=claim, article=article)
    assert not form.is_valid()
    assert "version" in form.errors
    form = ClaimForm(data | {"version": claim.version}, instance=claim, article=article)
    assert form.is_valid(), form.errors


def test_an_orphaned_claim_can_be_edited_and_anchored_again_by_pasting(article, actor):
    claim = make_claim(article, quote="Korut membantah", actor=actor)
    claim.quote, claim.orphaned = "Korut menolak keras", True
    claim.save()
    form = ClaimForm(instance=claim, article=article)
    assert not form.is_selection  # the editor is asked to paste the new wording

    keep = data_for(
        article,
        actor,
        "Korut membantah",
        quote="Korut menolak keras",
        note="n",
        version=claim.version,
        start="",
        end="",
    )
    form = ClaimForm(keep, instance=claim, article=article)
    assert form.is_valid(), form.errors  # still orphaned; other fields may change

    anchor = keep | {"quote": "Korut membantah mengirim"}
    form = ClaimForm(anchor, instance=claim, article=article)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["start"], form.cleaned_data["end"]) == (0, 24)


# --- Pure helpers ---------------------------------------------------------------------------


def test_sentence_around_a_span():
    start = BODY.index("10.000")
    left, right = sentence_around(BODY, start, start + 6)
    assert BODY[left:right] == (
        "AS pada Rabu (30/10) mengatakan 10.000 tentara Korut telah tiba di Rusia."
    )


def test_selection_initial_trims_spaces_and_suggests_the_date(article):
    start = BODY.index("10.000") - 1
    initial = selection_initial(article, str(start), str(start + 16))
    assert initial["quote"] == "10.000 tentara"
    assert initial["start"] == start + 1
    assert (initial["stated_on"], initial["stated_evidence"]) == (
        date(2024, 10, 30),
        "Rabu (30/10)",
    )


@pytest.mark.parametrize(("start", "end"), [("x", "3"), ("5", "5"), ("-1", "4"), ("0", "99999")])
def test_selection_initial_rejects_bad_offsets(article, start, end):
    assert selection_initial(article, start, end) is None


# --- Actors --------------------------------------------------------------------------------


def actor_data(**fields):
    values = {
        "name": "Kim Yong-hyun",
        "kind": "person",
        "country": "kr",
        "affiliation": "",
        "aliases": "Menhan Korsel, Kim",
    }
    return {f"new-actor-{key}": value for key, value in (values | fields).items()}


def test_actor_form_cleans_country_and_aliases():
    form = ActorForm(actor_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["country"] == "KR"
    assert form.cleaned_data["aliases"] == ["Menhan Korsel", "Kim"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"country": "Korea"}, "country", "Use the two-letter country code"),
        ({"country": "zz"}, "country", "“ZZ” is no country's code. Use the two-letter"),
        ({"name": ""}, "name", "This field is required."),
        ({"name": "united  states"}, "name", "There is already an actor called"),
    ],
)
def test_actor_form_errors(fields, field, message):
    make_actor("United States", country="US")
    form = ActorForm(actor_data(**fields))
    assert not form.is_valid()
    assert message in form.errors[field][0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("aliases", "Korut, " + "K" * 121, "An alias is at most 120 characters"),
        ("aliases", "K" * 70_000, "Ensure this value has at most"),
        ("name", "K" * 201, "Ensure this value has at most 200 characters"),
        ("name", "K" * 70_000, "Ensure this value has at most 200 characters"),
        ("country", "K" * 70_000, "Ensure this value has at most"),
        ("kind", "K" * 70_000, "Select a valid choice"),
        ("affiliation", "9" * 70_000, "Select a valid choice"),
    ],
)
def test_actor_form_checks_every_limit(field, value, message):
    form = ActorForm(actor_data(**{field: value}))
    assert not form.is_valid()
    assert message in form.errors[field][0]


def test_an_alias_too_long_is_a_form_error_not_a_500(editor_client):
    data = actor_data(aliases="Korut, " + "K" * 121)
    response = editor_client.post(reverse("timeline:actor-create"), data)
    assert response.status_code == 200
    assert "An alias is at most 120 characters" in response.content.decode()
    assert not Actor.objects.filter(name="Kim Yong-hyun").exists()


@pytest.mark.parametrize("field", [*Claim.EDITABLE_FIELDS, "context_before", "context_after"])
def test_a_huge_value_posted_in_any_claim_field_writes_nothing(
    editor_client, article, actor, field
):
    data = data_for(article, actor, "Korut membantah") | {"article": article.slug, field: HUGE}
    response = editor_client.post(reverse("timeline:claim-create"), data)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert 'class="errorlist' in response.content.decode()
    assert not Claim.objects.exists()


# --- What a claim is about: its proposition, stance and number role ------------------------


@pytest.fixture
def story(article):
    story = make_story("Pasukan Korut di Rusia")
    story.articles.add(article)
    return story


@pytest.fixture
def troops(story):
    return make_proposition(
        story,
        "Pasukan Korut berada di Rusia",
        statement_en="North Korean troops are in Russia",
        cues=["pasukan", "tentara"],
    )


def test_a_claim_is_tagged_with_a_proposition_of_its_story_and_a_stance(
    article, actor, story, troops
):
    data = data_for(article, actor, "Korut membantah", proposition=troops.pk, stance="disputes")
    form = ClaimForm(data, article=article, story=story)
    assert form.is_valid(), form.errors
    fields = form.claim_fields()
    assert (fields["proposition"], fields["stance"], fields["number_role"]) == (
        troops,
        "disputes",
        "",
    )


def test_the_proposition_select_offers_the_story_s_propositions_only(article, story, troops):
    make_proposition(make_story("Senjata"), "Korut memasok senjata")
    form = ClaimForm(article=article, story=story)
    assert [label for _, label in form.fields["proposition"].choices] == [
        "Not yet on a proposition",
        "Pasukan Korut berada di Rusia (North Korean troops are in Russia)",
    ]


def test_a_proposition_of_another_story_is_a_form_error(article, actor, story):
    theirs = make_proposition(make_story("Senjata"), "Korut memasok senjata")
    data = data_for(article, actor, "Korut membantah", proposition=theirs.pk, stance="disputes")
    form = ClaimForm(data, article=article, story=story)
    assert not form.is_valid()
    assert form.errors == {
        "proposition": ["That is not a proposition of this story: pick one from the list."]
    }


def test_a_stance_without_a_proposition_is_a_form_error(article, actor, story, troops):
    data = data_for(article, actor, "Korut membantah", stance="disputes")
    form = ClaimForm(data, article=article, story=story)
    assert not form.is_valid()
    assert form.errors == {"proposition": ["A stance is on a proposition: pick the proposition."]}


def test_a_proposition_without_a_stance_asks_for_one_with_the_kind_s_usual_stance(
    article, actor, story, troops
):
    data = data_for(article, actor, "Korut membantah", proposition=troops.pk)
    form = ClaimForm(data, article=article, story=story)
    assert not form.is_valid()
    assert form.errors == {
        "stance": [
            "Say whether the claim supports or disputes the proposition: "
            "a denial usually disputes it."
        ]
    }


def test_a_role_on_a_claim_that_is_no_count_is_a_form_error(article, actor, story):
    data = data_for(article, actor, "Korut membantah", number_role="part")
    form = ClaimForm(data, article=article, story=story)
    assert not form.is_valid()
    assert form.errors == {"number_role": ["Only a count has a number to say this of."]}


def test_a_count_left_without_a_role_is_a_total_and_keeps_one_it_is_given(article, actor, story):
    count = data_for(article, actor, "10.000 tentara", kind="troop_count", number="10.000")
    form = ClaimForm(count, article=article, story=story)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["number_role"] == "total"
    form = ClaimForm(count | {"number_role": "part"}, article=article, story=story)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["number_role"] == "part"


def test_the_tags_read_in_sentence_case_with_no_dashes(article, story):
    form = ClaimForm(article=article, story=story)
    html = str(form.as_div())
    assert "---------" not in html
    assert [label for _, label in form.fields["stance"].choices] == [
        "None (not on a proposition)",
        "Supports",
        "Disputes",
        "Neither",
    ]
    assert [label for _, label in form.fields["number_role"].choices] == [
        "Not a count",
        "Total",
        "Part of a total",
        "Change",
    ]
    assert "What the number counts" in html and "Stance on it" in html


def test_a_new_claim_s_form_suggests_what_the_rules_can_tell_and_says_so(article, story, troops):
    text = "10.000 tentara Korut telah tiba di Rusia"
    initial = selection_initial(article, BODY.index(text), BODY.index(text) + len(text))
    initial |= {"kind": "troop_count", "number": "10000"}
    form = ClaimForm(initial=initial, article=article, story=story, suggest=True)
    assert form["proposition"].value() == troops.pk
    assert form["stance"].value() == "supports"
    assert form["number_role"].value() == "total"
    assert form.fields["proposition"].help_text == (
        "Suggested from “tentara” in its sentence: check it."
    )
    assert form.fields["stance"].help_text == "Suggested: a troop count usually supports it."
    assert "Suggested" in form.fields["number_role"].help_text
    assert str(form["stance"].help_text) in str(form.as_div())


def test_what_the_link_gives_is_not_suggested_over(article, story, troops):
    other = make_proposition(story, "Korut memasok senjata")
    text = "10.000 tentara Korut telah tiba di Rusia"
    initial = selection_initial(article, BODY.index(text), BODY.index(text) + len(text))
    initial |= {"kind": "troop_count", "number": "10000", "proposition": other.pk}
    form = ClaimForm(initial=initial, article=article, story=story, suggest=True)
    assert form["proposition"].value() == other.pk
    assert "proposition" not in form.suggested
    assert form["stance"].value() == "supports"  # on a proposition: the kind's stance


def test_no_stance_is_suggested_off_a_proposition(article, story, troops):
    troops.cues = ["senjata"]
    troops.save()
    initial = selection_initial(article, 0, len("Korut membantah")) | {"kind": "denial"}
    form = ClaimForm(initial=initial, article=article, story=story, suggest=True)
    # The sentence names no cue of the story's proposition: nothing to be on, no stance.
    assert form.suggested == {}
    assert form["stance"].value() in (None, "")


def test_an_edited_claim_keeps_its_story_whatever_story_is_passed(article, actor, story):
    claim = make_claim(article, quote="Korut membantah", actor=actor, story=story)
    form = ClaimForm(instance=claim, article=article, story=default_story())
    assert form.story == story


def proposition_data(**fields):
    values = {
        "statement": "Pasukan Korut bertempur di Kursk",
        "statement_en": "North Korean troops fight in Kursk",
        "parties": ["KP", "RU"],
        "is_quantity": "",
        "cues": "bertempur, pertempuran",
    }
    return {f"new-proposition-{key}": value for key, value in (values | fields).items()}


def test_a_new_proposition_offers_the_story_s_sides_and_cleans_what_is_typed(story):
    data = proposition_data(statement="  Pasukan Korut\nbertempur ", is_quantity="on")
    form = InlinePropositionForm(data, story=story)
    assert form.fields["statement"].label == "Statement in Indonesian"
    assert form.fields["statement_en"].label == "Statement in English"
    assert [label for _, label in form.fields["parties"].choices][:2] == [
        "KP North Korea",
        "RU Russia",
    ]
    assert form.is_valid(), form.errors
    proposition = form.save(commit=False)
    assert (proposition.story, proposition.statement, proposition.statement_en) == (
        story,
        "Pasukan Korut bertempur",
        "North Korean troops fight in Kursk",
    )
    assert (proposition.parties, proposition.is_quantity, proposition.cues) == (
        ["KP", "RU"],
        True,
        ["bertempur", "pertempuran"],
    )
    # Its address from the English statement, last in the story's order.
    assert (proposition.slug, proposition.order) == ("north-korean-troops-fight-in-kursk", 0)
    assert "---------" not in str(form.as_div())


def test_a_new_proposition_gets_a_slug_free_in_its_story(story, troops):
    troops.slug = "pasukan-korut-bertempur"
    troops.save()
    data = proposition_data(statement="Pasukan Korut bertempur", statement_en="")
    form = InlinePropositionForm(data, story=story)
    assert form.is_valid(), form.errors
    assert (form.instance.slug, form.instance.order) == ("pasukan-korut-bertempur-2", 1)
    form = InlinePropositionForm(proposition_data(statement="!!!", statement_en=""), story=story)
    assert form.is_valid(), form.errors
    assert form.instance.slug == "proposition"  # no letters for an address: a plain one


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"statement": ""}, "statement", "Write what is claimed, in a short sentence."),
        ({"parties": ["FR"]}, "parties", "FR is not one of the available choices."),
        ({"cues": "senjata, " + "s" * 61}, "cues", "Each is at most 60 characters"),
        ({"statement": "x" * 301}, "statement", "Ensure this value has at most 300 characters"),
    ],
)
def test_a_new_proposition_s_errors(story, fields, field, message):
    form = InlinePropositionForm(proposition_data(**fields), story=story)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_a_new_proposition_may_not_repeat_one_of_the_story(story, troops):
    data = proposition_data(statement="pasukan korut berada di RUSIA")
    form = InlinePropositionForm(data, story=story)
    assert not form.is_valid()
    assert form.errors["statement"] == [
        "“Pasukan Korut berada di Rusia” is already a proposition of this story: pick it instead."
    ]


def test_a_story_in_english_asks_for_one_statement():
    form = InlinePropositionForm(story=make_story("Troops in Russia", language="en"))
    assert form.fields["statement"].label == "Statement in English"
    assert "statement_en" not in form.fields


def test_a_pasted_quote_is_suggested_from_its_own_words(article, story, troops):
    initial = {"quote": "termasuk 3.000 tentara", "kind": "troop_count", "number": "3.000"}
    form = ClaimForm(initial=initial, article=article, story=story, suggest=True)
    assert {name: s.value for name, s in form.suggested.items()} == {
        "proposition": troops,
        "stance": "supports",
        "number_role": "part",
    }


def test_a_new_proposition_s_cues_may_be_one_a_line(story):
    data = proposition_data(cues="senjata\r\namunisi, rudal\n")
    form = InlinePropositionForm(data, story=story)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cues"] == ["senjata", "amunisi", "rudal"]
