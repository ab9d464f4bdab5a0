"""The pseudo-locale walk's judge: only whole data texts pass, never loose words of them."""

from __future__ import annotations

from tests.i18n.visible_text import Offenders


def test_english_built_from_words_of_the_data_is_still_caught() -> None:
    seen = Offenders({"Check-in", "How are you now?", "Close relationships"})
    seen.check("Check in now", "home")  # every word is somewhere in the data: still English
    seen.check("[Ĉĥéçķ ĩñ ñöŵ ···]", "home")  # from the catalog
    seen.check("Close\nrelationships", "chart")  # a data text wrapped on two lines
    seen.check("[Ŝîñçé ···] 14 March 2026", "home")  # a date's words
    seen.check("How are you now? · [Ñéŵ ···]", "home")  # a data text inside a sentence
    assert set(seen.found) == {"Check in now"}
