"""The ledger's JSON is the same text, to the byte, however codec.dumps gets there."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.adapters.excel.read import read_workbook
from toolkit.adapters.store import codec
from toolkit.core import model
from toolkit.workflows.consolidate.examine import extract

RECORDS = [
    model.Goal,
    model.SubTarget,
    model.ReportRow,
    model.Measure,
    model.FocusArea,
    model.JobTarget,
    model.FinancingSource,
    model.SplitLine,
    model.GoalResult,
    model.SubmissionStatus,
    model.BudgetLine,
]


def reference(records) -> str:
    """dumps as it was first written: the general walk, then json.dumps."""
    return json.dumps(codec._plain_any(records), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Tagged(D):
    """A subclass takes the general way; it must still come out as a Decimal would."""


class Mapping(dict):
    pass


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(),
    st.sampled_from([*model.Status, *model.Category, *model.MeasureType]),
    st.decimals(allow_nan=False, allow_infinity=False).map(Tagged),
)


def record(cls):
    """Any record type with any values in its fields."""
    fields = {f.name: st.one_of(scalars, st.lists(scalars, max_size=3)) for f in dataclasses.fields(cls)}
    return st.builds(lambda **kw: cls(**kw), **fields)


values = st.recursive(
    st.one_of(scalars, *(record(c) for c in RECORDS)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(), st.integers()), inner, max_size=4),
        st.dictionaries(st.text(), inner, max_size=3).map(Mapping),
    ),
    max_leaves=20,
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(values)
def test_dumps_is_the_reference_text_for_any_records(records):
    assert codec._plain(records) == codec._plain_any(records)
    assert codec.dumps({"x": records}) == reference({"x": records})


def test_dumps_is_the_reference_text_for_read_workbooks(make_workbook, seed):
    for kind in ("submission", "contract", "plan", "report", "split"):
        form, tables = seed(kind)
        records = extract(read_workbook(make_workbook(kind, form, tables)))
        assert codec.dumps(records) == reference(records)
        assert codec.loads(codec.dumps(records)) == codec.loads(reference(records))


@pytest.mark.parametrize("bad", [object(), {1, 2}, b"bytes", dt.time(12), model.BudgetLine.__mro__[0]])
def test_what_cannot_be_stored_is_refused_alike(bad):
    with pytest.raises(TypeError) as fast:
        codec.dumps({"x": [bad]})
    with pytest.raises(TypeError) as general:
        reference({"x": [bad]})
    assert str(fast.value) == str(general.value)
