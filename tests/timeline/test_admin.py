"""The Django admin's claim pages: a save there obeys the same version check as the app's
form, bookkeeping is not editable, and claims are added from the article page only."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_actor, make_article, make_claim, make_user
from timeline import editing
from timeline.models import Claim

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """The values a browser would submit with the form `form_id`: inputs, checked boxes,
    selected options, textareas."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.data, self.names = {}, set()
        self._in_form = False
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self.names.add(name)
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in ("submit", "button"):
                self.data[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self.names.add(name)
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.names.add(name)
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            # Django writes a newline after <textarea>, which browsers drop.
            self.data[self._textarea] += (
                data.removeprefix("\n") if not self.data[self._textarea] else data
            )


def admin_form(html: str) -> _FormFields:
    parser = _FormFields("claim_form")
    parser.feed(html)
    return parser


@pytest.fixture
def staff_editor():
    user = make_user("desk", editor=True)
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def admin(staff_editor):
    client = Client()
    client.force_login(staff_editor)
    return client


@pytest.fixture
def claim():
    article = make_article("Korut membantah mengirim pasukan ke Rusia, kata juru bicara.")
    return make_claim(article, quote="Korut membantah", status="draft", note="first")


def change_url(claim):
    return reverse("admin:timeline_claim_change", args=[claim.pk])


def test_an_admin_save_based_on_an_older_version_is_refused_naming_who_changed_it(admin, claim):
    form = admin_form(admin.get(change_url(claim)).content.decode())
    alice = make_user("alice", editor=True)
    editing.claim_update(claim, editor=alice, expected_version=1, note="alice's edit")

    response = admin.post(change_url(claim), form.data | {"note": "desk's edit"})

    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert "changed this claim since you opened it" in html
    assert "alice" in html
    claim.refresh_from_db()
    assert (claim.note, claim.version) == ("alice's edit", 2)
    assert claim.history.count() == 2


def test_an_admin_save_on_the_current_version_goes_through_and_raises_it(
    admin, claim, staff_editor
):
    form = admin_form(admin.get(change_url(claim)).content.decode())

    response = admin.post(change_url(claim), form.data | {"note": "desk's edit"})

    assert response.status_code == 302, response.content.decode()[:3000]
    claim.refresh_from_db()
    assert (claim.note, claim.version, claim.updated_by) == ("desk's edit", 2, staff_editor)
    assert claim.history.latest().history_user == staff_editor
    # ...and an app form opened before it is refused in its turn.
    with pytest.raises(editing.ClaimConflict) as conflict:
        editing.claim_update(claim, editor=make_user(editor=True), expected_version=1, note="x")
    assert conflict.value.by == ["desk"]


def test_a_post_without_the_version_it_was_based_on_is_refused(admin, claim):
    form = admin_form(admin.get(change_url(claim)).content.decode())
    data = {k: v for k, v in form.data.items() if k != "loaded_version"}

    response = admin.post(change_url(claim), data | {"note": "blind"})

    assert response.status_code == 200
    claim.refresh_from_db()
    assert (claim.note, claim.version) == ("first", 1)


def test_who_created_and_updated_a_claim_is_not_editable(admin, claim, staff_editor):
    someone = make_user("someone", editor=True)
    Claim.objects.filter(pk=claim.pk).update(created_by=someone, updated_by=someone)
    form = admin_form(admin.get(change_url(claim)).content.decode())
    assert "created_by" not in form.names and "updated_by" not in form.names

    data = form.data | {"created_by": staff_editor.pk, "updated_by": staff_editor.pk}
    response = admin.post(change_url(claim), data | {"note": "edited"})

    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.created_by == someone
    assert claim.updated_by == staff_editor  # set by the save, not by the form


def test_claims_are_not_added_in_the_admin(admin, claim):
    actor = make_actor("Kremlin", country="RU")
    changelist = admin.get(reverse("admin:timeline_claim_changelist")).content.decode()
    assert "/admin/timeline/claim/add/" not in changelist

    response = admin.post(
        "/admin/timeline/claim/add/", {"actor": actor.pk, "kind": "denial", "status": "draft"}
    )

    assert response.status_code == 403
    assert Claim.objects.count() == 1


def test_reverting_to_an_old_version_in_the_admin_is_a_new_version(admin, claim):
    alice = make_user("alice", editor=True)
    editing.claim_update(claim, editor=alice, expected_version=1, note="alice's edit")
    url = reverse(
        "admin:timeline_claim_simple_history", args=[claim.pk, claim.history.earliest().history_id]
    )
    revert = _FormFields("historicalclaim_form")
    revert.feed(admin.get(url).content.decode())

    response = admin.post(url, revert.data)

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.note, claim.version) == ("first", 3)
    assert claim.history.latest().history_user.username == "desk"
