"""The consolidated workbook, sheet by sheet, from the gathered figures."""

from __future__ import annotations

from pathlib import Path

from toolkit.adapters.consolidated.embedded import write_data
from toolkit.adapters.consolidated.labels import label
from toolkit.adapters.consolidated.writer import Sheets, render
from toolkit.config import Config
from toolkit.workflows.consolidate import sheets_files, sheets_goals, sheets_money
from toolkit.workflows.consolidate.gather import Gathered


def output_path(cfg: Config) -> Path:
    """Where the consolidated workbook goes: ``<output>/consolidated_<year>.xlsx``."""
    return cfg.output / f"consolidated_{cfg.fiscal_year}.xlsx"


def write(fh, g: Gathered, cfg: Config) -> None:
    """Write the workbook to ``fh``; the same ledger gives the same bytes (the created time is the data's)."""
    data = g.data
    s = Sheets(
        fh,
        cfg.language,
        data.generated_at,
        label("title", cfg.language, year=data.year, region=data.region),
        cfg.region,
    )
    sheets_files.overview(s, g, cfg)
    sheets_goals.results(s, g)
    sheets_goals.matrix(s, g, cfg)
    sheets_goals.rollup_sheet(s, g)
    sheets_goals.report_rows(s, g)
    sheets_goals.focus(s, g)
    sheets_money.budget(s, g)
    sheets_money.split(s, g)
    sheets_files.files(s, g)
    sheets_files.findings(s, g)
    write_data(s.wb, data)
    s.close()


def workbook_bytes(g: Gathered, cfg: Config) -> bytes:
    return render(write, g, cfg)
