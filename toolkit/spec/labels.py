"""Every label, sheet name and instruction of the templates, in da, nb and en."""
from __future__ import annotations

from toolkit.i18n import register

_FIELDS = {
    "council": ("Regionalt råd (KKR)", "Regionråd", "Regional council"),
    "hub": ("Erhvervshus", "Næringshage / operatør", "Business hub"),
    "year": ("År", "År", "Year"),
    "version": ("Version", "Versjon", "Version"),
    "council_approved": ("Godkendt af rådet", "Godkjent av rådet", "Approved by council"),
    "hub_approved": ("Godkendt af erhvervshusets bestyrelse", "Godkjent av styret", "Approved by hub board"),
    "period_start": ("Periode start", "Periode start", "Period start"),
    "period_end": ("Periode slut", "Periode slutt", "Period end"),
    "goal_no": ("Nr.", "Nr.", "No."),
    "category": ("Kategori", "Kategori", "Category"),
    "title": ("Titel", "Tittel", "Title"),
    "goal_text": ("Mål", "Mål", "Goal"),
    "method": ("Metode", "Metode", "Method"),
    "rationale": ("Begrundelse", "Begrunnelse", "Rationale"),
    "reporting": ("Afrapportering", "Rapportering", "Reporting"),
    "measure_type": ("Måletype", "Måletype", "Measure type"),
    "target": ("Mål-værdi", "Målverdi", "Target"),
    "unit": ("Enhed", "Enhet", "Unit"),
    "limit_hours": ("Grænse i timer", "Grense i timer", "Limit in hours"),
    "actual": ("Resultat", "Resultat", "Actual"),
    "evidence": ("Dokumentation", "Dokumentasjon", "Evidence"),
    "result_date": ("Dato for resultat", "Dato for resultat", "Result date"),
    "goal_status": ("Status", "Status", "Status"),
    "fulfilment": ("Målopfyldelse", "Måloppnåelse", "Fulfilment"),
    "sub_label": ("Delmål", "Delmål", "Sub-target"),
    "municipality": ("Kommune", "Kommune", "Municipality"),
    "plan_title": ("Plan", "Plan", "Plan"),
    "report_date": ("Afrapporteringsdato", "Rapporteringsdato", "Report date"),
    "sub_goal": ("Delmål", "Delmål", "Sub-goal"),
    "met_by": ("Opfyldt ved at", "Oppnådd ved at", "Met by"),
    "when": ("Tidspunkt", "Tidspunkt", "When"),
    "status": ("Status", "Status", "Status"),
    "programme": ("Program", "Program", "Programme"),
    "owner": ("Ansvarlig", "Ansvarlig", "Owner"),
    "period_jobs_target": ("Jobmål for perioden", "Arbeidsplassmål for perioden", "Jobs target for the period"),
    "area_no": ("Område nr.", "Område nr.", "Area no."),
    "area_name": ("Indsatsområde", "Innsatsområde", "Focus area"),
    "description": ("Beskrivelse", "Beskrivelse", "Description"),
    "effect_goal": ("Effektmål", "Effektmål", "Effect goal"),
    "result_goal": ("Resultatmål", "Resultatmål", "Result goal"),
    "letter": ("Bogstav", "Bokstav", "Letter"),
    "measure": ("Tiltag", "Tiltak", "Measure"),
    "budget": ("Budget", "Budsjett", "Budget"),
    "granted": ("Bevilget", "Innvilget", "Granted"),
    "remaining": ("Resterende", "Gjenstående", "Remaining"),
    "use_pct": ("Forbrug", "Forbruk", "Used"),
    "jobs_target": ("Jobmål", "Arbeidsplassmål", "Jobs target"),
    "jobs_achieved": ("Job opnået", "Arbeidsplasser oppnådd", "Jobs achieved"),
    "source": ("Finansieringskilde", "Finansieringskilde", "Financing source"),
    "share": ("Andel", "Andel", "Share"),
    "amount": ("Beløb", "Beløp", "Amount"),
    "paid_share": ("Udbetalt andel", "Utbetalt andel", "Share paid out"),
    "to_pay": ("Mangler udbetaling", "Gjenstår å utbetale", "Still to pay"),
    "split_title": ("Fordeling", "Fordeling", "Split"),
    "total": ("Total", "Totalt", "Total"),
    "key_date": ("Nøgledato", "Nøkkeldato", "Key date"),
    "rounding_unit": ("Afrundingsenhed", "Avrundingsenhet", "Rounding unit"),
    "periods": ("Antal perioder (måneder)", "Antall perioder (måneder)", "Periods (months)"),
    "key_value": ("Nøgletal", "Nøkkeltall", "Key value"),
    "exact_share": ("Eksakt andel", "Eksakt andel", "Exact share"),
    "unrounded": ("Før afrunding", "Før avrunding", "Before rounding"),
    "contact_name": ("Kontaktperson", "Kontaktperson", "Contact person"),
    "contact_email": ("E-mail", "E-post", "E-mail"),
    "submitted_date": ("Indsendt dato", "Innsendt dato", "Date submitted"),
    "cost_share": ("Kommunens andel af basisbevillingen", "Kommunens andel av grunnbevilgningen", "Municipality's share of the base grant"),
    "focus_area": ("Lokalt fokusområde", "Lokalt fokusområde", "Local focus area"),
}

_SHEETS = {
    "instructions": ("Vejledning", "Veiledning", "Instructions"),
    "contract": ("Kontrakt", "Kontrakt", "Contract"),
    "goals": ("Mål", "Mål", "Goals"),
    "subtargets": ("Delmål", "Delmål", "Sub-targets"),
    "report_head": ("Afrapportering", "Rapportering", "Report"),
    "report": ("Målopfyldelse", "Måloppnåelse", "Fulfilment"),
    "plan_head": ("Handlingsplan", "Handlingsplan", "Action plan"),
    "areas": ("Indsatsområder", "Innsatsområder", "Focus areas"),
    "measures": ("Tiltag og budget", "Tiltak og budsjett", "Measures and budget"),
    "jobs": ("Jobmål", "Arbeidsplasser", "Jobs"),
    "financing": ("Finansiering", "Finansiering", "Financing"),
    "split_head": ("Fordelingsnøgle", "Fordelingsnøkkel", "Cost split"),
    "split": ("Fordeling", "Fordeling", "Split"),
    "identity": ("Kommune", "Kommune", "Municipality"),
    "local_focus": ("Lokale fokusområder", "Lokale fokusområder", "Local focus areas"),
    "results": ("Resultater", "Resultater", "Results"),
}

_KIND_TITLES = {
    "contract": ("Resultatkontrakt", "Resultatkontrakt", "Results contract"),
    "report": ("Afrapporteringsskema", "Rapporteringsskjema", "Fulfilment report"),
    "plan": ("Handlingsplan med budget", "Handlingsplan med budsjett", "Action plan with budget"),
    "split": ("Fordelingsnøgle", "Fordelingsnøkkel", "Cost split"),
    "submission": ("Kommunal indberetning", "Kommunal innrapportering", "Municipal submission"),
}

_HINTS = {
    "form": ("Udfyld de hvide felter. Grå felter er låst eller beregnes.",
             "Fyll ut de hvite feltene. Grå felt er låst eller beregnes.",
             "Fill in the white cells. Grey cells are locked or computed."),
    "table": ("Én række pr. linje. Tomme rækker springes over. Grå kolonner beregnes.",
              "Én rad per linje. Tomme rader hoppes over. Grå kolonner beregnes.",
              "One row per line. Blank rows are skipped. Grey columns are computed."),
}

_INSTRUCTIONS = {
    "intro": ("Denne projektmappe er en skabelon fra {region}. Udfyld den i Excel og send den tilbage uændret i opbygning.",
              "Denne arbeidsboken er en mal fra {region}. Fyll den ut i Excel og send den tilbake uten å endre oppbyggingen.",
              "This workbook is a template from {region}. Fill it in in Excel and send it back without changing its layout."),
    "cells": ("Hvide celler er til indtastning. Grå celler er låst: de indeholder overskrifter, formler eller oplysninger fra sekretariatet.",
              "Hvite celler er for utfylling. Grå celler er låst: de inneholder overskrifter, formler eller opplysninger fra sekretariatet.",
              "White cells are for input. Grey cells are locked: they hold headings, formulas or information from the secretariat."),
    "numbers": ("Skriv tal som tal (fx 1.800 eller 4 000 000), procenter som 70 %, datoer som 31-05-2023. Skriv xxx, hvis et tal endnu ikke kendes.",
                "Skriv tall som tall (f.eks. 4 000 000), prosenter som 70 %, datoer som 31.05.2023. Skriv xxx hvis et tall ikke er kjent ennå.",
                "Type numbers as numbers (e.g. 1,800), percentages as 70 %, dates as 2023-05-31. Type xxx where a number is not known yet."),
    "lists": ("Felter med en pil har en rulleliste. Vælg en værdi fra listen.",
              "Felt med en pil har en nedtrekksliste. Velg en verdi fra listen.",
              "Cells with an arrow have a dropdown list. Pick a value from the list."),
    "sheets": ("Omdøb, slet eller flyt ikke ark, tabeller eller kolonner. Det skjulte ark med metadata bruges til at genkende projektmappen.",
               "Ikke gi nytt navn til, slett eller flytt ark, tabeller eller kolonner. Det skjulte arket med metadata brukes til å kjenne igjen arbeidsboken.",
               "Do not rename, delete or move sheets, tables or columns. The hidden metadata sheet is how the workbook is recognised."),
    "check": ("Kontrollér projektmappen med knappen Kontrollér eller kommandoen toolkit validate, før du indsender den.",
              "Kontroller arbeidsboken med knappen Kontroller eller kommandoen toolkit validate før du sender den inn.",
              "Check the workbook with the Check button or the command toolkit validate before you submit it."),
}


def _lang_dict(prefix: str, table: dict[str, tuple[str, str, str]]) -> dict[str, dict[str, str]]:
    return {f"{prefix}.{k}": dict(zip(("da", "nb", "en"), v)) for k, v in table.items()}


MESSAGES = register({
    **_lang_dict("field", _FIELDS),
    **_lang_dict("sheet", _SHEETS),
    **_lang_dict("kind", _KIND_TITLES),
    **_lang_dict("hint", _HINTS),
    **_lang_dict("instructions", _INSTRUCTIONS),
})

INSTRUCTION_KEYS = tuple(f"instructions.{k}" for k in _INSTRUCTIONS)
