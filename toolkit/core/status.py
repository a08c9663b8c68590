"""Reported status: free text in Danish, Norwegian or English to Status, and the dropdown texts back."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from toolkit.core.model import Status

_LABELS: dict[Status, dict[str, str]] = {
    Status.ACHIEVED: {"da": "Opfyldt", "nb": "Oppnådd", "en": "Achieved"},
    Status.EXPECTED: {"da": "Forventes opfyldt", "nb": "Forventes oppnådd", "en": "Expected"},
    Status.PARTLY: {"da": "Delvist opfyldt", "nb": "Delvis oppnådd", "en": "Partly achieved"},
    Status.NOT_ACHIEVED: {"da": "Ikke opfyldt", "nb": "Ikke oppnådd", "en": "Not achieved"},
    Status.NOT_REPORTED: {"da": "Ikke afrapporteret", "nb": "Ikke rapportert", "en": "Not reported"},
}

# The dropdown texts per language, in the order of Status.
STATUS_CHOICES: dict[str, list[str]] = {lang: [_LABELS[s][lang] for s in Status] for lang in ("da", "nb", "en")}

# Whole phrases only: a text matches when, after its trailing year or period
# phrase is taken off, it is exactly one of these. So "ikke opfyldt" can never
# be read as "opfyldt", and anything else is not guessed at.
_PHRASES: dict[Status, tuple[str, ...]] = {
    Status.ACHIEVED: (
        "opfyldt",
        "opnået",
        "nået",
        "oppnådd",
        "oppnått",
        "oppfylt",
        "nådd",
        "achieved",
        "met",
        "fulfilled",
    ),
    Status.EXPECTED: (
        "forventes opfyldt",
        "forventet opfyldt",
        "forventes nået",
        "forventes oppnådd",
        "forventet oppnådd",
        "forventes oppnått",
        "forventes oppfylt",
        "forventes nådd",
        "forventast oppnådd",
        "venta oppnådd",
        "expected",
        "expected to be achieved",
        "expected achieved",
    ),
    Status.PARTLY: (
        "delvist opfyldt",
        "delvis opfyldt",
        "delvist nået",
        "delvis oppnådd",
        "delvist oppnådd",
        "delvis oppnått",
        "delvis oppfylt",
        "delvis nådd",
        "partly achieved",
        "partially achieved",
        "partly",
        "partly met",
    ),
    Status.NOT_ACHIEVED: (
        "ikke opfyldt",
        "ej opfyldt",
        "ikke nået",
        "ej nået",
        "ikke opnået",
        "ikke oppnådd",
        "ikke oppnått",
        "ikke oppfylt",
        "ikke nådd",
        "ikkje oppnådd",
        "ikkje oppnått",
        "ikkje oppfylt",
        "ikkje nådd",
        "not achieved",
        "not met",
        "not_achieved",
    ),
    Status.NOT_REPORTED: (
        "ikke afrapporteret",
        "ikke rapporteret",
        "ej afrapporteret",
        "ikke rapportert",
        "ikkje rapportert",
        "ikke indberettet",
        "not reported",
        "not_reported",
    ),
}
_LOOKUP = {phrase: status for status, phrases in _PHRASES.items() for phrase in phrases}

# A trailing "for 2023", "i 2023", "2023", "for perioden", "for funktionsperioden",
# "in 2023", "for the period", "2022-2024", "(2023)" ... taken off one at a time.
_TAIL = re.compile(
    r"\s*[,:;–-]?\s+(?:(?:for|i|in|per|pr\.|during|inden for|innen)\s+)?(?:the\s+|hele\s+)?"
    r"(?:\(?\d{4}(?:\s*[–-]\s*\d{2,4})?\)?|funktionsperioden|planperioden|perioden|periode|period|"
    r"året|year)$"
)


def _clean(text: str) -> str:
    s = " ".join(text.split()).casefold().rstrip(".! ")
    while True:
        shorter = _TAIL.sub("", s)
        if shorter == s or not shorter:
            return s
        s = shorter


def normalise_status(text: object) -> Status | None:
    """The Status a typed status stands for, or None when it cannot be told for sure.

    Case, spaces and a trailing year or period phrase ("Opfyldt for 2023",
    "Forventes opfyldt for funktionsperioden", "Forventes opfyldt 2023") do not
    matter; Status values and the dropdown texts of all three languages are
    accepted. A question mark ("opfyldt?") or any text that is not one of the
    known phrases ("måske", "ikke helt opfyldt") gives None, never a guess.
    """
    if isinstance(text, Status):
        return text
    if not isinstance(text, str) or "?" in text:
        return None
    return _LOOKUP.get(_clean(text)) or _by_value(text)


class _Cell(Protocol):
    @property
    def sheet(self) -> str: ...
    @property
    def ref(self) -> str: ...
    @property
    def raw(self) -> object: ...
    @property
    def problem(self) -> str | None: ...


class _Row(Protocol):
    @property
    def cells(self) -> Mapping[str, _Cell]: ...


class _Field(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def vocab(self) -> str | None: ...


class _Table(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def fields(self) -> Sequence[_Field]: ...


class _Spec(Protocol):
    @property
    def tables(self) -> Sequence[_Table]: ...


class ReadDocument(Protocol):
    """What unread_statuses needs of a read workbook (toolkit.adapters.excel.read.Document)."""

    @property
    def spec(self) -> _Spec: ...
    @property
    def tables(self) -> Mapping[str, Sequence[_Row]]: ...


def unread_statuses(doc: ReadDocument) -> list[tuple[str, str, str]]:
    """(sheet, cell, text) of every status typed in ``doc`` that can't be read for sure, in sheet order.

    These count as "not reported" wherever statuses are counted; this says which they are and where.
    """
    found = []
    for table in doc.spec.tables:
        keys = [f.key for f in table.fields if f.vocab == "status"]
        for row in doc.tables.get(table.name, []):
            for key in keys:
                cell = row.cells.get(key)
                if cell is not None and cell.problem == "not_in_list":
                    found.append((cell.sheet, cell.ref, " ".join(str(cell.raw).split())))
    return found


def _by_value(text: str) -> Status | None:
    try:
        return Status(text.strip().casefold())
    except ValueError:
        return None


def status_label(status: Status, lang: str) -> str:
    """The canonical dropdown text of ``status`` in ``lang`` (da, nb or en)."""
    return _LABELS[Status(status)][lang]
