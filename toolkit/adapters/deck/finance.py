"""Cost split per municipality, budgets per focus area, and jobs achieved against target."""

from __future__ import annotations

from decimal import Decimal

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches

from toolkit.adapters.deck import style
from toolkit.adapters.deck.charts import (
    AMOUNT_FORMAT,
    MAX_BARS,
    Series,
    bar_chart,
    label,
)
from toolkit.adapters.deck.layout import Deck
from toolkit.adapters.deck.slides import _jobs_year, panel, section_title
from toolkit.adapters.deck.tables import (
    Column,
    Table,
    draw,
    draw_pages,
    paginate,
    row_height,
    rows_per_table,
)
from toolkit.adapters.deck.text import Line, add_lines, add_text, largest_size
from toolkit.adapters.deck.values import number, percent
from toolkit.core.fulfilment import jobs_progress
from toolkit.core.model import Consolidated, Status
from toolkit.i18n import format_date, format_number, t


def split(deck: Deck, data: Consolidated) -> None:
    """A chart of amounts (largest first) with the total and key date, then the full table."""
    lang, lines = data.language, data.split
    title = section_title("split", data)
    total = data.split_total if data.split_total is not None else sum((s.amount for s in lines), Decimal(0))
    slide, body = deck.slide(title)
    left, right = body.cols(3, 1)
    ranked = sorted(lines, key=lambda s: s.amount, reverse=True)
    shown, rest = (ranked, []) if len(ranked) <= MAX_BARS else (ranked[: MAX_BARS - 1], ranked[MAX_BARS - 1 :])
    names = [label(s.key, left.w // 4) for s in shown]
    values = [s.amount for s in shown]
    if rest:  # the smallest are grouped so the chart stays readable; the table lists them all
        names.append(t("deck.split.others", lang, n=len(rest)))
        values.append(sum((s.amount for s in rest), Decimal(0)))
    bar_chart(
        slide,
        left,
        names,
        [Series(t("deck.col.amount", lang), values, style.ACCENT)],
        title=t("deck.split.chart", lang),
        horizontal=True,
        number_format=AMOUNT_FORMAT,
    )
    facts = [
        (t("deck.split.total", lang), format_number(total, lang)),
        (t("deck.split.count", lang), format_number(len(lines), lang)),
    ]
    if data.split_key_date:
        facts.insert(1, (t("deck.split.key_date", lang), format_date(data.split_key_date, lang)))
    _facts(slide, right, facts)
    weights = sum((s.weight for s in lines), Decimal(0))
    columns = [
        Column(t("deck.col.municipality", lang), 2.4),
        Column(t("deck.col.key", lang), 1.3, True),
        Column(t("deck.col.share", lang), 1.0, True),
        Column(t("deck.col.amount", lang), 1.3, True),
    ]
    # One decimal: with many municipalities most shares are below one per cent.
    rows = [
        [s.key, number(s.weight, lang), percent(s.amount / total if total else None, lang, 1), number(s.amount, lang)]
        for s in lines
    ]
    footer = [
        t("deck.split.total", lang),
        number(weights, lang),
        percent(1 if total else None, lang, 1),
        number(total, lang),
    ]
    draw_pages(deck, t("deck.split.table", lang), Table(columns, rows, footer), side_by_side=True)


def _facts(slide, box, facts: list[tuple[str, str]]) -> None:
    """Key figures in a side panel: a caption and, below it, the value as large as fits."""
    panel(slide, box)
    inner = box.shrink(Inches(0.2))
    lines = []
    for caption, value in facts:
        size = largest_size(value, inner.w, (style.KPI_VALUE_PT, style.HEADING_PT, style.SMALL_BODY_PT), bold=True)
        lines += [
            Line(caption, style.SMALL_BODY_PT, color=style.MUTED),
            Line(value, size, bold=True, color=style.ACCENT),
            Line(" ", style.SMALL_BODY_PT),
        ]
    add_lines(slide, inner, lines)


def budgets(deck: Deck, data: Consolidated) -> None:
    """Budget, granted and remaining per focus area as a clustered chart over a table with totals."""
    lang, lines = data.language, sorted(data.budgets, key=lambda b: b.area_no)
    title = section_title("budget", data)
    columns = [
        Column(t("deck.col.area", lang), 4.0),
        Column(t("deck.col.budget", lang), 1.3, True),
        Column(t("deck.col.granted", lang), 1.3, True),
        Column(t("deck.col.remaining", lang), 1.3, True),
    ]
    rows = [
        [f"{b.area_no}. {b.area_name}", number(b.budget, lang), number(b.granted, lang), number(b.remaining, lang)]
        for b in lines
    ]
    footer = [t("deck.split.total", lang)] + [
        number(sum((getattr(b, a) for b in lines), Decimal(0)), lang) for a in ("budget", "granted", "remaining")
    ]
    table = Table(columns, rows, footer)
    slide, body = deck.slide(title)
    table_h = row_height() * (len(rows) + 2)
    fits_below = len(lines) <= MAX_BARS and table_h <= body.h * 0.55
    chart_box, table_box = body.top(body.h - table_h - Inches(0.2), gap=Inches(0.2)) if fits_below else (body, None)
    shown = lines[:MAX_BARS]
    series = [
        Series(t(f"deck.col.{name}", lang), [getattr(b, name) for b in shown], color)
        for name, color in zip(("budget", "granted", "remaining"), style.SERIES)
    ]
    bar_chart(
        slide,
        chart_box,
        [label(f"{b.area_no}. {b.area_name}", chart_box.w // max(len(shown), 1)) for b in shown],
        series,
        title=t("deck.budget.chart", lang),
        data_labels=table_box is None,
    )  # with the table below, labels would only crowd the bars
    if table_box is not None:
        draw(slide, table_box, columns, paginate(table, rows_per_table(table_box.h))[0])
    else:
        draw_pages(deck, t("deck.budget.table", lang), table)


def job_rows(data: Consolidated) -> list:
    """The deck's year's job targets with a target or a result, by focus area."""
    year = _jobs_year(data)
    return sorted(
        (j for j in data.jobs if j.year == year and (j.target is not None or j.achieved is not None)),
        key=lambda j: j.area_no,
    )


def jobs(deck: Deck, data: Consolidated) -> None:
    """Jobs achieved against target per focus area for the deck's year (or the latest year given)."""
    lang = data.language
    title = section_title("jobs", data)
    year = _jobs_year(data)
    rows = job_rows(data)
    names = {b.area_no: b.area_name for b in data.budgets}
    slide, body = deck.slide(title)
    left, right = body.cols(3, 1)
    reported = any(j.achieved is not None for j in rows)
    series = [Series(t("deck.jobs.target", lang), [j.target for j in rows], style.SERIES[0])]
    if reported:
        series.append(
            Series(t("deck.jobs.achieved", lang), [j.achieved for j in rows], style.STATUS_FILL[Status.ACHIEVED])
        )
    cats = [
        label(
            f"{j.area_no}. {names[j.area_no]}" if j.area_no in names else t("deck.jobs.area", lang, n=j.area_no),
            left.w // max(len(rows), 1),
        )
        for j in rows
    ]
    bar_chart(slide, left, cats, series, title=t("deck.jobs.count", lang), legend=True)
    # the deck's year on its own, then each plan period against its own target: never added together
    year_total = jobs_progress(rows).by_year[year]
    target = year_total.target or 0
    facts = [(t("deck.jobs.target", lang), format_number(target, lang))]
    if reported:
        achieved = year_total.achieved or 0
        facts.append((t("deck.jobs.achieved", lang), format_number(achieved, lang)))
        if target:
            facts.append((t("deck.col.fulfilment", lang), percent(Decimal(achieved) / Decimal(target), lang)))
    for period in data.job_periods:
        p = jobs_progress(data.jobs, period=(period.first, period.last), period_target=period.target).period
        if p.target is not None:
            facts.append(
                (
                    t("deck.jobs.period_target", lang, first=period.first, last=period.last),
                    format_number(p.target, lang),
                )
            )
        if p.achieved is not None:
            facts.append(
                (
                    t("deck.jobs.period_achieved", lang, first=period.first, last=period.last),
                    format_number(p.achieved, lang),
                )
            )
    _facts(slide, right, facts)
    if not reported:
        _top, rest = right.shrink(Inches(0.2)).top(Inches(0.8 * len(facts)))  # below the facts
        add_text(
            slide,
            rest,
            t("deck.jobs.not_reported", lang),
            style.SMALL_BODY_PT,
            color=style.MUTED,
            anchor=MSO_ANCHOR.TOP,
        )
