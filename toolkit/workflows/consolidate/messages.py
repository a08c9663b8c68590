"""Texts of consolidation, history, reminders and the schedule in da, nb and en."""
from __future__ import annotations

from toolkit.i18n import register_table, t

_TEXTS = {
    # findings the consolidation adds to what validation finds
    "rule.macros": ("Projektmappen indeholder makroer. De er ikke kørt og kommer ikke med i konsolideringen.",
                    "Arbeidsboken inneholder makroer. De er ikke kjørt og blir ikke med i konsolideringen.",
                    "The workbook contains macros. They were not run and are not carried into the consolidation."),
    "rule.external_links": ("Projektmappen har {count} eksterne kæder. Kun værdierne bruges; kæderne følges ikke.",
                            "Arbeidsboken har {count} eksterne koblinger. Bare verdiene brukes; koblingene følges ikke.",
                            "The workbook has {count} external links. Only the values are used; the links are not followed."),
    "rule.embedded": ("Projektmappen har {count} indlejrede objekter. De åbnes ikke og kommer ikke med.",
                      "Arbeidsboken har {count} innebygde objekter. De åpnes ikke og blir ikke med.",
                      "The workbook has {count} embedded objects. They are not opened and not carried over."),
    "rule.reader_crashed": ("{file}: læseren stoppede uventet på denne fil (den er måske beskadiget eller bygget til at overbelaste). Gem projektmappen igen i Excel og send den på ny.",
                            "{file}: leseren stoppet uventet på denne filen (den er kanskje skadet eller laget for å overbelaste). Lagre arbeidsboken på nytt i Excel og send den igjen.",
                            "{file}: the reader stopped unexpectedly on this file (it may be damaged or built to overload). Save the workbook again in Excel and resend it."),
    "rule.internal": ("{file}: filen kunne ikke behandles ({detail}). Send den til sekretariatet.",
                      "{file}: filen kunne ikke behandles ({detail}). Send den til sekretariatet.",
                      "{file}: the file could not be processed ({detail}). Send it to the secretariat."),
    "rule.saved_after_receipt": (
        "{file}: projektmappen siger, at den blev gemt {saved}, men den blev modtaget {received}; afsenderens ur går forkert. Versioner ordnes efter modtagelse, ikke efter dette tidsstempel. Bed afsenderen rette uret på sin pc.",
        "{file}: arbeidsboken sier at den ble lagret {saved}, men den ble mottatt {received}; avsenderens klokke går feil. Versjoner ordnes etter mottak, ikke etter dette tidsstempelet. Be avsenderen rette klokken på PC-en sin.",
        "{file}: the workbook says it was saved {saved}, but it was received {received}; the sender's clock is wrong. Versions are ordered by when they were received, not by this stamp. Ask the sender to correct their computer's clock."),
    "rule.name_names_another": (
        "{file}: filnavnet nævner {named}, men projektmappens metadata siger {meta}. Filen tælles som {meta}s. Er det den rigtige kommunes projektmappe? Ellers send den, der blev lavet til {named}.",
        "{file}: filnavnet nevner {named}, men metadataene i arbeidsboken sier {meta}. Filen telles som {meta}s. Er det riktig kommunes arbeidsbok? Ellers send den som ble laget for {named}.",
        "{file}: the file name names {named}, but the workbook's metadata says {meta}. The file counts as {meta}'s. Is it the right municipality's workbook? If not, send the one made for {named}."),
    # a file that does not belong to this consolidation (toolkit.workflows.consolidate.belongs)
    "scope.region": (
        "{file}: projektmappen er lavet til {value}, men denne konsolidering er for {region}. Den er registreret, men ikke talt med. Send den til rette sekretariat, eller brug en skabelon lavet til {region}.",
        "{file}: arbeidsboken er laget for {value}, men denne konsolideringen er for {region}. Den er registrert, men ikke talt med. Send den til riktig sekretariat, eller bruk en mal laget for {region}.",
        "{file}: the workbook was made for {value}, but this consolidation is for {region}. It is recorded but not counted. Send it to the right secretariat, or use a template made for {region}."),
    "scope.municipality": (
        "{file}: {value} er ikke en af kommunerne i {region} (config.ini [municipalities]). Filen er registreret, men ikke talt med. Tilføj kommunen i config.ini, hvis den hører med.",
        "{file}: {value} er ikke en av kommunene i {region} (config.ini [municipalities]). Filen er registrert, men ikke talt med. Legg til kommunen i config.ini hvis den hører med.",
        "{file}: {value} is not one of the municipalities of {region} (config.ini [municipalities]). The file is recorded but not counted. Add the municipality to config.ini if it belongs."),
    "scope.year": (
        "{file}: projektmappen gælder {value}, men denne konsolidering er for {year}. Den er registreret, men ikke talt med. Send projektmappen for {year}.",
        "{file}: arbeidsboken gjelder {value}, men denne konsolideringen er for {year}. Den er registrert, men ikke talt med. Send arbeidsboken for {year}.",
        "{file}: the workbook is for {value}, but this consolidation is for {year}. It is recorded but not counted. Send the workbook for {year}."),
    "scope.period": (
        "{file}: perioden {value} omfatter ikke {year}, som denne konsolidering gælder. Filen er registreret, men ikke talt med. Send den rapport, der dækker {year}.",
        "{file}: perioden {value} omfatter ikke {year}, som denne konsolideringen gjelder. Filen er registrert, men ikke talt med. Send rapporten som dekker {year}.",
        "{file}: the period {value} does not cover {year}, the year of this consolidation. The file is recorded but not counted. Send the report that covers {year}."),
    "scope.currency": (
        "{file}: beløbene er i {value}, men denne konsolidering regner i {currency}. Filen er registreret, men ikke talt med (beløb omregnes aldrig). Send beløbene i {currency}.",
        "{file}: beløpene er i {value}, men denne konsolideringen regner i {currency}. Filen er registrert, men ikke talt med (beløp regnes aldri om). Send beløpene i {currency}.",
        "{file}: the amounts are in {value}, but this consolidation counts in {currency}. The file is recorded but not counted (amounts are never converted). Send the amounts in {currency}."),
    # two documents that describe the same thing (toolkit.workflows.consolidate.gather)
    "same.report": (
        "{dropped} og {kept} indeholder begge {name}s målopfyldelse for samme periode. Den tælles én gang, fra {kept} (den senest modtagne).",
        "{dropped} og {kept} inneholder begge måloppnåelsen til {name} for samme periode. Den telles én gang, fra {kept} (den sist mottatte).",
        "{dropped} and {kept} both hold {name}'s goal fulfilment for the same period. It is counted once, from {kept} (the one received last)."),
    "run.left_out": ("Ikke talt med i denne konsolidering:", "Ikke talt med i denne konsolideringen:",
                     "Not counted in this consolidation:"),
    "run.left_out_line": ("  {message}", "  {message}", "  {message}"),
    "event.vanished": ("{file}: filen forsvandt, mens den blev læst. Den læses ved næste kørsel, hvis den kommer igen.",
                       "{file}: filen forsvant mens den ble lest. Den leses ved neste kjøring hvis den kommer igjen.",
                       "{file}: the file disappeared while it was being read. It is read at the next run if it comes back."),
    # the run summary
    "run.busy": ("En anden konsolidering kører allerede (proces {pid}). Prøv igen, når den er færdig.",
                 "En annen konsolidering kjører allerede (prosess {pid}). Prøv igjen når den er ferdig.",
                 "Another consolidation is already running (process {pid}). Try again when it has finished."),
    "run.archive_failed": ("Arkivet kan ikke skrives ({detail}). Intet er registreret for de berørte filer; ret fejlen og kør igen.",
                           "Arkivet kan ikke skrives ({detail}). Ingenting er registrert for de berørte filene; rett feilen og kjør igjen.",
                           "The archive can't be written ({detail}). Nothing was recorded for the files concerned; fix it and run again."),
    "run.reading": ("Læser filer", "Leser filer", "Reading files"),
    "run.summary": ("Filer set: {seen}, nye: {new}, sprunget over (kendt i forvejen): {skipped}, ugyldige: {invalid}, ikke færdigskrevne (læses næste gang): {unsettled}, forsvundne: {vanished}.",
                    "Filer sett: {seen}, nye: {new}, hoppet over (kjent fra før): {skipped}, ugyldige: {invalid}, ikke ferdigskrevne (leses neste gang): {unsettled}, forsvunnet: {vanished}.",
                    "Files seen: {seen}, new: {new}, skipped (already known): {skipped}, invalid: {invalid}, still being written (read next time): {unsettled}, vanished: {vanished}."),
    "run.municipalities": ("Kommuner: {valid} gyldige af {total}; med fejl: {invalid}; mangler: {missing}.",
                           "Kommuner: {valid} gyldige av {total}; med feil: {invalid}; mangler: {missing}.",
                           "Municipalities: {valid} valid of {total}; with errors: {invalid}; missing: {missing}."),
    "run.invalid_list": ("Ugyldige eller ulæselige filer:", "Ugyldige eller uleselige filer:", "Invalid or unreadable files:"),
    "run.invalid_line": ("  {file} ({who}): {errors} fejl, {warnings} advarsler – {first}",
                         "  {file} ({who}): {errors} feil, {warnings} advarsler – {first}",
                         "  {file} ({who}): {errors} errors, {warnings} warnings – {first}"),
    "run.missing_list": ("Mangler: {names}", "Mangler: {names}", "Missing: {names}"),
    "run.output": ("Konsolideret projektmappe: {path}", "Konsolidert arbeidsbok: {path}", "Consolidated workbook: {path}"),
    "run.unchanged": ("Konsolideret projektmappe uændret: {path}", "Konsolidert arbeidsbok uendret: {path}",
                      "Consolidated workbook unchanged: {path}"),
    "run.locked": ("{path} er åben i et andet program og kunne ikke erstattes; skrevet i stedet: {other}",
                   "{path} er åpen i et annet program og kunne ikke erstattes; skrevet i stedet: {other}",
                   "{path} is open in another program and could not be replaced; written instead: {other}"),
    "run.ledger": ("Logbog: {path}", "Logg: {path}", "Ledger: {path}"),
    "run.missing_folder": ("Indbakken {folder} findes ikke eller kan ikke læses (er drevet tilsluttet?).",
                           "Innboksen {folder} finnes ikke eller kan ikke leses (er stasjonen tilkoblet?).",
                           "The inbox {folder} does not exist or can't be read (is the share connected?)."),
    "run.unknown": ("ukendt kommune", "ukjent kommune", "unknown municipality"),
    "run.probably": ("sandsynligvis {name}", "trolig {name}", "probably {name}"),
    # history
    "history.none": ("Ingen indberetninger fra {name} i logbogen.", "Ingen innleveringer fra {name} i loggen.",
                     "No submissions from {name} in the ledger."),
    "history.line": ("v{n}  {received}  {file}  {kind} {version}  {state}: {errors} fejl, {warnings} advarsler{current}",
                     "v{n}  {received}  {file}  {kind} {version}  {state}: {errors} feil, {warnings} advarsler{current}",
                     "v{n}  {received}  {file}  {kind} {version}  {state}: {errors} errors, {warnings} warnings{current}"),
    "history.current": (" ← konsolideres", " ← konsolideres", " ← consolidated"),
    "history.unknown_municipality": ("{name} er ikke en af kommunerne i config.ini ({known}).",
                                     "{name} er ikke en av kommunene i config.ini ({known}).",
                                     "{name} is not one of the municipalities in config.ini ({known})."),
    # reminders
    "reminders.written": ("{count} påmindelser skrevet til {path}", "{count} påminnelser skrevet til {path}",
                          "{count} reminders written to {path}"),
    "reminders.none": ("Alle kommuner har en gyldig indberetning.", "Alle kommuner har en gyldig innlevering.",
                       "Every municipality has a valid submission."),
    "reminders.no_deadline": ("Der er ingen frist i config.ini ([general] deadline); listen viser alle uden gyldig indberetning.",
                              "Det er ingen frist i config.ini ([general] deadline); listen viser alle uten gyldig innlevering.",
                              "There is no deadline in config.ini ([general] deadline); the list shows everyone without a valid submission."),
    "reminders.col.municipality": ("Kommune", "Kommune", "Municipality"),
    "reminders.col.email": ("E-mail", "E-post", "Email"),
    "reminders.col.reason": ("Årsag", "Årsak", "Reason"),
    "reminders.col.errors": ("Fejl", "Feil", "Errors"),
    "reminders.col.file": ("Seneste fil", "Siste fil", "Latest file"),
    "reminders.col.deadline": ("Frist", "Frist", "Deadline"),
    # schedule
    "schedule.start": ("Planlagt konsolidering: {times}; hvert {minutes}. minut de sidste {days} dage før fristen {deadline}. Stop med Ctrl+C.",
                       "Planlagt konsolidering: {times}; hvert {minutes}. minutt de siste {days} dagene før fristen {deadline}. Stopp med Ctrl+C.",
                       "Scheduled consolidation: {times}; every {minutes} minutes in the last {days} days before the deadline {deadline}. Stop with Ctrl+C."),
    "schedule.no_times": ("Der er ingen tidspunkter i config.ini ([schedule] times, fx 'weekdays 06:00').",
                          "Det er ingen tidspunkter i config.ini ([schedule] times, f.eks. 'weekdays 06:00').",
                          "There are no times in config.ini ([schedule] times, e.g. 'weekdays 06:00')."),
    "schedule.next": ("Næste kørsel: {when}", "Neste kjøring: {when}", "Next run: {when}"),
    "schedule.failed": ("Kørslen fejlede: {detail}. Planen fortsætter.", "Kjøringen feilet: {detail}. Planen fortsetter.",
                        "The run failed: {detail}. The schedule goes on."),
    "schedule.busy": ("Springer over: en anden konsolidering kører (proces {pid}).",
                      "Hopper over: en annen konsolidering kjører (prosess {pid}).",
                      "Skipped: another consolidation is running (process {pid})."),
    "schedule.stopped": ("Planen er stoppet.", "Planen er stoppet.", "The schedule has stopped."),
}

MESSAGES = register_table("consolidate", _TEXTS)


def key(name: str) -> str:
    """The catalogue key of a consolidation text, e.g. key("run.summary")."""
    return f"consolidate.{name}"


def say(text: str, lang: str, /, **params) -> str:
    """A consolidation text in ``lang``, filled with ``params``."""
    return t(key(text), lang, **params)
