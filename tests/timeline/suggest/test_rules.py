"""The rules on small Indonesian sentences (timeline.suggest.rules): which figures are
head counts, the words of each kind of claim and what cancels them, what is never a claim."""

import pytest

from tests.timeline.suggest.helpers import find, kinds, only, slug

# --- counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tarif masuk Rp10.000 orang dewasa dan Rp 5.000 anak-anak.",
        "Harga paket itu US$ 500 juta, kata pejabat Pentagon.",
        "Pada Rabu (30/10) pasukan Korut terlihat di Kursk.",
        "Sejak 24 Februari 2022 tentara Rusia menduduki empat provinsi.",
        "Ribuan tentara Korut dan salah satu tentara Rusia terlihat di sana.",
        "Kedua negara sepakat mengirim pasukan tambahan.",
        "Rusia menguasai 18 persen wilayah Ukraina dengan 600.000 tank.",
    ],
)
def test_figures_that_are_not_head_counts(text):
    assert not [s for s in find(text) if s.kind in ("troop_count", "casualty_count")]


def test_casualty_counts_when_the_sentence_speaks_of_the_dead_or_wounded():
    found = only(
        "Pasukan Operasi Khusus Ukraina melaporkan bahwa mereka telah membunuh 25 tentara Korut.",
        "casualty_count",
    )
    assert found.number == 25 and found.rule == "casualty count: '25 tentara'"
    assert only("Sedikitnya 40 orang luka-luka dalam serangan itu.", "casualty_count").number == 40
    assert only("Sekitar 200 prajurit Korut tewas di Kursk.", "casualty_count").number == 200
    assert kinds("Korut mengirim 200 prajurit ke Kursk.") == ["troop_count"]


def test_each_count_of_a_sentence_is_quoted_by_its_clause():
    text = (
        "Pejabat Ukraina memperkirakan Korea Utara telah mengirim sekitar 14.000 pasukan, "
        "termasuk 3.000 bala bantuan untuk menggantikan kerugian mereka."
    )
    first, second = find(text)
    assert (first.kind, first.number, first.quote) == (
        "troop_count", 14000,
        "Pejabat Ukraina memperkirakan Korea Utara telah mengirim sekitar 14.000 pasukan",
    )  # fmt: skip
    assert (second.kind, second.number, second.quote) == (
        "troop_count", 3000, "termasuk 3.000 bala bantuan untuk menggantikan kerugian mereka",
    )  # fmt: skip
    assert text[second.start : second.end] == second.quote and second.sentence == text
    assert slug(first) == slug(second) == "ukrainian-officials"


# --- keywords ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Namun, Rusia dan Korut membantah adanya transfer senjata tersebut.",
        "Korea Utara menolak tuduhan bahwa mereka telah mengirim pasukan ke Rusia.",
        "Pyongyang menyangkal laporan intelijen Korea Selatan.",
        "Juru bicara Kremlin menyebut laporan itu “cerita palsu”.",
        "Delegasi saya tidak melihat perlunya mengomentari rumor yang tidak berdasar.",
        "Kementerian itu menyatakan laporan tersebut tidak benar.",
    ],
)
def test_denials(text):
    assert kinds(text) == ["denial"]  # "menolak tuduhan" is no allegation


@pytest.mark.parametrize(
    "text",
    [
        "Korea Utara tidak membantah laporan tersebut.",
        "Kremlin menolak untuk berkomentar soal pasukan Korut.",
    ],
)
def test_no_denial_when_negated_or_a_refusal(text):
    assert "denial" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "KOREA Utara untuk pertama kalinya mengonfirmasi bahwa mereka telah mengirim pasukan.",
        "Kremlin mengkonfirmasi kehadiran tentara Korut di Kursk.",
        "Pyongyang akhirnya mengakui pengerahan tersebut.",
        "Pengakuan Korut datang dua hari kemudian.",
    ],
)
def test_confirmations(text):
    assert kinds(text) == ["confirmation"]


@pytest.mark.parametrize(
    "text",
    [
        "Dia juga mengingat bahwa Pentagon tidak dapat mengkonfirmasi penempatan pasukan Korut.",
        "Sebelumnya, baik Rusia maupun Korut tidak pernah mengonfirmasi maupun menyangkal "
        "pengerahan tersebut.",
        "Seoul belum bisa mengakui laporan itu.",
    ],
)
def test_no_confirmation_when_negated(text):
    assert kinds(text) == []


def test_allegations():
    found = only(
        "Pekan lalu, pemimpin Ukraina Vladimir Zelensky menuduh Korea Utara mengirimkan senjata.",
        "allegation",
    )
    assert found.rule == "allegation: 'menuduh'" and slug(found) == "volodymyr-zelensky"
    assert kinds("Tuduhan Kyiv itu muncul setelah laporan intelijen.") == ["allegation"]
    assert kinds("Rusia tidak pernah menuduh Korut.") == []


def test_combat_reports_but_not_plans_or_stances():
    found = only(
        "Pejabat Ukraina mengatakan, untuk kali pertama terjadi bentrok antara pasukan Ukraina "
        "dengan pasukan Korea Utara di Kursk, Rusia.",
        "combat_report",
    )
    assert found.rule == "combat: 'bentrok'" and slug(found) == "ukrainian-officials"
    assert kinds("Pasukan Korea Utara bertempur bersama brigade Rusia.") == ["combat_report"]
    assert kinds("Pertempuran sengit terjadi di Kursk.") == ["combat_report"]
    assert kinds("Korut mengirim pasukan untuk bertempur di Ukraina.") == []
    assert kinds("Mereka diperkirakan akan bertempur pada November.") == []
    assert kinds("Rusia mengonfirmasi bahwa tentara Korea Utara telah bertempur di Kursk.") == [
        "confirmation"
    ]


def test_condemnations():
    found = only("Korsel mengecam Korea Utara atas keputusan itu.", "condemnation")
    assert slug(found) == "south-korea"  # the subject, not the nearest name after the verb
    assert kinds("Para menteri mengatakan mereka mengutuk kerja sama militer itu.") == [
        "condemnation"
    ]
    passive = only("Keputusan Pyongyang langsung dikecam Korsel dalam pernyataan.", "condemnation")
    assert slug(passive) == "south-korea"


def test_agreements_need_a_signing_and_a_treaty():
    found = only(
        "Presiden Rusia Vladimir Putin dan Kim Jong Un menandatangani perjanjian aliansi militer.",
        "agreement",
    )
    assert found.rule == "agreement: 'menandatangani'"
    assert kinds("Putin meminta parlemen untuk meratifikasi dokumen itu.") == ["agreement"]
    assert kinds("Pernyataan tersebut ditandatangani oleh negara-negara anggota G7.") == []
    assert kinds("Para analis mengatakan perjanjian itu akan memberi kerangka kerja sama.") == []


# --- page furniture ----------------------------------------------------------------------------


def test_captions_headings_credits_and_repeats_are_not_claims():
    body = (
        "Foto: Tentara Korut bertempur di Kursk. (Foto: KCNA)\n\n"
        "Korea Utara dikecam Korsel dan AS\n\n"
        "Korsel mengecam Korea Utara atas pengerahan itu.\n\n"
        "Sedangkan Korsel mengecam Korea Utara atas pengerahan itu.\n\n"
        "Artikel ini sudah tayang di TIMES Indonesia dengan judul: Bentrokan Pertama"
    )
    found = find(body)
    assert [(s.kind, s.quote) for s in found] == [
        ("condemnation", "Korsel mengecam Korea Utara atas pengerahan itu.")
    ]
