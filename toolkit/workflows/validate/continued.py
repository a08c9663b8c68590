"""Lines typed as a published table lays them out: a blank group cell continues the group, continuation lines join."""

from __future__ import annotations

from toolkit.adapters.excel import records
from toolkit.adapters.excel.read import Row
from toolkit.i18n import t
from toolkit.spec import Table
from toolkit.workflows.validate.findings import Collector, rule
from toolkit.workflows.validate.rules import field_of

JOINED = rule("layout.joined_line", "info")

# Per table: the group cell, the cell that names an item, and the cell that marks one (for the message).
_CELLS = {"tblReport": ("sub_goal", "goal_text", "status"), "tblMeasures": ("area_no", "letter", "budget")}


def arranged(table: Table, rows: list[Row], out: Collector) -> set[tuple[int, str]]:
    """The (row, field) cells left blank by the layout, not by the user; an info finding per joined line."""
    placed = records.layout(table.name, rows)
    if placed is None:
        return set()
    group, head, mark = _CELLS[table.name]
    lang = out.lang
    exempt: set[tuple[int, str]] = set()
    for p, row in zip(placed, rows):
        if p.inherited and p.joins is None:
            exempt.add((row.number, group))
        elif p.joins is not None:
            exempt.update((row.number, f.key) for f in table.fields)
            key = _first_filled(row, table)
            out.at(
                JOINED,
                row.cells[key],
                field_of(table, key),
                into=rows[p.joins].number,
                head=_label(table, head, lang),
                mark=_label(table, mark, lang),
            )
    return exempt


def _first_filled(row: Row, table: Table) -> str:
    """The key of the row's first filled cell, where the finding points."""
    return next(
        (f.key for f in table.fields if f.key in row.cells and row.cells[f.key].raw not in (None, "")),
        table.fields[0].key,
    )


def _label(table: Table, key: str, lang: str) -> str:
    return t(field_of(table, key).label_key, lang)
