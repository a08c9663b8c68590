"""What the buttons say, in da, nb and en: captions, message boxes, sheet names and column headings."""
from __future__ import annotations

from toolkit.i18n import register_table

_M = {
    # button captions (the .xlsm variants draw them from here)
    "caption.check": ("Kontrollér", "Kontroller", "Check"),
    "caption.compute": ("Beregn", "Beregn", "Compute"),
    "caption.submit": ("Indsend", "Send inn", "Submit"),
    "caption.split": ("Beregn fordeling", "Beregn fordeling", "Compute split"),
    "caption.consolidate": ("Saml nu", "Samle nå", "Consolidate now"),
    "caption.deck": ("Lav præsentation", "Lag presentasjon", "Make deck"),
    # sheets the buttons add
    "sheet.findings": ("Kontrol", "Kontroll", "Check results"),
    "sheet.computed": ("Beregninger", "Beregninger", "Computed"),
    "sheet.explanation": ("Forklaring", "Forklaring", "Explanation"),
    "sheet.coordinator": ("Koordinering", "Koordinering", "Coordination"),
    # findings sheet
    "findings.title": ("Kontrol af projektmappen {time}", "Kontroll av arbeidsboken {time}",
                       "Check of the workbook {time}"),
    "findings.summary": ("{errors} fejl, {warnings} advarsler. Klik på en celle i kolonne C for at gå til den.",
                         "{errors} feil, {warnings} advarsler. Klikk på en celle i kolonne C for å gå til den.",
                         "{errors} errors, {warnings} warnings. Click a cell in column C to go to it."),
    "findings.none": ("Ingen fund. Projektmappen kan indsendes.", "Ingen funn. Arbeidsboken kan sendes inn.",
                      "No findings. The workbook can be submitted."),
    "col.severity": ("Alvor", "Alvor", "Severity"),
    "col.sheet": ("Ark", "Ark", "Sheet"),
    "col.cell": ("Celle", "Celle", "Cell"),
    "col.field": ("Felt", "Felt", "Field"),
    "col.value": ("Værdi", "Verdi", "Value"),
    "col.message": ("Hvad er galt, og hvad skal du gøre", "Hva er galt, og hva skal du gjøre",
                    "What is wrong and what to do"),
    "col.rule": ("Regel", "Regel", "Rule"),
    "severity.error": ("Fejl", "Feil", "Error"),
    "severity.warning": ("Advarsel", "Advarsel", "Warning"),
    "severity.info": ("Info", "Info", "Info"),
    # message box titles
    "title.check": ("Kontrol", "Kontroll", "Check"),
    "title.compute": ("Beregning", "Beregning", "Compute"),
    "title.submit": ("Indsendelse", "Innsending", "Submit"),
    "title.split": ("Fordeling", "Fordeling", "Cost split"),
    "title.consolidate": ("Samling", "Samling", "Consolidation"),
    "title.deck": ("Præsentation", "Presentasjon", "Deck"),
    # outcomes
    "check.clean": ("Ingen fejl fundet{warn}. Projektmappen kan indsendes.",
                    "Ingen feil funnet{warn}. Arbeidsboken kan sendes inn.",
                    "No errors found{warn}. The workbook can be submitted."),
    "check.warnings_only": (" ({warnings} advarsler; se arket '{sheet}')", " ({warnings} advarsler; se arket '{sheet}')",
                            " ({warnings} warnings; see the sheet '{sheet}')"),
    "check.found": ("{errors} fejl og {warnings} advarsler. De er listet på arket '{sheet}', og cellerne er "
                    "markeret. Ret fejlene, og tryk Kontrollér igen.",
                    "{errors} feil og {warnings} advarsler. De er listet på arket '{sheet}', og cellene er "
                    "markert. Rett feilene, og trykk Kontroller igjen.",
                    "{errors} errors and {warnings} warnings. They are listed on the sheet '{sheet}' and the cells "
                    "are highlighted. Correct the errors and press Check again."),
    "compute.done": ("Beregnet. Resultaterne står på arket '{sheet}'.", "Beregnet. Resultatene står på arket '{sheet}'.",
                     "Computed. The results are on the sheet '{sheet}'."),
    "compute.split_kind": ("Brug knappen Beregn fordeling i denne projektmappe.",
                           "Bruk knappen Beregn fordeling i denne arbeidsboken.",
                           "Use the Compute split button in this workbook."),
    "split.done": ("{total} er fordelt på {count} parter, og summen passer præcist. Beløbene står i kolonnen "
                   "'{column}', og hvordan de er regnet ud, står på arket '{sheet}'.",
                   "{total} er fordelt på {count} parter, og summen stemmer nøyaktig. Beløpene står i kolonnen "
                   "'{column}', og hvordan de er regnet ut, står på arket '{sheet}'.",
                   "{total} is split over {count} parties and the parts add up exactly. The amounts are in the "
                   "column '{column}'; how they were worked out is on the sheet '{sheet}'."),
    "split.incomplete": ("Fordelingen kan ikke beregnes endnu: udfyld {field} på arket '{sheet}'.",
                         "Fordelingen kan ikke beregnes ennå: fyll ut {field} på arket '{sheet}'.",
                         "The split can't be computed yet: fill in {field} on the sheet '{sheet}'."),
    "submit.done": ("Indsendt. Projektmappen er kopieret til:\n{path}",
                    "Sendt inn. Arbeidsboken er kopiert til:\n{path}",
                    "Submitted. The workbook was copied to:\n{path}"),
    "submit.refused": ("Projektmappen er IKKE indsendt: {errors} fejl skal rettes først. De er listet på arket "
                       "'{sheet}', og cellerne er markeret.",
                       "Arbeidsboken er IKKE sendt inn: {errors} feil må rettes først. De er listet på arket "
                       "'{sheet}', og cellene er markert.",
                       "The workbook was NOT submitted: {errors} errors must be corrected first. They are listed on "
                       "the sheet '{sheet}' and the cells are highlighted."),
    "submit.not_saved": ("Projektmappen er ikke gemt som en fil på denne computer. Gem den (Filer > Gem som) i en "
                         "mappe, og tryk Indsend igen.",
                         "Arbeidsboken er ikke lagret som en fil på denne maskinen. Lagre den (Fil > Lagre som) i "
                         "en mappe, og trykk Send inn igjen.",
                         "The workbook is not saved as a file on this computer. Save it (File > Save As) in a "
                         "folder and press Submit again."),
    "submit.inbox_failed": ("Projektmappen kunne ikke kopieres til indbakken {folder} ({reason}). Den er IKKE "
                            "indsendt. Tjek, at du har adgang til mappen, eller send filen til sekretariatet "
                            "på e-mail.",
                            "Arbeidsboken kunne ikke kopieres til innboksen {folder} ({reason}). Den er IKKE "
                            "sendt inn. Sjekk at du har tilgang til mappen, eller send filen til sekretariatet "
                            "på e-post.",
                            "The workbook could not be copied to the inbox {folder} ({reason}). It was NOT "
                            "submitted. Check that you can reach the folder, or e-mail the file to the secretariat."),
    "consolidate.done": ("Samlet: {valid} gyldige, {invalid} med fejl, {missing} mangler. Resultatet er gemt i:\n"
                         "{path}\n\n{details}",
                         "Samlet: {valid} gyldige, {invalid} med feil, {missing} mangler. Resultatet er lagret i:\n"
                         "{path}\n\n{details}",
                         "Consolidated: {valid} valid, {invalid} with errors, {missing} missing. The result is in:\n"
                         "{path}\n\n{details}"),
    "deck.done": ("Præsentationen er gemt i:\n{path}", "Presentasjonen er lagret i:\n{path}",
                  "The deck was saved to:\n{path}"),
    "log.title": ("Seneste kørsler", "Siste kjøringer", "Latest runs"),
    "col.time": ("Tidspunkt", "Tidspunkt", "Time"),
    "col.action": ("Handling", "Handling", "Action"),
    "col.result": ("Resultat", "Resultat", "Result"),
    "col.file": ("Fil", "Fil", "File"),
    # failures
    "wrong_kind": ("Knappen '{button}' hører ikke til denne projektmappe ({kind}).",
                   "Knappen '{button}' hører ikke til denne arbeidsboken ({kind}).",
                   "The button '{button}' does not belong to this workbook ({kind})."),
    "config_failed": ("Værktøjets opsætning kunne ikke læses: {detail}\nBed IT eller sekretariatet om hjælp "
                      "(se docs/deployment.md).",
                      "Verktøyets oppsett kunne ikke leses: {detail}\nBe IT eller sekretariatet om hjelp "
                      "(se docs/deployment.md).",
                      "The toolkit's settings could not be read: {detail}\nAsk IT or the secretariat for help "
                      "(see docs/deployment.md)."),
    "unexpected": ("Der gik noget galt ({error}).\nDetaljerne er gemt i {log}. Prøv igen; send den fil til "
                   "sekretariatet, hvis fejlen bliver ved.",
                   "Noe gikk galt ({error}).\nDetaljene er lagret i {log}. Prøv igjen; send den filen til "
                   "sekretariatet hvis feilen vedvarer.",
                   "Something went wrong ({error}).\nThe details are in {log}. Try again; send that file to the "
                   "secretariat if it keeps happening."),
    # computed sheet headings
    "computed.title": ("Beregnet af værktøjet {time} (ændringer her gemmes ikke tilbage)",
                       "Beregnet av verktøyet {time} (endringer her lagres ikke tilbake)",
                       "Computed by the toolkit {time} (edits here are not read back)"),
    "computed.goals": ("Målopfyldelse pr. mål", "Måloppnåelse per mål", "Fulfilment per goal"),
    "computed.rollup": ("Gennemsnitlig målopfyldelse pr. gruppe", "Gjennomsnittlig måloppnåelse per gruppe",
                        "Mean fulfilment per group"),
    "computed.subtargets": ("Delmål lagt sammen", "Delmål lagt sammen", "Sub-targets added up"),
    "computed.statuses": ("Status talt op", "Status talt opp", "Statuses counted"),
    "computed.unread_statuses": ("Status, der ikke kan læses (talt som ikke afrapporteret): vælg en fra listen",
                                 "Status som ikke kan leses (talt som ikke rapportert): velg en fra listen",
                                 "Statuses that can't be read (counted as not reported): pick one from the list"),
    "col.status_text": ("Der står", "Det står", "Typed"),
    "computed.budget": ("Budget pr. indsatsområde", "Budsjett per innsatsområde", "Budget per focus area"),
    "computed.jobs": ("Jobmål pr. år og indsatsområde, og for perioden",
                      "Arbeidsplassmål per år og innsatsområde, og for perioden",
                      "Jobs per year and focus area, and over the period"),
    "computed.financing": ("Finansiering", "Finansiering", "Financing"),
    "computed.issues": ("Bemærkninger", "Merknader", "Remarks"),
    "col.group": ("Gruppe", "Gruppe", "Group"),
    "col.count": ("Antal", "Antall", "Count"),
    "col.derived_status": ("Status ud fra tallet", "Status ut fra tallet", "Status from the figure"),
    "col.sub_sum": ("Sum af delmål", "Sum av delmål", "Sum of sub-targets"),
    "col.sub_actual": ("Sum af resultater", "Sum av resultater", "Sum of actuals"),
    "col.difference": ("Forskel", "Differanse", "Difference"),
    "col.remaining_jobs": ("Mangler", "Gjenstår", "Still to create"),
    "col.total": ("I alt", "Totalt", "Total"),
    "col.year_total": ("I alt {year}", "Totalt {year}", "Total {year}"),
    "col.period_total": ("Perioden {first}–{last}", "Perioden {first}–{last}", "Period {first}–{last}"),
    "col.weight": ("Vægt", "Vekt", "Weight"),
    "col.exact": ("Eksakt beløb", "Eksakt beløp", "Exact amount"),
    "col.rounded_down": ("Rundet ned", "Rundet ned", "Rounded down"),
    "col.units_added": ("Ekstra enhed", "Ekstra enhet", "Unit added"),
    "split.rule": ("Hver part får sit eksakte beløb rundet ned til et multiplum af {step}; de {left} gange {step}, "
                   "der er tilbage, går én til hver af de største rester, så summen passer præcist.",
                   "Hver part får sitt eksakte beløp rundet ned til et multiplum av {step}; de {left} gangene {step} "
                   "som er igjen, går én til hver av de største restene, slik at summen stemmer nøyaktig.",
                   "Each party gets its exact amount rounded down to a multiple of {step}; the {left} times {step} "
                   "left over go one each to the largest remainders, so the parts add up exactly."),
    # the server workbooks' macros (toolkit xlsm --server), built into their VBA
    "server.no_token": ("Denne projektmappe er ikke knyttet til en kommune og kan ikke sende til tjenesten. Brug "
                        "kommunens egen projektmappe eller linket til upload-siden fra sekretariatet.",
                        "Denne arbeidsboken er ikke knyttet til en kommune og kan ikke sende til tjenesten. Bruk "
                        "kommunens egen arbeidsbok eller lenken til opplastingssiden fra sekretariatet.",
                        "This workbook belongs to no municipality and cannot send to the service. Use your "
                        "municipality's own workbook or the link to the upload page from the secretariat."),
    "server.unreachable": ("Tjenesten kunne ikke nås, eller dens svar kunne ikke læses; intet er indsendt. Prøv igen "
                           "om lidt, eller brug upload-siden i browseren.",
                           "Tjenesten kunne ikke nås, eller svaret kunne ikke leses; ingenting er sendt inn. Prøv "
                           "igjen om litt, eller bruk opplastingssiden i nettleseren.",
                           "The service could not be reached or its answer could not be read; nothing was "
                           "submitted. Try again in a moment, or use the upload page in the browser."),
    "server.use_page": ("Excel på Mac kan ikke sende filen selv. Indsend den på upload-siden i browseren:",
                        "Excel på Mac kan ikke sende filen selv. Send den inn på opplastingssiden i nettleseren:",
                        "Excel on a Mac cannot send the file itself. Submit it on the upload page in the browser:"),
    "server.bad_url": ("--server {url}: skal være en https-adresse uden ?, # og brugernavn, fx "
                       "https://toolkit.region.dk (http kun til localhost).",
                       "--server {url}: må være en https-adresse uten ?, # og brukernavn, f.eks. "
                       "https://toolkit.region.no (http bare til localhost).",
                       "--server {url}: must be an https address without ?, # or user name, e.g. "
                       "https://toolkit.region.dk (http only for localhost)."),
    "server.bad_token": ("Token for {municipality} har ikke formen fra toolkit tokens (16-128 tegn: A-Z, a-z, 0-9, "
                         "- og _).",
                         "Token for {municipality} har ikke formen fra toolkit tokens (16-128 tegn: A-Z, a-z, 0-9, "
                         "- og _).",
                         "The token of {municipality} is not shaped as toolkit tokens makes them (16-128 characters: "
                         "A-Z, a-z, 0-9, - and _)."),
}

MESSAGES = register_table("buttons", _M)
