"""The building blocks of a template spec: fields, forms, tables and the spec itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum


class FieldType(str, Enum):
    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    AMOUNT = "amount"  # money, whole units, never negative unless min says so
    PERCENT = "percent"  # stored as a fraction, shown as per cent
    DATE = "date"
    CHOICE = "choice"  # one of a controlled vocabulary (see vocab.py)
    EMAIL = "email"


NUMERIC = {FieldType.INTEGER, FieldType.NUMBER, FieldType.AMOUNT, FieldType.PERCENT}

# The widest value a numeric field takes where it declares no min or max of its own: nothing beyond is a
# real figure in these documents (a county's whole budget is far below 10^12 kroner), and larger values
# overflow Excel, floats and the deck. Percentages are fractions: 1000 is 100 000 %.
LIMITS = {
    FieldType.INTEGER: Decimal(10**12),
    FieldType.NUMBER: Decimal(10**12),
    FieldType.AMOUNT: Decimal(10**12),
    FieldType.PERCENT: Decimal(1000),
}


@dataclass(frozen=True)
class Field:
    """One input or computed cell (in a form) or column (in a table).

    ``formula`` is an Excel formula template for computed columns; ``{key}``
    stands for this row's cell of another field (written as a structured
    reference inside tables). ``prefilled`` fields are written by the
    secretariat and locked for the user.
    """

    key: str
    type: FieldType = FieldType.TEXT
    required: bool = False
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int | None = None
    vocab: str | None = None
    formula: str | None = None
    prefilled: bool = False
    width: int = 14
    total: str | None = None  # "sum" adds a totals row entry (tables only)
    num_format: str | None = None  # an Excel number format instead of the type's own

    @property
    def label_key(self) -> str:
        return f"field.{self.key}"

    @property
    def bounds(self) -> tuple[Decimal, Decimal] | None:
        """(lowest, highest) value a numeric field reads: its own min and max, else ± LIMITS (read-only)."""
        limit = LIMITS.get(self.type)
        if limit is None:
            return None
        return (-limit if self.min is None else self.min, limit if self.max is None else self.max)

    @property
    def is_input(self) -> bool:
        return self.formula is None and not self.prefilled


@dataclass(frozen=True)
class Form:
    """Label/value pairs on a sheet: labels in column A, values in column B from ``first_row``."""

    sheet: str  # i18n key of the sheet name
    fields: tuple[Field, ...]
    first_row: int = 4  # 1-based

    def row_of(self, key: str) -> int:
        for i, f in enumerate(self.fields):
            if f.key == key:
                return self.first_row + i
        raise KeyError(key)


@dataclass(frozen=True)
class Table:
    """An Excel table with a stable name and a fixed number of input rows."""

    sheet: str  # i18n key of the sheet name
    name: str  # Excel table name, the same in every language
    fields: tuple[Field, ...]
    rows: int = 30
    header_row: int = 4  # 1-based; rows 1-2 hold the title and a hint
    min_rows: int = 0
    max_rows: int | None = None  # a rule: at most this many filled rows

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def last_data_row(self) -> int:
        return self.header_row + self.rows

    @property
    def has_totals(self) -> bool:
        return any(f.total for f in self.fields)

    def column_of(self, key: str) -> int:
        """0-based column index of a field."""
        for i, f in enumerate(self.fields):
            if f.key == key:
                return i
        raise KeyError(key)


@dataclass(frozen=True)
class Relabel:
    """A dropdown value's text in one template version where it differs from the vocabulary's own."""

    vocab: str  # e.g. "status"
    value: str  # the enum value, e.g. "not_reported"
    da: str
    nb: str
    en: str

    def text(self, lang: str) -> str:
        return {"da": self.da, "nb": self.nb, "en": self.en}[lang]


@dataclass(frozen=True)
class TemplateSpec:
    """Everything one version of a template kind is: its forms and tables, in sheet order."""

    kind: str
    version: str
    parts: tuple[Form | Table, ...]
    prefill_tables: tuple[str, ...] = field(default=())
    relabels: tuple[Relabel, ...] = field(default=())  # dropdown texts of this version (see vocab.py)

    def part(self, name: str) -> Form | Table:
        for p in self.parts:
            if (isinstance(p, Table) and p.name == name) or p.sheet == name:
                return p
        raise KeyError(name)

    def table(self, name: str) -> Table:
        """The table called ``name``; KeyError when there is none (or ``name`` is a form's sheet)."""
        part = self.part(name)
        if not isinstance(part, Table):
            raise KeyError(name)
        return part

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(p for p in self.parts if isinstance(p, Table))

    @property
    def forms(self) -> tuple[Form, ...]:
        return tuple(p for p in self.parts if isinstance(p, Form))
