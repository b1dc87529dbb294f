"""The entry points of timeline.suggest (find_in_text, resolve_in_text, suggest_in_text):
sentences, repeats, long texts, the date of each suggestion, and the rules against the seed
story's annotations."""

from collections import Counter
from datetime import date

import pytest

from articles.sentences import sentences
from tests.timeline.suggest.helpers import (
    SEEDS,
    find,
    kinds,
    only,
    parsed,
    seed_actors,
    story,
)
from timeline.span_dates import ARTICLE_DATE
from timeline.suggest import (
    MAX_SENTENCE_CHARS,
    REPEAT_WINDOW,
    find_in_text,
    resolve_in_text,
    suggest_in_text,
)

# --- sentences ---------------------------------------------------------------------------------


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


# --- long texts and repeats ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "quote"),
    [
        ("TIMES JABAR, JAKARTA – Korut membantah laporan itu.", "Korut membantah laporan itu."),
        ("Washington DC (MedanPunya) Korut membantah laporan itu.", "Korut membantah laporan itu."),
        ("JAKARTA, KOMPAS.com - Korut membantah laporan itu.", "Korut membantah laporan itu."),
        ("Resistensi.id - Korut membantah laporan itu.", "Korut membantah laporan itu."),
        ("JAKARTA – Korut membantah laporan itu.", "Korut membantah laporan itu."),
        # a name and its acronym, not a place and an outlet
        ("Amerika Serikat (AS) Senin (28/4) membantah laporan itu.",
         "Amerika Serikat (AS) Senin (28/4) membantah laporan itu."),
        ("Namun, Korut – kata menteri – membantah laporan itu.",
         "Namun, Korut – kata menteri – membantah laporan itu."),
    ],
)  # fmt: skip
def test_the_opening_dateline_is_no_part_of_the_first_claim(body, quote):
    """The dateline is read as articles.ingest reads it for the outlet (one matcher)."""
    (found,) = find(body)
    assert found.quote == quote


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


# --- dates -------------------------------------------------------------------------------------


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
