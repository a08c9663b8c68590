"""The seeds' own numbers validate cleanly, built or typed in by a user, in every language."""

import pytest

from toolkit.workflows.validate import validate_file

KINDS = ("contract", "report", "plan", "split", "submission")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", ("da", "nb", "en"))
def test_seed_workbooks_have_no_findings(make_workbook, seed, cfg, kind, lang):
    form, tables = seed(kind)
    report = validate_file(make_workbook(kind, form, tables, lang=lang), cfg)
    assert report.rows() == []
    assert report.valid and report.kind == kind


@pytest.mark.parametrize("kind", KINDS)
def test_seed_workbooks_typed_in_by_a_user_have_no_findings(make_workbook, seed, cfg, kind):
    form, tables = seed(kind)
    report = validate_file(make_workbook(kind, form, tables, typed=True), cfg)
    assert report.rows() == []


@pytest.mark.parametrize("kind", KINDS)
def test_any_values_in_any_cells_give_findings_never_a_crash(make_workbook, seed, cfg, kind):
    import datetime as dt
    from decimal import Decimal as D

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from toolkit.spec import SPECS

    spec = SPECS[kind]
    values = st.one_of(
        st.none(),
        st.text(max_size=30),
        st.integers(-(10**9), 10**9).map(D),
        st.decimals(-1000, 1000, places=3),
        st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)),
        st.sampled_from(["xxx", "#DIV/0!", "ca. 50", "75 %", "1.800", "Opfyldt", "Måske", "Aarhus", "nps"]),
    )
    inputs = [(p, f) for p in spec.parts for f in p.fields if f.formula is None]

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(st.tuples(st.sampled_from(inputs), st.integers(0, 4), values), max_size=12))
    def check(changes):
        form, tables = seed(kind)
        for (part, field), i, value in changes:
            if hasattr(part, "name"):
                rows = tables.setdefault(part.name, [])
                while len(rows) <= i:
                    rows.append({})
                rows[i][field.key] = value
            else:
                form[field.key] = value
        report = validate_file(make_workbook(kind, form, tables), cfg)
        assert report.readable
        assert not [f for f in report.findings if f.rule.startswith("internal.")], report.rows()

    check()
