"""Appendix: the submission table, one table of the municipalities without figures (and why), then each
municipality's own results on slides of bounded rows."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.util import Inches

from toolkit.adapters.deck import style
from toolkit.adapters.deck.goals import status_cell
from toolkit.adapters.deck.layout import Deck
from toolkit.adapters.deck.tables import Cell, Column, Table, draw, draw_pages, rows_per_table
from toolkit.adapters.deck.text import Line, add_lines
from toolkit.adapters.deck.values import DASH, goal_value, percent
from toolkit.core.model import Consolidated, SubmissionStatus
from toolkit.i18n import format_date, t


def municipalities(data: Consolidated) -> list[str]:
    """Every municipality the data mentions, in the order of the submission overview first."""
    names = [s.municipality for s in data.submissions]
    names += [r.municipality for r in data.goal_results if r.municipality]
    names += list(data.report_rows) + list(data.focus_areas)
    return list(dict.fromkeys(names))


def with_figures(data: Consolidated) -> set[str]:
    """The municipalities whose results or report rows are in the consolidation."""
    return {r.municipality for r in data.goal_results if r.municipality} | {
        n for n, rows in data.report_rows.items() if rows
    }


def appendix(deck: Deck, data: Consolidated) -> None:
    lang = data.language
    names = municipalities(data)
    if data.submissions:
        # Weights measured so headers, "Kan ikke læses" and "15. september 2020" fit half a 16:9 slide.
        columns = [
            Column(t("deck.col.municipality", lang), 2.55),
            Column(t("deck.col.status", lang), 2.1),
            Column(t("deck.col.submitted", lang), 2.8),
            Column(t("deck.col.errors", lang), 1.1, True),
            Column(t("deck.col.warnings", lang), 1.55, True),
        ]
        rows = [
            [
                s.municipality,
                t(f"deck.state.{s.state}", lang),
                format_date(s.submitted_at.date(), lang) if s.submitted_at else DASH,
                str(s.errors),
                str(s.warnings),
            ]
            for s in data.submissions
        ]
        draw_pages(deck, t("deck.appendix.submissions", lang), Table(columns, rows), side_by_side=True)
    states = {s.municipality: s for s in data.submissions}
    figures = with_figures(data)
    _without_figures(deck, data, [states[n] for n in names if n not in figures and n in states])
    for name in names:
        if name in figures:
            _municipality(deck, data, name, states.get(name))


def _without_figures(deck: Deck, data: Consolidated, states: list[SubmissionStatus]) -> None:
    """One table (on as many slides as it needs) instead of a slide per municipality with nothing to show,
    saying for each why: not submitted, submitted with errors, unreadable, or no results in it."""
    if not states:
        return
    lang = data.language
    columns = [Column(t("deck.col.municipality", lang), 2.5), Column(t("deck.col.why", lang), 4.5)]
    rows = [
        [
            s.municipality,
            t(f"deck.why.{s.state}", lang, n=s.errors)
            if s.state in ("missing", "invalid", "unreadable")
            else t("deck.why.no_results", lang),
        ]
        for s in states
    ]
    draw_pages(deck, t("deck.appendix.without_figures", lang), Table(columns, rows), side_by_side=True)


def _municipality(deck: Deck, data: Consolidated, name: str, state: SubmissionStatus | None) -> None:
    """One municipality's goal results and report rows; a new slide whenever a slide is full."""
    lang = data.language
    info = []
    if state is not None:
        text = t("deck.appendix.state", lang, state=t(f"deck.state.{state.state}", lang))
        if state.submitted_at:
            text += " \u00b7 " + t(
                "deck.appendix.submitted_at", lang, date=format_date(state.submitted_at.date(), lang)
            )
        info.append(text)
    if data.focus_areas.get(name):
        info.append(t("deck.appendix.focus", lang, areas=", ".join(data.focus_areas[name])))
    goal_cols = [
        Column(t("deck.col.no", lang), 0.7),
        Column(t("deck.col.goal", lang), 4.4),
        Column(t("deck.col.target", lang), 2.0, True),
        Column(t("deck.col.actual", lang), 2.0, True),
        Column(t("deck.col.fulfilment", lang), 1.3, True),
        Column(t("deck.col.status", lang), 1.9),
    ]
    goal_rows: list[list[Cell | str]] = [
        [
            r.goal_no,
            r.title,
            goal_value(r, r.target, lang, is_target=True),
            goal_value(r, r.actual, lang),
            percent(r.fulfilment, lang),
            status_cell(r.status, lang),
        ]
        for r in data.goal_results
        if r.municipality == name
    ]
    report_cols = [
        Column(t("deck.col.sub_goal", lang), 2.2),
        Column(t("deck.col.goal", lang), 4.0),
        Column(t("deck.col.met_by", lang), 2.4),
        Column(t("deck.col.when", lang), 1.5),
        Column(t("deck.col.status", lang), 2.0),
    ]
    report_rows: list[list[Cell | str]] = [
        [
            r.sub_goal,
            r.goal_text,
            r.met_by,
            r.when,
            status_cell(r.status, lang) if r.status else (r.status_text or DASH),
        ]
        for r in data.report_rows.get(name, [])
    ]

    body = deck.body
    info_h = Inches(0.3) * max(len(info), 1) + Inches(0.1)
    first = body.top(info_h, gap=Inches(0.15))[1]
    # Lay out the pages first so every title can say "(page/pages)".
    pages: list[tuple[list[Column] | None, Sequence[Sequence[Cell | str]], str]] = []
    report = " \u2013 " + t("deck.appendix.report", lang)
    for columns, rows, suffix in ((goal_cols, goal_rows, ""), (report_cols, report_rows, report)):
        while rows:
            room = rows_per_table((first if not pages else body).h)
            pages.append((columns, rows[:room], suffix))
            rows = rows[room:]
    title = t("deck.appendix.municipality", lang, name=name)
    for n, (page_cols, page_rows, suffix) in enumerate(pages or [(None, [], "")], start=1):
        count = "" if len(pages) <= 1 else f" ({n}/{len(pages)})"
        slide, _ = deck.slide(title + suffix + count)
        if n == 1:
            head = body.top(info_h, gap=Inches(0.15))[0]
            add_lines(slide, head, [Line(s, style.SMALL_BODY_PT, color=style.MUTED) for s in info])
        if page_cols is not None:
            draw(slide, first if n == 1 else body, page_cols, page_rows)
