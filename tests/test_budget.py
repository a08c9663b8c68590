from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.budget import (
    budget_lines,
    check_financing,
    over_committed,
    plan_total,
    still_to_pay,
    use_share,
)
from toolkit.core.model import BudgetLine, FinancingSource, FocusArea, Measure
from toolkit.i18n import LANGUAGES, format_value, t

AREAS = [
    FocusArea(1, "Matproduksjon"),
    FocusArea(2, "Opplevelsesnæring"),
    FocusArea(3, "Forretningsmessig tjenesteyting"),
    FocusArea(4, "Annet næringsliv"),
    FocusArea(5, "Næringsattraktivitet"),
    FocusArea(6, "Kultur og samfunn"),
]

# Drangedal 2024 (seed 003): areas 1-4 budget 500,000 each with nothing granted yet ("xxx"),
# area 5 750,000 / 650,000 and area 6 125,000 / 50,000, spread over lettered measures.
MEASURES = [
    *(Measure(a, "A", "Proaktivt arbeid", budget=D(500_000), granted=None) for a in (1, 2, 3, 4)),
    Measure(5, "A", "Bolyst", budget=D(450_000), granted=D(400_000)),
    Measure(5, "B", "Stedsutvikling", budget=D(300_000), granted=D(250_000)),
    Measure(6, "A", "Kultur", budget=D(75_000), granted=D(50_000)),
    Measure(6, "B", "Ungt entreprenørskap", budget=D(50_000), granted=None),
]


def test_drangedal_budget_per_focus_area_with_remaining_and_use():
    lines = budget_lines(MEASURES, AREAS)
    assert [(line.area_no, line.budget, line.granted, line.remaining) for line in lines] == [
        (1, 500_000, 0, 500_000),
        (2, 500_000, 0, 500_000),
        (3, 500_000, 0, 500_000),
        (4, 500_000, 0, 500_000),
        (5, 750_000, 650_000, 100_000),
        (6, 125_000, 50_000, 75_000),
    ]
    assert lines[4].area_name == "Næringsattraktivitet"
    assert use_share(lines[5]) == D("0.4")
    assert round(use_share(lines[4]), 4) == D("0.8667")


def test_plan_total_adds_up_the_focus_areas():
    total = plan_total(budget_lines(MEASURES, AREAS))
    assert (total.budget, total.granted, total.remaining) == (2_875_000, 700_000, 2_175_000)


def test_areas_without_measures_get_a_zero_line_and_zero_budget_has_no_use_share():
    lines = budget_lines([], [FocusArea(7, "Ny")])
    assert lines == [BudgetLine(7, "Ny", D(0), D(0))]
    assert use_share(lines[0]) is None


def test_over_commitment_lists_areas_granted_above_budget():
    lines = [
        BudgetLine(5, "x", D(750_000), D(650_000)),
        BudgetLine(6, "y", D(125_000), D(150_000)),
        BudgetLine(7, "z", D(100), D(100)),
    ]
    assert over_committed(lines) == [lines[1]]
    assert use_share(lines[1]) == D("1.2")  # not capped: over-commitment shows


DRANGEDAL_FINANCING = [
    FinancingSource("Telemark fylkeskommune", share=D("0.75"), amount=D(4_000_000), paid_share=D("0.75")),
    FinancingSource("Drangedal kommune", share=D("0.25"), amount=D(1_170_000), paid_share=D(1)),
    FinancingSource("Overføring (bundet fond)", amount=None),
    FinancingSource("Refusjoner", amount=D(185_000), paid_share=D(1)),
]


def test_county_pays_75_per_cent_now_and_the_rest_next_year():
    assert still_to_pay(DRANGEDAL_FINANCING[0]) == 1_000_000
    assert still_to_pay(FinancingSource("x", amount=D(400))) == 400  # nothing paid yet
    assert still_to_pay(DRANGEDAL_FINANCING[2]) is None


def test_drangedal_financing_shares_add_up_but_amounts_contradict_them():
    check = check_financing(DRANGEDAL_FINANCING)
    assert check.total == 5_355_000
    assert check.total_share == 1 and check.shares_add_up is True
    assert check.base == 5_170_000
    assert [m.source for m in check.mismatches] == ["Telemark fylkeskommune", "Drangedal kommune"]
    county = check.mismatches[0]
    assert round(county.implied_share, 3) == D("0.774") and county.expected_amount == 3_877_500
    assert check.missing == ["Overføring (bundet fond)"]
    assert check.still_to_pay == 1_000_000
    assert check.gap is None


def test_financing_against_costs_reports_the_gap_and_shares_not_adding_up():
    sources = [
        FinancingSource("Fylke", share=D("0.7"), amount=D(700)),
        FinancingSource("Kommune", share=D("0.2"), amount=D(200)),
    ]
    check = check_financing(sources, costs=D(1000))
    assert check.shares_add_up is False and check.gap == 100 and check.mismatches == []
    keys = [key for key, _ in check.issues()]
    assert keys == ["budget.shares_not_100", "budget.costs_not_covered"]
    assert "90%" in _say(*check.issues()[0], "en")
    assert "100" in _say(*check.issues()[1], "da")


def _say(key, params, lang):
    return t(key, lang, **{k: format_value(v, lang) for k, v in params.items()})


def test_rounded_display_shares_are_not_flagged_as_contradictions():
    eu = [
        FinancingSource("Region", share=D("0.36"), amount=D(4_702_674)),
        FinancingSource("Kommuner", share=D("0.36"), amount=D(4_702_674)),
        FinancingSource("AU", share=D("0.08"), amount=D(1_038_357)),
        FinancingSource("VIA", share=D("0.04"), amount=D(510_500)),
        FinancingSource("Projekter", share=D("0.12"), amount=D(1_550_000)),
        FinancingSource("Konsulenter", share=D("0.04"), amount=D(500_000)),
    ]
    check = check_financing(eu, costs=D(13_004_205))
    assert check.mismatches == [] and check.shares_add_up and check.gap == 0 and check.issues() == []


@pytest.mark.parametrize(
    "lang, county",
    [
        ("da", "andelen 75 % passer ikke med beløbet 4.000.000, som er 77,4 % af 5.170.000"),
        ("nb", "andelen 75 % stemmer ikke med beløpet 4\u00a0000\u00a0000, som er 77,4 % av 5\u00a0170\u00a0000"),
        ("en", "the share 75% does not agree with the amount 4,000,000, which is 77.4% of 5,170,000"),
    ],
)
def test_drangedal_share_warning_writes_numbers_as_the_language_does(lang, county):
    issues = check_financing(DRANGEDAL_FINANCING).issues()
    texts = [_say(key, params, lang) for key, params in issues]
    assert county in texts[0]
    assert "22,6" in texts[1] if lang != "en" else "22.6%" in texts[1]


def test_drangedal_issues_read_in_every_language():
    for key, params in check_financing(DRANGEDAL_FINANCING).issues():
        for lang in LANGUAGES:
            text = t(key, lang, **params)
            assert "{" not in text and ("Telemark" in text or "Drangedal" in text)


@given(st.lists(st.tuples(st.integers(1, 6), st.integers(0, 10**7), st.integers(0, 10**7)), max_size=30))
def test_plan_total_equals_the_sum_of_measures_and_remaining_is_budget_minus_granted(rows):
    measures = [Measure(a, "A", "m", budget=D(b), granted=D(g)) for a, b, g in rows]
    lines = budget_lines(measures)
    total = plan_total(lines)
    assert total.budget == sum(b for _, b, _ in rows) and total.granted == sum(g for _, _, g in rows)
    assert all(line.remaining == line.budget - line.granted for line in lines)
    assert over_committed(lines) == [line for line in lines if line.remaining < 0]
