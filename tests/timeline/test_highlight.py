"""Highlight segments: pure, no database."""

from dataclasses import dataclass

from timeline.highlight import paragraphs, segments, unplaced


@dataclass(frozen=True)
class C:
    pk: int
    start: int
    end: int
    orphaned: bool = False


def shape(segs):
    """(text, covering pks outermost first, pks that begin there) for each segment."""
    return [(s.text, [c.pk for c in s.claims], [c.pk for c in s.first_of]) for s in segs]


TEXT = "abcdefghij"


def test_no_claims_is_one_plain_segment():
    assert shape(segments(TEXT, [])) == [(TEXT, [], [])]


def test_one_claim_cuts_the_text_in_three():
    assert shape(segments(TEXT, [C(1, 2, 5)])) == [
        ("ab", [], []),
        ("cde", [1], [1]),
        ("fghij", [], []),
    ]


def test_nested_claim_is_inside_the_outer_one():
    outer, inner = C(1, 1, 9), C(2, 3, 5)
    assert shape(segments(TEXT, [inner, outer])) == [
        ("a", [], []),
        ("bc", [1], [1]),
        ("de", [1, 2], [2]),
        ("fghi", [1], []),
        ("j", [], []),
    ]


def test_overlapping_claims_share_the_middle_segment():
    left, right = C(1, 0, 6), C(2, 4, 10)
    assert shape(segments(TEXT, [right, left])) == [
        ("abcd", [1], [1]),
        ("ef", [1, 2], [2]),
        ("ghij", [2], []),
    ]


def test_claims_with_the_same_start_longer_is_outer_and_both_begin_there():
    long, short = C(7, 0, 8), C(3, 0, 4)
    assert shape(segments(TEXT, [short, long])) == [
        ("abcd", [7, 3], [7, 3]),
        ("efgh", [7], []),
        ("ij", [], []),
    ]


def test_identical_spans_are_both_drawn_in_stable_order():
    assert shape(segments(TEXT, [C(5, 2, 4), C(4, 2, 4)])) == [
        ("ab", [], []),
        ("cd", [4, 5], [4, 5]),
        ("efghij", [], []),
    ]


def test_adjacent_claims_do_not_overlap():
    assert shape(segments(TEXT, [C(1, 0, 3), C(2, 3, 6)])) == [
        ("abc", [1], [1]),
        ("def", [2], [2]),
        ("ghij", [], []),
    ]


def test_segments_put_back_together_are_the_text():
    claims = [C(1, 0, 7), C(2, 2, 9), C(3, 3, 4), C(4, 5, 10), C(5, 8, 10)]
    segs = segments(TEXT, claims)
    assert "".join(s.text for s in segs) == TEXT
    for s in segs:  # each segment is covered by exactly the claims spanning it
        assert {c.pk for c in s.claims} == {c.pk for c in claims if c.start <= s.start < c.end}
    firsts = [c.pk for s in segs for c in s.first_of]
    assert sorted(firsts) == [1, 2, 3, 4, 5]  # one first segment per claim


def test_paragraphs_keep_body_offsets_and_a_claim_across_them_begins_once():
    body = "One two.\n\nThree four."
    claim = C(1, 4, 15)  # "two.\n\nThree"
    paras = paragraphs(body, [claim])
    assert [(p.offset, p.text) for p in paras] == [(0, "One two."), (10, "Three four.")]
    assert shape(paras[0].segments) == [("One ", [], []), ("two.", [1], [1])]
    assert shape(paras[1].segments) == [("Three", [1], []), (" four.", [], [])]
    assert paras[1].segments[0].start == 10  # offsets are the body's, not the paragraph's
    for p in paras:
        for s in p.segments:
            assert body[s.start : s.end] == s.text


def test_orphaned_claims_are_not_drawn_but_listed():
    body = "Short text."
    gone, past_the_end, placed = C(1, 0, 5, orphaned=True), C(2, 6, 40), C(3, 0, 5)
    paras = paragraphs(body, [gone, past_the_end, placed])
    drawn = {c.pk for s in paras[0].segments for c in s.claims}
    assert drawn == {3}
    assert [c.pk for c in unplaced(body, [gone, past_the_end, placed])] == [1, 2]


def test_many_claims_over_many_paragraphs_are_each_drawn_where_they_are():
    """Claims are swept once, not asked of every paragraph and segment: every segment still
    lists exactly the claims over it, outermost first, and each claim begins once."""
    import random

    rng = random.Random(7)
    body = "\n\n".join(
        "".join(rng.choice("abc ") for _ in range(rng.randint(0, 40))) for _ in range(300)
    )
    claims = []
    for pk in range(1, 1500):
        start = rng.randrange(len(body))
        claims.append(C(pk, start, min(len(body), start + rng.randint(0, 120))))
    rng.shuffle(claims)
    paras = paragraphs(body, claims)
    assert "\n\n".join(p.text for p in paras) == body
    begun = []
    for p in paras:
        assert "".join(s.text for s in p.segments) == p.text
        for s in p.segments:
            assert body[s.start : s.end] == s.text
            over = sorted(
                (c for c in claims if c.start < c.end and c.start <= s.start and s.end <= c.end),
                key=lambda c: (c.start, -c.end, c.pk),
            )
            assert list(s.claims) == over
            begun += [c.pk for c in s.first_of]
    drawn = {c.pk for c in claims if c.start < c.end and body[c.start : c.end].strip("\n")}
    assert sorted(begun) == sorted(set(begun)) and set(begun) == drawn
