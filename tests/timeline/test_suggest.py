"""Suggested claims: the rules on small Indonesian sentences, and against the seed story.

Pure (no database) except the last tests, which run `suggest` on an Article.
"""

import json
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.utils import timezone

from articles.dates import ARTICLE_DATE, DAY, FoundDate
from articles.ingest import decode, parse_article
from timeline.suggest import (
    MAX_SENTENCE_CHARS,
    REPEAT_WINDOW,
    find_in_text,
    sentences,
    suggest,
    suggest_in_text,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIXTURE = ROOT / "timeline" / "fixtures" / "seed_story.json"
TODAY = date(2026, 11, 23)
REFERENCE = FoundDate(date(2024, 10, 30), DAY, "Rabu (30/10)", 0, 0, "dateline")


@cache
def story() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@cache
def seed_actors() -> dict[str, SimpleNamespace]:
    """The seed story's actors as plain objects: all `suggest_in_text` needs is name, aliases."""
    return {
        a["slug"]: SimpleNamespace(slug=a["slug"], name=a["name"], aliases=a["aliases"])
        for a in story()["actors"]
    }


@cache
def parsed(name: str):
    return parse_article(decode((SEEDS / name).read_bytes()), today=TODAY)


def find(text: str, reference: FoundDate | None = REFERENCE):
    return suggest_in_text(text, seed_actors().values(), reference=reference)


def kinds(text: str) -> list[str]:
    return [s.kind for s in find(text)]


def only(text: str, kind: str):
    found = [s for s in find(text) if s.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


def slug(suggestion) -> str | None:
    return suggestion.actor.slug if suggestion.actor else None


# --- sentences ---------------------------------------------------------------------------------


def test_sentences_keep_numbers_datelines_initials_and_abbreviations_whole():
    body = (
        "Menteri Lloyd J. Austin mengatakan 10.000 tentara Korut tiba Rabu (30/10). "
        "Dr. Kim dari Jl. Sudirman membantahnya. “Itu cerita palsu.” Ia lalu pergi.\n\n"
        "Judul tanpa titik"
    )
    assert [body[a:b] for a, b in sentences(body)] == [
        "Menteri Lloyd J. Austin mengatakan 10.000 tentara Korut tiba Rabu (30/10).",
        "Dr. Kim dari Jl. Sudirman membantahnya.",
        "“Itu cerita palsu.”",
        "Ia lalu pergi.",
        "Judul tanpa titik",
    ]


def test_sentences_of_the_seeds():
    body = parsed("002_3a2ed5cd9f139673.txt").body
    found = [body[a:b] for a, b in sentences(body)]
    # A quote ends the sentence with its full stop; a dash after "tambahnya." goes on.
    assert any(s.endswith("di semua bidang.”") and s.startswith("Juru bicara") for s in found)
    assert any(s.startswith("Dia juga mengingat") for s in found)
    assert any(s.startswith("“Mengenai") and s.endswith("– kata perwakilan itu.") for s in found)

    for name in sorted(p.name for p in SEEDS.glob("*.txt")):
        body = parsed(name).body
        spans = sentences(body)
        assert spans == sorted(spans)
        assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:], strict=False))
        for a, b in spans:
            assert body[a:b] == body[a:b].strip() and "\n" not in body[a:b]
        # nothing is lost, and no sentence ends inside a figure ("14.000", "5/11/2024")
        assert sum(len("".join(body[a:b].split())) for a, b in spans) == len("".join(body.split()))
        assert not any(body[b : b + 1].isalnum() for _, b in spans)

    body = parsed("003_1860cfd6ad2b4c5c.txt").body
    assert (
        "Pejabat Ukraina memperkirakan Korea Utara telah mengirim sekitar 14.000 pasukan, "
        "termasuk 3.000 bala bantuan untuk menggantikan kerugian mereka."
    ) in [body[a:b] for a, b in sentences(body)]


def test_sentences_of_one_long_line():
    """Sentences are read next to each full stop, not against the rest of the line: a text
    that lost its line breaks splits as it would line by line (and as fast, see benchmark)."""
    pieces = [
        "Menteri Lloyd J. Austin mengatakan 10.000 tentara Korut tiba Rabu (30/10).",
        "Dr. Kim dari Jl. Sudirman membantahnya.",
        "“Itu cerita palsu.”",
        "Ia lalu pergi...",
        "Situs Resistensi.id melaporkannya \t  pada pukul 10.30.",
    ]
    body = "   ".join(pieces * 2_000)
    assert len(body) > 300_000 and "\n" not in body
    assert [body[a:b] for a, b in sentences(body)] == pieces * 2_000


# --- counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number", "number_max", "words"),
    [
        ("AS mengatakan sebanyak 10.000 tentara Korut telah dikerahkan ke Rusia.", 10000, None,
         "10.000 tentara"),
        ("Korut telah mengirim sekitar 12.000 pasukan ke Kursk.", 12000, None, "12.000 pasukan"),
        ("Rusia menerima 3.000 bala bantuan dari Pyongyang.", 3000, None, "3.000 bala bantuan"),
        ("Satu unit yang terdiri dari 25 tentara dikirim ke garis depan.", 25, None,
         "25 tentara"),
        ("Korut disebut menyiapkan 10 ribu prajurit lagi.", 10000, None, "10 ribu prajurit"),
        ("Sebanyak sepuluh ribu personel dikirim ke Rusia.", 10000, None,
         "sepuluh ribu personel"),
        ("Pentagon memperkirakan 10.000-12.000 tentara Korut berada di Rusia.", 10000, 12000,
         "10.000-12.000 tentara"),
        ("Jumlahnya antara 10.000 dan 12.000 tentara, kata pejabat itu.", 10000, 12000,
         "antara 10.000 dan 12.000 tentara"),
        ("Seoul menyebut 10-12 ribu tentara telah tiba.", 10000, 12000, "10-12 ribu tentara"),
        ("Sebanyak 1,5 juta orang mengungsi.", 1500000, None, "1,5 juta orang"),
    ],
)  # fmt: skip
def test_troop_counts_in_indonesian_number_style(text, number, number_max, words):
    found = only(text, "troop_count")
    assert (found.number, found.number_max) == (number, number_max)
    assert found.rule == f"troop count: '{words}'"
    assert found.quote == text


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


def test_a_line_without_words_does_not_hide_the_rest_of_the_article():
    # "..." has no words: it is no claim, and not "inside" every later sentence either.
    body = "...\n\nKorut membantah laporan itu.\n\nSeoul mengecam pengiriman itu."
    assert kinds(body) == ["denial", "condemnation"]


def test_a_sentence_too_long_to_be_one_is_counted_not_read():
    endless = "Korut membantah " + "dan pasukan tiba " * (MAX_SENTENCE_CHARS // 10)
    body = f"{endless}\n\nSeoul mengecam pengiriman itu."
    found = find_in_text(body)
    assert found.too_long == 1
    assert [c.kind for c in found.candidates] == ["condemnation"]
    just_under = "Korut membantah " + "x" * (MAX_SENTENCE_CHARS - 30) + " laporan itu."
    assert len(just_under) <= MAX_SENTENCE_CHARS
    assert find_in_text(just_under).too_long == 0 and kinds(just_under) == ["denial"]


def test_repeats_far_apart_are_still_read_once_when_exact():
    filler = [f"Cuaca hari ke-{i} cerah." for i in range(REPEAT_WINDOW + 10)]
    body = " ".join(["Korut membantah laporan itu.", *filler, "Korut membantah laporan itu."])
    assert kinds(body) == ["denial"]
    # Inside another sentence: compared with the sentences just before it.
    body = " ".join(["Korut membantah laporan itu.", "Sedangkan Korut membantah laporan itu."])
    assert kinds(body) == ["denial"]


def test_finding_then_resolving_is_suggesting():
    """The page finds candidates in the whole text and works out actors and dates for the
    page shown only: the two steps give what suggesting everything at once gives."""
    from timeline.suggest import resolve_in_text

    for name in sorted(p.name for p in SEEDS.glob("*.txt")):
        article = parsed(name)
        everything = find(article.body, reference=article.published)
        candidates = find_in_text(article.body).candidates
        assert [(c.start, c.end, c.kind) for c in candidates] == [
            (s.start, s.end, s.kind) for s in everything
        ]
        pages = [candidates[i : i + 7] for i in range(0, len(candidates), 7)]
        resolved = [
            s
            for page in pages
            for s in resolve_in_text(
                article.body, page, seed_actors().values(), reference=article.published
            )
        ]
        assert resolved == everything


# --- actors and dates --------------------------------------------------------------------------


def test_actor_is_the_name_nearest_the_verb_of_saying():
    # Nearest the keyword would be Pyongyang; "kata" names its speaker after it.
    text = "Moskow tak pernah meminta bantuan Pyongyang; itu cerita palsu, kata Peskov kepada AS."
    assert slug(only(text, "denial")) == "dmitry-peskov"
    text = "“Sekitar 12.000 tentara Korea Utara kini berada di Kursk,” kata Pejabat Ukraina."
    assert slug(only(text, "troop_count")) == "ukrainian-officials"
    # "mengatakan" names its speaker before it
    text = "Sebelumnya, AS mengatakan sebanyak 10.000 tentara Korut telah dikerahkan ke Rusia."
    assert slug(only(text, "troop_count")) == "united-states"
    # a name after "dilansir" relays the words, it does not say them
    text = "“Kami mengecam langkah AS,” kata Pejabat Korut, seperti dilansir KCNA."
    assert slug(only(text, "condemnation")) == "north-korea"


def test_actor_aliases_longest_first_whole_words_any_case():
    korea = SimpleNamespace(name="Korea", aliases=["Semenanjung Korea", "Korea"])
    north = SimpleNamespace(name="North Korea", aliases=["Korea Utara", "Korut", "DPRK"])
    us = SimpleNamespace(name="United States", aliases=["AS", "Amerika Serikat"])
    actors = [korea, north, us]

    def actor(text):
        (found,) = suggest_in_text(text, actors, reference=None)
        return found.actor

    assert actor("KOREA UTARA membantah laporan itu.") is north
    assert actor("Korea membantah laporan itu.") is korea
    assert actor("Koreanya membantah laporan itu.") is None  # whole words only
    assert actor("Pejabat as membantah laporan itu.") is None  # an acronym only in capitals
    assert actor("Para pejabat AS membantah laporan itu.") is us
    assert actor("Pejabat itu membantah laporan tersebut.") is None


def test_suggested_date_is_the_sentences_own_else_the_article_date():
    text = (
        "Para menteri G7 mengatakan Selasa (5/11/2024) kemarin bahwa mereka mengutuk "
        "kerja sama militer itu."
    )
    found = only(text, "condemnation")
    assert (found.stated_on, found.stated_precision, found.stated_evidence) == (
        date(2024, 11, 5), "day", "Selasa (5/11/2024) kemarin",
    )  # fmt: skip
    relative = only(
        "Rusia mengatakan pekan lalu bahwa pasukan Ukraina telah diusir.", "combat_report"
    )
    assert (relative.stated_on, relative.stated_precision) == (date(2024, 10, 21), "week")
    plain = only("Korut membantah laporan itu.", "denial")
    assert (plain.stated_on, plain.stated_precision, plain.stated_evidence) == (
        date(2024, 10, 30), "day", ARTICLE_DATE,
    )  # fmt: skip
    undated = find("Korut membantah laporan itu.", reference=None)[0]
    assert (undated.stated_on, undated.stated_evidence) == (None, "")


# --- against the seed story --------------------------------------------------------------------


def _overlaps(a, b) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def test_precision_and_recall_against_the_seed_annotations(capsys):
    """A suggestion matches an annotation of the same article and kind whose span it overlaps."""
    annotations = story()["claims"]
    suggested = []
    for name in sorted({c["article"] for c in annotations} | {p.name for p in SEEDS.glob("*.txt")}):
        article = parsed(name)
        for s in suggest_in_text(article.body, seed_actors().values(), reference=article.published):
            assert article.body[s.start : s.end] == s.quote
            suggested.append({"article": name, "kind": s.kind, "start": s.start, "end": s.end})

    def matches(one, others):
        return any(
            o["article"] == one["article"] and o["kind"] == one["kind"] and _overlaps(o, one)
            for o in others
        )

    right, made = Counter(), Counter(s["kind"] for s in suggested)
    found, tagged = Counter(), Counter(c["kind"] for c in annotations)
    for s in suggested:
        right[s["kind"]] += matches(s, annotations)
    for c in annotations:
        found[c["kind"]] += matches(c, suggested)

    def ratio(a, b):
        return a / b if b else float("nan")

    precision = ratio(sum(right.values()), len(suggested))
    recall = ratio(sum(found.values()), len(annotations))
    with capsys.disabled():
        print("\nsuggestions against the seed annotations")
        print(f"  {'kind':<15} {'precision':>15} {'recall':>15}")
        for kind in sorted(made | tagged):
            p, r = ratio(right[kind], made[kind]), ratio(found[kind], tagged[kind])
            print(
                f"  {kind:<15} {right[kind]:>3}/{made[kind]:<3} {p:5.2f}"
                f" {found[kind]:>3}/{tagged[kind]:<3} {r:5.2f}"
            )
        print(
            f"  {'overall':<15} {sum(right.values()):>3}/{len(suggested):<3} {precision:5.2f}"
            f" {sum(found.values()):>3}/{len(annotations):<3} {recall:5.2f}"
        )
    assert recall >= 0.6
    assert precision >= 0.5


# --- on an Article -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_suggest_for_an_article_skips_what_editors_tagged():
    from tests.factories import make_actor, make_article, make_claim

    north = make_actor("North Korea", aliases=["Korut", "Korea Utara"])
    us = make_actor("United States", country="US", aliases=["AS", "Amerika Serikat"])
    body = (
        "Korut membantah mengirim pasukan ke Rusia. "
        "Pejabat AS mengatakan 10.000 tentara Korut sudah tiba pekan lalu."
    )
    article = make_article(body, published_on=date(2024, 10, 30), precision="day")

    found = suggest(article)
    assert [(s.kind, s.actor, s.number) for s in found] == [
        ("denial", north, None),
        ("troop_count", us, 10000),
    ]
    assert found[1].stated_on == date(2024, 10, 21) and found[1].stated_evidence == "pekan lalu"

    claim = make_claim(
        article, quote="Korut membantah mengirim pasukan ke Rusia.", actor=north, kind="denial"
    )
    assert [s.kind for s in suggest(article)] == ["troop_count"]

    claim.deleted_at = timezone.now()
    claim.save()
    assert [s.kind for s in suggest(article)] == ["denial", "troop_count"]


@pytest.mark.django_db
def test_many_tagged_claims_leave_out_exactly_what_they_cover():
    """Left out: a candidate a claim overlaps with the same kind, or covers exactly whatever
    its kind; checked against every claim, as the rule reads, with many claims."""
    import random

    from tests.factories import make_actor, make_article, make_claim
    from timeline.management.commands.benchmark import large_article_text
    from timeline.suggest import candidates

    rng = random.Random(3)
    actor = make_actor("North Korea", aliases=["Korut"])
    article = make_article(large_article_text(20_000))
    found = find_in_text(article.body).candidates
    kinds = ["denial", "confirmation", "troop_count", "allegation", "other"]
    for _ in range(80):
        start = rng.randrange(len(article.body) - 200)
        end = start + rng.randint(1, 200)
        if rng.random() < 0.3:  # some exactly on a candidate
            chosen = rng.choice(found)
            start, end = chosen.start, chosen.end
        quote = article.body[start:end]
        if not quote.strip():
            continue
        kind = rng.choice(kinds)
        make_claim(
            article, quote=quote, actor=actor, kind=kind, number=1 if "count" in kind else None
        )
    tagged = list(article.claims.alive().values_list("start", "end", "kind"))
    expected = [
        c
        for c in found
        if not any(
            (s, e) == (c.start, c.end) or (k == c.kind and s < c.end and c.start < e)
            for s, e, k in tagged
        )
    ]
    assert 0 < len(expected) < len(found)
    assert candidates(article).candidates == expected
