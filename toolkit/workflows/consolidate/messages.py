"""Texts of consolidation, history, reminders and the schedule in da, nb and en."""

from __future__ import annotations

from toolkit.i18n import t


def key(name: str) -> str:
    """The catalogue key of a consolidation text, e.g. key("run.summary")."""
    return f"consolidate.{name}"


def say(text: str, lang: str, /, **params) -> str:
    """A consolidation text in ``lang``, filled with ``params``."""
    return t(key(text), lang, **params)
