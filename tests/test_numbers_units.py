"""Numbers with unit words and marks are read exactly or refused; percent fields read what they ask for."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.adapters.excel import records
from toolkit.adapters.excel.read import read_workbook
from toolkit.core.budget import budget_lines
from toolkit.core.numbers import AmbiguousPercent, NotANumber, UnknownUnit, parse_number, parse_percent, read_number
from toolkit.workflows.validate import validate_file


# As the seeds and the staff write them (Drangedal's plan, seed 003; the 2019 split, seed 002).
@pytest.mark.parametrize(
    "text, expected",
    [
        ("500'", D(500_000)),
        ("500’", D(500_000)),
        ("175’", D(175_000)),
        ("2,5'", D(2_500)),
        ("4.000.000,-", D(4_000_000)),
        ("1.170.000,-", D(1_170_000)),
        ("1.170.000,–", D(1_170_000)),
        ("185.000,- *", D(185_000)),
        ("500.000*", D(500_000)),
        ("10.000*", D(10_000)),
        ("500 t.kr.", D(500_000)),
        ("36.792 t.kr.", D(36_792_000)),
        ("36.792 tkr.", D(36_792_000)),
        ("36.792 (1.000 kr.)", D(36_792_000)),
        ("36.792 t. kr.", D(36_792_000)),
        ("2,5 mio.", D(2_500_000)),
        ("2,5 mill.", D(2_500_000)),
        ("2,5 mill. kr", D(2_500_000)),
        ("1,2 mia.", D(1_200_000_000)),
        ("13,004205 mio. kr.", D(13_004_205)),
        ("MNOK 2,5", D(2_500_000)),
        ("500 kNOK", D(500_000)),
        ("kr. 4.000.000,-", D(4_000_000)),
        ("4.000.000 kr.", D(4_000_000)),
        ("NOK 1 170 000", D(1_170_000)),
        ("1\u00a0170\u00a0000 kr", D(1_170_000)),
        ("DKK 1.300", D(1300)),
        ("1.800", D(1800)),
        ("1'000", D(1000)),
    ],
)
def test_reader_converts_unit_words_and_marks_exactly(text, expected):
    assert parse_number(text) == expected
    assert str(parse_number(text)) == str(expected)  # no stray ".0" from the scale


@pytest.mark.parametrize(
    "text, unit",
    [
        ("48 t", "t"),
        ("500 k", "k"),
        ("2 m", "m"),
        ("500.000* (IN: 175’)", "* (IN: 175’)"),
        ("28 jobs", "jobs"),
        ("500 kr. DKK", "kr. DKK"),
    ],
)
def test_a_unit_that_cant_be_known_is_refused_and_named(text, unit):
    with pytest.raises(UnknownUnit) as exc:
        parse_number(text)
    assert exc.value.unit == unit


@pytest.mark.parametrize("text", ["1 5", "12 34", "1.000 000", "70 %", "ca. 50"])
def test_spaces_group_by_three_or_the_text_is_refused(text):
    with pytest.raises(NotANumber):
        parse_number(text)


@pytest.mark.parametrize(
    "text, currency", [("500 kr.", "kr"), ("DKK 1.300", "DKK"), ("2,5 MNOK", "NOK"), ("500", None), ("500 EUR", "EUR")]
)
def test_the_currency_written_is_kept_for_the_check(text, currency):
    assert read_number(text)[1] == currency


# Each notation as a function of a whole or two-decimal amount in kroner (Danish grouping '.', Norwegian ' ').
def _danish(n: D) -> str:
    whole, _, frac = f"{n:,.2f}".partition(".")
    return whole.replace(",", ".") + ("," + frac if frac != "00" else "")


def _short(x: D) -> str:
    """A scaled amount as typed before a unit: decimal comma, no trailing zeros, never an exponent."""
    text = f"{x:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")


def _whole(n: D) -> bool:
    return n == n.to_integral_value()


NOTATIONS = [
    lambda n: _danish(n),
    lambda n: _danish(n).replace(".", " "),
    lambda n: _danish(n) + " kr.",
    lambda n: "kr. " + _danish(n),
    lambda n: "DKK " + _danish(n),
    lambda n: _danish(n) + " NOK",
    lambda n: _danish(n) + (",-" if _whole(n) else ""),
    lambda n: _danish(n) + (",- *" if _whole(n) else " *"),
    lambda n: _short(n / 1000) + " t.kr.",
    lambda n: _short(n / 1000) + "'",
    lambda n: _short(n / 1000) + "’",
    lambda n: _short(n / 1000) + " tkr.",
    lambda n: _short(n / 10**6) + " mio.",
    lambda n: _short(n / 10**6) + " mill. kr",
    lambda n: _short(n / 10**9) + " mia.",
    lambda n: "MNOK " + _short(n / 10**6),
]


@given(cents=st.integers(min_value=0, max_value=10**14), notation=st.sampled_from(range(len(NOTATIONS))))
def test_any_amount_in_any_supported_notation_reads_back_exactly(cents, notation):
    amount = D(cents) / 100
    text = NOTATIONS[notation](amount)
    if re.fullmatch(r"(MNOK )?\d+,\d{3}\D*", text):  # "2,500 mio.": refused, see below
        return
    assert parse_number(text) == amount, text


@pytest.mark.parametrize("text", ["2,500 mio.", "841,235 t.kr.", "1,500'", "MNOK 61,898"])
def test_a_comma_before_three_digits_with_a_unit_is_refused(text):
    """Decimal comma (2,5 million) or English thousands (2 500 million)? A factor of 1000 apart: not guessed."""
    with pytest.raises(NotANumber):
        parse_number(text)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("70 %", D("0.7")),
        ("70%", D("0.7")),
        ("70 pct.", D("0.7")),
        ("70", D("0.7")),
        ("0,7", D("0.7")),
        (0.7, D("0.7")),
        (1, D(1)),
        ("100 %", D(1)),
        ("1 %", D("0.01")),
        ("0", D(0)),
    ],
)
def test_percent_rule(value, expected):
    assert parse_percent(value) == expected


@pytest.mark.parametrize("text", ["1", " 1 ", "1,0"])
def test_a_lone_1_typed_in_a_percent_field_is_not_guessed(text):
    with pytest.raises(AmbiguousPercent):
        parse_percent(text)


def test_drangedal_area_5_grant_with_the_thousands_mark_reads_650_000(make_workbook, seed, cfg):
    """Seed 003 as typed: 500' (Norwegian 500 000) beside ordinary amounts; was read as 500 (150 500 granted)."""
    form, tables = seed("plan")
    measures = [m for m in tables["tblMeasures"] if m["area_no"] != 5]
    measures += [
        {"area_no": 5, "letter": "F", "measure": "Næringsattraktivitet", "budget": "250.000", "granted": "150.000"},
        {"area_no": 5, "letter": "G", "measure": "Næringsvennlig kommune", "budget": "500.000*", "granted": "500'"},
    ]
    tables["tblMeasures"] = measures
    tables["tblFinancing"] = [
        {"source": "Telemark fylkeskommune", "share": "75%", "amount": "3.510.000,-"},
        {"source": "Drangedal kommune", "share": "25%", "amount": "1.170.000,-"},
        {"source": "Overføring (bundet fond)", "amount": "xxx"},
        {"source": "Refusjoner", "amount": "185.000,- *"},
    ]
    path = make_workbook("plan", form, tables, lang="nb", typed=True)
    doc = read_workbook(path)
    area5 = next(line for line in budget_lines(records.measures(doc)) if line.area_no == 5)
    assert (area5.budget, area5.granted, area5.remaining) == (D(750_000), D(650_000), D(100_000))
    assert [s.amount for s in records.financing(doc)] == [D(3_510_000), D(1_170_000), None, D(185_000)]
    report = validate_file(path, cfg)
    assert report.errors == 0, report.rows()


def test_an_amount_in_another_currency_is_refused(make_workbook, seed, cfg):
    form, tables = seed("plan")
    tables["tblFinancing"][1]["amount"] = "NOK 1.170.000"  # config: DKK
    report = validate_file(make_workbook("plan", form, tables, typed=True), cfg)
    assert [(f.sheet, f.cell, f.rule) for f in report.findings if f.severity == "error"] == [
        ("Finansiering", "C6", "type.currency")
    ]


def test_a_share_goal_accepts_what_the_instructions_ask_for(make_workbook, seed, cfg):
    """Contract goal 2 (seed 002): at least 70 % of firms; typed '70 %' as the instructions say."""
    form, tables = seed("contract")
    tables["tblGoals"][1].update(target="70 %", actual="72 %")
    report = validate_file(make_workbook("contract", form, tables, typed=True), cfg)
    assert [f for f in report.findings if f.severity == "error"] == []
    goal2 = records.goals(read_workbook(make_workbook("contract", form, tables, typed=True)))[1]
    assert (goal2.target, goal2.actual) == (D("0.7"), D("0.72"))


def test_a_bare_70_in_a_share_goal_says_how_to_type_it(make_workbook, seed, cfg):
    form, tables = seed("contract")
    tables["tblGoals"][1]["target"] = D(70)
    report = validate_file(make_workbook("contract", form, tables, typed=True), cfg)
    [finding] = [f for f in report.findings if f.rule == "range.share_measure"]
    assert "70 er 7.000 %" in finding.message.replace("\u00a0", " ") and "72 %" in finding.message


@pytest.mark.parametrize(
    "actual, rule",
    [
        (1e29, "range.max"),
        ("1" + "0" * 29, "range.max"),
        (1e308, "range.max"),
        (-1e308, "range.min"),
        (D(-5), "range.count_negative"),
    ],
)
def test_a_hostile_result_is_refused_at_its_cell_and_never_enters(make_workbook, seed, cfg, actual, rule):
    form, tables = seed("submission")
    tables["tblResults"][2]["actual"] = actual  # goal 5, a count
    path = make_workbook("submission", form, tables, municipality="Horsens", typed=True)
    report = validate_file(path, cfg)
    assert ("Resultater", "F7", rule) in {(f.sheet, f.cell, f.rule) for f in report.findings}
    goal5 = records.goals(read_workbook(path))[2]
    assert goal5.actual is None or goal5.actual == D(-5)


def test_every_numeric_field_declares_or_inherits_bounds():
    from toolkit.spec import NUMERIC, SPECS

    for spec in SPECS.values():
        for part in spec.parts:
            for f in part.fields:
                if f.type in NUMERIC:
                    low, high = f.bounds
                    assert -(10**12) <= low <= high <= 10**12, (spec.kind, f.key)
                    if f.key.startswith("jobs") or f.key in ("period_jobs_target", "limit_hours"):
                        assert low == 0 and high < 10**12, (spec.kind, f.key)
