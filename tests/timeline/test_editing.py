"""The write functions (timeline.editing) and the create_editor command."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from tests.factories import (
    default_story,
    make_actor,
    make_article,
    make_proposition,
    make_story,
    make_user,
)
from timeline import editing
from timeline.models import Actor, Claim
from timeline.roles import is_editor

pytestmark = pytest.mark.django_db

BODY = "Pentagon mengatakan 10.000 tentara Korut telah dikirim ke Rusia, kata juru bicara."
QUOTE = "10.000 tentara Korut telah dikirim ke Rusia"


def create(article, editor, **fields):
    story = fields.pop("story", None) or default_story()
    story.articles.add(article)
    start = article.body.index(QUOTE)
    values = {
        "story": story,
        "article": article,
        "start": start,
        "end": start + len(QUOTE),
        "quote": QUOTE,
        "actor": fields.pop("actor", None) or make_actor("United States", country="US"),
        "editor": editor,
        "kind": "troop_count",
        "number": 10000,
        "number_role": "total",
    }
    return editing.claim_create(**(values | fields))


def test_create_stores_the_span_with_its_context_and_who_did_it(editor):
    article = make_article(BODY)
    claim = create(article, editor)
    claim.refresh_from_db()
    assert article.body[claim.start : claim.end] == QUOTE
    assert claim.prefix == "Pentagon mengatakan "
    assert claim.suffix == ", kata juru bicara."
    assert (claim.created_by, claim.updated_by, claim.version) == (editor, editor, 1)
    assert claim.status == Claim.Status.DRAFT
    record = claim.history.get()
    assert record.history_user == editor
    assert record.history_type == "+"
    assert "troop count" in record.history_change_reason


def test_create_refuses_a_quote_that_is_not_the_text_and_writes_nothing(editor):
    article = make_article(BODY)
    with pytest.raises(ValidationError) as error:
        create(article, editor, quote="10.000 tentara Korea Utara telah dikirim ke Rusia")
    assert "quote" in error.value.message_dict
    assert Claim.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"number": None}, "number"),
        ({"number": 12000, "number_max": 10000}, "number_max"),
        ({"kind": "troop_count", "number": None, "number_max": 5}, "number"),
    ],
)
def test_create_refuses_bad_numbers(editor, fields, field):
    with pytest.raises(ValidationError) as error:
        create(make_article(BODY), editor, **fields)
    assert field in error.value.message_dict
    assert Claim.objects.count() == 0


def test_keyword_arguments_only(editor):
    with pytest.raises(TypeError):
        editing.claim_create(make_article(BODY), 0, 5)  # noqa


def test_update_raises_the_version_and_records_what_changed(editor):
    claim = create(make_article(BODY), editor)
    other = make_user("second", editor=True)
    saved = editing.claim_update(claim, editor=other, expected_version=1, number=12000, note="x")
    assert saved.version == 2
    assert saved.updated_by == other
    latest = saved.history.latest()
    assert latest.history_user == other
    assert latest.history_change_reason == "edited number, public note"
    assert Claim.objects.get().number == 12000


def test_marking_reviewed_says_so_in_the_history(editor):
    claim = create(make_article(BODY), editor)
    editing.claim_update(claim, editor=editor, expected_version=1, status="reviewed")
    assert claim.history.latest().history_change_reason == "marked reviewed"


def test_update_with_nothing_changed_saves_nothing(editor):
    claim = create(make_article(BODY), editor)
    same = editing.claim_update(claim, editor=editor, expected_version=1, number=10000)
    assert same.version == 1
    assert claim.history.count() == 1


def test_update_refuses_an_unknown_field(editor):
    claim = create(make_article(BODY), editor)
    with pytest.raises(TypeError):
        editing.claim_update(claim, editor=editor, expected_version=1, article=None)


def test_update_validates(editor):
    claim = create(make_article(BODY), editor)
    with pytest.raises(ValidationError):
        editing.claim_update(claim, editor=editor, expected_version=1, number_max=5)
    claim.refresh_from_db()
    assert (claim.number_max, claim.version) == (None, 1)


def test_conflict_second_save_is_refused_and_says_what_the_first_changed(editor):
    claim = create(make_article(BODY), editor)
    first = make_user("first", editor=True)
    seen_by_both = claim.version
    editing.claim_update(
        claim, editor=first, expected_version=seen_by_both, number=14000, status="reviewed"
    )

    with pytest.raises(editing.ClaimConflict) as refused:
        editing.claim_update(claim, editor=editor, expected_version=seen_by_both, number=11000)

    conflict = refused.value
    assert conflict.by == ["first"]
    assert conflict.reasons == ["edited number, status"]
    changes = {c.field: (c.theirs, c.yours) for c in conflict.changes}
    assert changes == {"number": ("14,000", "11,000"), "status": ("Reviewed", "")}
    stored = Claim.objects.get()
    assert (stored.number, stored.version, stored.updated_by) == (14000, 2, first)


def test_conflict_names_a_changed_actor(editor):
    claim = create(make_article(BODY), editor)
    russia = make_actor("Russia", country="RU")
    editing.claim_update(claim, editor=editor, expected_version=1, actor=russia)
    with pytest.raises(editing.ClaimConflict) as refused:
        editing.claim_update(claim, editor=editor, expected_version=1, note="mine")
    assert [(c.label, c.theirs) for c in refused.value.changes] == [("actor", "Russia")]


def test_delete_is_soft_and_restore_brings_it_back(editor):
    claim = create(make_article(BODY), editor, status="reviewed")
    deleted = editing.claim_delete(claim, editor=editor)
    assert deleted.deleted_at is not None
    assert Claim.objects.count() == 1
    assert Claim.objects.alive().count() == 0
    assert deleted.history.latest().history_change_reason == "deleted"

    restored = editing.claim_restore(deleted, editor=editor)
    assert restored.deleted_at is None
    assert restored.version == 3
    assert Claim.objects.alive().get().number == 10000
    assert [r.history_change_reason for r in restored.history.order_by("history_id")][1:] == [
        "deleted",
        "restored",
    ]
    assert {r.history_user for r in restored.history.all()} == {editor}


def test_versions_list_changes_with_names(editor):
    claim = create(make_article(BODY), editor)
    russia = make_actor("Russia", country="RU")
    editing.claim_update(claim, editor=editor, expected_version=1, actor=russia, number=12000)
    newest, first = editing.versions(claim)
    assert newest.record.version == 2
    assert {(c.label, c.old, c.new) for c in newest.changes} == {
        ("actor", "United States", "Russia"),
        ("number", "10,000", "12,000"),
    }
    assert first.changes == []


def test_create_tags_the_claim_with_its_story_proposition_stance_and_role(editor):
    story = make_story("Pasukan di Rusia")
    troops = make_proposition(story, "Pasukan Korut ada di Rusia")
    claim = create(make_article(BODY), editor, story=story, proposition=troops, stance="supports")
    claim.refresh_from_db()
    assert (claim.story, claim.proposition, claim.stance, claim.number_role) == (
        story,
        troops,
        "supports",
        "total",
    )


def test_create_refuses_a_proposition_of_another_story_and_writes_nothing(editor):
    story, other = make_story("Pasukan di Rusia"), make_story("Senjata untuk Rusia")
    theirs = make_proposition(other, "Korut memasok senjata")
    with pytest.raises(ValidationError) as error:
        create(make_article(BODY), editor, story=story, proposition=theirs, stance="supports")
    assert error.value.message_dict["proposition"] == [
        f"“Korut memasok senjata” is a proposition of another story, not of “{story.title}”."
    ]
    assert Claim.objects.count() == 0


def test_versions_and_conflicts_name_the_proposition_and_the_stance(editor):
    claim = create(make_article(BODY), editor)
    troops = make_proposition(claim.story, "Pasukan Korut ada di Rusia")
    editing.claim_update(
        claim, editor=editor, expected_version=1, proposition=troops, stance="disputes"
    )
    newest, _ = editing.versions(claim)
    assert {(c.label, c.old, c.new) for c in newest.changes} == {
        ("proposition", "—", "Pasukan Korut ada di Rusia"),
        ("stance", "—", "Disputes"),
    }
    assert newest.reason == "edited proposition, stance"
    with pytest.raises(editing.ClaimConflict) as refused:
        editing.claim_update(claim, editor=editor, expected_version=1, number_role="part")
    assert {(c.label, c.theirs) for c in refused.value.changes} == {
        ("proposition", "Pasukan Korut ada di Rusia"),
        ("stance", "Disputes"),
    }


def test_saving_the_same_proposition_again_changes_nothing(editor):
    troops = make_proposition(default_story(), "Pasukan Korut ada di Rusia")
    claim = create(make_article(BODY), editor, proposition=troops, stance="supports")
    same = editing.claim_update(
        claim, editor=editor, expected_version=1, proposition=troops, stance="supports"
    )
    assert same.version == 1
    assert claim.history.count() == 1


def test_actor_create_makes_a_unique_slug_and_keeps_history(editor):
    make_actor("Kim Jong-un", slug="kim-jong-un")  # another name, the same slug
    party = make_actor("Workers' Party", country="KP")
    actor = editing.actor_create(
        name="Kim Jong Un",
        editor=editor,
        kind="person",
        country="kp",
        affiliation=party,
        aliases=["Kim"],
    )
    assert actor.slug == "kim-jong-un-2"
    assert actor.country == "KP"
    assert actor.side == "KP"
    assert actor.history.get().history_user == editor


def test_actor_create_refuses_a_name_that_exists_in_any_case(editor):
    make_actor("Kim Jong Un", slug="kim-jong-un")
    with pytest.raises(ValidationError) as refused:
        editing.actor_create(name="  KIM  jong un ", editor=editor)
    assert refused.value.message_dict == {
        "name": ["There is already an actor called “Kim Jong Un”: pick it instead."]
    }
    assert Actor.objects.count() == 1


def test_the_database_refuses_two_actors_of_one_name_whoever_writes():
    from django.db import IntegrityError, transaction

    make_actor("Kremlin", slug="kremlin")
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="KREMLIN", slug="kremlin-2")  # past the factory's renaming
    assert Actor.objects.count() == 1


def _name_migration():
    import importlib
    from pathlib import Path

    import timeline.migrations

    (path,) = Path(timeline.migrations.__file__).parent.glob("*_actor_unique_name.py")
    return importlib.import_module(f"timeline.migrations.{path.stem}")


@pytest.fixture
def without_the_name_constraint():
    """The database as it was before the constraint (dropped inside the test's transaction,
    which gives it back)."""
    from django.db import connection

    (constraint,) = Actor._meta.constraints
    with connection.schema_editor(atomic=False) as schema_editor:
        schema_editor.remove_constraint(Actor, constraint)


def test_the_migration_merges_an_actor_added_twice_into_the_oldest(
    without_the_name_constraint, editor
):
    from django.apps import apps

    first = make_actor("Kim Yong-hyun", country="KR", kind="person", aliases=["Menhan"])
    second = Actor.objects.create(
        name="kim yong-hyun", slug="kim-2", country="KR", kind="person", aliases=["Kim"]
    )
    member = make_actor("His spokesman", country="", affiliation=second)
    claim = create(make_article(BODY), editor, actor=second, via=second)

    _name_migration().merge_duplicate_names(apps, None)

    assert list(Actor.objects.filter(name__iexact="kim yong-hyun")) == [first]
    first.refresh_from_db()
    assert first.aliases == ["Menhan", "Kim"]
    claim.refresh_from_db()
    assert (claim.actor, claim.via) == (first, first)
    member.refresh_from_db()
    assert member.affiliation == first


def test_the_migration_refuses_two_different_actors_of_one_name_naming_them(
    without_the_name_constraint,
):
    from django.apps import apps

    make_actor("Kim", country="KP", kind="person", slug="kim-kp")
    Actor.objects.create(name="KIM", country="KR", kind="person", slug="kim-kr")
    migration = _name_migration()

    with pytest.raises(migration.DuplicateActorNames) as refused:
        migration.merge_duplicate_names(apps, None)

    assert "“Kim”" in str(refused.value) and "slug kim-kr" in str(refused.value)
    assert "Rename or merge them in the admin" in str(refused.value)
    assert Actor.objects.count() == 2


def test_reanchored_claim_conflicts_with_an_old_form(editor):
    """The loader raising the version (re-anchoring) also protects against stale forms."""
    article = make_article(BODY)
    claim = create(article, editor)
    article.body = "Baru: " + BODY
    article.save()
    from articles.signals import article_text_changed

    article_text_changed.send(sender=type(article), article=article)
    with pytest.raises(editing.ClaimConflict) as refused:
        editing.claim_update(claim, editor=editor, expected_version=1, note="late")
    assert refused.value.by == []
    assert {c.field for c in refused.value.changes} >= {"start", "end"}


# --- create_editor -------------------------------------------------------------------------


def test_create_editor_reads_the_password_from_stdin_and_the_editor_can_log_in(client):
    out = io.StringIO()
    call_command(
        "create_editor",
        "dewi",
        "--password-from-stdin",
        stdin=io.StringIO("kursk-2024-pasukan\n"),
        stdout=out,
    )
    user = get_user_model().objects.get(username="dewi")
    assert is_editor(user)
    assert "Created editor" in out.getvalue()
    response = client.post(
        "/accounts/login/", {"username": "dewi", "password": "kursk-2024-pasukan"}
    )
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == user
    # Editors correct article metadata in the admin, so they may open it.
    assert client.get("/admin/articles/article/").status_code == 200


def test_create_editor_generates_and_prints_a_password():
    out = io.StringIO()
    call_command("create_editor", "budi", "--generate", stdout=out)
    password = next(
        line.split(": ", 1)[1]
        for line in out.getvalue().splitlines()
        if line.startswith("Password")
    )
    assert len(password) >= 16
    user = get_user_model().objects.get(username="budi")
    assert user.check_password(password)
    assert is_editor(user)


def test_create_editor_adds_an_existing_user_to_editors_keeping_the_password(reader):
    assert not is_editor(reader)
    call_command("create_editor", reader.username, stdin=io.StringIO(""), stdout=io.StringIO())
    user = get_user_model().objects.get(pk=reader.pk)
    assert is_editor(user)
    from tests.factories import PASSWORD

    assert user.check_password(PASSWORD)


def test_create_editor_prompts_when_interactive(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    answers = iter(["sinar-harapan-77", "sinar-harapan-77"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("create_editor", "sari", stdin=Terminal(), stdout=io.StringIO())
    assert get_user_model().objects.get(username="sari").check_password("sinar-harapan-77")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ([], "", "needs a password"),
        (["--password-from-stdin"], "\n", "No password"),
        (["--password-from-stdin"], "123\n", "Password refused"),
    ],
)
def test_create_editor_refuses_without_a_good_password(args, stdin, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_editor", "nobody", *args, stdin=io.StringIO(stdin))
    assert not get_user_model().objects.filter(username="nobody").exists()


def test_records_are_dated(editor):
    claim = create(make_article(BODY), editor, stated_on=date(2024, 10, 30))
    assert claim.stated_on == date(2024, 10, 30)
    assert Actor.objects.count() == 1


def test_create_refuses_a_second_claim_on_the_same_words_by_the_same_actor(editor):
    article, us = make_article(BODY), make_actor("United States", country="US")
    first = create(article, editor, actor=us)
    with pytest.raises(ValidationError) as error:
        create(article, editor, actor=us)
    assert error.value.error_dict["__all__"][0].code == "duplicate"
    assert f"claim {first.pk}" in " ".join(error.value.messages)
    assert Claim.objects.count() == 1
    # The same words relayed by someone else are a claim of their own (seed: NYT, Guardian).
    assert create(article, editor, actor=us, via=make_actor("KCNA", country="KP")).pk != first.pk


def test_a_deleted_claim_is_restored_with_the_changes_in_one_version(editor):
    claim = create(make_article(BODY), editor)
    editing.claim_delete(claim, editor=editor)
    with pytest.raises(editing.ClaimDeleted) as deleted:
        editing.claim_update(claim, editor=editor, expected_version=1, number=12000)
    assert deleted.value.version == 2  # only the deletion happened since version 1
    saved = editing.claim_update(
        claim, editor=editor, expected_version=2, restore=True, number=12000
    )
    assert (saved.deleted_at, saved.number, saved.version) == (None, 12000, 3)
    assert saved.history.first().history_change_reason == "restored; edited number"
