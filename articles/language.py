"""Which language an article is in, and which PostgreSQL text search configuration reads it.

Detection is lingua's (a statistical detector, accurate on short texts), restricted to the
languages a newsroom here meets: fewer candidates are both faster and surer. A text too short
or too mixed to tell is the house language.
"""

from functools import cache

DEFAULT_LANGUAGE = "id"

# ISO 639-1 code -> the PostgreSQL configuration that stems it. Malay shares Indonesian's
# affixes (me-, ber-, -kan), so the Indonesian stemmer reads it far better than `simple`.
# Every other language is read with `simple` (lower-cased words, no stemming).
SEARCH_CONFIGS = {"id": "indonesian", "ms": "indonesian", "en": "english", "fr": "french"}
FALLBACK_CONFIG = "simple"

# What the detector chooses from (lingua's Language names). Not Malay: on news-length texts
# lingua takes plain Indonesian for Malay (most words are shared), and Indonesian is the house
# language; a Malay article is then read as Indonesian, which stems it right all the same.
DETECTED = (
    "INDONESIAN", "ENGLISH", "FRENCH", "GERMAN", "DUTCH", "SPANISH", "PORTUGUESE",
    "ITALIAN", "RUSSIAN", "UKRAINIAN", "KOREAN", "JAPANESE", "CHINESE", "ARABIC",
)  # fmt: skip
# Below this confidence the text is not clearly any one language: say the house language.
MIN_CONFIDENCE = 0.5
# The opening of a long text tells its language as surely as all of it, and a 1 MB article
# then costs no more than a short one.
SAMPLE_CHARS = 1_000


def language_name(code: str) -> str | None:
    """The English name of a language code ("id" -> "Indonesian"), None if unknown."""
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())).name.title()
    except (AttributeError, ValueError):
        return None


@cache
def _detector():
    # Imported here: lingua loads its models lazily, and most imports of this module (the
    # models, the admin) never detect anything.
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in DETECTED]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language `text` is written in ("id", "en", "fr", ...);
    DEFAULT_LANGUAGE when the text has no letters or no clear language."""
    if not any(c.isalpha() for c in text):
        return DEFAULT_LANGUAGE
    confidences = _detector().compute_language_confidence_values(text[:SAMPLE_CHARS])
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return DEFAULT_LANGUAGE
    return confidences[0].language.iso_code_639_1.name.lower()
