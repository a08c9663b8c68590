"""Measure, wrap and shorten text to fit a box at a fixed font size, and place text boxes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from toolkit.adapters.deck.geometry import Box

ELLIPSIS = "\u2026"
INSET_X = Inches(0.08)
INSET_Y = Inches(0.04)
# Line height as a multiple of the font size; PowerPoint and LibreOffice use about 1.2 for
# Calibri/Carlito, a little margin keeps the last line inside the box.
LINE = 1.25
_EMU_PER_PT = 12700

# Advance widths in thousandths of an em of Calibri (the built-in theme font; Carlito, which
# LibreOffice uses in its place, has the same metrics). Measurements are scaled up by SAFETY so
# a template whose font runs somewhat wider (Arial runs about 8 % wider) still fits.
_GROUPS = {
    221: "'",
    226: " \u00a0\u202f",
    230: "il",
    239: "j",
    250: ",",
    252: ".I\u00b7",
    268: ":;",
    303: "()",
    305: "f",
    306: "-",
    307: "[]",
    319: "J",
    326: "!",
    335: "t",
    349: "r",
    386: "/\\",
    391: "s",
    395: "z",
    401: '"',
    420: "L",
    423: "c",
    433: "x",
    452: "v",
    453: "y",
    455: "k",
    459: "FS",
    460: "|",
    463: "?",
    468: "Z",
    471: "g",
    479: "a\u00e5\u00e4",
    487: "TY",
    488: "E",
    498: "#*+<=>^_e~\u00e9\u00e8\u2013",
    507: "$0123456789",
    517: "P",
    519: "X",
    520: "K",
    525: "bdhnpqu\u00fc",
    527: "o\u00f6",
    529: "\u00f8",
    533: "C",
    543: "R",
    544: "B",
    567: "V",
    579: "A\u00c5\u00c4",
    615: "D",
    623: "H",
    631: "G",
    642: "U\u00dc",
    646: "N",
    662: "O\u00d6",
    664: "\u00d8",
    673: "Q",
    682: "&",
    690: "\u2026",
    715: "%w",
    763: "\u00c6",
    773: "\u00e6",
    799: "m",
    855: "M",
    890: "W",
    894: "@",
    905: "\u2014",
}
_WIDTHS = {ch: width for width, chars in _GROUPS.items() for ch in chars}
_DEFAULT_WIDTH = 560
SAFETY = 1.08


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Estimated width in points of ``text`` on one line."""
    units = sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text)
    return units * size_pt / 1000 * SAFETY * (1.04 if bold else 1.0)


def count_lines(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """Lines that greedy word wrap needs for ``text`` in a column ``width_pt`` wide."""
    space = text_width(" ", size_pt, bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in filter(None, paragraph.split(" ")):
            w = text_width(word, size_pt, bold)
            if used and used + space + w <= width_pt:
                used += space + w
                continue
            if used:
                lines += 1
            # A word longer than the line is broken across lines, as PowerPoint does.
            while w > width_pt:
                lines += 1
                w -= width_pt
            used = w
    return lines


def _shorten(words: list[str], fits: Callable[[str], bool]) -> str:
    """The longest prefix of ``words`` plus an ellipsis that ``fits``; cut inside a word only if need be."""
    lo, hi = 0, len(words) - 1
    while lo < hi:  # largest k in [0, n-1] with words[:k] + … fitting
        mid = (lo + hi + 1) // 2
        if fits(_ellipsised(" ".join(words[:mid]))):
            lo = mid
        else:
            hi = mid - 1
    if lo > 0:
        return _ellipsised(" ".join(words[:lo]))
    first = words[0] if words else ""
    lo, hi = 0, len(first)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(first[:mid] + ELLIPSIS):
            lo = mid
        else:
            hi = mid - 1
    return first[:lo] + ELLIPSIS


def _ellipsised(text: str) -> str:
    # A sentence cut after a comma or a dash reads better without it before the ellipsis.
    return text.rstrip(" ,;:–-") + ELLIPSIS


def inner_pt(box: Box) -> tuple[float, float]:
    """Width and height in points available for text inside ``box`` after the insets."""
    return (box.w - 2 * INSET_X) / _EMU_PER_PT, (box.h - 2 * INSET_Y) / _EMU_PER_PT


def max_lines(height_pt: float, size_pt: float) -> int:
    return max(int(height_pt // (size_pt * LINE)), 1)


# Ordinary whitespace only: a no-break space (as in "70\u00a0%" or Norwegian "36\u00a0792") must stay.
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def fit_box(text: str, box: Box, size_pt: float, bold: bool = False) -> str:
    """``text`` with whitespace collapsed, shortened at a word boundary with … so it fits ``box``."""
    text = _SPACES.sub(" ", text or "").strip()
    width, height = inner_pt(box)
    lines = max_lines(height, size_pt)
    fits = lambda s: count_lines(s, width, size_pt, bold) <= lines  # noqa: E731
    return text if fits(text) else _shorten(text.split(" "), fits)


def fit_line(text: str, width_emu: int, size_pt: float, bold: bool = False) -> str:
    """``text`` on one line of ``width_emu`` (less insets), shortened with … when too long."""
    text = _SPACES.sub(" ", str(text or "")).strip()
    width = (width_emu - 2 * INSET_X) / _EMU_PER_PT
    fits = lambda s: text_width(s, size_pt, bold) <= width  # noqa: E731
    if fits(text):
        return text
    by_word = _shorten(text.split(" "), fits)
    by_char = _shorten([text], fits)
    # Keep the cut at a word boundary unless that throws away much more than a cut inside the word.
    return by_word if len(by_word) >= 0.7 * len(by_char) else by_char


def fit_list(items: list[str], box: Box, size_pt: float, more: Callable[[int], str], sep: str = ", ") -> str:
    """As many ``items`` as fit in ``box``, followed by ``more(n)`` naming how many were left out."""
    width, height = inner_pt(box)
    lines = max_lines(height, size_pt)
    fits = lambda s: count_lines(s, width, size_pt) <= lines  # noqa: E731
    if fits(sep.join(items)):
        return sep.join(items)
    lo, hi = 0, len(items) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(sep.join(items[:mid]) + " " + more(len(items) - mid)):
            lo = mid
        else:
            hi = mid - 1
    shown = sep.join(items[:lo])
    return (shown + " " if shown else "") + more(len(items) - lo)


def largest_size(text: str, width_emu: int, sizes: tuple[float, ...], bold: bool = False) -> float:
    """The first of ``sizes`` (largest first) at which ``text`` fits on one line; else the smallest."""
    width = (width_emu - 2 * INSET_X) / _EMU_PER_PT
    return next((s for s in sizes if text_width(text, s, bold) <= width), sizes[-1])


@dataclass
class Line:
    """One line of a text box: its text, size, weight and colour."""

    text: str
    size: float
    bold: bool = False
    color: RGBColor | None = None


def _frame(slide, box: Box, anchor):
    shape = slide.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    tf = shape.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = INSET_X
    tf.margin_top = tf.margin_bottom = INSET_Y
    tf.vertical_anchor = anchor
    return shape


def style_run(run, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color


def add_text(
    slide,
    box: Box,
    text: str,
    size: float,
    *,
    bold: bool = False,
    color=None,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
):
    """A text box holding ``text`` wrapped and, if need be, shortened to fit."""
    shape = _frame(slide, box, anchor)
    p = shape.text_frame.paragraphs[0]
    p.alignment = align
    style_run(p.add_run(), size, bold, color)
    p.runs[0].text = fit_box(text, box, size, bold)
    return shape


def add_lines(slide, box: Box, lines: list[Line], *, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    """A text box of single lines; each is shortened to the width and lines that would overflow are dropped."""
    shape = _frame(slide, box, anchor)
    _, height = inner_pt(box)
    used = 0.0
    first = True
    for line in lines:
        used += line.size * LINE
        if used > height:
            break
        p = shape.text_frame.paragraphs[0] if first else shape.text_frame.add_paragraph()
        first = False
        p.alignment = align
        run = p.add_run()
        style_run(run, line.size, line.bold, line.color)
        run.text = fit_line(line.text, box.w, line.size, line.bold)
    return shape
