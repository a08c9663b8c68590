"""Native PowerPoint bar charts whose data stays editable in PowerPoint (never pictures)."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.util import Emu, Pt

from toolkit.adapters.deck import style
from toolkit.adapters.deck.geometry import Box
from toolkit.adapters.deck.text import fit_line

# Most bars a chart shows before its category labels get too crowded to read at 11 pt;
# callers group the rest (e.g. into "Others") or switch to a distribution.
MAX_BARS = 20
# The third section of an Excel number format is for zero: empty, so stacked zeros get no label.
COUNT_FORMAT = "#,##0;-#,##0;;"
AMOUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0%"

_KINDS = {
    (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED,
    (False, True): XL_CHART_TYPE.COLUMN_STACKED,
    (True, False): XL_CHART_TYPE.BAR_CLUSTERED,
    (True, True): XL_CHART_TYPE.BAR_STACKED,
}


@dataclass
class Series:
    name: str
    values: list
    color: RGBColor | None = None
    point_colors: list[RGBColor] | None = None  # one colour per bar, e.g. a traffic light
    label_color: RGBColor | None = None  # for labels drawn inside the bars (stacked)


def label(text: str, width: int, size: float = style.CHART_PT) -> str:
    """A category label shortened to ``width`` EMU so long names do not crowd the plot."""
    return fit_line(text, width, size)


def bar_chart(
    slide,
    box: Box,
    categories: list[str],
    series: list[Series],
    *,
    title: str = "",
    horizontal: bool = False,
    stacked: bool = False,
    number_format: str = AMOUNT_FORMAT,
    max_value: float | None = None,
    legend: bool | None = None,
    data_labels: bool = True,
):
    """A clustered or stacked bar/column chart filling ``box``; returns its graphic frame."""
    assert categories and series, "callers show a no-data note instead of an empty chart"
    data = CategoryChartData(number_format=number_format)
    data.categories = categories
    for s in series:
        data.add_series(s.name, [None if v is None else float(v) for v in s.values])
    frame = slide.shapes.add_chart(_KINDS[horizontal, stacked], Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h), data)
    chart = frame.chart
    size = style.CHART_PT if len(categories) <= 12 else style.CHART_PT - 1
    chart.font.size = Pt(size)
    chart.font.color.rgb = style.INK
    if title:
        chart.has_title = True
        tf = chart.chart_title.text_frame
        tf.text = title
        tf.paragraphs[0].runs[0].font.size = Pt(style.CHART_PT + 2)
        tf.paragraphs[0].runs[0].font.bold = True
    else:
        chart.has_title = False
    show_legend = len(series) > 1 if legend is None else legend
    chart.has_legend = show_legend
    if show_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(size)

    plot = chart.plots[0]
    plot.gap_width = 60
    if stacked:
        plot.overlap = 100
    plot.has_data_labels = data_labels
    if data_labels:
        labels = plot.data_labels
        labels.number_format = number_format
        labels.number_format_is_linked = False
        labels.font.size = Pt(size)
    for s, plotted in zip(series, plot.series):
        if s.color is not None:
            plotted.format.fill.solid()
            plotted.format.fill.fore_color.rgb = s.color
        if data_labels and s.label_color is not None:
            # A series' own labels replace the plot's, so they repeat its format besides the colour.
            own = plotted.data_labels
            own.show_value = True
            own.number_format = number_format
            own.number_format_is_linked = False
            own.font.size = Pt(size)
            own.font.color.rgb = s.label_color
        for i, color in enumerate(s.point_colors or []):
            point = plotted.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = color

    values = chart.value_axis
    values.minimum_scale = 0
    if max_value is not None:
        values.maximum_scale = max_value
    values.has_major_gridlines = not horizontal
    values.tick_labels.font.size = Pt(size)
    values.tick_labels.number_format = number_format.split(";")[0]
    values.tick_labels.number_format_is_linked = False
    cats = chart.category_axis
    cats.tick_labels.font.size = Pt(size)
    cats.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if horizontal:
        # Read top to bottom in the given order; the data labels carry the values, so the
        # value axis (which reversing would move to the top) is hidden.
        cats.reverse_order = True
        values.visible = not data_labels
    return frame
