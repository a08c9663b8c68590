"""An amount typed as text: Excel's own formulas take it as 0; the toolkit says so at the amount, not at the formula."""

from __future__ import annotations

from decimal import Decimal as D

from libreoffice import convert, soffice

from toolkit.workflows.validate import validate_file


def test_text_amount_is_named_as_the_cause_after_a_libreoffice_resave(make_workbook, seed, cfg, tmp_path):
    """Drangedal area 5 (seed 003): granted 650.000 typed as text; LibreOffice's Remaining then shows 750.000."""
    soffice()
    form, tables = seed("plan")
    tables["tblMeasures"][4]["granted"] = "650.000"
    filled = make_workbook("plan", form, tables, lang="nb", typed=True)
    [resaved] = convert([filled], tmp_path / "lo", "xlsx", tmp_path / "profile")
    report = validate_file(resaved, cfg)
    found = {(f.sheet, f.cell, f.rule) for f in report.findings}
    assert ("Tiltak og budsjett", "F9", "type.text_number") in found
    assert not {rule for _, _, rule in found} & {"budget.remaining_wrong", "structure.formula_overwritten"}, found
    assert report.errors == 0
    doc = report.document
    assert doc.tables["tblMeasures"][4].get("granted") == D(650_000)


def test_text_amount_warns_before_any_resave(make_workbook, seed, cfg):
    form, tables = seed("plan")
    tables["tblFinancing"][0]["amount"] = "3 510 000"
    report = validate_file(make_workbook("plan", form, tables, lang="nb", typed=True), cfg)
    [finding] = [f for f in report.findings if f.rule == "type.text_number"]
    assert (finding.sheet, finding.cell, finding.value, finding.severity) == (
        "Finansiering",
        "C5",
        "3 510 000",
        "warning",
    )
