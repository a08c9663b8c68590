"""Keys of the templates' instructions, and the name of each template kind as users know it."""

from __future__ import annotations

from toolkit.i18n import Phrase, t

_INSTRUCTIONS = (  # message keys; the texts are in toolkit/locale (tools/to_gettext.py)
    "intro",
    "cells",
    "numbers",
    "lists",
    "sheets",
    "check",
)


INSTRUCTION_KEYS = tuple(f"instructions.{k}" for k in _INSTRUCTIONS)


def kind_phrase(kind: str) -> Phrase:
    """The kind's name (``submission`` -> "Kommunal indberetning") as a message parameter."""
    return Phrase(f"kind.{kind}")


def kind_title(kind: str | None, lang: str) -> str:
    """``submission`` -> "Kommunal indberetning" (da); "" when the kind is unknown."""
    return t(f"kind.{kind}", lang) if kind else ""
