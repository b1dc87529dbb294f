"""Made-up news texts for the benchmark and the tests: Indonesian-like articles as outlets
file them (a publication line or none, a headline, a dateline naming the outlet, captions,
"Baca juga" links, quotes, counts, event datelines such as "Rabu (30/10)", a credit at the
end), none of them copied from anywhere. Deterministic: the same seed gives the same text.
"""

import random
from datetime import date, timedelta

# The outlets as their datelines write them; every one is in the seeded outlet registry.
_DATELINES = (
    "JAKARTA, KOMPAS.com - ",
    "Jakarta (ANTARA) - ",
    "TEMPO.CO, Jakarta - ",
    "Jakarta, CNN Indonesia -- ",
    "Liputan6.com, Jakarta - ",
    "RMOL. ",
    "KONTAN.CO.ID - JAKARTA. ",
    "SEOUL, KOMPAS.com - ",
    "",  # an opinion piece or a blog: no dateline
)
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
_SPEAKERS = (
    "Menteri Pertahanan Arga Wiratama", "juru bicara militer Kolonel Bima Saputra",
    "pejabat intelijen yang enggan disebut namanya", "Duta Besar Rendra Halim",
    "analis keamanan Sari Maharani", "kantor berita negara", "Kementerian Luar Negeri",
    "Presiden Dirga Mahesa", "komandan pasukan perbatasan", "juru bicara Istana",
    "anggota parlemen Lestari Anjani", "pengamat hubungan internasional Yoga Pratama",
)  # fmt: skip
_VERBS = (
    "mengatakan", "membantah", "mengonfirmasi", "menuduh", "mengecam", "melaporkan",
    "memperkirakan", "menegaskan", "menyebut", "mengungkapkan",
)  # fmt: skip
_NOUNS = ("pasukan", "tentara", "prajurit", "personel", "relawan", "teknisi")
_PLACES = (
    "perbatasan utara", "wilayah Kursk", "garis depan", "pelabuhan timur", "kamp latihan",
    "pangkalan udara", "kota pesisir", "lembah sungai", "ibu kota provinsi",
)  # fmt: skip
_ASIDES = (
    "menurut sumber yang enggan disebut namanya", "dalam jumpa pers singkat",
    "setelah rapat tertutup", "tanpa memberikan rincian lebih lanjut", "di hadapan wartawan",
    "melalui pernyataan tertulis", "dalam wawancara dengan televisi setempat",
)  # fmt: skip
_TOPICS = (
    "Pengiriman", "Latihan Gabungan", "Bantuan Logistik", "Pertemuan Tertutup",
    "Kesepakatan Baru", "Penarikan", "Rotasi", "Patroli Laut",
)  # fmt: skip


def _day(when: date, *, year: bool = False) -> str:
    """ "Rabu (30/10)", as the prose names a recent day (with its year: "Rabu (30/10/2024)")."""
    suffix = f"/{when.year}" if year else ""
    return f"{_WEEKDAYS[when.weekday()]} ({when.day}/{when.month}{suffix})"


def _count(rng: random.Random) -> str:
    return f"{rng.randint(2, 60) * 250:,}".replace(",", ".")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _range(rng: random.Random) -> str:
    low, high = sorted((_count(rng), _count(rng)), key=lambda n: int(n.replace(".", "")))
    return f"{low} hingga {high}"


def _sentence(rng: random.Random, appeared: date) -> str:
    speaker = rng.choice(_SPEAKERS)
    noun, place, verb = rng.choice(_NOUNS), rng.choice(_PLACES), rng.choice(_VERBS)
    earlier = appeared - timedelta(days=rng.randint(1, 40))
    forms = (
        f"{_upper_first(speaker)} {verb} sekitar {_count(rng)} {noun} telah tiba di {place}",
        f"{_upper_first(speaker)} pada {_day(earlier)} {verb} bahwa {noun} tambahan dikirim "
        f"ke {place}, {rng.choice(_ASIDES)}",
        f"“Kami tidak akan tinggal diam,” kata {speaker} {rng.choice(_ASIDES)}",
        f"Sejak {earlier.day} {_MONTHS[earlier.month - 1]} {earlier.year}, jumlah {noun} di "
        f"{place} disebut naik menjadi {_count(rng)} orang",
        f"Pekan lalu, {speaker} {verb} ada {_range(rng)} {noun} di {place}",
        f"Hal itu disampaikan {speaker} kepada wartawan, {rng.choice(_ASIDES)}",
        f"Pada tahun {appeared.year - rng.randint(1, 6)}, kedua negara menandatangani "
        f"perjanjian kerja sama pertahanan yang kini dipersoalkan",
        f"Namun, {speaker} {verb} laporan tersebut dan menyebutnya sebagai propaganda",
    )
    # Years are rarer in the prose than days and counts (a background date now and then).
    return rng.choices(forms, weights=(4, 4, 3, 1, 3, 3, 1, 2))[0] + "."


def article_text(seed: int, *, paragraphs: tuple[int, int] = (4, 10)) -> str:
    """One made-up Indonesian-like article (1 to 5 KB, 2.6 on average, like the seeds):
    what a file in a folder given to `load_articles` looks like. The same `seed` gives the
    same text; no two seeds alike."""
    rng = random.Random(seed)
    appeared = date(2024, 6, 1) + timedelta(days=rng.randint(0, 330))
    lines = []
    if rng.random() < 0.35:  # a stated publication line above the headline
        lines.append(
            f"{_WEEKDAYS[appeared.weekday()]}, {appeared.day} {_MONTHS[appeared.month - 1]} "
            f"{appeared.year} | {rng.randint(6, 22):02}:{rng.randint(0, 59):02} WIB"
        )
    lines.append(
        f"{rng.choice(_TOPICS)} {rng.choice(_NOUNS).capitalize()} ke "
        f"{rng.choice(_PLACES).title()} Jadi Sorotan ({seed})"
    )
    if rng.random() < 0.3:
        lines.append(f"Foto: Suasana di {rng.choice(_PLACES)}, {_day(appeared)}. (Dok. Redaksi)")
    dateline = rng.choice(_DATELINES)
    event = appeared - timedelta(days=rng.choice((0, 1, 1, 2)))
    lines.append(
        f"{dateline}{_upper_first(rng.choice(_SPEAKERS))} pada {_day(event)} "
        f"{rng.choice(_VERBS)} sekitar {_count(rng)} {rng.choice(_NOUNS)} telah dikirim ke "
        f"{rng.choice(_PLACES)}. {_sentence(rng, appeared)}"
    )
    for i in range(rng.randint(*paragraphs)):
        if i == 2 and rng.random() < 0.5:
            lines.append(f"Baca juga: {rng.choice(_TOPICS)} di {rng.choice(_PLACES).title()}")
        lines.append(" ".join(_sentence(rng, appeared) for _ in range(rng.randint(2, 4))))
    if rng.random() < 0.3:
        lines.append("Sumber: ANTARA")
    elif rng.random() < 0.2:
        lines.append("Artikel ini telah tayang di Kompas.com dengan judul yang sama.")
    return "\n\n".join(lines) + "\n"


_SUBJECTS = (
    "Korut", "Pyongyang", "Kyiv", "Pentagon", "Kremlin", "Seoul", "Juru bicara militer",
    "Pejabat intelijen", "Menteri pertahanan", "Kantor berita negara",
)  # fmt: skip
_LARGE_NOUNS = ("pasukan", "tentara", "prajurit", "personel")
_LARGE_PLACES = ("perbatasan", "wilayah Kursk", "garis depan", "pelabuhan timur", "kamp latihan")
_LARGE_VERBS = ("membantah", "mengonfirmasi", "mengatakan", "menuduh", "mengecam", "melaporkan")
_LARGE_ASIDES = (
    "menurut sumber yang enggan disebut namanya", "dalam jumpa pers singkat",
    "setelah rapat tertutup", "tanpa memberikan rincian lebih lanjut", "di hadapan wartawan",
)  # fmt: skip


def large_article_text(chars: int, *, one_line: bool = False, seed: int = 1) -> str:
    """`chars` characters of made-up Indonesian-like news text: sentences with a count, a
    stance verb and a dated day ("Rabu (30/10)"), five to a paragraph, no two alike. With
    `one_line`, the clauses are joined by "dan" on a single line: no full stop, no line
    break (a scraped page that lost its punctuation). For benchmarks and tests."""
    rng = random.Random(seed)
    parts, total, i = [], 0, 0
    while total < chars:
        i += 1
        count = f"{rng.randint(1, 40) * 250 + i % 250:,}".replace(",", ".")
        clause = (
            f"{rng.choice(_SUBJECTS)} {rng.choice(_LARGE_VERBS)} pada {rng.choice(_WEEKDAYS)} "
            f"({rng.randint(1, 28)}/{rng.randint(1, 12)}) bahwa {count} "
            f"{rng.choice(_LARGE_NOUNS)} tiba di {rng.choice(_LARGE_PLACES)} "
            f"{rng.choice(_LARGE_ASIDES)}"
        )
        piece = f"{clause} dan " if one_line else clause + (".\n\n" if i % 5 == 0 else ". ")
        parts.append(piece)
        total += len(piece)
    return "".join(parts)[:chars].rstrip()
