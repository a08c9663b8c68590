"""The service's texts: ``service.*`` in the gettext catalogues (toolkit/locale)."""

from __future__ import annotations

from toolkit.i18n import t


def say(key: str, lang: str, **params) -> str:
    """The text ``service.<key>`` in ``lang``."""
    return t(f"service.{key}", lang, **params)
