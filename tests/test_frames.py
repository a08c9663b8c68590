"""The ledger as pandas frames: the same figures as the consolidated workbook, typed, across years; from SQLite
and from PostgreSQL (module_ledger_url: one ledger per backend for the module)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

import openpyxl
import pandas as pd
import pytest
from conftest import seed_data, workbook_maker
from test_consolidate_helpers import drop, submission

from toolkit.core.status import status_label
from toolkit.data import samples
from toolkit.workflows.consolidate import run
from toolkit.workflows.consolidate.workbook import output_path
from toolkit.workflows.frames import DTYPES, frames

UTC = dt.timezone.utc
REPORT = [dict(zip(("sub_goal", "goal_text", "met_by", "when", "status"), r)) for r in samples.NORDDJURS_REPORT]


def consolidate(cfg, day: int):
    return run(cfg, settle_seconds=0, processes=0, progress=False, now=lambda: dt.datetime(2020, 2, day, 9, tzinfo=UTC))


@pytest.fixture(scope="module")
def ledger(tmp_path_factory, project_cfg, module_ledger_url):
    """2019: Norddjurs with its 16 report goals, Horsens, Aarhus, Odder with an error, Drangedal's 2024 plan;
    2020: Horsens again. Consolidated the way `toolkit consolidate` does, once per year; on each backend."""
    tmp = tmp_path_factory.mktemp("frames")
    cfg = dataclasses.replace(
        project_cfg,
        inbox=(tmp / "inbox",),
        output=tmp / "output",
        templates=tmp / "templates",
        archive=tmp / "archive",
        ledger=tmp / "output" / "ledger.sqlite",
        ledger_url=module_ledger_url,
    )
    make = workbook_maker(tmp, cfg)
    seed = lambda kind: seed_data(kind, cfg)  # noqa: E731
    drop(cfg, submission(make, seed, "Norddjurs", tables={"tblReport": REPORT}), "Indberetning Norddjurs 2019.xlsx")
    drop(cfg, submission(make, seed, "Horsens"), "Indberetning Horsens 2019.xlsx")
    drop(
        cfg,
        submission(make, seed, "Aarhus", results={0: {"actual": D(40)}, 2: {"actual": D("118.5")}}),
        "Indberetning Aarhus 2019.xlsx",
    )
    drop(cfg, submission(make, seed, "Odder", results={2: {"actual": "ca. 50"}}), "Indberetning Odder 2019.xlsx")
    form, tables = seed("plan")
    drop(cfg, make("plan", form, tables, lang="nb"), "Handlingsplan Drangedal 2024.xlsx")
    consolidate(cfg, 1)
    later = submission(
        make,
        seed,
        "Horsens",
        form={
            "period_start": dt.date(2020, 1, 1),
            "period_end": dt.date(2020, 12, 31),
            "submitted_date": dt.date(2021, 2, 1),
        },
        results={0: {"actual": D(66)}},
    )
    drop(cfg, later, "Indberetning Horsens 2020.xlsx")
    consolidate(cfg, 2)
    return cfg


@pytest.fixture(scope="module")
def f(ledger):
    return frames(ledger)


def sheet(cfg, name: str) -> list[dict]:
    """The rows of a consolidated workbook's sheet whose table starts in row 1, by header."""
    wb = openpyxl.load_workbook(output_path(cfg), read_only=True)  # read-only keeps the file open until closed
    rows = list(wb[name].iter_rows(values_only=True))
    wb.close()
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v is not None for v in r)]


def test_every_frame_has_its_documented_columns_and_dtypes(f):
    assert set(f) == set(DTYPES)
    for name, columns in DTYPES.items():
        assert list(f[name].columns) == list(columns), name
    goals = f["goals"]
    assert goals["year"].dtype == "Int64" and goals["title"].dtype == "string"
    assert goals["period_start"].dtype == "datetime64[ns]"
    assert f["submissions"]["submitted_at"].dtype == "datetime64[ns]"
    assert goals["target"].dtype == object and all(isinstance(v, D) for v in goals["target"].dropna())
    assert goals["status"].dtype == "category"
    assert list(goals["status"].cat.categories) == ["achieved", "expected", "partly", "not_achieved", "not_reported"]
    assert f["versions"]["current"].dtype == bool


def test_municipality_categories_are_every_configured_one_so_the_missing_are_visible(f, ledger):
    goals = f["goals"]
    assert list(goals["municipality"].cat.categories) == list(ledger.municipalities)
    per = goals[goals["year"] == 2019].groupby("municipality", observed=False).size()
    assert len(per) == 19 and per["Struer"] == 0 and per["Horsens"] == 4


def test_goals_are_the_results_sheet_of_the_consolidated_workbook(f, ledger):
    shown = sheet(ledger, "Resultater")
    goals = f["goals"][f["goals"]["year"] == ledger.fiscal_year].reset_index(drop=True)
    assert len(goals) == len(shown) == 12  # Horsens, Aarhus, Norddjurs: 4 goals each; Odder has errors
    for row, cells in zip(goals.itertuples(), shown):
        assert (row.municipality, row.goal_no, row.title) == (cells["Kommune"], cells["Mål nr."], cells["Titel"])
        assert float(row.target) == cells["Mål"] and float(row.actual) == cells["Resultat"]
        assert float(row.fulfilment) == cells["Målopfyldelse"]
        assert status_label(row.status, "da") == cells["Status"]
    aarhus = goals[(goals["municipality"] == "Aarhus") & (goals["goal_no"] == "5")].iloc[0]
    assert aarhus["actual"] == D("118.5") and aarhus["target"] == D(122)  # exact, not 118.49999...
    assert aarhus["period_start"] == pd.Timestamp(2019, 1, 1) and aarhus["file_name"] == "Indberetning Aarhus 2019.xlsx"


def test_norddjurs_16_report_goals_are_the_report_sheet(f, ledger):
    shown = [r for r in sheet(ledger, "Afrapportering") if r["Kommune"] == "Norddjurs"]
    report = f["report"]
    nd = report[(report["municipality"] == "Norddjurs") & (report["year"] == 2019)]
    assert len(nd) == len(shown) == 16
    assert [(r.sub_goal or None, r.goal_text, status_label(r.status, "da")) for r in nd.itertuples()] == [
        (c["Delmål"], c["Mål"], c["Status"]) for c in shown
    ]
    assert nd["status"].value_counts()[["achieved", "expected", "partly"]].tolist() == [9, 6, 1]


def test_a_goal_can_be_followed_across_years(f):
    goals = f["goals"]
    nps = goals[(goals["municipality"] == "Horsens") & (goals["goal_no"] == "1")]
    assert nps[["year", "actual"]].values.tolist() == [[2019, D(64)], [2020, D(66)]]
    wide = goals.pivot_table(
        index=["municipality", "goal_no"], columns="year", values="actual", aggfunc="first", observed=True
    )
    assert wide.loc[("Horsens", "1"), 2020] == D(66)


def test_the_plan_counts_in_its_own_year_with_budgets_and_jobs_per_year_and_period(f):
    budgets, jobs, periods = f["budgets"], f["jobs"], f["job_periods"]
    assert set(budgets["year"]) == {2024} and set(budgets["owner"]) == {"Drangedal kommune"}
    area5 = budgets[budgets["area_no"] == 5].iloc[0]
    assert (area5["budget"], area5["granted"], area5["remaining"]) == (D(750_000), D(650_000), D(100_000))
    assert budgets["budget"].sum() == D(2_875_000)
    assert jobs["target"].sum() == 28 and set(jobs["jobs_year"]) == {2024}
    assert periods[["first", "last", "target"]].values.tolist() == [[2022, 2027, 150]]


def test_the_budgets_are_the_budget_sheet_of_the_plans_year(ledger, tmp_path):
    cfg = dataclasses.replace(ledger, fiscal_year=2024, output=tmp_path)
    run(cfg, settle_seconds=0, processes=0, progress=False, now=lambda: dt.datetime(2024, 3, 1, tzinfo=UTC))
    wb = openpyxl.load_workbook(output_path(cfg), read_only=True)
    shown = [
        r for r in wb["Budget"].iter_rows(values_only=True) if r and isinstance(r[0], int) and isinstance(r[1], str)
    ]
    wb.close()
    budgets = frames(cfg, years=[2024])["budgets"]
    assert [(r.area_no, r.area_name, float(r.budget), float(r.granted)) for r in budgets.itertuples()] == [
        tuple(r[:4]) for r in shown
    ]


def test_submissions_versions_and_findings(f):
    subs = f["submissions"]
    y2019 = subs[subs["year"] == 2019].set_index("municipality")
    assert len(y2019) == 19
    assert (y2019.loc["Odder", "state"], y2019.loc["Odder", "errors"]) == ("invalid", 1)
    assert y2019.loc["Struer", "state"] == "missing" and pd.isna(y2019.loc["Struer", "submitted_at"])
    versions = f["versions"]
    horsens = versions[versions["municipality"] == "Horsens"]
    assert horsens[["version", "file_name", "current"]].values.tolist() == [
        [1, "Indberetning Horsens 2019.xlsx", True],
        [2, "Indberetning Horsens 2020.xlsx", True],
    ]
    assert versions["received_at"].dtype == "datetime64[ns]" and versions["received_at"].notna().all()
    odder = f["findings"][f["findings"]["file_name"] == "Indberetning Odder 2019.xlsx"]
    assert "error" in set(odder["severity"]) and set(odder["municipality"]) == {"Odder"}


def test_without_a_ledger_every_frame_is_empty_and_typed(bcfg):
    cfg = bcfg
    empty = frames(cfg)
    assert all(len(df) == 0 for df in empty.values())
    assert empty["goals"]["target"].dtype == object and empty["goals"]["year"].dtype == "Int64"
    assert list(empty["submissions"]["municipality"].cat.categories) == list(cfg.municipalities)


def test_the_readme_example_runs(f):
    goals = f["goals"]
    wide = goals.pivot_table(
        index=["municipality", "goal_no"], columns="year", values="fulfilment", aggfunc="first", observed=False
    )
    assert wide.loc[("Horsens", "1"), 2019] == D(1)
    assert goals.groupby("status", observed=False).size()["not_reported"] == 0
