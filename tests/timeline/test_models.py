"""timeline.models: what the QuerySets read."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import make_actor, make_article, make_claim
from timeline.editing import claim_delete
from timeline.models import Claim

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
