"""Rectangles in EMU that slides are cut into, so no shape can be placed outside its slide."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.util import Inches

GAP = Inches(0.25)


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def cols(self, *weights: float, gap: int = GAP) -> list[Box]:
        """Split side by side in proportion to ``weights``, with ``gap`` between."""
        free = self.w - gap * (len(weights) - 1)
        total = sum(weights)
        out, x = [], self.x
        for i, weight in enumerate(weights):
            # The last column takes the rounding remainder so the columns end exactly at the right edge.
            w = self.right - x if i == len(weights) - 1 else int(free * weight / total)
            out.append(Box(x, self.y, w, self.h))
            x += w + gap
        return out

    def rows(self, *weights: float, gap: int = GAP) -> list[Box]:
        """Split one above the other in proportion to ``weights``."""
        flipped = Box(self.y, self.x, self.h, self.w).cols(*weights, gap=gap)
        return [Box(b.y, b.x, b.h, b.w) for b in flipped]

    def top(self, height: int, gap: int = GAP) -> tuple[Box, Box]:
        """A strip of ``height`` at the top and the rest below it (never negative)."""
        height = min(height, self.h)
        rest_y = min(self.y + height + gap, self.bottom)
        return Box(self.x, self.y, self.w, height), Box(self.x, rest_y, self.w, self.bottom - rest_y)

    def shrink(self, dx: int, dy: int | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, max(self.w - 2 * dx, 0), max(self.h - 2 * dy, 0))
