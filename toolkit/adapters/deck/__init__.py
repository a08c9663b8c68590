"""The council-meeting slide deck, built from consolidated figures: ``build_deck(data, path)``."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from toolkit.adapters.deck.appendix import appendix, municipalities
from toolkit.adapters.deck.finance import budgets, job_rows, jobs, split
from toolkit.adapters.deck.goals import goal_slides, goal_table, overview
from toolkit.adapters.deck.layout import LAYOUTS, Deck
from toolkit.adapters.deck.messages import DeckError
from toolkit.adapters.deck.slides import SECTIONS, agenda, cover, submissions
from toolkit.core.model import Consolidated
from toolkit.i18n import LANGUAGES

__all__ = ["LAYOUTS", "DeckError", "build_deck"]


def build_deck(
    data: Consolidated, path, *, meeting: str = "", meeting_date: dt.date | None = None, template: Path | None = None
) -> Path:
    """Write the deck for ``data`` to ``path`` and return it.

    ``meeting`` titles the cover (a default naming the contract year otherwise), ``meeting_date``
    dates it (the consolidation date otherwise), and ``template`` is the organisation's own .pptx
    or .potx (the built-in 16:9 design when None). Raises DeckError when the template lacks a
    layout or the file cannot be written.
    """
    if data.language not in LANGUAGES:
        # Config validation normally stops this earlier; fall back rather than crash mid-deck.
        data = replace(data, language="en")
    deck = Deck(Path(template) if template else None)
    cover(deck, data, meeting, meeting_date)
    has = sections_with_data(data)
    agenda(deck, data, [k for k in SECTIONS if has[k]], [k for k in SECTIONS if not has[k]])
    # A section without data is left out (the agenda names it), never a slide that only says so.
    for key, draw in _DRAW:
        if has[key]:
            for section in draw:
                section(deck, data)
    deck.finish()
    return _save(deck.prs, Path(path))


_DRAW: list[tuple[str, tuple[Callable[[Deck, Consolidated], None], ...]]] = [
    ("submissions", (submissions,)),
    ("fulfilment", (overview, goal_table)),
    ("goals", (goal_slides,)),
    ("split", (split,)),
    ("budget", (budgets,)),
    ("jobs", (jobs,)),
    ("appendix", (appendix,)),
]


def sections_with_data(data: Consolidated) -> dict[str, bool]:
    """Which of the deck's sections this round has anything to show in."""
    return {
        "submissions": bool(data.submissions),
        "fulfilment": bool(data.goals),
        "goals": bool(data.goals),
        "split": bool(data.split),
        "budget": bool(data.budgets),
        "jobs": bool(job_rows(data)),
        "appendix": bool(municipalities(data)),
    }


def _save(prs, path: Path) -> Path:
    """Save through a temporary file in the same folder and rename it, so a reader (or a crash)
    never meets a half-written deck and an open old copy stays intact until the rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".pptx.tmp", dir=path.parent)
    except OSError as exc:
        raise DeckError("deck.write_failed", path=str(path), detail=str(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            prs.save(handle)
        # mkstemp makes the file private (0600); give it the permissions a normal save would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        raise DeckError("deck.write_failed", path=str(path), detail=str(exc)) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
