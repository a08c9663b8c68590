"""Sheet names, headings and column labels of the consolidated workbook in da, nb and en."""

from __future__ import annotations

from toolkit.i18n import t


def label(name: str, lang: str, **params) -> str:
    return t(f"consolidate.wb.{name}", lang, **params)
