"""publication_date reads only where an article's date can be (line by line: the opening
lines, down to the first dateline, the lines holding a year when the anchor is needed); on
texts whose date expressions stay within their lines it gives what reading the whole text
gives (find_dates): the same first dateline, resolved to the same day."""

from datetime import date

from articles.dates import STATED, find_dates, publication_date
from timeline.bench.texts import article_text

TODAY = date(2025, 6, 30)


def line_at(text: str, position: int) -> str:
    return text[text.rfind("\n", 0, position) + 1 :].split("\n", 1)[0]


def test_an_articles_event_date_is_the_first_dateline_of_the_whole_text():
    checked = 0
    for seed in range(300):
        text = article_text(seed)
        found = publication_date(text, today=TODAY)
        if found is None or found.kind == STATED:
            continue
        whole = [
            d
            for d in find_dates(text, today=TODAY)
            if d.kind == "dateline" and not line_at(text, d.start).startswith("Foto:")
        ]
        first = whole[0]
        assert (found.evidence, found.start, found.end) == (first.evidence, first.start, first.end)
        assert found.value == first.value  # the same anchor year: every year of the text
        checked += 1
    assert checked > 100
