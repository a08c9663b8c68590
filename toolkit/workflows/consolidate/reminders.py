"""Who has no valid submission by the deadline, as a CSV for a mail merge in Danish Excel or Word."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from toolkit.adapters.consolidated.labels import label
from toolkit.adapters.store import codec
from toolkit.adapters.store.ledger import open_readonly
from toolkit.config import Config
from toolkit.i18n import format_date
from toolkit.workflows.consolidate.gather import gather_all
from toolkit.workflows.consolidate.messages import say


@dataclass
class Reminder:
    """A municipality to remind (read-only). ``reason``: missing, invalid or unreadable."""

    municipality: str
    email: str
    reason: str
    errors: int = 0
    latest_file: str = ""


def reminders(cfg: Config) -> list[Reminder]:
    """Configured municipalities without a valid submission received by cfg.deadline (or at all, without one).

    A valid submission saved after the deadline is late but delivered, so it
    gets no reminder (the overview marks it late). The e-mail is the one in
    [contacts], else the contact e-mail typed in the municipality's latest
    readable workbook, else empty.
    """
    ledger = open_readonly(cfg.ledger_target)
    if ledger is None:
        return [Reminder(name, cfg.contacts.get(name, ""), "missing") for name in cfg.municipalities]
    with ledger:
        g = gather_all(cfg, ledger, figures=False)  # who submitted what; the figures are not needed
        out = []
        for sub in g.data.submissions:
            if sub.state == "valid":
                continue
            choice = g.choice(sub.municipality)
            email = cfg.contacts.get(sub.municipality, "")
            if not email and choice is not None:
                form = codec.loads(ledger.records([choice.latest.id]).get(choice.latest.id)).get("form", {})
                email = str(form.get("contact_email") or "")
            out.append(Reminder(sub.municipality, email, sub.state, sub.errors, sub.file_name))
        return out


def reminders_csv(items: list[Reminder], cfg: Config) -> bytes:
    """UTF-8 with BOM, ``;``-separated, CRLF: what Danish Excel opens correctly by double-click."""
    lang = cfg.language
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(
        [say(f"reminders.col.{c}", lang) for c in ("municipality", "email", "reason", "errors", "file", "deadline")]
    )
    deadline = format_date(cfg.deadline, lang)
    for r in items:
        w.writerow(
            [
                _safe(r.municipality),
                _safe(r.email),
                label(f"state.{r.reason}", lang),
                r.errors if r.reason != "missing" else "",
                _safe(r.latest_file),
                deadline,
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    """Text a spreadsheet must not take for a formula (CSV injection): prefix an apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_reminders(cfg: Config, path: Path | None = None) -> tuple[Path, list[Reminder]]:
    """Write the reminders CSV (default ``<output>/reminders.csv``) atomically; returns it and the list."""
    from toolkit.files import write_bytes

    items = reminders(cfg)
    path = Path(path) if path else cfg.output / "reminders.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, reminders_csv(items, cfg))
    return path, items


__all__ = ["Reminder", "reminders", "reminders_csv", "write_reminders"]
