"""Texts of the validation report itself (headings, summaries, the findings sheet) in da, nb and en."""
from __future__ import annotations

from toolkit.i18n import register_table

_TEXTS = {
    "severity.error": ("Fejl", "Feil", "Error"),
    "severity.warning": ("Advarsel", "Advarsel", "Warning"),
    "severity.info": ("Info", "Info", "Info"),
    "col.file": ("Fil", "Fil", "File"),
    "col.severity": ("Alvor", "Alvorlighet", "Severity"),
    "col.sheet": ("Ark", "Ark", "Sheet"),
    "col.cell": ("Celle", "Celle", "Cell"),
    "col.field": ("Felt", "Felt", "Field"),
    "col.value": ("Værdi", "Verdi", "Value"),
    "col.message": ("Hvad er galt, og hvad skal du gøre", "Hva er galt, og hva skal du gjøre", "What is wrong and what to do"),
    "col.rule": ("Regel", "Regel", "Rule"),
    "file.valid": ("{file}: i orden ({warnings} advarsler)", "{file}: i orden ({warnings} advarsler)",
                   "{file}: valid ({warnings} warnings)"),
    "file.invalid": ("{file}: {errors} fejl, {warnings} advarsler", "{file}: {errors} feil, {warnings} advarsler",
                     "{file}: {errors} errors, {warnings} warnings"),
    "file.unreadable": ("{file}: kan ikke læses", "{file}: kan ikke leses", "{file}: can't be read"),
    "summary": ("{count} filer kontrolleret: {valid} i orden, {invalid} med fejl, {unreadable} kan ikke læses.",
                "{count} filer kontrollert: {valid} i orden, {invalid} med feil, {unreadable} kan ikke leses.",
                "{count} files checked: {valid} valid, {invalid} with errors, {unreadable} unreadable."),
    "inbox.empty": ("Indbakken {folder} er tom.", "Innboksen {folder} er tom.", "The inbox {folder} is empty."),
    "annotated": ("Kommenteret kopi: {path}", "Kommentert kopi: {path}", "Annotated copy: {path}"),
    "annotate.failed": ("{file}: den kommenterede kopi kunne ikke skrives ({detail}). Kontrollen ovenfor gælder stadig.",
                        "{file}: den kommenterte kopien kunne ikke skrives ({detail}). Kontrollen ovenfor gjelder fortsatt.",
                        "{file}: the annotated copy could not be written ({detail}). The check above still holds."),
    "annotate.unreadable": ("{file}: kan ikke læses, så der laves ingen kommenteret kopi.",
                            "{file}: kan ikke leses, så det lages ingen kommentert kopi.",
                            "{file}: can't be read, so no annotated copy is made."),
    "sheet.findings": ("Kontrol", "Kontroll", "Check"),
    "sheet.title": ("Kontrol af {file}: {errors} fejl, {warnings} advarsler. Klik på en celle for at gå til den.",
                    "Kontroll av {file}: {errors} feil, {warnings} advarsler. Klikk på en celle for å gå til den.",
                    "Check of {file}: {errors} errors, {warnings} warnings. Click a cell to go to it."),
    "sheet.none": ("Ingen fund: projektmappen er i orden.", "Ingen funn: arbeidsboken er i orden.",
                   "No findings: the workbook is valid."),
}

MESSAGES = register_table("validate.ui", _TEXTS)


def ui(key: str) -> str:
    """The catalogue key of a report text, e.g. ui("col.cell")."""
    return f"validate.ui.{key}"
