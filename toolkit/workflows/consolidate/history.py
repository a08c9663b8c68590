"""Every version a municipality has sent, oldest first, with its findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.adapters.store.ledger import Entry, open_readonly
from toolkit.config import Config
from toolkit.workflows.consolidate.gather import gather_all


@dataclass
class Version:
    """One received file of a municipality; ``n`` counts versions per template kind (read-only)."""

    n: int
    entry: Entry
    current: bool  # the version being consolidated
    findings: list[tuple] = field(default_factory=list)  # (severity, sheet, cell, field, value, rule, message)


def history(cfg: Config, municipality: str) -> list[Version]:
    """The versions ``municipality`` sent (files whose name merely mentions it included when unreadable).

    Ordered like the consolidation orders them (Entry.order_key): when the toolkit
    received them; among files received together, the workbook's own saved time,
    then the file's time (both never later than receipt).
    """
    ledger = open_readonly(cfg.ledger_target)
    if ledger is None:
        return []
    with ledger:
        entries = sorted(ledger.entries(municipality), key=lambda e: e.order_key)
        current = gather_all(cfg, ledger, figures=False).current_ids
        out: list[Version] = []
        numbers: dict[str | None, int] = {}
        for e in entries:
            numbers[e.kind] = numbers.get(e.kind, 0) + 1
            out.append(Version(numbers[e.kind], e, e.id in current, [f[1:] for f in ledger.findings(e.id)]))
        return out
