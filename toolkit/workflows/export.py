"""`toolkit export`: the ledger's frames (toolkit.workflows.frames) as CSV files or one .xlsx workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from toolkit.adapters.export.csvfile import DIALECTS, csv_bytes
from toolkit.adapters.export.xlsxfile import xlsx_bytes
from toolkit.config import Config
from toolkit.errors import ToolkitError
from toolkit.files import Written, save
from toolkit.workflows.frames import frames

FORMATS = ("csv", "xlsx")
NAME = "export"


def export(
    cfg: Config,
    fmt: str,
    out: Path | None = None,
    *,
    years: Iterable[int] | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
) -> list[Written]:
    """Write every frame: ``csv`` as ``<name>.csv`` in the folder ``out`` (default ``<output>/export``), in the
    dialect of ``cfg.language`` (adapters.export.csvfile); ``xlsx`` as one workbook, ``out`` itself when it
    ends in .xlsx, else ``export.xlsx`` in that folder (default ``<output>``). Each file is written atomically,
    beside itself when it is open in Excel (files.save, Written.blocked says so)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {FORMATS}")
    out = Path(out) if out is not None else None
    if fmt == "csv" and out is not None and out.suffix.lower() in (".csv", ".xlsx"):
        raise ToolkitError("export.csv_needs_folder", path=str(out))
    tables = frames(cfg, years)
    stamp = now()
    if fmt == "xlsx":
        target = out if out is not None and out.suffix.lower() == ".xlsx" else (out or cfg.output) / f"{NAME}.xlsx"
        return [save(xlsx_bytes(tables), target, stamp)]
    folder = out or cfg.output / NAME
    dialect = DIALECTS[cfg.language]
    return [save(csv_bytes(df, dialect), folder / f"{name}.csv", stamp) for name, df in tables.items()]


__all__ = ["FORMATS", "export"]
