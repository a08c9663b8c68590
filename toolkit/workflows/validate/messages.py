"""Texts of the validation report itself (headings, summaries, the findings sheet) in da, nb and en."""

from __future__ import annotations


def ui(key: str) -> str:
    """The catalogue key of a report text, e.g. ui("summary")."""
    return f"validate.ui.{key}"
