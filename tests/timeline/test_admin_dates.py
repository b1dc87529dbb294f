"""The Django admin of claims: the same limits as the editor's form."""

from datetime import date

import pytest

from tests.factories import make_claim, make_user
from timeline.models import Claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(_superuser())
    return client


def _superuser():
    user = make_user()
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def change_data(client, claim, **changes):
    """What the admin's change form posts back unchanged, with `changes`."""
    form = client.get(f"/admin/timeline/claim/{claim.pk}/change/").context["adminform"].form
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list):  # a split date and time: empty here
            continue
        data[field.html_name] = "" if value is None else value
    return data | changes


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("stated_on", "9999-12-31", "9999-12-31 cannot be right for a claim or an article"),
        ("event_on", "1899-12-31", "1899-12-31 cannot be right for a claim or an article"),
        ("note", "x" * 70_000, "Ensure this value has at most 5000 characters"),
    ],
)
def test_the_admin_refuses_what_the_editor_form_refuses(admin_client, field, value, message):
    claim = make_claim(stated_on=date(2024, 10, 30))
    response = admin_client.post(
        f"/admin/timeline/claim/{claim.pk}/change/",
        change_data(admin_client, claim, **{field: value}),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    claim.refresh_from_db()
    assert (claim.stated_on, claim.event_on, claim.note, claim.version) == (
        date(2024, 10, 30),
        None,
        "",
        1,
    )


def test_the_admin_saves_a_plausible_date(admin_client):
    claim = make_claim(stated_on=date(2024, 10, 30))
    response = admin_client.post(
        f"/admin/timeline/claim/{claim.pk}/change/",
        change_data(admin_client, claim, stated_on="2024-11-04"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Claim.objects.get(pk=claim.pk).stated_on == date(2024, 11, 4)
