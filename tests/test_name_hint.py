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


_NORWAY = ["Nord-Fron", "Sør-Fron", "Nord-Aurdal", "Nord-Odal", "Nordre Land", "Nore og Uvdal", "Fron", "Os", "Ås", "Å"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*_NORWAY, " ", "-", "_", "2024", "Indberetning", "Kommune 0005", "(Nord)", "0005"]), max_size=8
    ).map(" ".join)
)
def test_names_that_share_a_first_word_or_are_one_letter(file_name):
    # Names are tried by their rarest word: names that share words, or that are one letter, must all be tried.
    names = [*_NORWAY, *(f"Kommune {i:04d}" for i in range(1000)), "-Strandet", "-", "(Nord)"]
    assert name_hint(file_name, names) == _by_regex(file_name, names)


def test_a_name_that_starts_with_no_word_character_is_still_found():
    assert name_hint("plan (Nord) 2024.xlsx", ["(Nord)", "Nord-Fron"]) == "(Nord)"
    assert name_hint("Sør-Fron plan.xlsx", ["Fron", "Sør-Fron"]) == ""  # both are named: no hint
