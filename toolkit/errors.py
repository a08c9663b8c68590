"""One root for the toolkit's exceptions; only the CLI and the buttons turn them into messages."""

from __future__ import annotations


class ToolkitError(Exception):
    """A problem the user can act on.

    ``key`` names a message in the i18n catalogue and ``params`` fill it, so the
    CLI and the buttons can say it in the configured language.
    """

    def __init__(self, key: str, /, **params):
        self.key = key
        self.params = params
        super().__init__(f"{key}: {params}")

    def message(self, lang: str = "en") -> str:
        from toolkit.i18n import t

        return t(self.key, lang, **self.params)


class ConfigError(ToolkitError):
    """config.ini is missing, malformed or names something that does not exist."""


class ReadError(ToolkitError):
    """A file could not be read as one of our workbooks."""


class SplitError(ToolkitError):
    """A cost split cannot be made from the given total, weights or unit."""
