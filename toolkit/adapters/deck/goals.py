"""Fulfilment overview, the traffic-light table of all goals, and one slide per contract goal."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches

from toolkit.adapters.deck import style
from toolkit.adapters.deck.charts import (
    COUNT_FORMAT,
    MAX_BARS,
    PERCENT_FORMAT,
    Series,
    bar_chart,
    label,
)
from toolkit.adapters.deck.geometry import Box
from toolkit.adapters.deck.layout import Deck
from toolkit.adapters.deck.messages import category_label, status_label
from toolkit.adapters.deck.slides import panel, section_title
from toolkit.adapters.deck.tables import Cell, Column, Table, draw_pages
from toolkit.adapters.deck.text import Line, add_lines, add_text, largest_size
from toolkit.adapters.deck.values import goal_value, percent
from toolkit.core.model import Category, Consolidated, GoalResult, Status
from toolkit.i18n import format_number, format_percent, t

_CATEGORIES = (Category.NATIONAL, Category.COMMON, Category.REGIONAL, None)


def _status(goal: GoalResult) -> Status:
    return goal.status or Status.NOT_REPORTED


def status_cell(status: Status | None, lang: str) -> Cell:
    status = status or Status.NOT_REPORTED
    return Cell(status_label(status, lang), fill=style.STATUS_FILL[status], color=style.STATUS_TEXT[status])


def overview(deck: Deck, data: Consolidated) -> None:
    """Goals per status stacked by category, with the counts spelled out beside the chart."""
    lang, goals = data.language, data.goals
    title = section_title("fulfilment", data)
    cats = [c for c in _CATEGORIES if any(g.category == c for g in goals)]
    statuses = [s for s in Status if any(_status(g) == s for g in goals)]
    series = [
        Series(
            status_label(s, lang),
            [sum(1 for g in goals if g.category == c and _status(g) == s) for c in cats],
            style.STATUS_FILL[s],
            label_color=style.STATUS_TEXT[s],
        )
        for s in statuses
    ]
    slide, body = deck.slide(title)
    left, right = body.cols(3, 2)
    bar_chart(
        slide,
        left,
        [category_label(c, lang) for c in cats],
        series,
        title=t("deck.fulfil.chart", lang),
        stacked=True,
        number_format=COUNT_FORMAT,
        legend=True,
    )
    panel(slide, right)
    inner = right.shrink(Inches(0.3))
    head, rest = inner.top(Inches(1.0), gap=Inches(0.2))
    achieved = sum(1 for g in goals if _status(g) == Status.ACHIEVED)
    add_text(
        slide,
        head,
        t("deck.fulfil.summary", lang, achieved=achieved, total=len(goals)),
        style.HEADING_PT,
        bold=True,
        color=style.INK,
    )
    step = Inches(0.5)
    for i, s in enumerate(statuses):
        y = rest.y + i * step
        panel(slide, Box(rest.x, y + Inches(0.1), Inches(0.25), Inches(0.25)), fill=style.STATUS_FILL[s])
        count = sum(1 for g in goals if _status(g) == s)
        add_lines(
            slide,
            Box(rest.x + Inches(0.4), y, rest.w - Inches(0.4), Inches(0.45)),
            [Line(f"{status_label(s, lang)}: {count}", style.BODY_PT, color=style.INK)],
            anchor=MSO_ANCHOR.MIDDLE,
        )


def goal_table(deck: Deck, data: Consolidated) -> None:
    """Every goal on a traffic-light row, paginated."""
    lang = data.language
    columns = [
        Column(t("deck.col.no", lang), 0.7),
        Column(t("deck.col.goal", lang), 4.2),
        Column(t("deck.col.category", lang), 1.6),
        Column(t("deck.col.target", lang), 2.0, True),
        Column(t("deck.col.actual", lang), 2.0, True),
        Column(t("deck.col.fulfilment", lang), 1.3, True),
        Column(t("deck.col.status", lang), 1.8),
    ]
    rows: list[list[Cell | str]] = [
        [
            g.goal_no,
            g.title,
            category_label(g.category, lang),
            goal_value(g, g.target, lang, is_target=True),
            goal_value(g, g.actual, lang),
            percent(g.fulfilment, lang),
            status_cell(g.status, lang),
        ]
        for g in data.goals
    ]
    if deck.body.w < Inches(11):  # a 4:3 template: the chart before already shows the categories
        columns.pop(2)
        rows = [row[:2] + row[3:] for row in rows]
    draw_pages(deck, t("deck.fulfil.all_goals", lang), Table(columns, rows))


def goal_slides(deck: Deck, data: Consolidated) -> None:
    for goal in data.goals:
        _goal_slide(deck, data, goal)


def _goal_slide(deck: Deck, data: Consolidated, goal: GoalResult) -> None:
    lang = data.language
    slide, body = deck.slide(t("deck.goal.title", lang, no=goal.goal_no, title=goal.title))
    reported = _reported(data, goal)
    if reported:
        left, right = body.cols(5, 7, gap=Inches(0.4))
        tiles, evidence = left.top(Inches(2.3), gap=Inches(0.25))
        boxes = [b for row in tiles.rows(1, 1, gap=Inches(0.15)) for b in row.cols(1, 1, gap=Inches(0.15))]
    else:  # no results per municipality (a goal only the hub reports): the facts across the whole slide
        tiles, evidence = body.top(Inches(1.1), gap=Inches(0.3))
        boxes = tiles.cols(1, 1, 1, 1, gap=Inches(0.15))
    status = _status(goal)
    facts = [
        (t("deck.col.target", lang), goal_value(goal, goal.target, lang, is_target=True), None),
        (t("deck.col.actual", lang), goal_value(goal, goal.actual, lang), None),
        (t("deck.col.fulfilment", lang), percent(goal.fulfilment, lang), None),
        (t("deck.col.status", lang), status_label(status, lang), status),
    ]
    for (caption, value, tint), box in zip(facts, boxes):
        fill = style.STATUS_FILL[tint] if tint else style.PANEL
        ink = style.STATUS_TEXT[tint] if tint else style.INK
        panel(slide, box, fill=fill)
        inner = box.shrink(Inches(0.08))
        size = largest_size(value, inner.w, (style.KPI_VALUE_PT - 4, style.BODY_PT), bold=True)
        add_lines(
            slide,
            inner,
            [Line(caption, style.SMALL_BODY_PT, color=ink), Line(value, size, bold=True, color=ink)],
            anchor=MSO_ANCHOR.MIDDLE,
        )
    head, text_box = evidence.top(Inches(0.45), gap=Inches(0.05))
    add_lines(slide, head, [Line(t("deck.goal.evidence", lang), style.HEADING_PT, bold=True, color=style.ACCENT)])
    # Fixed size; the text is cut at a word boundary with an ellipsis to fit the box.
    add_text(
        slide,
        text_box,
        goal.evidence or t("deck.goal.no_evidence", lang),
        style.SMALL_BODY_PT,
        color=style.INK if goal.evidence else style.MUTED,
    )
    if reported:
        _spread(slide, right, data, reported)


def _reported(data: Consolidated, goal: GoalResult) -> list[GoalResult]:
    return [r for r in data.goal_results if r.goal_no == goal.goal_no and r.municipality and r.fulfilment is not None]


def _spread(slide, box: Box, data: Consolidated, reported: list[GoalResult]) -> None:
    """How the goal's fulfilment spreads across the municipalities that reported it."""
    lang = data.language
    if len(reported) <= MAX_BARS:
        # The conditions repeat _reported's, which keeps only rows with both; they narrow the Optionals.
        names = [label(r.municipality, box.w * 2 // 5) for r in reported if r.municipality]
        series = Series(
            t("deck.col.fulfilment", lang),
            [r.fulfilment for r in reported],
            point_colors=[style.STATUS_FILL[_status(r)] for r in reported],
        )
        bar_chart(
            slide,
            box,
            names,
            [series],
            title=t("deck.goal.spread", lang),
            horizontal=True,
            number_format=PERCENT_FORMAT,
            max_value=1.0,
        )
        return
    # Too many municipalities for one bar each: count them per fulfilment band instead.
    edges = [Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1)]
    names = [
        f"{format_number(lo * 100, lang)}\u2013{format_percent(hi - Decimal('0.01'), lang)}"
        for lo, hi in pairwise(edges)
    ] + [format_percent(1, lang)]
    counts = [0] * len(names)
    for fulfilment in (r.fulfilment for r in reported if r.fulfilment is not None):
        f = min(max(fulfilment, Decimal(0)), Decimal(1))
        counts[len(names) - 1 if f >= 1 else int(f * 4)] += 1
    bar_chart(
        slide,
        box,
        names,
        [Series(t("deck.goal.municipalities", lang), counts, style.ACCENT)],
        title=t("deck.goal.bands", lang),
        number_format=COUNT_FORMAT,
    )
