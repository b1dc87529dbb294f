"""The claim vocabulary's labels: translated when shown, plain str where code joins them."""

from django.utils import translation

from timeline import vocabulary as v
from timeline.models import Claim


def test_the_names_are_str_in_each_language_and_translated():
    names = {
        "en": ("Troop count", "troop count", "Disputes", "Part of a total", "Confirmed"),
        "id": (
            "Jumlah pasukan",
            "jumlah pasukan",
            "Membantah",
            "Bagian dari total",
            "Dikonfirmasi",
        ),
    }
    for language, expected in names.items():
        with translation.override(language):
            got = (
                v.kind_name(v.TROOP_COUNT),
                v.kind_label(v.TROOP_COUNT),
                v.stance_name(v.DISPUTES),
                v.role_name(v.PART),
                v.status_name(v.CONFIRMED),
            )
        assert got == expected
        assert all(type(name) is str for name in got)  # safe to join, compare, serialise
        assert ", ".join(got)


def test_an_unknown_value_is_shown_as_it_is():
    with translation.override("id"):
        assert v.kind_label("rumour") == "rumour"
        assert v.stance_name("maybe") == "maybe"


def test_the_lazy_labels_follow_the_language_at_the_time_they_are_shown():
    label = v.KIND_LABELS[v.DENIAL]  # taken once, at import, by the charts and the page
    with translation.override("id"):
        assert f"{label}" == "bantahan"
        assert f"{v.KINDS[0][1]} / {v.STATUSES[1][1]}" == "Jumlah pasukan / Dibantah"
    with translation.override("en"):
        assert f"{label}" == "denial"


def test_the_models_choices_are_the_vocabularys_labels_in_the_readers_language():
    claim = Claim(kind=v.COMBAT_REPORT, stance=v.NEITHER, number_role=v.CHANGE)
    with translation.override("id"):
        assert claim.get_kind_display() == "Laporan pertempuran"
        assert claim.get_stance_display() == "Netral"
        assert claim.get_number_role_display() == "Perubahan"
    assert claim.get_kind_display() == "Combat report"
    # The stored values never change with the language.
    assert [value for value, _ in Claim.Kind.choices] == [value for value, _ in v.KINDS]
