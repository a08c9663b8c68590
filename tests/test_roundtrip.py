"""Property: build a template, fill it as a user would, read it back: the records equal what was filled."""

import datetime as dt
import string
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.adapters.excel.build import BuildOptions, build_workbook
from toolkit.adapters.excel.read import read_workbook
from toolkit.core.model import Category, MeasureType, Status
from toolkit.spec import SPECS, FieldType
from toolkit_demo.fill import fill_workbook

MUNICIPALITIES = ["Aarhus", "Ringkøbing-Skjern", "Samsø"]
ENUMS = {"category": Category, "measure_type": MeasureType, "status": Status}

_words = st.text(alphabet=string.ascii_letters + "æøåÆØÅ0123456789.,-", min_size=1, max_size=12)
_text = st.lists(_words, min_size=1, max_size=5).map(" ".join).filter(lambda s: s[0] not in "=+-@")


def value_for(field):
    lo = int(field.min) if field.min is not None else 0
    hi = int(field.max) if field.max is not None else 10**7
    t = field.type
    if t == FieldType.TEXT:
        return _text.map(lambda s: s[: field.max_length or 200].strip()).filter(bool)
    if t == FieldType.EMAIL:
        return st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.dk", fullmatch=True)
    if t in (FieldType.INTEGER, FieldType.AMOUNT):
        return st.integers(lo, hi).map(D)
    if t == FieldType.NUMBER:
        return st.integers(lo * 100, hi * 100).map(lambda n: D(n) / 100)
    if t == FieldType.PERCENT:
        return st.integers(0, 100).map(lambda n: D(n) / 100)
    if t == FieldType.DATE:
        return st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
    if field.vocab == "municipality":
        return st.sampled_from(MUNICIPALITIES)
    return st.sampled_from(list(ENUMS[field.vocab]))


@st.composite
def filled(draw, spec):
    form = {}
    for part in spec.forms:
        for f in part.fields:
            if f.is_input and draw(st.booleans()):
                form[f.key] = draw(value_for(f))
    tables = {}
    for table in spec.tables:
        offsets = sorted(draw(st.sets(st.integers(0, min(table.rows, 8) - 1), max_size=min(3, table.max_rows or 3))))
        rows = []
        for off in offsets:
            row = {"_row": off}
            for f in table.fields:
                if f.is_input:
                    row[f.key] = draw(value_for(f))
            rows.append(row)
        tables[table.name] = rows
    return form, tables


@pytest.mark.parametrize("kind", ["contract", "report", "plan", "split", "submission"])
@pytest.mark.parametrize("lang", ["da", "nb", "en"])
def test_build_fill_read_gives_back_what_was_filled(tmp_path_factory, kind, lang):
    spec = SPECS[kind]
    folder = tmp_path_factory.mktemp(f"{kind}{lang}")
    blank = folder / "blank.xlsx"
    build_workbook(spec, str(blank), BuildOptions(lang=lang, municipalities=MUNICIPALITIES))

    @settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(filled(spec))
    def check(data):
        form, tables = data
        dst = folder / "filled.xlsx"
        fill_workbook(blank, dst, spec, lang, form, tables)
        doc = read_workbook(dst)
        assert doc.structure == []
        for key, value in form.items():
            assert doc.value(key) == value, key
        for name, rows in tables.items():
            got = doc.tables[name]
            assert [r.number for r in got] == [spec.part(name).first_data_row + r["_row"] for r in rows]
            for want, row in zip(rows, got):
                for key, value in want.items():
                    if key != "_row":
                        assert row.get(key) == value, (name, key)

    check()
