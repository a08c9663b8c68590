import math
import random
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.costsplit import allocate, by_shares, by_staff_years, display_shares, explain
from toolkit.data.midtjylland import BASE_GRANT_2019, BILLING_PERIODS, POPULATION_2018, PUBLISHED_2019
from toolkit.errors import SplitError
from toolkit.i18n import LANGUAGES

keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=6)
weights = st.dictionaries(keys, st.integers(0, 10**6), min_size=1, max_size=25).filter(lambda w: any(w.values()))
units = st.sampled_from([D(1), D(1000), D("0.01"), D(5)])


@given(weights, st.integers(0, 10**7), units, st.sampled_from([1, 4, 12]))
def test_split_keeps_the_total_exact_in_whole_units_and_never_negative(w, n, unit, periods):
    total = n * unit * periods
    result = allocate(total, w, unit, periods=periods)
    assert sum(result.values()) == total
    assert list(result) == list(w)
    for amount in result.values():
        assert amount >= 0
        assert amount % (unit * periods) == 0


@given(weights, st.integers(0, 10**6), st.randoms(use_true_random=False))
def test_split_does_not_depend_on_the_order_of_keys(w, total, rnd):
    items = list(w.items())
    rnd.shuffle(items)
    assert allocate(total, items) == allocate(total, w)


@given(weights, st.integers(0, 10**6), st.integers(1, 50))
def test_proportional_weights_give_proportional_amounts_within_one_unit(w, total, factor):
    result = allocate(total, w)
    weight_sum = sum(w.values())
    for key, amount in result.items():
        assert abs(Fraction(amount) - Fraction(total * w[key], weight_sum)) < 1
    assert allocate(total, {k: v * factor for k, v in w.items()}) == result


@given(weights)
def test_display_shares_add_up_to_exactly_100_per_cent(w):
    for decimals in (0, 1):
        shares = display_shares(w, decimals)
        assert sum(shares.values()) == 1
        assert all(s % D(1).scaleb(-2 - decimals) == 0 for s in shares.values())


def test_midtjylland_base_grant_from_real_populations_reproduces_the_published_table():
    result = allocate(BASE_GRANT_2019, POPULATION_2018, periods=BILLING_PERIODS)
    assert result == {k: D(v) for k, v in PUBLISHED_2019.items()}
    assert sum(result.values()) == 36792
    assert all(v % 12 == 0 for v in result.values())


def test_midtjylland_population_sum_is_the_region_total_on_1_january_2018():
    assert len(POPULATION_2018) == 19
    assert sum(POPULATION_2018.values()) == 1_313_596


def test_midtjylland_table_needs_the_remainder_rule_not_plain_rounding():
    # Rounded on its own, Aarhus's 794.56 thousand a month would be 795 and the total 12 too high.
    rows = {e.key: e for e in explain(BASE_GRANT_2019, POPULATION_2018, periods=BILLING_PERIODS)}
    aarhus = rows["Aarhus"]
    assert round(aarhus.exact / 12) == 795 and aarhus.units_added == 0 and aarhus.amount == 9528
    assert sum(round(e.exact / 12) for e in rows.values()) == 3067
    assert sum(e.units_added for e in rows.values()) == 9
    assert rows["Lemvig"].rounded_down == 552 and rows["Lemvig"].units_added == 1 and rows["Lemvig"].amount == 564


def test_midtjylland_split_without_monthly_billing_differs_from_the_table_but_stays_close():
    yearly = allocate(BASE_GRANT_2019, POPULATION_2018)
    assert sum(yearly.values()) == 36792
    assert yearly != {k: D(v) for k, v in PUBLISHED_2019.items()}
    assert all(abs(yearly[k] - PUBLISHED_2019[k]) < 12 for k in yearly)


def test_explain_shows_weight_exact_share_unrounded_amount_and_units_added():
    rows = explain(10, {"a": 1, "b": 1, "c": 1})
    assert [r.share for r in rows] == [Fraction(1, 3)] * 3
    assert [r.exact for r in rows] == [Fraction(10, 3)] * 3
    assert [r.rounded_down for r in rows] == [3, 3, 3]
    assert [r.units_added for r in rows] == [1, 0, 0]  # equal remainders and weights: "a" sorts first
    assert [r.amount for r in rows] == [4, 3, 3]
    assert rows[0].weight == D(1)


def test_ties_go_to_the_larger_weight_then_to_the_key_that_sorts_first():
    # 1 unit over weights 1 and 3 with total 2: quotas 0.5 and 1.5, equal remainders -> larger weight.
    assert allocate(2, {"small": 1, "large": 3}) == {"small": 0, "large": 2}
    assert allocate(1, {"b": 1, "a": 1}) == {"b": 0, "a": 1}


def test_zero_weights_get_nothing_and_a_negative_total_is_mirrored():
    assert allocate(7, {"a": 0, "b": 2, "c": 1}) == {"a": 0, "b": 5, "c": 2}
    assert allocate(-7, {"a": 0, "b": 2, "c": 1}) == {"a": 0, "b": -5, "c": -2}


def test_weights_may_be_decimals_fractions_or_finite_floats():
    assert allocate(100, {"a": 5.3, "b": D("4.7")}) == {"a": 53, "b": 47}
    assert allocate(3, [("a", Fraction(1, 3)), ("b", Fraction(2, 3))]) == {"a": 1, "b": 2}


def test_eu_office_display_shares_are_the_published_percentages():
    amounts = {
        "Region Midtjylland": 4_702_674,
        "Kommuner": 4_702_674,
        "Aarhus Universitet": 1_038_357,
        "VIA": 510_500,
        "Projektindtægter": 1_550_000,
        "Konsulenthonorarer": 500_000,
    }
    assert sum(amounts.values()) == 13_004_205
    shares = display_shares(amounts)
    assert [s * 100 for s in shares.values()] == [36, 36, 8, 4, 12, 4]


def test_display_shares_stay_at_100_where_plain_rounding_would_not():
    thirds = display_shares({"a": 1, "b": 1, "c": 1})
    assert sum(round(Fraction(100, 3)) for _ in range(3)) == 99
    assert [s * 100 for s in thirds.values()] == [34, 33, 33]
    assert display_shares({"a": 1, "b": 2}, decimals=1) == {"a": D("0.333"), "b": D("0.667")}


def test_eu_office_staff_years_cost_12_760_000():
    fte = {
        "Region Midtjylland": D("5.3"),
        "Region Midtjylland kultur": D("1.1"),
        "Kommuner erhverv": D("2.5"),
        "Kommuner øvrige opgaver": D("2.8"),
        "Aarhus Universitet": D("1.2"),
        "VIA": D("0.6"),
        "Projekter": D("1.0"),
    }
    assert sum(fte.values()) == D("14.5")
    cost = by_staff_years(fte, 880_000)
    assert cost == {
        "Region Midtjylland": 4_664_000,
        "Region Midtjylland kultur": 968_000,
        "Kommuner erhverv": 2_200_000,
        "Kommuner øvrige opgaver": 2_464_000,
        "Aarhus Universitet": 1_056_000,
        "VIA": 528_000,
        "Projekter": 880_000,
    }
    assert sum(cost.values()) == 12_760_000 == D("14.5") * 880_000


def test_by_shares_splits_fixed_percentages_exactly():
    assert by_shares(4_000, {"county": D("0.75"), "municipality": D("0.25")}) == {"county": 3000, "municipality": 1000}
    assert sum(by_shares(1001, {"a": D("0.5"), "b": D("0.5")}).values()) == 1001


@pytest.mark.parametrize("shares", [{"a": D("0.75"), "b": D("0.2")}, {"a": D("0.75"), "b": D("0.3")}])
def test_by_shares_refuses_shares_that_do_not_add_up_to_100_per_cent(shares):
    with pytest.raises(SplitError) as err:
        by_shares(100, shares)
    assert err.value.key == "split.shares_not_100"
    assert f"{(sum(shares.values()) * 100).normalize():f} %" in err.value.message("en")


@pytest.mark.parametrize(
    "total, w, unit, periods, key",
    [
        (36791, {"a": 1}, 1, 12, "split.total_not_multiple"),
        (1500, {"a": 1}, 1000, 1, "split.total_not_multiple"),
        (D("10.5"), {"a": 1}, 1, 1, "split.total_not_multiple"),
        (10, {}, 1, 1, "split.no_weights"),
        (10, [], 1, 1, "split.no_weights"),
        (10, {"a": -1, "b": 2}, 1, 1, "split.negative_weight"),
        (10, {"a": float("nan")}, 1, 1, "split.bad_weight"),
        (10, {"a": float("inf")}, 1, 1, "split.bad_weight"),
        (10, {"a": D("NaN")}, 1, 1, "split.bad_weight"),
        (10, {"a": True}, 1, 1, "split.bad_weight"),
        (10, {"a": "12"}, 1, 1, "split.bad_weight"),
        (10, {"a": None}, 1, 1, "split.bad_weight"),
        (10, {"a": 0, "b": 0}, 1, 1, "split.all_zero"),
        (10, [("a", 1), ("a", 2)], 1, 1, "split.duplicate_key"),
        ("10", {"a": 1}, 1, 1, "split.bad_total"),
        (float("nan"), {"a": 1}, 1, 1, "split.bad_total"),
        (10, {"a": 1}, 0, 1, "split.bad_unit"),
        (10, {"a": 1}, Fraction(1, 3), 1, "split.bad_unit"),
        (12, {"a": 1}, 1, 0, "split.bad_periods"),
        (12, {"a": 1}, 1, 1.5, "split.bad_periods"),
    ],
)
def test_split_refuses_unusable_input_with_a_clear_error(total, w, unit, periods, key):
    with pytest.raises(SplitError) as err:
        allocate(total, w, unit, periods=periods)
    assert err.value.key == key
    for lang in LANGUAGES:
        text = err.value.message(lang)
        assert "{" not in text and text != key


def test_total_not_multiple_message_says_what_to_do():
    with pytest.raises(SplitError) as err:
        allocate(36791, {"a": 1}, periods=12)
    assert "36791" in err.value.message("en") and "multiple of 12" in err.value.message("en")
    assert "multiplum af 12" in err.value.message("da")


def test_a_large_random_split_is_fast_and_exact():
    rnd = random.Random(7)
    w = {f"k{i}": rnd.randint(0, 10**9) for i in range(5000)}
    result = allocate(12 * 10**11, w, periods=12)
    assert sum(result.values()) == 12 * 10**11
    assert math.isclose(float(result["k0"]), 12 * 10**11 * w["k0"] / sum(w.values()), abs_tol=12)
