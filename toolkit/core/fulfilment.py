"""Goal fulfilment, the status it implies, roll-ups per group and progress on job targets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from toolkit.core.model import Goal, GoalResult, JobTarget, Status
from toolkit.core.status import normalise_status

_ONE = Decimal(1)
_ZERO = Decimal(0)


def ratio(actual: Decimal | int | None, target: Decimal | int | None) -> Decimal | None:
    """actual / target capped to 0..1; None when either is missing or the target is 0.

    The workbooks compute the same with ``MAX(0,MIN(1,actual/target))``
    (toolkit.spec.formulas "fulfilment"), and the two must not differ, so a
    negative target (possible for an NPS) is not special-cased here either,
    although a ratio to it means little.
    """
    if actual is None or target is None:
        return None
    actual, target = Decimal(actual), Decimal(target)
    if target == 0:
        return None
    return max(_ZERO, min(_ONE, actual / target))


def goal_fulfilment(goal: Goal) -> Decimal | None:
    """The goal's fulfilment as a fraction 0..1 (0.7 = 70 %), or None when it is not reported.

    One rule for every measure type, actual / target:
    threshold (NPS 66 against at least 60), share (0.65 against 0.70), count
    (1,500 of 1,800 sessions), checklist (3 of 4 efforts), milestone (actual 1
    or 0 against target 1) and service level (the share of cases within
    ``limit_hours`` against the target share). The result is capped at 1 -
    doing more than the goal does not make up for another goal - and floored
    at 0 (an NPS can be negative). Missing actual, or a target missing or 0,
    gives None. The workbook's live formula is ``MAX(0,MIN(1,actual/target))``.
    """
    return ratio(goal.actual, goal.target)


def derive_status(fulfilment: Decimal | None, reported_status: Status | str | None = None) -> Status:
    """The status a fulfilment implies: 1 achieved, between 0 and 1 partly, 0 not achieved.

    The figure decides whenever there is one, whatever was reported. Without a
    figure the goal is not reported - unless the reporter wrote "expected": a
    forecast has no figure yet, so it is kept. Any other reported status
    without a figure (e.g. "achieved") cannot be checked and counts as not
    reported. ``reported_status`` may be free text (see normalise_status).
    """
    reported = normalise_status(reported_status) if reported_status is not None else None
    if fulfilment is None:
        return Status.EXPECTED if reported is Status.EXPECTED else Status.NOT_REPORTED
    if fulfilment >= 1:
        return Status.ACHIEVED
    if fulfilment <= 0:
        return Status.NOT_ACHIEVED
    return Status.PARTLY


_GROUPS = ("category", "municipality", "measure_type", "goal_no", "status")


def rollup(results: Iterable[GoalResult], by: str = "category", weighted: bool = False) -> dict[object, Decimal | None]:
    """Mean fulfilment per group (category, municipality, measure_type, goal_no or status).

    Unweighted by default: every goal counts the same, because the contract
    states its goals one by one and each is fulfilled or not on its own; a big
    count goal must not drown a milestone. ``weighted=True`` weights each goal
    by its target instead, which is only meaningful when the goals of a group
    share a unit (e.g. one count goal across municipalities). Goals without a
    fulfilment are left out of the mean; a group with none gives None. Groups
    keep the order in which they first appear.
    """
    if by not in _GROUPS:
        raise ValueError(f"rollup by {by!r}: use one of {', '.join(_GROUPS)}")
    sums: dict[object, list[Decimal]] = {}
    for r in results:
        acc = sums.setdefault(getattr(r, by), [_ZERO, _ZERO])
        if r.fulfilment is None:
            continue
        w = Decimal(r.target) if weighted and r.target is not None else (_ZERO if weighted else _ONE)
        acc[0] += Decimal(r.fulfilment) * w
        acc[1] += w
    return {group: (s / n if n else None) for group, (s, n) in sums.items()}


def status_counts(statuses: Iterable[Status | str | None]) -> dict[Status, int]:
    """How many of each status, every status present (zero counts included), in Status order.

    Text is read with normalise_status; a missing or unrecognisable status
    counts as not reported, since nothing usable was reported.
    """
    counts = {s: 0 for s in Status}
    for s in statuses:
        counts[normalise_status(s) or Status.NOT_REPORTED] += 1
    return counts


@dataclass(frozen=True)
class JobProgress:
    """Jobs targeted and achieved (gross: jobs created and later lost still count)."""

    target: int | None
    achieved: int | None

    @property
    def remaining(self) -> int | None:
        """Jobs still to create to reach the target (0 once it is reached)."""
        if self.target is None:
            return None
        return max(0, self.target - (self.achieved or 0))

    @property
    def fulfilment(self) -> Decimal | None:
        return ratio(self.achieved, self.target)


@dataclass(frozen=True)
class YearJobs:
    """One year's job targets and results: per focus area, and the year's total (Drangedal 2024: 28)."""

    by_area: dict[int, JobProgress] = field(default_factory=dict)
    total: JobProgress = JobProgress(None, None)


@dataclass(frozen=True)
class JobsProgress:
    """Jobs per year (per area and in total) and over the programme period, kept apart.

    A year's results are only ever compared with that year's targets; the
    period compares every year's results with the period's own target (150
    over 2022-2027), never with the sum of the yearly targets known so far.
    """

    years: dict[int, YearJobs] = field(default_factory=dict)
    period: JobProgress = JobProgress(None, None)

    @property
    def by_year(self) -> dict[int, JobProgress]:
        """Each year's total, in year order (read-only)."""
        return {y: yj.total for y, yj in self.years.items()}


def _sum(values: list[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _progress(rows: list[JobTarget]) -> JobProgress:
    return JobProgress(_sum([r.target for r in rows]), _sum([r.achieved for r in rows]))


def jobs_progress(
    job_targets: Iterable[JobTarget], *, period: tuple[int, int] | None = None, period_target: int | None = None
) -> JobsProgress:
    """Job targets and results per year (per focus area and the year's total) and for the programme period.

    ``period`` (first, last year) limits what is counted. ``period_target`` is
    the programme's own target for the whole period (Drangedal: 150 over
    2022-2027); the period's result is every counted year's results added up
    (jobs count gross). Without a ``period_target`` the period has no target:
    the yearly targets known so far are not the period's. Areas with no job
    target (Drangedal's areas 5 and 6) have target None.
    """
    rows = [r for r in job_targets if period is None or period[0] <= r.year <= period[1]]
    years = {}
    for y in sorted({r.year for r in rows}):
        in_year = [r for r in rows if r.year == y]
        years[y] = YearJobs(
            by_area={
                a: _progress([r for r in in_year if r.area_no == a]) for a in sorted({r.area_no for r in in_year})
            },
            total=_progress(in_year),
        )
    return JobsProgress(years=years, period=JobProgress(period_target, _sum([r.achieved for r in rows])))
