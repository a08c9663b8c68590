"""The deck's texts in da, nb and en, its error class, and labels for statuses and categories."""
from __future__ import annotations

from toolkit.core.model import Category, Status
from toolkit.errors import ToolkitError
from toolkit.i18n import register, t


class DeckError(ToolkitError):
    """The deck cannot be built: a template is unusable or the file cannot be written."""


def _m(da: str, nb: str, en: str) -> dict[str, str]:
    return {"da": da, "nb": nb, "en": en}


MESSAGES = register({
    # Errors
    "deck.template_missing": _m(
        "PowerPoint-skabelonen {path} findes ikke. Ret stien i config.ini (deck_template) eller lad den stå tom.",
        "PowerPoint-malen {path} finnes ikke. Rett stien i config.ini (deck_template) eller la den stå tom.",
        "The PowerPoint template {path} does not exist. Correct the path in config.ini (deck_template) or leave it empty."),
    "deck.template_unreadable": _m(
        "PowerPoint-skabelonen {path} kan ikke åbnes ({detail}). Gem den igen som .pptx eller .potx.",
        "PowerPoint-malen {path} kan ikke åpnes ({detail}). Lagre den på nytt som .pptx eller .potx.",
        "The PowerPoint template {path} can't be opened ({detail}). Save it again as .pptx or .potx."),
    "deck.layout_missing": _m(
        "PowerPoint-skabelonen {path} har intet layout med navnet '{layout}' (også søgt efter: {aliases}). "
        "Skabelonens layouts: {available}. Omdøb et layout i diasmasteren.",
        "PowerPoint-malen {path} har ingen oppsett med navnet '{layout}' (også søkt etter: {aliases}). "
        "Malens oppsett: {available}. Gi et oppsett nytt navn i lysbildemalen.",
        "The PowerPoint template {path} has no layout named '{layout}' (also looked for: {aliases}). "
        "Its layouts: {available}. Rename a layout in the slide master."),
    "deck.write_failed": _m(
        "Præsentationen kan ikke skrives til {path} ({detail}). Luk filen, hvis den er åben i PowerPoint.",
        "Presentasjonen kan ikke skrives til {path} ({detail}). Lukk filen hvis den er åpen i PowerPoint.",
        "The presentation can't be written to {path} ({detail}). Close the file if it is open in PowerPoint."),
    # Title and agenda
    "deck.title_default": _m("Status for resultatkontrakten {year}", "Status for resultatkontrakten {year}",
                             "Results contract status {year}"),
    "deck.title_plan": _m("Status for handlingsplanen {year}", "Status for handlingsplanen {year}",
                          "Action plan status {year}"),
    "deck.agenda": _m("Dagsorden", "Agenda", "Agenda"),
    "deck.agenda.left_out": _m("Ikke med i denne runde (ingen data): {section}",
                               "Ikke med i denne runden (ingen data): {section}",
                               "Not in this round (no data): {section}"),
    "deck.section.submissions": _m("Indsendelser fra kommunerne", "Innsendinger fra kommunene",
                                   "Submissions from the municipalities"),
    "deck.section.fulfilment": _m("Målopfyldelse", "Måloppnåelse", "Goal fulfilment"),
    "deck.section.goals": _m("Målene enkeltvis", "Målene ett for ett", "Goal by goal"),
    "deck.section.split": _m("Fordelingsnøgle", "Fordelingsnøkkel", "Cost split"),
    "deck.section.budget": _m("Budget pr. indsatsområde", "Budsjett per innsatsområde", "Budget per focus area"),
    "deck.section.jobs": _m("Job {year}", "Arbeidsplasser {year}", "Jobs {year}"),
    "deck.section.appendix": _m("Bilag: kommunerne", "Vedlegg: kommunene", "Appendix: the municipalities"),
    # Submissions
    "deck.sub.summary": _m("{done} af {total} kommuner har indsendt; {valid} uden fejl.",
                           "{done} av {total} kommuner har sendt inn; {valid} uten feil.",
                           "{done} of {total} municipalities have submitted; {valid} without errors."),
    "deck.sub.valid": _m("Indsendt ({n})", "Sendt inn ({n})", "Submitted ({n})"),
    "deck.sub.errors": _m("Med fejl ({n})", "Med feil ({n})", "With errors ({n})"),
    "deck.sub.missing": _m("Mangler ({n})", "Mangler ({n})", "Missing ({n})"),
    "deck.sub.none": _m("Ingen", "Ingen", "None"),
    "deck.sub.more": _m("og {n} flere", "og {n} flere", "and {n} more"),
    "deck.sub.error_count": _m("{n} fejl", "{n} feil", "{n} errors"),
    "deck.state.valid": _m("Godkendt", "Godkjent", "Valid"),
    "deck.state.invalid": _m("Med fejl", "Med feil", "With errors"),
    "deck.state.unreadable": _m("Kan ikke læses", "Kan ikke leses", "Unreadable"),
    "deck.state.missing": _m("Mangler", "Mangler", "Missing"),
    # Statuses and categories
    "deck.status.achieved": _m("Opfyldt", "Oppnådd", "Achieved"),
    "deck.status.expected": _m("Forventes opfyldt", "Forventes oppnådd", "Expected"),
    "deck.status.partly": _m("Delvist opfyldt", "Delvis oppnådd", "Partly achieved"),
    "deck.status.not_achieved": _m("Ikke opfyldt", "Ikke oppnådd", "Not achieved"),
    "deck.status.not_reported": _m("Ikke afrapporteret", "Ikke rapportert", "Not reported"),
    "deck.category.national": _m("Nationale mål", "Nasjonale mål", "National goals"),
    "deck.category.common": _m("Fælles mål", "Felles mål", "Common goals"),
    "deck.category.regional": _m("Regionale mål", "Regionale mål", "Regional goals"),
    "deck.category.none": _m("Uden kategori", "Uten kategori", "Uncategorised"),
    # Fulfilment
    "deck.fulfil.chart": _m("Mål pr. status og kategori", "Mål per status og kategori", "Goals by status and category"),
    "deck.fulfil.summary": _m("{achieved} af {total} mål er opfyldt.", "{achieved} av {total} mål er oppnådd.",
                              "{achieved} of {total} goals are achieved."),
    "deck.fulfil.all_goals": _m("Alle mål", "Alle mål", "All goals"),
    "deck.col.no": _m("Nr.", "Nr.", "No."),
    "deck.col.goal": _m("Mål", "Mål", "Goal"),
    "deck.col.category": _m("Kategori", "Kategori", "Category"),
    "deck.col.target": _m("Målsætning", "Målsetting", "Target"),
    "deck.col.actual": _m("Resultat", "Resultat", "Actual"),
    "deck.col.fulfilment": _m("Opfyldelse", "Oppnåelse", "Fulfilment"),
    "deck.col.status": _m("Status", "Status", "Status"),
    "deck.col.municipality": _m("Kommune", "Kommune", "Municipality"),
    "deck.col.key": _m("Nøgle", "Nøkkel", "Key"),
    "deck.col.share": _m("Andel", "Andel", "Share"),
    "deck.col.amount": _m("Beløb", "Beløp", "Amount"),
    "deck.col.area": _m("Indsatsområde", "Innsatsområde", "Focus area"),
    "deck.col.budget": _m("Budget", "Budsjett", "Budget"),
    "deck.col.granted": _m("Bevilget", "Innvilget", "Granted"),
    "deck.col.remaining": _m("Resterende", "Gjenstående", "Remaining"),
    "deck.col.submitted": _m("Indsendt", "Sendt inn", "Submitted"),
    "deck.col.errors": _m("Fejl", "Feil", "Errors"),
    "deck.col.warnings": _m("Advarsler", "Advarsler", "Warnings"),
    "deck.col.sub_goal": _m("Delmål", "Delmål", "Sub-goal"),
    "deck.col.met_by": _m("Opfyldt ved", "Oppnådd ved", "Met by"),
    "deck.col.when": _m("Tidspunkt", "Tidspunkt", "When"),
    # One goal
    "deck.goal.title": _m("Mål {no}: {title}", "Mål {no}: {title}", "Goal {no}: {title}"),
    "deck.goal.evidence": _m("Dokumentation", "Dokumentasjon", "Evidence"),
    "deck.goal.no_evidence": _m("Ingen dokumentation angivet.", "Ingen dokumentasjon oppgitt.", "No evidence given."),
    "deck.goal.spread": _m("Opfyldelse pr. kommune", "Oppnåelse per kommune", "Fulfilment per municipality"),
    "deck.goal.bands": _m("Kommuner fordelt på opfyldelse", "Kommuner fordelt på oppnåelse",
                          "Municipalities by fulfilment"),
    "deck.goal.municipalities": _m("Antal kommuner", "Antall kommuner", "Municipalities"),
    "deck.value.done": _m("Gennemført", "Gjennomført", "Done"),
    "deck.value.not_done": _m("Ikke gennemført", "Ikke gjennomført", "Not done"),
    "deck.value.k_of_n": _m("{k} af {n}", "{k} av {n}", "{k} of {n}"),
    # Money, budgets and jobs
    "deck.split.chart": _m("Beløb pr. kommune", "Beløp per kommune", "Amount per municipality"),
    "deck.split.total": _m("I alt", "Totalt", "Total"),
    "deck.split.key_date": _m("Nøgle opgjort pr.", "Nøkkel per", "Key as of"),
    "deck.split.count": _m("Antal kommuner", "Antall kommuner", "Municipalities"),
    "deck.split.others": _m("Øvrige ({n})", "Øvrige ({n})", "Others ({n})"),
    "deck.split.table": _m("Fordelingsnøgle – tabel", "Fordelingsnøkkel – tabell", "Cost split – table"),
    "deck.budget.chart": _m("Budget, bevilget og resterende", "Budsjett, innvilget og gjenstående",
                            "Budget, granted and remaining"),
    "deck.budget.table": _m("Budget – tabel", "Budsjett – tabell", "Budget – table"),
    "deck.jobs.area": _m("Område {n}", "Område {n}", "Area {n}"),
    "deck.jobs.target": _m("Mål", "Mål", "Target"),
    "deck.jobs.achieved": _m("Opnået", "Oppnådd", "Achieved"),
    "deck.jobs.period_target": _m("Mål {first}–{last}", "Mål {first}–{last}", "Target {first}–{last}"),
    "deck.jobs.period_achieved": _m("Opnået {first}–{last}", "Oppnådd {first}–{last}", "Achieved {first}–{last}"),
    "deck.jobs.not_reported": _m("Opnåede job er endnu ikke opgjort.", "Oppnådde arbeidsplasser er ennå ikke rapportert.",
                                 "Jobs achieved are not reported yet."),
    "deck.jobs.count": _m("Antal job", "Antall arbeidsplasser", "Jobs"),
    # Appendix
    "deck.appendix.submissions": _m("Bilag: indsendelser", "Vedlegg: innsendinger", "Appendix: submissions"),
    "deck.appendix.municipality": _m("Bilag: {name}", "Vedlegg: {name}", "Appendix: {name}"),
    "deck.appendix.state": _m("Status: {state}", "Status: {state}", "Status: {state}"),
    "deck.appendix.submitted_at": _m("indsendt {date}", "sendt inn {date}", "submitted {date}"),
    "deck.appendix.focus": _m("Lokale fokusområder: {areas}", "Lokale fokusområder: {areas}",
                              "Local focus areas: {areas}"),
    "deck.appendix.without_figures": _m("Bilag: kommuner uden tal i denne runde", "Vedlegg: kommuner uten tall i denne runden",
                                        "Appendix: municipalities without figures in this round"),
    "deck.col.why": _m("Hvorfor", "Hvorfor", "Why"),
    "deck.why.missing": _m("Har ikke indsendt", "Har ikke sendt inn", "Has not submitted"),
    "deck.why.invalid": _m("Indsendt med {n} fejl; ikke talt med", "Sendt inn med {n} feil; ikke tatt med",
                           "Submitted with errors ({n}); not counted"),
    "deck.why.unreadable": _m("Kan ikke læses; ikke talt med", "Kan ikke leses; ikke tatt med",
                              "Unreadable; not counted"),
    "deck.why.no_results": _m("Ingen resultater i indberetningen", "Ingen resultater i innsendingen",
                              "No results in the submission"),
    "deck.appendix.report": _m("Afrapportering", "Rapportering", "Fulfilment report"),
})


def status_label(status: Status | None, lang: str) -> str:
    return t(f"deck.status.{(status or Status.NOT_REPORTED).value}", lang)


def category_label(category: Category | None, lang: str) -> str:
    return t(f"deck.category.{category.value if category else 'none'}", lang)
