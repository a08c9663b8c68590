"""Cover, agenda (with the sections left out for want of data) and the submission status."""

from __future__ import annotations

import datetime as dt

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu, Inches, Pt

from toolkit.adapters.deck import style
from toolkit.adapters.deck.geometry import Box
from toolkit.adapters.deck.layout import Deck
from toolkit.adapters.deck.text import (
    INSET_Y,
    LINE,
    Line,
    add_lines,
    add_text,
    count_lines,
    fit_list,
    inner_pt,
)
from toolkit.core.model import Consolidated, Status
from toolkit.i18n import format_date, t

SECTIONS = ("submissions", "fulfilment", "goals", "split", "budget", "jobs", "appendix")


def panel(slide, box: Box, fill=style.PANEL, line=None):
    """A flat rectangle behind text or a chart."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    shape.fill.solid()
    shape.fill.fore_color.rgb = fill
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = line
    shape.shadow.inherit = False
    return shape


def section_title(key: str, data: Consolidated) -> str:
    return t(f"deck.section.{key}", data.language, year=_jobs_year(data))


def _jobs_year(data: Consolidated) -> int:
    years = {j.year for j in data.jobs}
    return data.year if data.year in years or not years else max(years)


def default_title(data: Consolidated) -> str:
    """Named after what the data holds: a results contract, or an action plan when only plans came in."""
    plan_only = not data.goals and not data.goal_results and bool(data.budgets or data.jobs)
    return t("deck.title_plan" if plan_only else "deck.title_default", data.language, year=data.year)


def cover(deck: Deck, data: Consolidated, meeting: str, meeting_date: dt.date | None) -> None:
    lang = data.language
    default = default_title(data)
    when = meeting_date or data.generated_at.date()
    lines = [data.region, format_date(when, lang)] + ([default] if meeting else [])
    deck.cover(meeting or default, [s for s in lines if s])


def agenda(deck: Deck, data: Consolidated, shown: list[str], left_out: list[str]) -> None:
    """The sections in the deck, then one line naming those left out because this round has no data for them."""
    items = [section_title(k, data) for k in shown]
    items += [t("deck.agenda.left_out", data.language, section=section_title(k, data)) for k in left_out]
    deck.agenda(t("deck.agenda", data.language), items)


def submissions(deck: Deck, data: Consolidated) -> None:
    lang = data.language
    title = section_title("submissions", data)
    subs = data.submissions
    valid = [s.municipality for s in subs if s.state == "valid"]
    missing = [s.municipality for s in subs if s.state == "missing"]
    faulty = [s for s in subs if s.state not in ("valid", "missing")]
    slide, body = deck.slide(title)
    head, rest = body.top(Inches(0.55), gap=Inches(0.2))
    done = len(valid) + len(faulty)
    add_text(
        slide,
        head,
        t("deck.sub.summary", lang, done=done, total=len(subs), valid=len(valid)),
        style.HEADING_PT,
        color=style.INK,
        anchor=MSO_ANCHOR.MIDDLE,
    )
    error_names = [
        f"{s.municipality} ({t('deck.sub.error_count', lang, n=s.errors)})"
        if s.errors
        else f"{s.municipality} ({t(f'deck.state.{s.state}', lang)})"
        for s in faulty
    ]
    groups = [
        (t("deck.sub.valid", lang, n=len(valid)), valid, style.STATUS_FILL[Status.ACHIEVED]),
        (t("deck.sub.errors", lang, n=len(faulty)), error_names, style.STATUS_FILL[Status.NOT_ACHIEVED]),
        (t("deck.sub.missing", lang, n=len(missing)), missing, style.STATUS_FILL[Status.NOT_REPORTED]),
    ]
    pad, head_h, gap = Inches(0.2), Inches(0.5), Inches(0.1)
    boxes = rest.cols(1, 1, 1)
    texts, heights = [], []
    for (_, names, _), box in zip(groups, boxes):
        list_box = box.shrink(pad, pad).top(head_h, gap=gap)[1]
        text = (
            fit_list(names, list_box, style.SMALL_BODY_PT, lambda n: t("deck.sub.more", lang, n=n))
            if names
            else t("deck.sub.none", lang)
        )
        lines = count_lines(text, inner_pt(list_box)[0], style.SMALL_BODY_PT)
        texts.append(text)
        heights.append(2 * pad + head_h + gap + 2 * INSET_Y + int(Pt(style.SMALL_BODY_PT * LINE) * lines))
    # Cards as tall as the longest list needs (not the whole slide), so short lists don't float in space.
    height = min(rest.h, max(max(heights), Inches(2.2)))
    for (heading, _, color), box, text in zip(groups, boxes, texts):
        box = Box(box.x, box.y, box.w, height)
        panel(slide, box)
        panel(slide, Box(box.x, box.y, box.w, Inches(0.1)), fill=color)
        top, list_box = box.shrink(pad, pad).top(head_h, gap=gap)
        add_lines(slide, top, [Line(heading, style.HEADING_PT, bold=True, color=style.INK)])
        add_text(slide, list_box, text, style.SMALL_BODY_PT, color=style.INK)
