"""What a claim is about, as the rules suggest it (timeline.suggest.tagging): the stance from
the kind, what a count counts from its words, the proposition from its cues. Sentences
written for these tests."""

from types import SimpleNamespace

import pytest

from tests.timeline.suggest.helpers import REFERENCE, seed_actors
from timeline.suggest import suggest_in_text
from timeline.suggest.tagging import (
    count_at,
    number_role,
    proposition_and_cues,
    proposition_for,
    role_and_cue,
    stance_for,
    suggest_tags,
)


def proposition(name, *cues):
    return SimpleNamespace(name=name, cues=list(cues))


TROOPS = proposition("troops", "pasukan", "tentara", "personel")
WEAPONS = proposition("weapons", "senjata", "amunisi", "rudal")
FIGHTING = proposition("fighting", "bertempur", "medan perang")
STORY = [TROOPS, WEAPONS, FIGHTING]


# --- the stance, from the kind --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "stance"),
    [
        ("denial", "disputes"),
        ("allegation", "supports"),
        ("confirmation", "supports"),
        ("troop_count", "supports"),
        ("condemnation", ""),  # a condemnation may take any side: the editor says
        ("other", ""),
        ("", ""),
    ],
)
def test_the_stance_follows_the_kind_where_it_can(kind, stance):
    assert stance_for(kind) == stance


# --- what a count counts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "role"),
    [
        ("Intelijen menyebut 12.000 tentara Korut sudah di Rusia.", 12000, "total"),
        ("Kyiv memperkirakan 15.000 tentara, termasuk 4.000 bala bantuan.", 15000, "total"),
        ("Kyiv memperkirakan 15.000 tentara, termasuk 4.000 bala bantuan.", 4000, "part"),
        ("Sekitar 900 personel, di antaranya 200 pasukan khusus, tiba.", 200, "part"),
        ("Pyongyang mengirim 1.500 tentara tambahan ke garis depan.", 1500, "change"),
        ("Pyongyang mengirim lagi 1.500 tentara ke garis depan.", 1500, "change"),
        ("Seoul says 2,500 more troops arrived in Kursk.", 2500, "change"),
        ("Kyiv counts 15,000 troops, including 4,000 reinforcements.", 4000, "part"),
        ("Kyiv counts 15,000 troops, including 4,000 reinforcements.", 15000, "total"),
        ("There are 6,000 soldiers, of whom 1,200 are wounded.", 1200, "part"),
        # "more than" is a total said loosely, not a change.
        ("Officials said more than 11,000 troops are in Russia.", 11000, "total"),
        # A cue elsewhere in the sentence, in another clause, says nothing of this count.
        ("Unit itu, termasuk artileri, berjumlah 8.000 tentara.", 8000, "total"),
    ],
)
def test_a_count_is_a_total_unless_its_words_say_it_is_a_part_or_a_change(text, number, role):
    assert number_role(text, count_at(text, number)) == role


def test_the_cue_nearest_the_count_decides_and_is_given():
    text = "Dari 15.000 tentara, termasuk 4.000 bala bantuan tambahan."
    assert role_and_cue(text, count_at(text, 4000)) == ("part", "termasuk")
    assert role_and_cue("Sebanyak 3.000 tentara lagi dikirim.", None) == ("change", "lagi")
    assert role_and_cue("Sebanyak 3.000 tentara dikirim.", None) == ("total", "")


def test_count_at_finds_the_count_of_that_number_however_it_is_grouped():
    text = "Kyiv memperkirakan 15.000 tentara, termasuk 4.000 bala bantuan."
    assert count_at(text, 4000) == text.index("4.000")
    assert count_at(text, None) == text.index("15.000")  # the first count
    english = "Kyiv counts 15,000 troops, including 4,000 reinforcements."
    assert count_at(english, 4000) == english.index("4,000")
    assert count_at("Tidak ada angka di sini.", 10) is None


# --- the proposition, from its cues ---------------------------------------------------------


def test_the_proposition_whose_cues_appear_most_is_suggested():
    sentence = "Seoul menuduh Pyongyang mengirim senjata dan amunisi bersama pasukan."
    assert proposition_and_cues(sentence, STORY) == (WEAPONS, ["amunisi", "senjata"])


def test_a_cue_is_a_whole_word_or_phrase_in_any_case():
    assert proposition_for("Mereka berada di MEDAN PERANG.", STORY) is FIGHTING
    # "persenjataan" holds "senjata" but is another word.
    assert proposition_for("Persenjataan Rusia diperiksa.", STORY) is None


def test_no_cue_or_a_tie_suggests_nothing():
    assert proposition_for("Kremlin menolak berkomentar.", STORY) is None
    # One cue each for the troops and the fighting: the editor picks.
    assert proposition_for("Pasukan itu bertempur di Kursk.", STORY) is None
    assert proposition_for("Pasukan itu bertempur di Kursk.", []) is None


def test_a_cue_listed_twice_counts_once():
    doubled = proposition("doubled", "rudal", "Rudal", " rudal ")
    # One cue each ("rudal" however often listed, "pasukan"): a tie, nothing suggested.
    assert proposition_and_cues("Rudal ditembakkan ke pasukan.", [doubled, TROOPS]) == (None, [])
    assert proposition_and_cues("Rudal ditembakkan.", [doubled, TROOPS]) == (doubled, ["rudal"])


# --- what a new claim's form is offered -----------------------------------------------------

BODY = (
    "Korut membantah mengirim senjata ke Rusia. Kyiv: 15.000 tentara, termasuk 4.000 bala bantuan."
)


SENTENCES = BODY.split(". ")
WEAPONS_DENIED, COUNTED = SENTENCES[0] + ".", SENTENCES[1]


def test_a_denial_of_weapons_is_suggested_to_dispute_the_weapons_proposition():
    tags = suggest_tags(WEAPONS_DENIED, "Korut membantah", kind="denial", propositions=STORY)
    assert {name: tag.value for name, tag in tags.items()} == {
        "proposition": WEAPONS,
        "stance": "disputes",
    }
    assert tags["proposition"].why == "Suggested from “senjata” in its sentence: check it."
    assert tags["stance"].why == "Suggested: a denial usually disputes it."


def test_a_part_of_a_count_is_suggested_as_a_part_and_says_why():
    tags = suggest_tags(
        COUNTED, "termasuk 4.000 bala bantuan", kind="troop_count", number=4000,
        propositions=STORY,
    )  # fmt: skip
    assert tags["number_role"].value == "part"
    assert tags["number_role"].why == "Suggested from “termasuk”: check it."
    assert tags["proposition"].value is TROOPS
    assert tags["stance"].value == "supports"


def test_what_is_given_is_left_and_no_stance_is_suggested_off_a_proposition():
    tags = suggest_tags(COUNTED, "15.000 tentara", kind="troop_count", number=15000)
    assert {name: tag.value for name, tag in tags.items()} == {"number_role": "total"}
    given = suggest_tags(
        COUNTED, "15.000 tentara", kind="troop_count", number=15000, propositions=STORY,
        given={"proposition", "number_role"},
    )  # fmt: skip
    assert {name: tag.value for name, tag in given.items()} == {"stance": "supports"}
    # A kind with no usual stance, off any proposition, with no number: nothing to say.
    assert suggest_tags(WEAPONS_DENIED, "Korut membantah", kind="other") == {}


# --- in the article's suggestions -----------------------------------------------------------


def test_each_suggestion_says_its_stance_role_and_proposition():
    found = suggest_in_text(BODY, seed_actors().values(), reference=REFERENCE, propositions=STORY)
    by_kind = {(s.kind, s.number): s for s in found}
    denial = by_kind[("denial", None)]
    assert (denial.stance, denial.number_role, denial.proposition) == ("disputes", "", WEAPONS)
    total, part = by_kind[("troop_count", 15000)], by_kind[("troop_count", 4000)]
    assert (total.number_role, part.number_role) == ("total", "part")
    assert total.proposition is part.proposition is TROOPS
    # Without propositions (a story with none yet), no proposition is suggested.
    alone = suggest_in_text(BODY, seed_actors().values(), reference=REFERENCE)
    assert all(s.proposition is None for s in alone)
