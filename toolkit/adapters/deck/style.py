"""Colours and font sizes of the deck, chosen once so every slide looks the same."""

from __future__ import annotations

from pptx.dml.color import RGBColor

from toolkit.core.model import Status

# Font sizes are fixed, not auto-fitted: text is shortened to fit instead, so the
# minimum readable sizes (10 pt in tables, 14 pt in body text) always hold.
TITLE_PT = 26
COVER_TITLE_PT = 36
COVER_SUBTITLE_PT = 20
AGENDA_PT = 22
BODY_PT = 16
SMALL_BODY_PT = 14
HEADING_PT = 18
KPI_VALUE_PT = 24
TABLE_PT = 12
CHART_PT = 12

INK = RGBColor(0x1F, 0x29, 0x37)
MUTED = RGBColor(0x55, 0x5F, 0x6D)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
PANEL = RGBColor(0xF2, 0xF4, 0xF7)

# Traffic lights: green achieved, amber expected or partly, red not achieved, grey not reported.
STATUS_FILL = {
    Status.ACHIEVED: RGBColor(0x2E, 0x7D, 0x32),
    Status.EXPECTED: RGBColor(0xF2, 0xB1, 0x1B),
    Status.PARTLY: RGBColor(0xE0, 0x8A, 0x00),
    Status.NOT_ACHIEVED: RGBColor(0xC6, 0x28, 0x28),
    Status.NOT_REPORTED: RGBColor(0x9E, 0x9E, 0x9E),
}
# Dark text on the light amber fills, white on the others, for contrast.
STATUS_TEXT = {s: (INK if s in (Status.EXPECTED, Status.PARTLY) else WHITE) for s in Status}

SERIES = [RGBColor(0x1F, 0x4E, 0x79), RGBColor(0x2E, 0x75, 0xB6), RGBColor(0x9D, 0xC3, 0xE6)]
