"""Template versions: a later version is an earlier one plus a short, explicit list of changes."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from toolkit.spec.fields import Field, Form, Relabel, Table, TemplateSpec


@dataclass(frozen=True)
class AddField:
    """A new field in a form or table (``part``: the table's name or the form's sheet key), after ``after``."""

    part: str
    field: Field
    after: str


@dataclass(frozen=True)
class RenameSheet:
    """The sheet holding ``part`` gets another name (``sheet``: the i18n key of the new name)."""

    part: str
    sheet: str


Change = AddField | RenameSheet | Relabel


def derive(spec: TemplateSpec, version: str, changes: tuple[Change, ...]) -> TemplateSpec:
    """``spec`` with ``changes`` applied, as ``version``; fields keep their keys, so records keep their meaning."""
    parts = list(spec.parts)
    relabels = list(spec.relabels)
    for change in changes:
        if isinstance(change, Relabel):
            relabels = [r for r in relabels if (r.vocab, r.value) != (change.vocab, change.value)] + [change]
            continue
        i = _index(parts, change.part)
        if isinstance(change, AddField):
            keys = [f.key for f in parts[i].fields]
            if change.field.key in keys:
                raise ValueError(f"{change.part} has a field {change.field.key} already")
            at = keys.index(change.after) + 1
            fields = parts[i].fields
            parts[i] = dataclasses.replace(parts[i], fields=(*fields[:at], change.field, *fields[at:]))
        else:
            parts[i] = dataclasses.replace(parts[i], sheet=change.sheet)
    return dataclasses.replace(spec, version=version, parts=tuple(parts), relabels=tuple(relabels))


def _index(parts: list[Form | Table], name: str) -> int:
    for i, p in enumerate(parts):
        if (isinstance(p, Table) and p.name == name) or p.sheet == name:
            return i
    raise KeyError(name)


_VERSION = re.compile(r"\d{1,4}(?:\.\d{1,4}){0,3}")


def version_key(text: str) -> tuple[int, ...] | None:
    """ "1.10" -> (1, 10), comparable with other versions; None for text that is no version number."""
    text = str(text).strip()
    if not _VERSION.fullmatch(text):
        return None
    return tuple(int(p) for p in text.split("."))
