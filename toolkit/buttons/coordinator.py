"""The secretariat's coordinator workbook: its layout, its run log, and what its two buttons run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from toolkit.i18n import t

KIND = "coordinator"
TEXT_ROWS = 3  # 1-based row of the introduction
BUTTON_CELLS = {"Consolidate": "A5", "MakeDeck": "A8"}  # their text beside them in column C
LOG_HEADER_ROW = 13  # 1-based; runs are listed from the row below
LOG_COLUMNS = ("time", "action", "result", "file")

_TEXT = (  # message keys; the texts are in toolkit/locale (tools/to_gettext.py)
    "intro",
    "consolidate",
    "deck",
    "where",
)
TEXT_KEYS = tuple(f"buttons.coordinator.{k}" for k in _TEXT)


@dataclass
class ConsolidationResult:
    """What Consolidate now did: municipalities per state, the consolidated workbook, the run's report (read-only)."""

    path: Path
    valid: int
    invalid: int
    missing: int
    lines: list[str]

    @property
    def summary(self) -> str:
        return f"{self.valid} / {self.invalid} / {self.missing}"


def run_consolidation(cfg) -> ConsolidationResult:
    """Consolidate the inbox as `toolkit consolidate` does, and say where the workbook went."""
    from toolkit.workflows.consolidate import output_path, run

    summary = run(cfg, progress=False)
    path = summary.workbook.path if summary.workbook is not None else output_path(cfg)
    return ConsolidationResult(
        path, len(summary.valid), len(summary.with_errors), len(summary.missing), summary.lines(cfg.language)
    )


def make_deck(cfg) -> Path:
    """The council deck from the consolidated figures, as `toolkit deck` makes it; its path."""
    from toolkit.buttons.inbox import stamp
    from toolkit.workflows.deck import make_deck as make

    # A time-stamped name: the previous deck may be open in PowerPoint while the button is pressed.
    return make(cfg, path=Path(cfg.output) / f"deck_{cfg.fiscal_year}_{stamp()}.pptx")


def append_log(book, sheet: str, values: list[list], action: str, result: str, path: Path | None) -> None:
    """Add one run under the log heading of the coordinator sheet, with a link to its file."""
    from toolkit.buttons.actions import _try, write_rows

    row = LOG_HEADER_ROW + 1
    while row - 1 < len(values) and values[row - 1] and values[row - 1][0] not in ("", None):
        row += 1
    ws = book.sheets[sheet]
    now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    write_rows(ws, row, [[now, action, result, str(path) if path else ""]], text=True)
    if path:
        _try("link the output", ws.range((row, 4)).add_hyperlink, str(path), str(path), path.name)


def log_headers(lang: str) -> list[str]:
    return [t(f"buttons.col.{c}", lang) for c in LOG_COLUMNS]
