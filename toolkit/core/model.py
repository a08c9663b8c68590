"""Plain domain records shared by computations, validation, consolidation and the deck.

Money and counts are Decimal (never float); shares and fulfilment are Decimal
fractions (0.7 means 70 %), the way Excel stores a percentage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class Status(str, Enum):
    """The four meanings of a reported status, plus not reported."""

    ACHIEVED = "achieved"
    EXPECTED = "expected"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"
    NOT_REPORTED = "not_reported"


class Category(str, Enum):
    NATIONAL = "national"
    COMMON = "common"
    REGIONAL = "regional"


class MeasureType(str, Enum):
    THRESHOLD = "threshold"  # e.g. NPS at least 60
    SHARE = "share"  # e.g. at least 70 % of firms
    COUNT = "count"  # e.g. 1,800 sessions, with sub-targets
    CHECKLIST = "checklist"  # k of n efforts done
    MILESTONE = "milestone"  # a deliverable done (1) or not (0)
    SERVICE_LEVEL = "service_level"  # share of cases within a limit in hours


@dataclass
class SubTarget:
    goal_no: str
    label: str
    target: Decimal | None = None
    actual: Decimal | None = None


@dataclass
class Goal:
    """A contract goal and, once reported, its result."""

    no: str
    category: Category | None
    title: str
    measure_type: MeasureType | None
    target: Decimal | None = None
    unit: str = ""
    limit_hours: Decimal | None = None
    goal_text: str = ""
    method: str = ""
    rationale: str = ""
    reporting: str = ""
    actual: Decimal | None = None
    evidence: str = ""
    result_date: dt.date | None = None
    status: Status | None = None
    sub_targets: list[SubTarget] = field(default_factory=list)


@dataclass
class ReportRow:
    """One row of a fulfilment report (afrapporteringsskema)."""

    sub_goal: str
    goal_text: str
    met_by: str = ""
    when: str = ""
    status_text: str = ""
    status: Status | None = None


@dataclass
class Measure:
    """A measure (tiltak) of an action plan's focus area."""

    area_no: int
    letter: str
    name: str
    sub_goal: str = ""
    budget: Decimal | None = None
    granted: Decimal | None = None


@dataclass
class FocusArea:
    no: int
    name: str
    description: str = ""
    effect_goal: str = ""
    result_goal: str = ""


@dataclass
class JobTarget:
    area_no: int
    year: int
    target: int | None = None
    achieved: int | None = None


@dataclass
class JobsPeriod:
    """An action plan's programme period and its own jobs target (Drangedal: 150 over 2022-2027)."""

    first: int
    last: int
    target: int | None = None


@dataclass
class FinancingSource:
    name: str
    share: Decimal | None = None  # fraction of total costs
    amount: Decimal | None = None
    paid_share: Decimal | None = None  # fraction paid out in the plan year


@dataclass
class SubmissionStatus:
    """One municipality's line in the consolidated overview."""

    municipality: str
    state: str  # "valid", "invalid", "unreadable" or "missing"
    submitted_at: dt.datetime | None = None
    file_name: str = ""
    template_version: str = ""
    errors: int = 0
    warnings: int = 0


@dataclass
class GoalResult:
    """A goal's result as one municipality (or the whole contract, municipality None) reported it."""

    goal_no: str
    title: str
    category: Category | None
    measure_type: MeasureType | None
    target: Decimal | None
    actual: Decimal | None
    fulfilment: Decimal | None  # fraction 0..1, capped
    status: Status
    evidence: str = ""
    unit: str = ""
    municipality: str | None = None


@dataclass
class SplitLine:
    key: str
    weight: Decimal
    amount: Decimal


@dataclass
class BudgetLine:
    area_no: int
    area_name: str
    budget: Decimal
    granted: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.granted


@dataclass
class Consolidated:
    """Everything the consolidated workbook and the council deck show."""

    region: str
    year: int
    language: str
    generated_at: dt.datetime
    submissions: list[SubmissionStatus] = field(default_factory=list)
    goals: list[GoalResult] = field(default_factory=list)  # contract level
    goal_results: list[GoalResult] = field(default_factory=list)  # per municipality
    report_rows: dict[str, list[ReportRow]] = field(default_factory=dict)  # by municipality
    focus_areas: dict[str, list[str]] = field(default_factory=dict)  # local focus areas by municipality
    split: list[SplitLine] = field(default_factory=list)
    split_total: Decimal | None = None
    split_key_date: dt.date | None = None
    budgets: list[BudgetLine] = field(default_factory=list)
    jobs: list[JobTarget] = field(default_factory=list)
    job_periods: list[JobsPeriod] = field(default_factory=list)  # one per action plan with a period
