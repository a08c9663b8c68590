"""Table lines typed as a published document lays them out: a blank group cell and continuation lines.

Published tables (the Norddjurs report, seed 000; Drangedal's measures, seed 003) write a group
once, on the first line of the group, as a merged cell reads, and run a long cell over a page break
into a line of its own that carries no goal and no status. Both are read as the reader of the
document reads them: a blank group cell under a filled one continues that group, and a line with
text but nothing that starts an item of its own is joined to the item above. Everything else (a
status without a goal, a goal without a status) is left as it is for the rules to report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """What one typed line holds, as far as the layout goes."""

    key: str  # the group cell (sub-goal; focus area no.): blank continues the group above
    head: str  # the cell that names an item (goal text; measure letter or name)
    marked: bool  # holds what only an item has (a status; an amount)


@dataclass(frozen=True)
class Placed:
    """Where a line goes: an item of its own, or joined to the item on line ``joins``."""

    index: int
    joins: int | None  # None: an item of its own; else the index of the line it is joined to
    key: str  # the group it belongs to (its own, or the one it continues)
    inherited: bool  # the group cell was blank and the group above is meant


def continues_sentence(text: str) -> bool:
    """True when ``text`` carries on a sentence from the line above: it begins with a lower-case letter.

    "og grøn omstilling i løbet af …" continues; "Mål 3.4. B …", "2 møder", "<p>…" start afresh.
    """
    text = text.strip()
    return bool(text) and text[0].isalpha() and text[0].islower()


def is_continuation(line: Line) -> bool:
    """A line with no group, nothing only an item has, and no head that starts an item of its own."""
    return not line.key.strip() and not line.marked and (not line.head.strip() or continues_sentence(line.head))


def arrange(lines: Sequence[Line]) -> list[Placed]:
    """Place every line: joined to the item above when it continues it, else an item (maybe in the group above).

    A continuation line before any item stays an item of its own (and so is reported as incomplete).
    """
    out: list[Placed] = []
    item: int | None = None
    group = ""
    for i, line in enumerate(lines):
        if item is not None and is_continuation(line):
            out.append(Placed(i, item, group, True))
            continue
        inherited = not line.key.strip() and bool(group)
        key = group if inherited else line.key
        out.append(Placed(i, None, key, inherited))
        item, group = i, key
    return out


def joined(first: str, more: str, sep: str) -> str:
    """``first`` and ``more`` with ``sep`` between them; either may be blank."""
    first, more = first.strip(), more.strip()
    return f"{first}{sep}{more}" if first and more else first or more
