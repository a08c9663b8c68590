"""A1 references, converted in one place. Rows and columns are 0-based everywhere else."""

from __future__ import annotations

import re

_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def column_letter(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def a1(row: int, col: int, absolute: bool = False) -> str:
    """(4, 1) -> B5; absolute gives $B$5."""
    d = "$" if absolute else ""
    return f"{d}{column_letter(col)}{d}{row + 1}"


def parse_a1(ref: str) -> tuple[int, int]:
    """B5 -> (4, 1)."""
    m = _A1.match(ref.upper())
    if not m:
        raise ValueError(f"not an A1 reference: {ref!r}")
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]) - 1, col - 1


def parse_range(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """A4:E24 -> ((3, 0), (23, 4))."""
    first, _, last = ref.partition(":")
    return parse_a1(first), parse_a1(last or first)


def quote_sheet(name: str) -> str:
    """A sheet name as it must appear in a formula."""
    return "'" + name.replace("'", "''") + "'"
