"""timeline.models: what the QuerySets read."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import make_actor, make_article, make_claim
from timeline.editing import claim_delete
from timeline.models import Claim, Proposition, Story

pytestmark = pytest.mark.django_db


def test_visible_claims_are_the_reviewed_ones_and_with_drafts_the_drafts_too(editor, reader):
    article = make_article("Korut membantah. Rusia membantah. Ukraina melapor.")
    actor = make_actor("Someone", country="KP")
    reviewed = make_claim(article, quote="Korut membantah", actor=actor)
    draft = make_claim(article, quote="Rusia membantah", actor=actor, status="draft")
    gone = make_claim(article, quote="Ukraina melapor", actor=actor)
    claim_delete(gone, editor=editor)

    assert set(Claim.objects.visible()) == {reviewed}
    assert set(Claim.objects.visible(include_drafts=True)) == {reviewed, draft}
    # What a user sees is one of the two, by their role.
    assert set(Claim.objects.visible_to(AnonymousUser())) == {reviewed}
    assert set(Claim.objects.visible_to(reader)) == {reviewed}
    assert set(Claim.objects.visible_to(editor)) == {reviewed, draft}


# A story's words in the reader's language -----------------------------------------------------


def test_a_reader_reads_a_storys_words_in_their_language_where_the_story_has_it():
    story = Story(title="Banjir di Sigi", title_en="Floods in Sigi", dek="Siapa bilang apa.",
                  dek_en="", language="id")  # fmt: skip
    troops = Proposition(story=story, statement="Pasukan Korut di Rusia",
                         statement_en="North Korean troops are in Russia")  # fmt: skip

    # An English reader: the English the editors gave, else the story's own words.
    assert (story.title_for("en").text, story.title_for("en").language) == ("Floods in Sigi", "en")
    assert (story.dek_for("en").text, story.dek_for("en").language) == ("Siapa bilang apa.", "id")
    assert str(troops.statement_for("en-gb")) == "North Korean troops are in Russia"
    # An Indonesian reader of an Indonesian story: its own words.
    assert (story.title_for("id").text, story.title_for("id").language) == ("Banjir di Sigi", "id")
    assert troops.statement_for("id").language == "id"
    assert str(troops.statement_for("id")) == "Pasukan Korut di Rusia"


def test_a_story_written_in_english_reads_in_english_to_everyone():
    story = Story(title="Floods in Sigi", title_en="", language="en")
    troops = Proposition(story=story, statement="Troops are in Russia", statement_en="")
    for language in ("id", "en", None):
        assert (story.title_for(language).text, story.title_for(language).language) == (
            "Floods in Sigi",
            "en",
        )
        assert troops.statement_for(language).language == "en"
    # English left blank (spaces only) is no English: the working language then.
    blank = Story(title="Banjir di Sigi", title_en="  ", language="id")
    assert blank.title_for("en").text == "Banjir di Sigi"
    # The story given is the one whose working language counts (a caller's, saving a query).
    assert troops.statement_for("id", Story(language="id")).language == "id"
