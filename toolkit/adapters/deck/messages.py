"""The deck's texts in da, nb and en, its error class, and labels for statuses and categories."""

from __future__ import annotations

from toolkit.core.model import Category, Status
from toolkit.errors import ToolkitError
from toolkit.i18n import t


class DeckError(ToolkitError):
    """The deck cannot be built: a template is unusable or the file cannot be written."""


def status_label(status: Status | None, lang: str) -> str:
    return t(f"deck.status.{(status or Status.NOT_REPORTED).value}", lang)


def category_label(category: Category | None, lang: str) -> str:
    return t(f"deck.category.{category.value if category else 'none'}", lang)
