"""The five template kinds, each stated once: labels, types, rules and positions, and their later versions."""

from __future__ import annotations

from decimal import Decimal as D

from toolkit.core.model import Status
from toolkit.spec.fields import Field, Form, Relabel, Table, TemplateSpec
from toolkit.spec.fields import FieldType as T
from toolkit.spec.versions import AddField, RenameSheet, derive, version_key

VERSION = "1.0"  # the first version of every kind (and of the coordinator workbook)

# Fields used by more than one kind are defined once.
_REPORT_FIELDS = (
    Field("sub_goal", required=True, max_length=200, width=26),
    Field("goal_text", required=True, max_length=2000, width=48),
    Field("met_by", max_length=4000, width=48),
    Field("when", max_length=1000, width=24),
    Field("status", T.CHOICE, required=True, vocab="status", width=22),
)
_FULFILMENT = Field("fulfilment", T.PERCENT, formula="fulfilment", width=14)
_RESULT_FIELDS = (
    Field("actual", T.NUMBER, min=D(-100), width=12),
    Field("evidence", max_length=4000, width=40),
    Field("result_date", T.DATE, width=14),
    Field("goal_status", T.CHOICE, vocab="status", width=22),
    _FULFILMENT,
)

CONTRACT = TemplateSpec(
    kind="contract",
    version=VERSION,
    parts=(
        Form(
            "sheet.contract",
            (
                Field("council", required=True, max_length=200, width=40),
                Field("hub", required=True, max_length=200),
                Field("year", T.INTEGER, required=True, min=D(2000), max=D(2100)),
                Field("version", max_length=40),
                Field("council_approved", T.DATE),
                Field("hub_approved", T.DATE),
                Field("period_start", T.DATE, required=True),
                Field("period_end", T.DATE, required=True),
            ),
        ),
        Table(
            "sheet.goals",
            "tblGoals",
            (
                Field("goal_no", required=True, max_length=10, width=8),
                Field("category", T.CHOICE, required=True, vocab="category", width=12),
                Field("title", required=True, max_length=200, width=30),
                Field("goal_text", max_length=4000, width=40),
                Field("method", max_length=2000, width=28),
                Field("rationale", max_length=2000, width=28),
                Field("reporting", max_length=2000, width=28),
                Field("measure_type", T.CHOICE, required=True, vocab="measure_type", width=18),
                Field("target", T.NUMBER, required=True, min=D(-100), width=10),
                Field("unit", max_length=40, width=10),
                Field("limit_hours", T.NUMBER, min=D(0), max=D(10_000), width=10),
                *_RESULT_FIELDS,
            ),
            rows=40,
        ),
        Table(
            "sheet.subtargets",
            "tblSubTargets",
            (
                Field("goal_no", required=True, max_length=10, width=8),
                Field("sub_label", required=True, max_length=200, width=36),
                Field("target", T.NUMBER, required=True, min=D(0), width=12),
                Field("actual", T.NUMBER, min=D(0), width=12),
                _FULFILMENT,
            ),
            rows=30,
        ),
    ),
)

REPORT = TemplateSpec(
    kind="report",
    version=VERSION,
    parts=(
        Form(
            "sheet.report_head",
            (
                Field("municipality", T.CHOICE, required=True, vocab="municipality", width=40),
                Field("plan_title", required=True, max_length=200),
                Field("period_start", T.DATE, required=True),
                Field("period_end", T.DATE, required=True),
                Field("report_date", T.DATE, required=True),
            ),
        ),
        Table("sheet.report", "tblReport", _REPORT_FIELDS, rows=60),
    ),
)

PLAN = TemplateSpec(
    kind="plan",
    version=VERSION,
    parts=(
        Form(
            "sheet.plan_head",
            (
                Field("programme", required=True, max_length=200, width=40),
                Field("owner", required=True, max_length=200),
                Field("year", T.INTEGER, required=True, min=D(2000), max=D(2100)),
                Field("period_start", T.DATE, required=True),
                Field("period_end", T.DATE, required=True),
                Field("period_jobs_target", T.INTEGER, min=D(0), max=D(1_000_000)),
            ),
        ),
        Table(
            "sheet.areas",
            "tblAreas",
            (
                Field("area_no", T.INTEGER, required=True, min=D(1), max=D(99), width=8),
                Field("area_name", required=True, max_length=200, width=30),
                Field("description", max_length=4000, width=44),
                Field("effect_goal", max_length=2000, width=34),
                Field("result_goal", max_length=2000, width=34),
            ),
            rows=12,
        ),
        Table(
            "sheet.measures",
            "tblMeasures",
            (
                Field("area_no", T.INTEGER, required=True, min=D(1), max=D(99), width=8),
                Field("letter", required=True, max_length=4, width=7),
                Field("measure", required=True, max_length=200, width=30),
                Field("sub_goal", max_length=2000, width=36),
                Field("budget", T.AMOUNT, min=D(0), width=14, total="sum"),
                Field("granted", T.AMOUNT, min=D(0), width=14, total="sum"),
                Field("remaining", T.AMOUNT, formula="{budget}-{granted}", width=14, total="sum"),
                Field("use_pct", T.PERCENT, formula="use_pct", width=10),
            ),
            rows=60,
        ),
        Table(
            "sheet.jobs",
            "tblJobs",
            (
                Field("area_no", T.INTEGER, required=True, min=D(1), max=D(99), width=8),
                Field("year", T.INTEGER, required=True, min=D(2000), max=D(2100), width=8),
                Field("jobs_target", T.INTEGER, min=D(0), max=D(100_000), width=12, total="sum"),
                Field("jobs_achieved", T.INTEGER, min=D(0), max=D(100_000), width=12, total="sum"),
            ),
            rows=40,
        ),
        Table(
            "sheet.financing",
            "tblFinancing",
            (
                Field("source", required=True, max_length=200, width=34),
                Field("share", T.PERCENT, min=D(0), max=D(1), width=10, total="sum"),
                Field("amount", T.AMOUNT, min=D(0), width=14, total="sum"),
                Field("paid_share", T.PERCENT, min=D(0), max=D(1), width=12),
                Field("to_pay", T.AMOUNT, formula="to_pay", width=14, total="sum"),
            ),
            rows=12,
        ),
    ),
)

SPLIT = TemplateSpec(
    kind="split",
    version=VERSION,
    parts=(
        Form(
            "sheet.split_head",
            (
                Field("split_title", required=True, max_length=200, width=40),
                Field("total", T.AMOUNT, required=True, min=D(0)),
                Field("key_date", T.DATE, required=True),
                Field("rounding_unit", T.INTEGER, required=True, min=D(1)),
                Field("periods", T.INTEGER, required=True, min=D(1), max=D(366)),
            ),
        ),
        Table(
            "sheet.split",
            "tblSplit",
            (
                Field("municipality", T.CHOICE, required=True, vocab="municipality", width=24),
                Field("key_value", T.NUMBER, required=True, min=D(0), width=14, total="sum"),
                Field("exact_share", T.PERCENT, formula="exact_share", width=12, num_format="0.00%"),
                Field("unrounded", T.NUMBER, formula="unrounded", width=16, num_format="#,##0.00"),
                Field("amount", T.AMOUNT, min=D(0), width=14, total="sum"),
            ),
            rows=120,
        ),
    ),
)

SUBMISSION_1_0 = TemplateSpec(
    kind="submission",
    version=VERSION,
    parts=(
        Form(
            "sheet.identity",
            (
                Field("municipality", T.CHOICE, required=True, vocab="municipality", prefilled=True, width=40),
                Field("contact_name", required=True, max_length=200),
                Field("contact_email", T.EMAIL, required=True, max_length=200),
                Field("submitted_date", T.DATE, required=True),
                Field("cost_share", T.AMOUNT, prefilled=True),
                Field("period_start", T.DATE, prefilled=True),
                Field("period_end", T.DATE, prefilled=True),
            ),
        ),
        Table(
            "sheet.local_focus",
            "tblLocalFocus",
            (
                Field("focus_area", required=True, max_length=200, width=36),
                Field("description", max_length=2000, width=60),
            ),
            rows=6,
            max_rows=3,
        ),
        Table("sheet.report", "tblReport", _REPORT_FIELDS, rows=60),
        Table(
            "sheet.results",
            "tblResults",
            (
                Field("goal_no", required=True, prefilled=True, width=8),
                Field("title", required=True, prefilled=True, width=32),
                Field("measure_type", T.CHOICE, required=True, vocab="measure_type", prefilled=True, width=18),
                Field("target", T.NUMBER, required=True, prefilled=True, width=10),
                Field("unit", prefilled=True, width=10),
                *_RESULT_FIELDS,
            ),
            rows=20,
        ),
    ),
    prefill_tables=("tblResults",),
)

# 2020: the hub asks for a phone number to call back; "Lokale fokusområder" is named for whom they are; "Ikke
# afrapporteret" was read as "Ikke opfyldt" by some, so it now says when the report comes.
SUBMISSION = derive(
    SUBMISSION_1_0,
    "1.1",
    (
        AddField("sheet.identity", Field("contact_phone", required=True, max_length=40), after="contact_email"),
        RenameSheet("tblLocalFocus", "sheet.hub_focus"),
        Relabel(
            "status",
            Status.NOT_REPORTED.value,
            da="Afrapporteres senere",
            nb="Rapporteres senere",
            en="To be reported later",
        ),
    ),
)

# Every version this toolkit reads, per kind, oldest first; the last one is what it builds.
VERSIONS: dict[str, dict[str, TemplateSpec]] = {
    s[0].kind: {v.version: v for v in s}
    for s in ((CONTRACT,), (REPORT,), (PLAN,), (SPLIT,), (SUBMISSION_1_0, SUBMISSION))
}
SPECS: dict[str, TemplateSpec] = {kind: list(versions.values())[-1] for kind, versions in VERSIONS.items()}
KNOWN_VERSIONS = {v for versions in VERSIONS.values() for v in versions}


def spec_for(kind: str, version: str | None = None) -> TemplateSpec:
    """The spec of ``kind`` in ``version`` (KeyError if this toolkit does not know it); the current one by default."""
    return SPECS[kind] if version is None else VERSIONS[kind][version]


def newer_than_known(kind: str, version: str) -> bool:
    """True when ``version`` is a version number above every version of ``kind`` this toolkit reads."""
    key = version_key(version)
    known = [k for k in map(version_key, VERSIONS[kind]) if k is not None]
    return key is not None and all(key > k for k in known)
