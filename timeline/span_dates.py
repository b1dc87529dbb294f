"""When a claim on a span of an article's text was stated: the one rule, used for a mouse
selection, a pasted quote and a suggestion alike.

The first date expression of the span's sentence (articles.sentences), resolved against
the article's own date; else the article's date, with ARTICLE_DATE as its evidence; else
no date (never a guess). Pure: works on anything with an article's date fields.
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

from articles.dates import ARTICLE_DATE, FoundDate, date_from_article, date_in
from articles.sentences import sentence_around

# ARTICLE_DATE is the evidence stored when a claim takes its article's date (the sentence
# gives none). People read and type it as ARTICLE_DATE_LABEL (claim_tags.date_evidence, the
# claim form), in their language.
ARTICLE_DATE_LABEL = _("the article's date")
__all__ = ["ARTICLE_DATE", "ARTICLE_DATE_LABEL", "claim_date", "span_date"]


def span_date(
    body: str, start: int, end: int, *, reference: FoundDate | None, language: str = "id"
) -> tuple[date | None, str, str]:
    """(stated_on, precision, evidence) for a claim on body[start:end]. `reference` is the
    article's date (`Article.date_reference()`); `language` the text's (articles.dates reads id, en
    and fr)."""
    left, right = sentence_around(body, start, end)
    found = date_in(body[left:right], reference=reference, language=language)
    if found is not None:
        return found.value, found.precision, found.evidence
    return date_from_article(reference)


def claim_date(article, start: int, end: int) -> tuple[date | None, str, str]:
    """span_date for a span of `article`'s body."""
    return span_date(
        article.body,
        start,
        end,
        reference=article.date_reference(),
        language=article.language,
    )
