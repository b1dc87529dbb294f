"""Who makes a claim (timeline.suggest.speakers)."""

from types import SimpleNamespace

from tests.timeline.suggest.helpers import only, slug
from timeline.suggest import suggest_in_text


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
