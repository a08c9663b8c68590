"""What the buttons say, in da, nb and en: captions, message boxes, sheet names and column headings."""

from __future__ import annotations
