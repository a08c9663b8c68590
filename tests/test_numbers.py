import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.numbers import NotADate, NotANumber, is_placeholder, parse_date, parse_number, parse_percent


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.800", D(1800)),
        ("1800", D(1800)),
        ("1,5", D("1.5")),
        ("4 000 000", D(4000000)),
        ("4\u00a0000\u00a0000", D(4000000)),
        ("36.792", D(36792)),
        (" 12 ", D(12)),
        ("1.234.567,89", D("1234567.89")),
        ("1,800.50", D("1800.50")),
        ("-3", D(-3)),
        ("0,75", D("0.75")),
        ("500.000 kr.", D(500000)),
        ("DKK 1.300", D(1300)),
    ],
)
def test_reader_accepts_danish_and_norwegian_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["ca. 50", "1.80.0", "abc", "", "12,34,5", "1..2"])
def test_reader_refuses_what_is_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_number(text)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("70 %", D("0.7")),
        ("70%", D("0.7")),
        ("70", D("0.7")),
        (0.7, D("0.7")),
        ("12,5 %", D("0.125")),
        ("100 pct.", D(1)),
    ],
)
def test_percent_reads_text_as_per_cent_and_cells_as_fractions(value, expected):
    assert parse_percent(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("21. marts 2023", dt.date(2023, 3, 21)),
        ("31.05.2023", dt.date(2023, 5, 31)),
        ("2023-05-31", dt.date(2023, 5, 31)),
        ("5. februar 2021", dt.date(2021, 2, 5)),
        ("1. mai 2024", dt.date(2024, 5, 1)),
        ("5 February 2021", dt.date(2021, 2, 5)),
        ("31-05-2023", dt.date(2023, 5, 31)),
        ("20.12.22", dt.date(2022, 12, 20)),
    ],
)
def test_reader_accepts_dates_typed_as_text(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2023", "Løbende driftsopgave", "marts", "2023"])
def test_reader_refuses_what_is_not_a_date(text):
    with pytest.raises(NotADate):
        parse_date(text)


@pytest.mark.parametrize("text", ["xxx", "XXX", " xx ", "-", "?"])
def test_placeholders_are_recognised(text):
    assert is_placeholder(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_any_whole_number_written_danish_style_reads_back(n):
    danish = f"{n:,}".replace(",", ".")
    norwegian = f"{n:,}".replace(",", " ")
    assert parse_number(danish) == n
    assert parse_number(norwegian) == n
