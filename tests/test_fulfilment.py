from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.fulfilment import (
    JobProgress,
    derive_status,
    goal_fulfilment,
    jobs_progress,
    ratio,
    rollup,
    status_counts,
)
from toolkit.core.model import Category, Goal, GoalResult, JobTarget, Status
from toolkit.core.model import MeasureType as M


def goal(measure, target, actual, **kw):
    return Goal(no="1", category=Category.NATIONAL, title="t", measure_type=measure, target=target, actual=actual, **kw)


@pytest.mark.parametrize(
    "measure, target, actual, expected",
    [
        (M.THRESHOLD, D(60), D(66), D(1)),  # NPS at least 60: 66 -> achieved, capped
        (M.THRESHOLD, D(60), D(45), D("0.75")),
        (M.SHARE, D("0.7"), D("0.63"), D("0.9")),  # at least 70 % of firms: 63 % reported
        (M.COUNT, D(1800), D(1350), D("0.75")),  # 1,800 sessions
        (M.CHECKLIST, D(4), D(3), D("0.75")),  # three of the four efforts
        (M.MILESTONE, D(1), D(1), D(1)),
        (M.MILESTONE, D(1), D(0), D(0)),
        (M.SERVICE_LEVEL, D("0.9"), D("0.81"), D("0.9")),  # 81 % within 48 hours against 90 %
    ],
)
def test_fulfilment_is_actual_over_target_for_every_measure_type(measure, target, actual, expected):
    assert goal_fulfilment(goal(measure, target, actual, limit_hours=D(48))) == expected


def test_fulfilment_is_capped_at_1_and_floored_at_0():
    assert goal_fulfilment(goal(M.COUNT, D(1800), D(2500))) == 1
    assert goal_fulfilment(goal(M.THRESHOLD, D(60), D(-12))) == 0


@pytest.mark.parametrize("target, actual", [(D(1800), None), (None, D(3)), (D(0), D(5)), (None, None)])
def test_fulfilment_is_none_when_not_reported_or_target_is_zero_or_missing(target, actual):
    assert goal_fulfilment(goal(M.COUNT, target, actual)) is None


@given(st.decimals(-(10**6), 10**6, places=2), st.decimals(-100, 10**6, places=2))
def test_fulfilment_matches_the_excel_rule_max_0_min_1_actual_over_target(actual, target):
    result = ratio(actual, target)
    if target == 0:
        assert result is None
    else:
        assert result == max(D(0), min(D(1), actual / target))
        assert 0 <= result <= 1


@pytest.mark.parametrize(
    "fulfilment, reported, status",
    [
        (D(1), None, Status.ACHIEVED),
        (D("0.5"), None, Status.PARTLY),
        (D("0.999"), None, Status.PARTLY),
        (D(0), None, Status.NOT_ACHIEVED),
        (None, None, Status.NOT_REPORTED),
        (None, Status.EXPECTED, Status.EXPECTED),
        (None, "Forventes opfyldt for 2023", Status.EXPECTED),
        (None, Status.ACHIEVED, Status.NOT_REPORTED),  # a claim without a figure cannot be checked
        (D("0.5"), Status.EXPECTED, Status.PARTLY),  # a figure decides over a forecast
        (D(1), Status.NOT_ACHIEVED, Status.ACHIEVED),
    ],
)
def test_status_follows_from_fulfilment_and_only_expected_survives_without_a_figure(fulfilment, reported, status):
    assert derive_status(fulfilment, reported) is status


def result(no, category, fulfilment, municipality=None, target=D(1)):
    return GoalResult(
        goal_no=no,
        title=no,
        category=category,
        measure_type=M.COUNT,
        target=target,
        actual=None,
        fulfilment=fulfilment,
        status=derive_status(fulfilment),
        municipality=municipality,
    )


def test_rollup_gives_the_unweighted_mean_fulfilment_per_category():
    results = [
        result("1", Category.NATIONAL, D(1)),
        result("2", Category.NATIONAL, D("0.5")),
        result("5", Category.COMMON, D("0.75")),
        result("6", Category.COMMON, None),
        result("9", Category.REGIONAL, None),
    ]
    assert rollup(results) == {Category.NATIONAL: D("0.75"), Category.COMMON: D("0.75"), Category.REGIONAL: None}


def test_rollup_weighted_by_target_lets_bigger_targets_count_more():
    results = [
        result("5", Category.COMMON, D(1), "Aarhus", target=D(300)),
        result("5", Category.COMMON, D("0.5"), "Samsø", target=D(100)),
    ]
    assert rollup(results, by="goal_no") == {"5": D("0.75")}
    assert rollup(results, by="goal_no", weighted=True) == {"5": D("0.875")}
    assert rollup(results, by="municipality") == {"Aarhus": D(1), "Samsø": D("0.5")}


def test_rollup_refuses_an_unknown_grouping():
    with pytest.raises(ValueError):
        rollup([], by="colour")


def test_status_counts_include_every_status_with_zeros():
    counts = status_counts([Status.ACHIEVED, Status.ACHIEVED, "Delvist opfyldt", None, "måske"])
    assert list(counts) == list(Status)
    assert counts == {
        Status.ACHIEVED: 2,
        Status.EXPECTED: 0,
        Status.PARTLY: 1,
        Status.NOT_ACHIEVED: 0,
        Status.NOT_REPORTED: 2,
    }
    assert status_counts([]) == {s: 0 for s in Status}


DRANGEDAL_2024 = [
    JobTarget(1, 2024, 4),
    JobTarget(2, 2024, 4),
    JobTarget(3, 2024, 8),
    JobTarget(4, 2024, 12),
    JobTarget(5, 2024, None),
    JobTarget(6, 2024, None),
]


def test_drangedal_2024_job_target_is_4_4_8_12_making_28_and_150_over_the_period():
    progress = jobs_progress(DRANGEDAL_2024, period=(2022, 2027), period_target=150)
    assert {a: p.target for a, p in progress.years[2024].by_area.items()} == {1: 4, 2: 4, 3: 8, 4: 12, 5: None, 6: None}
    assert progress.years[2024].total.target == 28 and progress.by_year[2024].target == 28
    assert progress.period.target == 150
    assert progress.period.achieved is None and progress.period.remaining == 150


def test_a_years_results_are_compared_with_that_years_targets_only():
    rows = [*DRANGEDAL_2024, JobTarget(1, 2024, achieved=6), JobTarget(4, 2023, 10, 9), JobTarget(4, 2028, 5, 5)]
    progress = jobs_progress(rows, period=(2022, 2027), period_target=150)
    assert progress.years[2023].by_area == {4: JobProgress(10, 9)}
    assert progress.years[2024].by_area[4] == JobProgress(12, None)  # not 22 against 2023's 9
    assert progress.years[2024].by_area[1] == JobProgress(4, 6)
    assert progress.years[2024].by_area[1].fulfilment == 1 and progress.years[2024].by_area[1].remaining == 0
    assert progress.by_year == {2023: JobProgress(10, 9), 2024: JobProgress(28, 6)}
    assert progress.period == JobProgress(150, 15)  # 2028 is outside the period
    assert progress.period.remaining == 135 and progress.period.fulfilment == D("0.1")


def test_without_a_period_target_the_period_has_none_and_the_years_keep_theirs():
    rows = [*DRANGEDAL_2024, JobTarget(4, 2023, 10, 9)]
    progress = jobs_progress(rows)
    assert progress.period == JobProgress(None, 9) and progress.period.fulfilment is None
    assert progress.by_year == {2023: JobProgress(10, 9), 2024: JobProgress(28, None)}


_job_rows = st.lists(
    st.builds(
        JobTarget,
        area_no=st.integers(1, 6),
        year=st.integers(2020, 2030),
        target=st.none() | st.integers(0, 500),
        achieved=st.none() | st.integers(0, 500),
    ),
    max_size=40,
)


@given(_job_rows, st.none() | st.integers(0, 1000))
def test_per_year_totals_add_up_to_the_all_years_sum(rows, period_target):
    progress = jobs_progress(rows, period=(2022, 2027), period_target=period_target)
    counted = [r for r in rows if 2022 <= r.year <= 2027]
    achieved = [r.achieved for r in counted if r.achieved is not None]
    assert progress.period.achieved == (sum(achieved) if achieved else None)
    assert sum(p.achieved or 0 for p in progress.by_year.values()) == sum(achieved)
    targets = [r.target for r in counted if r.target is not None]
    assert sum(p.target or 0 for p in progress.by_year.values()) == sum(targets)
    assert progress.period.target == period_target
    for year in progress.years.values():
        assert sum(p.target or 0 for p in year.by_area.values()) == (year.total.target or 0)
        assert sum(p.achieved or 0 for p in year.by_area.values()) == (year.total.achieved or 0)
