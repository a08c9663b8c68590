"""Compare two OOXML packages part by part and say where they first differ (as XlsxWriter's own tests do)."""

from __future__ import annotations

import io
import re
import zipfile

_TAG_SPLIT = re.compile(rb">\s*<")


def _lines(data: bytes) -> list[bytes]:
    """An XML part as one element per line, so a difference points at an element, not at a 40 KB line."""
    return [chunk for chunk in _TAG_SPLIT.split(data.strip())]


def first_difference(expected: bytes, actual: bytes) -> str | None:
    """None when the packages are equal; else the first differing part and element (or byte), readably."""
    if expected == actual:
        return None
    with zipfile.ZipFile(io.BytesIO(expected)) as a, zipfile.ZipFile(io.BytesIO(actual)) as b:
        names_a, names_b = a.namelist(), b.namelist()
        if sorted(names_a) != sorted(names_b):
            return (
                f"parts differ: only in expected {sorted(set(names_a) - set(names_b))}, "
                f"only in actual {sorted(set(names_b) - set(names_a))}"
            )
        for name in names_a:
            pa, pb = a.read(name), b.read(name)
            if pa == pb:
                continue
            if name.endswith((".xml", ".rels", ".vml")):
                la, lb = _lines(pa), _lines(pb)
                for i, (ea, eb) in enumerate(zip(la, lb)):
                    if ea != eb:
                        return (
                            f"{name}, element {i + 1}:\n  expected <{ea.decode(errors='replace')}>\n"
                            f"  actual   <{eb.decode(errors='replace')}>"
                        )
                return f"{name}: {len(la)} elements expected, {len(lb)} found"
            offset = next((i for i, (x, y) in enumerate(zip(pa, pb)) if x != y), min(len(pa), len(pb)))
            return f"{name}: binary part differs at byte {offset} ({len(pa)} bytes expected, {len(pb)} found)"
        if names_a != names_b:
            return f"same parts in another order: expected {names_a}, actual {names_b}"
        return "every part is equal; the zip container differs (time stamps, compression or part order)"
