"""One click: the calling book, its snapshot and language, the settings, the log, and the writes back."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import tempfile
import traceback
from dataclasses import replace
from pathlib import Path

from toolkit.errors import ToolkitError
from toolkit.i18n import t

log = logging.getLogger("toolkit.buttons")
LOG_NAME = "toolkit-buttons.log"


class Session:
    """The state of one click; everything it reads is read once."""

    def __init__(self, button: str, book, cfg=None):
        self.button, self.book = button, book
        self._cfg, self._snap = cfg, None
        self._handler: logging.FileHandler | None = None
        self.lang = "en"
        try:
            self.lang = self.snapshot.language or (cfg.language if cfg is not None else None) or "en"
        except Exception as exc:  # reported by the handler when it reads the book again
            log.debug("no snapshot: %s", exc)

    # reading ---------------------------------------------------------------------------------

    @property
    def snapshot(self):
        if self._snap is None:
            from toolkit.buttons.book import snapshot

            self._snap = snapshot(self.book)
        return self._snap

    def document(self):
        """The open book as a Document; ReadError (a message for the user) when it is not one of ours."""
        try:
            return self.snapshot.document()
        except ToolkitError:
            if self.snapshot.language is None:
                self._settle_language()
            raise

    def _settle_language(self) -> None:
        with contextlib.suppress(Exception):  # no settings either: English
            self.lang = self.config().language

    def config(self):
        """The settings: $TOOLKIT_CONFIG, else TOOLKIT_CONFIG on the xlwings.conf sheet, else config.ini as usual."""
        if self._cfg is None:
            from toolkit.buttons.book import CONF_SHEET
            from toolkit.config import default_config_path, load_config
            from toolkit.errors import ConfigError

            given = os.environ.get("TOOLKIT_CONFIG") or self.snapshot.key_values(CONF_SHEET).get("TOOLKIT_CONFIG")
            path = os.path.expandvars(given) if given else default_config_path()
            try:
                self._cfg = load_config(path)
            except ConfigError as exc:
                raise ToolkitError("buttons.config_failed", detail=exc.message(self.lang)) from None
        self._attach_log()
        return self._cfg

    def config_for(self, doc):
        """The settings with the workbook's language, so findings speak it."""
        return replace(self.config(), language=doc.language)

    def saved_file(self) -> Path | None:
        """Save the book and return its file; None when it has no file on this computer.

        xlwings' VBA client for a server (Remote.bas) has no save, and the service
        has no file of the client's: there the book is not saved and has no file here.
        """
        if getattr(self.book.app.engine, "name", "") != "remote":
            try:
                self.book.save()
            except Exception as exc:  # read-only, Protected View, never saved
                log.warning("save failed: %s", exc)
                return None
        return self.snapshot.path

    def require_coordinator(self) -> None:
        kind = self.snapshot.meta.get("kind", "")
        if kind != "coordinator":
            from toolkit.errors import ReadError

            if not kind:
                raise ReadError("read.not_ours", file=self.snapshot.name)
            caption = t(f"buttons.caption.{self.button}", self.lang)
            raise ToolkitError("buttons.wrong_kind", button=caption, kind=t(f"kind.{kind}", self.lang))

    # writing ---------------------------------------------------------------------------------

    def say(self, text: str, *, mode: str = "info") -> None:
        from toolkit.buttons.actions import alert

        try:
            alert(self.book, text, t(f"buttons.title.{self.button}", self.lang), mode)
        except Exception as exc:  # no window to show it in: the log has it
            log.error("could not show the message %r: %s", text, exc)

    def _last_sheet(self, doc) -> str:
        from toolkit.adapters.excel.build import sheet_name

        return sheet_name(doc.spec.parts[-1].sheet, self.lang)

    def show_findings(self, doc, findings) -> str:
        from toolkit.buttons.actions import previous_highlights, show_findings

        name = t("buttons.sheet.findings", self.lang)
        previous = previous_highlights(self.snapshot.values.get(name, []))
        return show_findings(self.book, doc.spec, self.lang, findings, after=self._last_sheet(doc), previous=previous)

    def write_sections(self, which: str, sections, doc, notes=()) -> str:
        from toolkit.buttons.actions import write_sections

        name = t(f"buttons.sheet.{which}", self.lang)
        title = t("buttons.computed.title", self.lang, time=dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
        return write_sections(
            self.book, name, title, sections, self.lang, after=self._last_sheet(doc), notes=list(notes)
        )

    def write_column(self, sheet: str, col: int, values_by_row: dict) -> None:
        from toolkit.buttons.actions import write_column

        write_column(self.book, sheet, col, values_by_row)

    def log_run(self, action: str, result: str, path: Path | None) -> None:
        from toolkit.buttons.coordinator import append_log

        sheet = t("buttons.sheet.coordinator", self.lang)
        append_log(self.book, sheet, self.snapshot.values.get(sheet, []), action, result, path)

    # the log ---------------------------------------------------------------------------------

    def log_file(self) -> Path:
        """cfg.output/logs/toolkit-buttons.log when the settings are known and it can be written; else the temp folder."""
        if self._cfg is not None:
            folder = Path(self._cfg.output) / "logs"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / LOG_NAME
                with open(path, "a", encoding="utf-8"):
                    pass
                return path
            except OSError:
                pass
        return Path(tempfile.gettempdir()) / LOG_NAME

    def _attach_log(self) -> None:
        if self._handler is None:
            try:
                self._handler = logging.FileHandler(self.log_file(), encoding="utf-8")
            except OSError:
                return
            self._handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            log.addHandler(self._handler)
            log.setLevel(logging.INFO)

    def log_exception(self, exc: BaseException) -> Path:
        path = self.log_file()
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        try:
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(
                    f"{dt.datetime.now().isoformat(timespec='seconds')} {self.button} "
                    f"{getattr(self._snap, 'name', '?')}\n{text}\n"
                )
        except OSError:
            path = Path(tempfile.gettempdir()) / LOG_NAME
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(text)
        return path

    def close(self) -> None:
        if self._handler is not None:
            log.removeHandler(self._handler)
            self._handler.close()
            self._handler = None
