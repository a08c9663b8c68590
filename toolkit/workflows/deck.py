"""The council-meeting deck from the ledger or from a consolidated workbook, written into the output folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from toolkit.config import Config


def deck_path(cfg: Config) -> Path:
    return cfg.output / f"deck_{cfg.fiscal_year}.pptx"


def make_deck(
    cfg: Config,
    *,
    source: Path | None = None,
    meeting: str = "",
    meeting_date: dt.date | None = None,
    path: Path | None = None,
) -> Path:
    """Build the deck; when the usual file is open in PowerPoint, write beside it with a time stamp."""
    from toolkit.adapters.consolidated.embedded import read_consolidated
    from toolkit.adapters.deck import DeckError, build_deck
    from toolkit.workflows.consolidate import gather

    data = read_consolidated(source) if source else gather(cfg)
    target = path or deck_path(cfg)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        return build_deck(data, target, meeting=meeting, meeting_date=meeting_date, template=cfg.deck_template)
    except DeckError as exc:
        if exc.key != "deck.write_failed" or path is not None:
            raise
        stamped = target.with_name(f"{target.stem}_{dt.datetime.now():%Y%m%d-%H%M%S}{target.suffix}")
        return build_deck(data, stamped, meeting=meeting, meeting_date=meeting_date, template=cfg.deck_template)
