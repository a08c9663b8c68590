"""The overview, files and findings sheets: who submitted what, when, and what is wrong with it."""

from __future__ import annotations

from types import SimpleNamespace

from toolkit import findings_table as table
from toolkit.adapters.consolidated.labels import label
from toolkit.adapters.consolidated.writer import STATE_COLOURS, Col, Sheets
from toolkit.adapters.store.ledger import Entry
from toolkit.config import Config
from toolkit.i18n import format_date
from toolkit.spec.labels import kind_title
from toolkit.workflows.consolidate.gather import Gathered, relevant, shown_entry
from toolkit.workflows.consolidate.messages import say

_STATES = ("valid", "invalid", "unreadable", "missing")


def overview(s: Sheets, g: Gathered, cfg: Config) -> None:
    lang, data = s.lang, g.data
    ws = s.sheet("overview")
    ws.write_string(0, 0, label("title", lang, year=data.year, region=data.region), s.f["title"])
    ws.write_string(1, 0, label("as_of", lang, when=data.generated_at.strftime("%Y-%m-%d %H:%M")), s.f["hint"])
    counts = {state: sum(1 for x in data.submissions if x.state == state) for state in _STATES}
    row = 3
    ws.write_string(row, 0, label("total.municipalities", lang), s.f["label"])
    s.value(ws, row, 1, len(data.submissions), "int")
    first_state = row + 1
    for i, state in enumerate(_STATES):
        ws.write_string(first_state + i, 0, label(f"state.{state}", lang), s.fills[STATE_COLOURS[state]])
        s.value(ws, first_state + i, 1, counts[state], "int")
    row = first_state + len(_STATES)
    ws.write_string(row, 0, label("total.files", lang), s.f["label"])
    s.value(ws, row, 1, len(g.entries), "int")
    ws.write_string(row + 1, 0, label("total.deadline", lang), s.f["label"])
    s.value(ws, row + 1, 1, cfg.deadline, "date")
    chart = s.wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": label("chart.states", lang),
            "categories": [ws.name, first_state, 0, first_state + 3, 0],
            "values": [ws.name, first_state, 1, first_state + 3, 1],
            "points": [
                {"fill": {"color": STATE_COLOURS[x][0]}, "border": {"color": STATE_COLOURS[x][1]}} for x in _STATES
            ],
            "data_labels": {"value": True},
        }
    )
    chart.set_title({"name": label("chart.states", lang)})
    chart.set_legend({"none": True})
    ws.insert_chart(2, 4, chart, {"x_scale": 1.1, "y_scale": 0.8})
    cols = [
        Col(label("col.municipality", lang), width=22),
        Col(label("col.state", lang), width=15),
        Col(label("col.submitted_at", lang), "date", 12),
        Col(label("col.file_time", lang), "datetime", 17),
        Col(label("col.file", lang), width=36),
        Col(label("col.template_version", lang), width=16),
        Col(label("col.errors", lang), "int", 8),
        Col(label("col.warnings", lang), "int", 11),
        Col(label("col.versions", lang), "int", 11),
        Col(label("col.note", lang), width=50),
    ]
    rows, fills = [], {}
    for i, sub in enumerate(data.submissions):
        choice = g.choice(sub.municipality)
        entry = shown_entry(g, sub.municipality)
        versions = len(choice.versions) if choice else len(g.unreadable_by_hint.get(sub.municipality.casefold(), []))
        rows.append(
            [
                sub.municipality,
                label(f"state.{sub.state}", lang),
                sub.submitted_at,
                _local(entry.arrived) if entry else None,
                sub.file_name,
                sub.template_version,
                sub.errors if entry else None,
                sub.warnings if entry else None,
                versions or None,
                _note(sub, entry, choice, cfg, lang),
            ]
        )
        fills[(i, 1)] = STATE_COLOURS[sub.state]
    top = max(row + 3, 19)
    ws.freeze_panes(top + 1, 1)
    s.table(ws, top, "tblOverview", cols, rows, fills=fills)


def _note(sub, entry: Entry | None, choice, cfg: Config, lang: str) -> str:
    notes = []
    if choice is not None and choice.current is not None:
        newer = choice.newer_than_current
        if newer:
            notes.append(label("note.newer_invalid", lang, file=newer[-1].file_name, errors=newer[-1].errors))
    if sub.state == "unreadable":
        notes.append(label("note.by_name", lang))
    if cfg.deadline and entry is not None and _local(entry.arrived).date() > cfg.deadline:
        notes.append(label("note.late", lang, deadline=format_date(cfg.deadline, lang)))
    return "; ".join(notes)


def _consolidated(g: Gathered, e: Entry, lang: str) -> str:
    if e.id in g.left_out:
        return label("no", lang)
    if e.id in g.current_ids:
        return label("yes", lang)
    choice = g.choices.get(((e.municipality or "").casefold(), e.kind)) if e.kind else None
    if choice is not None and e in choice.newer_than_current:
        return label("newer", lang)
    return label("no", lang)


def _owner(e: Entry, lang: str) -> str:
    if e.municipality:
        return e.municipality
    if e.name_hint:
        return say("run.probably", lang, name=e.name_hint)
    return ""


def files(s: Sheets, g: Gathered) -> None:
    lang = s.lang
    ws = s.sheet("files")
    row = s.heading(ws, 0, label("heading.files", lang))
    cols = [
        Col(label("col.id", lang), "int", 8),
        Col(label("col.received", lang), "datetime", 17),
        Col(label("col.file", lang), width=36),
        Col(label("col.municipality", lang), width=20),
        Col(label("col.kind", lang), width=24),
        Col(label("col.template_version", lang), width=9),
        Col(label("col.state", lang), width=15),
        Col(label("col.errors", lang), "int", 7),
        Col(label("col.warnings", lang), "int", 9),
        Col(label("col.infos", lang), "int", 6),
        Col(label("col.saved_at", lang), "datetime", 17),
        Col(label("col.mtime", lang), "datetime", 17),
        Col(label("col.consolidated", lang), width=14),
        Col(label("col.sha256", lang), width=20),
        Col(label("col.path", lang), width=50),
        Col(label("col.note", lang), width=60),
    ]
    rows, fills = [], {}
    for i, e in enumerate(g.entries):
        rows.append(
            [
                e.id,
                _local(e.received_at),
                e.file_name,
                _owner(e, lang),
                kind_title(e.kind, lang),
                e.template_version,
                label(f"state.{e.state}", lang),
                e.errors,
                e.warnings,
                e.infos,
                _local(e.saved_at),
                _local(e.mtime),
                _consolidated(g, e, lang),
                e.sha256,
                e.source_path,
                " ".join(g.left_out.get(e.id, []) + g.notes.get(e.id, [])),
            ]
        )
        fills[(i, 6)] = STATE_COLOURS[e.state]
    ws.freeze_panes(row + 1, 0)
    row = s.table(ws, row, "tblFiles", cols, rows, fills=fills)
    if g.events:
        row = s.heading(ws, row, label("heading.events", lang))
        cols = [
            Col(label("col.received", lang), "datetime", 17),
            Col(label("col.file", lang), width=36),
            Col(label("col.event", lang), width=14),
            Col(label("col.message", lang), width=70),
            Col(label("col.path", lang), width=50),
        ]
        s.table(ws, row, "tblEvents", cols, [[_local(e.at), e.file_name, e.event, e.message, e.path] for e in g.events])


def _local(value):
    return None if value is None else value.astimezone().replace(tzinfo=None, microsecond=0)


def findings(s: Sheets, g: Gathered) -> None:
    lang = s.lang
    ws = s.sheet("findings")
    columns = table.FILE_COLUMNS + table.COLUMNS
    cols = [Col(text, width=c.width) for c, text in zip(columns, table.headings(lang, columns))]
    severity_col = columns.index(table.COLUMNS[0])
    rows: list[list[str]] = []
    fills: dict[tuple[int, int], tuple[str, str]] = {}
    for e in relevant(g):
        if e.id in g.left_out:  # not counted here, and the Files sheet says why: their findings do not matter
            continue
        for severity, sheet, cell, field, value, rule, message in g.findings.get(e.id, []):
            fills[(len(rows), severity_col)] = table.COLOURS.get(severity, table.COLOURS["info"])
            finding = SimpleNamespace(
                severity=severity, sheet=sheet, cell=cell, field=field, value=value, message=message, rule=rule
            )
            rows.append([e.file_name, _owner(e, lang), *table.row(finding, lang)])
    ws.freeze_panes(1, 1)
    s.table(ws, 0, "tblFindings", cols, rows, fills=fills)
