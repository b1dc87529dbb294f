"""The Indonesian word forms PostgreSQL's stemmer does not bring together.

The Snowball Indonesian stemmer removes the prefixes meN- and peN- but restores a root's
first letter only where it was s (menyerang -> serang) or p (memukul -> pukul). Where it
was k or t, the nasal prefix swallowed it and the stem stays cut: mengirim -> "irim"
while kirim and dikirim -> "kirim"; mengonfirmasi -> "onfirmasi"; menolak -> "olak".

`other_forms` gives, for a word typed in a search, the forms of the same root that stem
differently, for PostgreSQL to stem and add to the query as alternatives (see
ArticleQuerySet.search). Pure: no database.
"""

import re

VOWELS = "aeiou"
# The nasal prefix that swallows a root's first letter. peN- stems as meN- does
# (pengirim, mengirim -> "irim"), so one of them is enough.
_SWALLOWED = {"k": "meng", "t": "men"}
# Longest first: "meng" is also "men" + g.
_PREFIXES = (("meng", "k"), ("peng", "k"), ("men", "t"), ("pen", "t"))
_WORD = re.compile(r"\w+")
MAX_WORDS = 12  # a search is a few words; the query stays small whatever is typed


def other_forms(word: str) -> list[str]:
    """Forms of `word`'s root that the stemmer would not stem as it stems `word`:
    "kirim" -> ["mengirim"]; "mengirim" -> ["kirim"]; "pengiriman" -> ["mengiriman",
    "kiriman"]. A form that is no word ("kambil" from mengambil) costs nothing: it matches
    nothing."""
    word = word.lower()
    roots = [word]
    for prefix, letter in _PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) > 2 and rest[0] in VOWELS:
            roots.append(letter + rest)
            break
    forms = []
    for root in roots:
        first, rest = root[:1], root[1:]
        if first in _SWALLOWED and len(rest) > 2 and rest[0] in VOWELS:
            forms.append(_SWALLOWED[first] + rest)
        if root != word:
            forms.append(root)
    return list(dict.fromkeys(form for form in forms if form != word))


def expansions(text: str) -> list[tuple[str, list[str]]]:
    """(word, its other forms) for each word of a search text that has any, in order, at
    most MAX_WORDS of them."""
    found, seen = [], set()
    for word in _WORD.findall(text):
        key = word.lower()
        if key in seen or not (forms := other_forms(key)):
            continue
        seen.add(key)
        found.append((key, forms))
        if len(found) == MAX_WORDS:
            break
    return found
