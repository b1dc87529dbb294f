"""The word forms the Indonesian stemmer does not bring together (articles.search)."""

import pytest

from articles.search import MAX_WORDS, expansions, other_forms


@pytest.mark.parametrize(
    "word, forms",
    [
        ("kirim", ["mengirim"]),  # stems "irim", where kirim and dikirim stem "kirim"
        ("Konfirmasi", ["mengonfirmasi"]),
        ("tolak", ["menolak"]),
        ("mengirim", ["kirim"]),
        ("pengiriman", ["mengiriman", "kiriman"]),
        ("menolak", ["tolak"]),
        ("serang", []),  # menyerang -> "serang": the stemmer restores s and p itself
        ("pukul", []),
        ("Rusia", []),
        ("ke", []),
        ("klaim", []),  # a consonant follows: mengklaim keeps the k
    ],
)
def test_other_forms(word, forms):
    assert other_forms(word) == forms


def test_expansions_are_few_and_each_word_once():
    assert expansions("Kirim kirim pasukan -tolak") == [
        ("kirim", ["mengirim"]),
        ("tolak", ["menolak"]),
    ]
    assert len(expansions(" ".join(f"kata{n}" for n in range(50)))) == MAX_WORDS
