"""The reader's fast paths for typing cells give what the general way gives, for every field and any value."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.adapters.excel import read
from toolkit.adapters.excel.read import _choice, _typed, _typed_any
from toolkit.core.numbers import PLACEHOLDERS
from toolkit.spec import SPECS, vocab
from toolkit.spec.fields import Field, FieldType

# One field per distinct way of typing, from every kind (formula, vocab and type are what matter).
FIELDS = list(
    {(f.type, f.vocab, bool(f.formula)): f for s in SPECS.values() for p in s.parts for f in p.fields}.values()
)
FIELDS += [
    Field("plain", "text"),
    Field("plain_number", "number"),
    Field("plain_choice", "choice", vocab="status"),
    *(
        Field(f"calc_{t.value}", t, vocab="status" if t == FieldType.CHOICE else None, formula="{x}")
        for t in (FieldType.TEXT, FieldType.CHOICE, FieldType.EMAIL, FieldType.DATE)
    ),
]
DROPDOWN = [text for name in vocab.names() for lang in ("da", "nb", "en") for text in vocab.choices(name, lang)]
TEXTS = [
    *PLACEHOLDERS,
    *read.ERROR_VALUES,
    *DROPDOWN,
    "",
    " ",
    "\n",
    "Odder",
    " 1.800 ",
    "70 %",
    "2023-05-31",
    "31.05.2023",
    "a\nb ",
    "x  y\tz",
    "Opfyldt for 2023",
    "opfyldt?",
    " XXX ",
    "#DIV/0! ",
    "1e3",
    "nan",
]
VALUES = [
    *TEXTS,
    None,
    0,
    1,
    -3,
    45000,
    0.0,
    0.5,
    1.0,
    1e20,
    -0.0,
    math.nan,
    math.inf,
    -math.inf,
    True,
    False,
    dt.date(2023, 5, 31),
    dt.datetime(2023, 5, 31, 12, 0),
    dt.time(12, 30),
    dt.timedelta(days=2),
]


def _same(f, raw):
    fast, general = _typed(f, raw, "Ark", "B5"), _typed_any(f, raw, "Ark", "B5")
    assert type(fast.value) is type(general.value) and fast == general, (f.key, raw)


@pytest.mark.parametrize("f", FIELDS, ids=lambda f: f"{f.type}-{f.vocab}-{bool(f.formula)}")
def test_fast_typing_equals_the_general_way_for_known_values(f):
    for raw in VALUES:
        _same(f, raw)


@settings(max_examples=300, deadline=None)
@given(
    f=st.sampled_from(FIELDS),
    raw=st.one_of(
        st.none(),
        st.text(),
        st.sampled_from(TEXTS).map(lambda s: f"  {s}\n "),
        st.floats(),
        st.integers(),
        st.booleans(),
        st.dates(),
        st.datetimes(),
    ),
)
def test_fast_typing_equals_the_general_way_for_any_value(f, raw):
    _same(f, raw)


@pytest.mark.parametrize("text", [*DROPDOWN, *TEXTS, "Opfyldt", "OPFYLDT 2023", "Tærskel", "ukendt"])
def test_remembered_dropdown_texts_are_what_vocab_parse_says(text):
    for name in vocab.names():
        assert _choice(name, text) is vocab.parse(name, text)
        assert _choice(name, text) is vocab.parse(name, text)  # the second answer comes from memory


def test_the_general_way_is_what_the_reader_used_for_a_text_field():
    """_typed_any must stay the reference: a text field gets its words joined, lines kept."""
    f = Field("note", FieldType.TEXT)
    assert _typed_any(f, " a  b\tc ", "S", "A1").value == "a b c"
    assert _typed_any(f, " a\n b ", "S", "A1").value == "a\n b"
    assert _typed_any(Field("n", FieldType.NUMBER), "xxx", "S", "A1").problem == "placeholder"
