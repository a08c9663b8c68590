"""Jobs per year and per period, kept apart: Drangedal 2024 (seed 003) has 28 jobs in 2024 and 150 over 2022-2027."""

from __future__ import annotations

import argparse
import re
from itertools import pairwise

import pytest

from toolkit.cli import buttons

# Seed 003: 4 + 4 + 8 + 12 = 28 in 2024 over areas 1-4; a 2023 line per area with its own target and result.
JOBS_2024 = [{"area_no": a, "year": 2024, "jobs_target": j} for a, j in ((1, 4), (2, 4), (3, 8), (4, 12))]
JOBS_2023 = [
    {"area_no": a, "year": 2023, "jobs_target": j, "jobs_achieved": got}
    for a, j, got in ((1, 3, 2), (2, 3, 3), (3, 6, 7), (4, 10, 9))
]


def compute(path, cfg, capsys) -> str:
    """What `toolkit compute` prints, in Norwegian as the plan is (compute speaks the configured language)."""
    import dataclasses

    cfg = dataclasses.replace(cfg, language="nb")
    parser = argparse.ArgumentParser(prog="toolkit")
    buttons.add(parser.add_subparsers())
    args = parser.parse_args(["compute", str(path)])
    assert args.func(args, cfg) == 0
    return capsys.readouterr().out


def jobs_lines(out: str) -> list[list[str]]:
    block = out.split("Arbeidsplassmål per år og innsatsområde, og for perioden\n")[1].split("\n\n")[0]
    return [re.split(r"\s{2,}", line.strip()) for line in block.splitlines()[1:]]


@pytest.fixture
def plan(make_workbook, seed):
    def make(jobs):
        form, tables = seed("plan")
        tables["tblJobs"] = jobs
        return make_workbook("plan", form, tables, lang="nb", typed=True)

    return make


def test_compute_shows_the_years_28_and_the_periods_150_apart(plan, cfg, capsys):
    lines = jobs_lines(compute(plan(JOBS_2024), cfg, capsys))
    # year, area, target, (achieved), still to create: nothing achieved yet
    assert lines == [
        ["2024", "1", "4", "4"],
        ["2024", "2", "4", "4"],
        ["2024", "3", "8", "8"],
        ["2024", "4", "12", "12"],
        ["Totalt 2024", "28", "28"],
        ["Perioden 2022–2027", "150", "150"],
    ]


def test_two_years_are_never_added_together_and_2023_results_meet_2023_targets(plan, cfg, capsys):
    lines = jobs_lines(compute(plan(JOBS_2023 + JOBS_2024), cfg, capsys))
    by_label = {(line[0], line[1] if line[0].isdigit() else ""): line for line in lines}
    # target, achieved, still to create, fulfilment (shown as the language writes per cent)
    assert by_label[("2023", "4")][2:5] == ["10", "9", "1"] and by_label[("2023", "4")][5].startswith("90")
    assert by_label[("2024", "4")][2:] == ["12", "12"]  # 2023's 9 are not set against 2024's 12
    assert by_label[("Totalt 2023", "")][1:4] == ["22", "21", "1"]
    assert by_label[("Totalt 2024", "")][1:] == ["28", "28"]
    assert by_label[("Perioden 2022–2027", "")][1:4] == ["150", "21", "129"]
    assert by_label[("Perioden 2022–2027", "")][4].startswith("14")


@pytest.fixture
def plan_cfg(cfg):
    """A consolidation of the plan's own year: a 2019 consolidation leaves a 2024 plan out."""
    import dataclasses

    return dataclasses.replace(cfg, fiscal_year=2024)


@pytest.fixture
def consolidated(plan, plan_cfg):
    """Drangedal's plan with 2023 and 2024 jobs, consolidated."""
    from test_consolidate import consolidate
    from test_consolidate_helpers import drop

    drop(plan_cfg, plan(JOBS_2023 + JOBS_2024), "Handlingsplan Drangedal 2024.xlsx")
    return consolidate(plan_cfg)


def test_the_consolidated_workbook_shows_each_year_and_the_period_apart(consolidated, plan_cfg):
    import openpyxl

    from toolkit.workflows.consolidate import gather

    data = gather(plan_cfg)
    assert [(p.first, p.last, p.target) for p in data.job_periods] == [(2022, 2027, 150)]
    wb = openpyxl.load_workbook(consolidated.workbook.path)
    ws = next(ws for ws in wb.worksheets if "tblJobTotals" in ws.tables)
    ref = ws.tables["tblJobTotals"].ref
    rows = [[c.value for c in r] for r in ws[ref]][1:]
    assert rows == [
        ["2023", 22, 21, 1, pytest.approx(21 / 22)],
        ["2024", 28, None, 28, None],
        ["Perioden 2022–2027", 150, 21, 129, pytest.approx(0.14)],
    ]


def test_the_deck_shows_the_years_28_and_the_periods_150(consolidated, plan_cfg, tmp_path):
    from pptx import Presentation

    from toolkit.adapters.deck import build_deck
    from toolkit.workflows.consolidate import gather

    data = gather(plan_cfg)
    build_deck(data, tmp_path / "deck.pptx")
    prs = Presentation(tmp_path / "deck.pptx")
    slide = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("Job "))
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    assert {s.name: s.values for s in chart.plots[0].series} == {"Mål": (4, 4, 8, 12)}
    lines = [line for shape in slide.shapes if shape.has_text_frame for line in shape.text_frame.text.split("\n")]
    facts = dict(pairwise(lines))
    assert facts["Mål"] == "28" and facts["Mål 2022–2027"] == "150" and facts["Opnået 2022–2027"] == "21"
