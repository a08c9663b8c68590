"""Tables with one-line rows of fixed height, so the rows a slide can hold are known and pages never overflow."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from toolkit.adapters.deck import style
from toolkit.adapters.deck.geometry import Box
from toolkit.adapters.deck.text import INSET_X, fit_line

_CELL_Y = Inches(0.03)


@dataclass
class Column:
    header: str
    weight: float = 1.0
    numeric: bool = False  # right-aligned


@dataclass
class Cell:
    text: str
    fill: RGBColor | None = None
    color: RGBColor | None = None
    bold: bool = False


@dataclass
class Table:
    columns: list[Column]
    # Sequences, not lists: a list[list[str]] is a fine body, and lists are invariant.
    rows: Sequence[Sequence[Cell | str]] = field(default_factory=list)
    footer: Sequence[Cell | str] | None = None  # e.g. a total, shown once on the last page


def row_height(size_pt: float = style.TABLE_PT) -> int:
    """Height of a one-line row: the line, the cell margins and a little air, in EMU."""
    return int(Pt(size_pt * 1.25) + 2 * _CELL_Y + Pt(4))


def rows_per_table(height: int, size_pt: float = style.TABLE_PT) -> int:
    """Body rows (not counting the header) that fit in ``height``."""
    return max(height // row_height(size_pt) - 1, 1)


def paginate(table: Table, per_page: int) -> list[list[Sequence[Cell | str]]]:
    """The body rows split into pages of at most ``per_page``; the footer takes a row of the last page."""
    footer: list[Cell | str] = [c if isinstance(c, Cell) else Cell(str(c), bold=True) for c in table.footer or []]
    rows: list[Sequence[Cell | str]] = list(table.rows) + ([footer] if footer else [])
    pages = [rows[i : i + per_page] for i in range(0, len(rows), per_page)]
    return pages or [[]]


def draw(slide, box: Box, columns: list[Column], rows: Sequence[Sequence[Cell | str]], size_pt: float = style.TABLE_PT):
    """Draw a header and ``rows`` at the top of ``box``; the caller has paginated so they fit."""
    height = row_height(size_pt)
    assert (len(rows) + 1) * height <= box.h, "rows must be paginated before drawing"
    shape = slide.shapes.add_table(
        len(rows) + 1, len(columns), Emu(box.x), Emu(box.y), Emu(box.w), Emu(height * (len(rows) + 1))
    )
    table = shape.table
    widths = box.cols(*[c.weight for c in columns], gap=0)
    for col, b in zip(table.columns, widths):
        col.width = Emu(b.w)
    for row in table.rows:
        row.height = Emu(height)
    for j, column in enumerate(columns):
        _fill(table.cell(0, j), Cell(column.header, bold=True), widths[j].w, size_pt, column.numeric)
    for i, row in enumerate(rows, start=1):
        for j, column in enumerate(columns):
            value = row[j] if j < len(row) else ""
            cell = value if isinstance(value, Cell) else Cell(str(value))
            _fill(table.cell(i, j), cell, widths[j].w, size_pt, column.numeric)
    return shape


def _fill(cell, content: Cell, width: int, size_pt: float, numeric: bool) -> None:
    cell.margin_left = cell.margin_right = INSET_X
    cell.margin_top = cell.margin_bottom = _CELL_Y
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    if content.fill is not None:
        cell.fill.solid()
        cell.fill.fore_color.rgb = content.fill
    p = cell.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT
    run = p.add_run()
    run.font.size = Pt(size_pt)
    run.font.bold = content.bold
    if content.color is not None:
        run.font.color.rgb = content.color
    # Shortened to one line: a wrapped cell would grow its row and push the table off the slide.
    run.text = fit_line(content.text, width, size_pt, content.bold)


def draw_pages(deck, title: str, table: Table, *, side_by_side: bool = False) -> int:
    """Slides titled ``title (i/n)`` holding ``table``; two tables per slide when ``side_by_side``
    and each half still gives every column an inch (a 4:3 template may not)."""
    side_by_side = side_by_side and (deck.body.w - Inches(0.3)) // 2 >= Inches(1) * len(table.columns)
    per_table = rows_per_table(deck.body.h)
    per_slide = per_table * (2 if side_by_side else 1)
    pages = paginate(table, per_slide)
    for n, page in enumerate(pages, start=1):
        name = title if len(pages) == 1 else f"{title} ({n}/{len(pages)})"
        slide, body = deck.slide(name)
        halves = [page[:per_table], page[per_table:]] if side_by_side else [page]
        # Half width even when the second half is empty, so every page of a series looks alike.
        boxes = body.cols(1, 1, gap=Inches(0.3)) if side_by_side else [body]
        for part, box in zip(halves, boxes):
            if part:
                draw(slide, box, table.columns, part)
    return len(pages)
