"""Whose an unreadable file probably is, from its name: the same answer as a whole-word regular expression, at any count of names."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.adapters.store.inbox import name_hint


def _by_regex(file_name, municipalities):
    low = file_name.casefold()
    hits = [m for m in municipalities if re.search(rf"(?<![\w]){re.escape(m.casefold())}(?![\w])", low)]
    return hits[0] if len(hits) == 1 else ""


_CHARS = st.sampled_from(
    [*list("abø Åæß_-.1²٣ İ()[]*+?\\"), "Aarhus", "Århus", "Ærø", "Lyngby-Taarbæk", "Høje-Taastrup"]
)
_TEXT = st.lists(_CHARS, max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.lists(_TEXT, max_size=5))
def test_the_same_as_the_whole_word_regex(file_name, municipalities):
    assert name_hint(file_name, municipalities) == _by_regex(file_name, municipalities)


def test_seed_names():
    names = ["Aarhus", "Lyngby-Taarbæk", "Høje-Taastrup", "Taastrup", "Ærø", "Herning"]
    assert name_hint("indberetning_aarhus_2019.xlsx", names) == ""  # _ is a word character
    assert name_hint("indberetning Aarhus 2019.xlsx", names) == "Aarhus"
    assert name_hint("Høje-Taastrup.xlsx", names) == ""  # both Høje-Taastrup and Taastrup
    assert name_hint("ÆRØ-plan.xlsx", names) == "Ærø"
    assert name_hint("Herningvej.xlsx", names) == ""
