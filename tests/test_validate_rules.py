"""Every rule fires on a bad value and stays silent on a good one; the numbers are the seeds'."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest

from toolkit.adapters.excel.cells import a1
from toolkit.core.model import Status
from toolkit.spec import SPECS
from toolkit.workflows.validate import validate_file
from toolkit.workflows.validate.plan import stated_jobs


def form(**values):
    return lambda f, t: f.update(values)


def row(table, i, **values):
    return lambda f, t: t[table][i].update(values)


def add(table, *rows):
    return lambda f, t: t[table].extend(rows)


def drop(table, i):
    return lambda f, t: t[table].pop(i)


def both(*changes):
    def change(f, t):
        for c in changes:
            c(f, t)

    return change


def shift(i, j, by):
    """Move ``by`` from split row j to split row i: the total stays, the amounts change."""

    def change(f, t):
        rows = t["tblSplit"]
        rows[i]["amount"] += by
        rows[j]["amount"] -= by

    return change


def where(kind, at):
    """The A1 reference of ("form", key) or (table, row index, key)."""
    spec = SPECS[kind]
    if at[0] == "form":
        part = next(p for p in spec.forms if any(f.key == at[1] for f in p.fields))
        return a1(part.row_of(at[1]) - 1, 1)
    table = spec.part(at[0])
    return a1(table.first_data_row - 1 + at[1], table.column_of(at[2]))


# rule, kind, bad change, good change (None: the seed as it is), where the bad finding points
CASES = [
    # per field
    ("required", "submission", form(contact_email=None), None, ("form", "contact_email")),
    ("required", "report", row("tblReport", 0, status=None), None, ("tblReport", 0, "status")),
    (
        "value.placeholder",
        "plan",
        add("tblFinancing", {"source": "Overføring (bundet fond)", "amount": "xxx"}),
        add("tblFinancing", {"source": "Overføring (bundet fond)", "amount": D(250_000)}),
        ("tblFinancing", 3, "amount"),
    ),
    ("value.placeholder_required", "contract", row("tblGoals", 4, target="xxx"), None, ("tblGoals", 4, "target")),
    ("value.formula_error", "submission", row("tblResults", 2, actual="#DIV/0!"), None, ("tblResults", 2, "actual")),
    (
        "type.number",
        "submission",
        row("tblResults", 2, actual="ca. 50"),
        row("tblResults", 2, actual="50"),
        ("tblResults", 2, "actual"),
    ),
    (
        "type.integer",
        "plan",
        row("tblJobs", 0, jobs_target=D("4.5")),
        row("tblJobs", 0, jobs_target="4"),
        ("tblJobs", 0, "jobs_target"),
    ),
    (
        "type.amount",
        "plan",
        row("tblMeasures", 0, budget="fem hundre tusen"),
        row("tblMeasures", 0, budget="500 000"),
        ("tblMeasures", 0, "budget"),
    ),
    (
        "type.percent",
        "plan",
        row("tblFinancing", 0, share="tre kvart"),
        row("tblFinancing", 0, share="75 %"),
        ("tblFinancing", 0, "share"),
    ),
    # a unit that can't be known, a 1 that could be 1 % or 100 %, another currency, a number Excel doesn't count
    (
        "type.unit",
        "plan",
        row("tblMeasures", 4, granted="500 t"),
        row("tblMeasures", 4, granted="500 t.kr."),
        ("tblMeasures", 4, "granted"),
    ),
    (
        "type.percent_ambiguous",
        "plan",
        row("tblFinancing", 1, paid_share="1"),
        row("tblFinancing", 1, paid_share="100 %"),
        ("tblFinancing", 1, "paid_share"),
    ),
    (
        "type.percent_ambiguous",
        "contract",
        row("tblGoals", 1, target="1"),
        row("tblGoals", 1, target="70 %"),
        ("tblGoals", 1, "target"),
    ),
    (
        "type.currency",
        "plan",
        row("tblMeasures", 0, budget="500.000 NOK"),
        row("tblMeasures", 0, budget="500.000 DKK"),
        ("tblMeasures", 0, "budget"),
    ),
    (
        "type.text_number",
        "plan",
        row("tblMeasures", 4, granted="650.000"),
        row("tblMeasures", 4, granted=D(650_000)),
        ("tblMeasures", 4, "granted"),
    ),
    (
        "type.percent_sign",
        "plan",
        row("tblJobs", 0, jobs_target="4 %"),
        row("tblJobs", 0, jobs_target=D(4)),
        ("tblJobs", 0, "jobs_target"),
    ),
    ("type.percent_sign", "contract", row("tblGoals", 4, target="1800 %"), None, ("tblGoals", 4, "target")),
    (
        "range.count_negative",
        "submission",
        row("tblResults", 2, actual=D(-5)),
        row("tblResults", 2, actual=D(0)),
        ("tblResults", 2, "actual"),
    ),
    ("range.max", "submission", row("tblResults", 2, actual=1e29), None, ("tblResults", 2, "actual")),
    ("range.min", "submission", row("tblResults", 0, actual=-1e308), None, ("tblResults", 0, "actual")),
    ("range.max", "plan", row("tblMeasures", 0, budget="1" + "0" * 29), None, ("tblMeasures", 0, "budget")),
    (
        "type.date",
        "contract",
        form(period_start="snart"),
        form(period_start="1. januar 2019"),
        ("form", "period_start"),
    ),
    (
        "type.choice",
        "contract",
        row("tblGoals", 4, category="Lokal"),
        row("tblGoals", 4, category="Fælles"),
        ("tblGoals", 4, "category"),
    ),
    (
        "status.unrecognised",
        "report",
        row("tblReport", 0, status="Måske"),
        row("tblReport", 0, status="Opfyldt for 2023"),
        ("tblReport", 0, "status"),
    ),
    (
        "status.unrecognised",
        "report",
        row("tblReport", 0, status="Opfyldt?"),
        row("tblReport", 0, status="Delvist opfyldt"),
        ("tblReport", 0, "status"),
    ),
    (
        "type.email",
        "submission",
        form(contact_email="erhverv(at)horsens.dk"),
        form(contact_email="erhverv@horsens.dk"),
        ("form", "contact_email"),
    ),
    ("range.min", "contract", form(year=1999), form(year=2019), ("form", "year")),
    ("range.max", "split", form(periods=400), form(periods=12), ("form", "periods")),
    (
        "range.negative",
        "plan",
        row("tblMeasures", 0, budget=D(-500_000)),
        row("tblMeasures", 0, budget=D(0)),
        ("tblMeasures", 0, "budget"),
    ),
    (
        "range.share",
        "plan",
        row("tblFinancing", 0, paid_share="150 %"),
        row("tblFinancing", 0, paid_share="100 %"),
        ("tblFinancing", 0, "paid_share"),
    ),
    (
        "text.too_long",
        "contract",
        row("tblGoals", 0, title="x" * 201),
        row("tblGoals", 0, title="x" * 200),
        ("tblGoals", 0, "title"),
    ),
    (
        "municipality.unknown",
        "report",
        form(municipality="Nordjurs"),
        form(municipality="norddjurs "),
        ("form", "municipality"),
    ),
    ("municipality.unknown", "split", row("tblSplit", 0, municipality="Århus"), None, ("tblSplit", 0, "municipality")),
    # across fields and rows
    (
        "table.max_rows",
        "submission",
        add(
            "tblLocalFocus",
            {"focus_area": "Iværksætteri"},
            {"focus_area": "Turisme"},
            {"focus_area": "Kvalificeret arbejdskraft"},
        ),
        add("tblLocalFocus", {"focus_area": "Iværksætteri"}, {"focus_area": "Turisme"}),
        ("tblLocalFocus", 3, "focus_area"),
    ),
    ("period.order", "contract", form(period_end=dt.date(2018, 12, 31)), None, ("form", "period_end")),
    (
        "period.date_outside",
        "contract",
        row("tblGoals", 0, result_date=dt.date(2020, 3, 1)),
        None,
        ("tblGoals", 0, "result_date"),
    ),
    ("period.date_outside", "report", row("tblReport", 12, when="20.12.2025"), None, ("tblReport", 12, "when")),
    ("period.date_outside", "report", form(report_date=dt.date(2021, 10, 31)), None, ("form", "report_date")),
    ("period.year_outside", "plan", form(year=2029), None, ("form", "year")),
    (
        "period.year_outside",
        "plan",
        add("tblJobs", {"area_no": 1, "year": 2030, "jobs_target": 2}),
        add("tblJobs", {"area_no": 1, "year": 2025, "jobs_target": 2}),
        ("tblJobs", 4, "year"),
    ),
    ("goals.duplicate_no", "contract", row("tblGoals", 1, goal_no="1"), None, ("tblGoals", 1, "goal_no")),
    ("goals.duplicate_no", "submission", row("tblResults", 3, goal_no="5"), None, ("tblResults", 3, "goal_no")),
    (
        "subtargets.unknown_goal",
        "contract",
        add("tblSubTargets", {"goal_no": "15", "sub_label": "Andet", "target": 0}),
        add("tblSubTargets", {"goal_no": "5", "sub_label": "Andet", "target": 0}),
        ("tblSubTargets", 2, "goal_no"),
    ),
    ("subtargets.sum", "contract", row("tblSubTargets", 1, target=D(1200)), None, ("tblGoals", 4, "target")),
    ("subtargets.actual_sum", "contract", row("tblSubTargets", 1, actual=D(1200)), None, ("tblGoals", 4, "actual")),
    ("range.share_measure", "submission", row("tblResults", 1, actual=D(72)), None, ("tblResults", 1, "actual")),
    ("range.share_measure", "contract", row("tblGoals", 1, target=D(70)), None, ("tblGoals", 1, "target")),
    (
        "range.nps",
        "submission",
        row("tblResults", 0, actual=D(140)),
        row("tblResults", 0, actual=D(-20), goal_status="Ikke opfyldt"),
        ("tblResults", 0, "actual"),
    ),
    (
        "checklist.range",
        "contract",
        row("tblGoals", 5, actual=D(5)),
        row("tblGoals", 5, actual=D(4)),
        ("tblGoals", 5, "actual"),
    ),
    (
        "checklist.range",
        "contract",
        row("tblGoals", 5, actual=D("2.5")),
        row("tblGoals", 5, actual=D(0)),
        ("tblGoals", 5, "actual"),
    ),
    (
        "milestone.value",
        "contract",
        row("tblGoals", 2, actual=D("0.5")),
        row("tblGoals", 2, actual=D(0)),
        ("tblGoals", 2, "actual"),
    ),
    (
        "status.achieved_but_missed",
        "submission",
        row("tblResults", 2, goal_status=Status.ACHIEVED),
        row("tblResults", 2, goal_status=Status.ACHIEVED, actual=D(122)),
        ("tblResults", 2, "goal_status"),
    ),
    (
        "status.achieved_but_missed",
        "contract",
        row("tblGoals", 4, goal_status="Opfyldt"),
        row("tblGoals", 4, goal_status="Delvist opfyldt"),
        ("tblGoals", 4, "goal_status"),
    ),
    (
        "budget.granted_exceeds",
        "plan",
        row("tblMeasures", 4, granted=D(800_000)),
        row("tblMeasures", 4, granted=D(750_000)),
        ("tblMeasures", 4, "granted"),
    ),
    ("financing.shares_total", "plan", row("tblFinancing", 1, share=D("0.2")), None, ("tblFinancing", 0, "share")),
    (
        "financing.amount_share",
        "plan",
        row("tblFinancing", 0, amount=D(4_000_000)),
        None,
        ("tblFinancing", 0, "amount"),
    ),
    (
        "plan.unknown_area",
        "plan",
        add("tblMeasures", {"area_no": 7, "letter": "J", "measure": "Nytt"}),
        add("tblMeasures", {"area_no": 6, "letter": "J", "measure": "Nytt"}),
        ("tblMeasures", 6, "area_no"),
    ),
    (
        "areas.duplicate_no",
        "plan",
        add("tblAreas", {"area_no": 6, "area_name": "Kultur"}),
        add("tblAreas", {"area_no": 7, "area_name": "Kultur"}),
        ("tblAreas", 6, "area_no"),
    ),
    (
        "jobs.duplicate",
        "plan",
        add("tblJobs", {"area_no": 1, "year": 2024, "jobs_target": 0}),
        add("tblJobs", {"area_no": 1, "year": 2025, "jobs_target": 0}),
        ("tblJobs", 4, "year"),
    ),
    ("jobs.year_total", "plan", row("tblJobs", 3, jobs_target=10), None, ("tblJobs", 0, "jobs_target")),
    (
        "jobs.period_total",
        "plan",
        form(period_jobs_target=20),
        form(period_jobs_target=28),
        ("form", "period_jobs_target"),
    ),
    (
        "layout.joined_line",
        "report",
        add("tblReport", {"met_by": "Karrieremesse for højtuddannede", "when": "30. marts 2023"}),
        add("tblReport", {"goal_text": "Mål 4.3. Nyt mål", "met_by": "Karrieremesse", "status": "Opfyldt for 2023"}),
        ("tblReport", 16, "met_by"),
    ),
    (
        "layout.joined_line",
        "plan",
        add("tblMeasures", {"sub_goal": "og flere bedrifter"}),
        add("tblMeasures", {"letter": "J", "measure": "Nettverk og klynger"}),
        ("tblMeasures", 6, "sub_goal"),
    ),
    ("split.total", "split", row("tblSplit", 0, amount=D(9540)), None, ("form", "total")),
    ("split.total_step", "split", form(total=D(36793)), None, ("form", "total")),
    ("split.unit", "split", shift(0, 1, D(6)), shift(0, 1, D(12)), ("tblSplit", 0, "amount")),
    ("split.key", "split", shift(0, 1, D(120)), shift(0, 1, D(12)), ("tblSplit", 0, "amount")),
    (
        "split.duplicate",
        "split",
        both(row("tblSplit", 1, municipality="Horsens"), row("tblSplit", 0, municipality="horsens")),
        None,
        ("tblSplit", 1, "municipality"),
    ),
    ("split.missing", "split", drop("tblSplit", 11), None, ("tblSplit", 0, "municipality")),
]


def _id(case):
    return f"{case[0]}-{case[1]}"


@pytest.mark.parametrize("rule, kind, bad, good, at", CASES, ids=[_id(c) for c in CASES])
def test_rule_fires_on_a_bad_value_and_is_silent_on_a_good_one(make_workbook, seed, cfg, rule, kind, bad, good, at):
    form_, tables = seed(kind)
    bad(form_, tables)
    report = validate_file(make_workbook(kind, form_, tables), cfg)
    fired = [f for f in report.findings if f.rule == rule]
    assert fired, f"{rule} did not fire: {report.rows()}"
    assert where(kind, at) in {f.cell for f in fired}, fired
    assert all(f.message and f.field for f in fired)
    assert not [f.message for f in report.findings if re.search(r"\{\w+\}", f.message)], "a message was not filled in"
    form_, tables = seed(kind)
    if good:
        good(form_, tables)
    report = validate_file(make_workbook(kind, form_, tables), cfg)
    assert [f for f in report.findings if f.rule == rule] == []


def test_every_rule_id_has_a_case_or_a_dedicated_test():
    from toolkit.workflows.validate import RULES

    covered = {c[0] for c in CASES} | DEDICATED
    assert sorted(set(RULES) - covered) == []


# Rules tested elsewhere: structure and read rules (test_validate_structure), the cached
# remaining value and the pre-filled municipality (below), the truncation and internal-error findings.
DEDICATED = {
    "structure.sheet_missing",
    "structure.sheet_renamed",
    "structure.table_missing",
    "structure.table_resized",
    "structure.columns_changed",
    "structure.formula_overwritten",
    "structure.rows_outside_table",
    "structure.merged_cells",
    "structure.merged_cells_outside",
    "structure.changed",
    "read.failed",
    "internal.rule_failed",
    "findings.more",
    "budget.remaining_wrong",
    "municipality.not_as_prefilled",
    "table.min_rows",
    "read.name_not_utf8",
}  # the last in test_hostile_files


def test_placeholder_is_information_not_an_error(make_workbook, seed, cfg):
    form_, tables = seed("plan")
    tables["tblFinancing"].append({"source": "Overføring (bundet fond)", "amount": "xxx"})
    report = validate_file(make_workbook("plan", form_, tables, lang="nb"), cfg)
    (finding,) = report.findings
    assert finding.severity == "info" and report.valid and finding.value == "xxx"


def test_prefilled_workbook_must_still_name_its_municipality(make_workbook, seed, cfg):
    form_, tables = seed("submission")
    ok = validate_file(make_workbook("submission", form_, tables, municipality="Horsens"), cfg)
    assert ok.rows() == [] and ok.municipality == "Horsens"
    form_["municipality"] = "Odder"
    report = validate_file(make_workbook("submission", form_, tables, municipality="Horsens"), cfg)
    (finding,) = [f for f in report.findings if f.rule == "municipality.not_as_prefilled"]
    assert finding.cell == "B4" and "Horsens" in finding.message and finding.severity == "error"


def test_drangedal_financing_warns_on_both_contradicting_amounts(make_workbook, seed, cfg):
    form_, tables = seed("plan")
    tables["tblFinancing"][0]["amount"] = D(4_000_000)  # 75 % 4,000,000 against 25 % 1,170,000
    report = validate_file(make_workbook("plan", form_, tables, lang="nb"), cfg)
    assert [(f.rule, f.cell, f.severity) for f in report.findings] == [
        ("financing.amount_share", "C5", "warning"),
        ("financing.amount_share", "C6", "warning"),
    ]
    assert "77,4" in report.findings[0].message and "75" in report.findings[0].message


def test_sub_target_message_shows_the_parts_that_do_not_add_up(make_workbook, seed, cfg):
    form_, tables = seed("contract")
    tables["tblSubTargets"][1]["target"] = D(1200)
    cfg.language = "en"
    (finding,) = validate_file(make_workbook("contract", form_, tables), cfg).findings
    assert "500 + 1,200" in finding.message and "1,700" in finding.message and "1,800" in finding.message


@pytest.mark.parametrize(
    "text, jobs",
    [
        ("Mål om 4 nye/sikrede arbeidsplasser, økt robusthet og styrket utviklingsevne", 4),
        ("Resultatmål 2024: Mål om 12 nye/sikrede arbeidsplasser", 12),
        ("Innsatsområdet vil ikke ha arbeidsplasser som målsetting.", None),
        ("8 nye job i 2024", 8),
        ("Min. ett prosjekt gjennomført", None),
        (None, None),
    ],
)
def test_result_goals_name_their_jobs(text, jobs):
    assert stated_jobs(text) == jobs


def test_year_total_is_the_sum_the_result_goals_name(make_workbook, seed, cfg):
    form_, tables = seed("plan")
    tables["tblJobs"][3]["jobs_target"] = 10
    cfg.language = "en"
    (finding,) = validate_file(make_workbook("plan", form_, tables), cfg).findings
    assert finding.rule == "jobs.year_total"
    assert "26" in finding.message and "28" in finding.message and "1: 4, 2: 4, 3: 8, 4: 12" in finding.message


def test_a_status_that_is_only_partly_met_by_the_figures_is_not_guessed(make_workbook, seed, cfg):
    form_, tables = seed("submission")
    tables["tblResults"][0]["goal_status"] = "Forventes opfyldt for 2019"
    assert validate_file(make_workbook("submission", form_, tables), cfg).rows() == []


def test_a_table_with_too_few_rows_is_named(make_workbook, seed, cfg):
    import dataclasses

    from toolkit.adapters.excel.read import read_workbook
    from toolkit.workflows.validate import validate_document

    form_, tables = seed("submission")
    tables["tblLocalFocus"] = []
    doc = read_workbook(make_workbook("submission", form_, tables))
    assert validate_document(doc, cfg) == []
    parts = tuple(
        dataclasses.replace(p, min_rows=1) if getattr(p, "name", "") == "tblLocalFocus" else p for p in doc.spec.parts
    )
    doc.spec = dataclasses.replace(doc.spec, parts=parts)
    (finding,) = validate_document(doc, cfg)
    assert (finding.rule, finding.cell, finding.severity) == ("table.min_rows", "A4", "error")


def test_a_rule_that_breaks_becomes_a_finding_not_a_crash(make_workbook, seed, cfg, monkeypatch):
    import toolkit.workflows.validate as validate

    form_, tables = seed("plan")

    def broken(doc, cfg, out):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(validate._BY_KIND, "plan", (broken,))
    report = validate_file(make_workbook("plan", form_, tables), cfg)
    (finding,) = report.findings
    assert finding.rule == "internal.rule_failed" and "boom" in finding.message and not report.valid


def test_year_total_without_any_job_rows_points_at_the_first_jobs_cell(make_workbook, seed, cfg):
    form_, tables = seed("plan")
    tables["tblJobs"] = []
    (finding,) = validate_file(make_workbook("plan", form_, tables), cfg).findings
    assert (finding.rule, finding.sheet, finding.cell) == ("jobs.year_total", "Jobmål", "C5")


@pytest.mark.parametrize(
    "lang, value, period",
    [
        ("da", "1. marts 2020", "perioden 1. januar 2019 – 31. december 2019"),
        ("nb", "1. mars 2020", "perioden 1. januar 2019 – 31. desember 2019"),
        ("en", "1 March 2020", "the period 1 January 2019 – 31 December 2019"),
    ],
)
def test_dates_in_findings_are_written_as_the_user_writes_them(make_workbook, seed, cfg, lang, value, period):
    import dataclasses

    form_, tables = seed("contract")
    tables["tblGoals"][0]["result_date"] = dt.date(2020, 3, 1)
    report = validate_file(make_workbook("contract", form_, tables, lang=lang), dataclasses.replace(cfg, language=lang))
    (finding,) = [f for f in report.findings if f.rule == "period.date_outside"]
    assert finding.value == value and f"{value} " in finding.message and period in finding.message
