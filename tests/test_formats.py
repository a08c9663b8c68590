"""Numbers, percentages and dates as each language writes them (CLDR, through Babel)."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.numbers import parse_date, parse_number
from toolkit.i18n import LANGUAGES, format_date, format_number, format_percent, month_names


@pytest.mark.parametrize(
    "lang, number, date",
    [
        ("da", "1.800,5", "21. marts 2023"),
        ("nb", "1\u00a0800,5", "21. mars 2023"),  # CLDR's Norwegian thousands mark is a no-break space
        ("en", "1,800.5", "21 March 2023"),
    ],
)
def test_numbers_and_dates_are_written_as_each_language_writes_them(lang, number, date):
    assert format_number(D("1800.5"), lang, 1) == number
    assert format_date(dt.date(2023, 3, 21), lang) == date


def test_percentages_keep_their_no_break_space_in_danish_and_norwegian():
    assert [format_percent(D("0.7"), lang) for lang in LANGUAGES] == ["70\u00a0%", "70\u00a0%", "70%"]
    assert format_percent(D("0.7055"), "da", 1) == "70,6\u00a0%"


def test_rounding_is_half_up_and_never_shows_minus_zero():
    assert format_number(D("2.5"), "da") == "3" and format_number(D("-2.5"), "da") == "-3"
    assert format_number(D("-0.4"), "nb") == "0"
    assert format_number(36792000, "da") == "36.792.000"


def test_month_names_come_from_cldr():
    assert month_names("da")[2] == "marts" and month_names("nb")[11] == "desember" and month_names("en")[0] == "January"


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(LANGUAGES),
)
def test_a_formatted_number_reads_back_as_the_same_number(value, lang):
    assert parse_number(format_number(value, lang, 2)) == value


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)), st.sampled_from(LANGUAGES))
def test_a_formatted_date_reads_back_as_the_same_date(value, lang):
    assert parse_date(format_date(value, lang)) == value


def test_importing_the_formats_loads_no_babel_until_something_is_formatted():
    code = "import sys, toolkit.i18n, toolkit.core.numbers; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
