"""Controlled vocabularies: the dropdown texts per language and how typed text maps back."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from toolkit.core.model import Category, MeasureType, Status

if TYPE_CHECKING:
    from toolkit.spec.fields import Relabel

_VOCABS: dict[str, dict[str, dict[str, str]]] = {
    "category": {
        Category.NATIONAL.value: {"da": "National", "nb": "Nasjonal", "en": "National"},
        Category.COMMON.value: {"da": "Fælles", "nb": "Felles", "en": "Common"},
        Category.REGIONAL.value: {"da": "Regional", "nb": "Regional", "en": "Regional"},
    },
    "measure_type": {
        MeasureType.THRESHOLD.value: {"da": "Tærskel", "nb": "Terskel", "en": "Threshold"},
        MeasureType.SHARE.value: {"da": "Andel", "nb": "Andel", "en": "Share"},
        MeasureType.COUNT.value: {"da": "Antal", "nb": "Antall", "en": "Count"},
        MeasureType.CHECKLIST.value: {
            "da": "Tjekliste (k af n)",
            "nb": "Sjekkliste (k av n)",
            "en": "Checklist (k of n)",
        },
        MeasureType.MILESTONE.value: {
            "da": "Milepæl (1 = gennemført)",
            "nb": "Milepæl (1 = gjennomført)",
            "en": "Milestone (1 = done)",
        },
        MeasureType.SERVICE_LEVEL.value: {"da": "Serviceniveau", "nb": "Servicenivå", "en": "Service level"},
    },
}
_ENUMS: dict[str, type[Enum]] = {"category": Category, "measure_type": MeasureType, "status": Status}


def choices(vocab: str, lang: str, relabels: tuple[Relabel, ...] = ()) -> list[str]:
    """The dropdown texts of a vocabulary in ``lang``, in a fixed order; ``relabels`` (a spec's) take precedence."""
    if vocab == "status":
        from toolkit.core.status import STATUS_CHOICES

        values, texts = [s.value for s in Status], list(STATUS_CHOICES[lang])
    else:
        values, texts = list(_VOCABS[vocab]), [t[lang] for t in _VOCABS[vocab].values()]
    own = {r.value: r.text(lang) for r in relabels if r.vocab == vocab}
    return [own.get(value, text) for value, text in zip(values, texts)]


def label(vocab: str, value: Enum | str, lang: str, relabels: tuple[Relabel, ...] = ()) -> str:
    """The dropdown text of one value (an enum member or its value); ``relabels`` (a spec's) take precedence."""
    key: str = value.value if isinstance(value, Enum) else value
    for r in relabels:
        if r.vocab == vocab and r.value == key:
            return r.text(lang)
    if vocab == "status":
        from toolkit.core.status import status_label

        return status_label(Status(key), lang)
    return _VOCABS[vocab][key][lang]


def parse(vocab: str, text: str, relabels: tuple[Relabel, ...] = ()) -> Enum | None:
    """The enum member a typed text stands for, in any of the three languages; None if none.

    ``relabels`` are a template version's own dropdown texts: read in files of that version only.
    """
    wanted = " ".join(str(text).split()).casefold()
    for r in relabels:
        if r.vocab == vocab and wanted in {r.da.casefold(), r.nb.casefold(), r.en.casefold()}:
            return _ENUMS[vocab](r.value)
    if vocab == "status":
        from toolkit.core.status import normalise_status

        return normalise_status(text)
    for value, texts in _VOCABS[vocab].items():
        names = {value.casefold(), *(t.casefold() for t in texts.values())}
        names |= {n.split(" (")[0] for n in names}
        if wanted in names:
            return _ENUMS[vocab](value)
    return None


def names() -> list[str]:
    return [*_VOCABS, "status"]
