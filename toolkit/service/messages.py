"""The service's texts in da, nb and en."""

from __future__ import annotations

from toolkit.i18n import t

TABLE = {
    # answers
    "received": (
        "{file} er modtaget og er gyldig. Tak.",
        "{file} er mottatt og er gyldig. Takk.",
        "{file} has been received and is valid. Thank you.",
    ),
    "received_invalid": (
        "{file} er modtaget, men har {errors} fejl og tæller ikke som gyldig. Ret fejlene i "
        "tabellen og send filen igen.",
        "{file} er mottatt, men har {errors} feil og teller ikke som gyldig. Rett feilene i "
        "tabellen og send filen igjen.",
        "{file} has been received but has {errors} errors and does not count as valid. Correct "
        "the errors in the table and send the file again.",
    ),
    "duplicate": (
        "{file} er allerede modtaget (samme indhold som en tidligere fil). Intet er gemt igen.",
        "{file} er allerede mottatt (samme innhold som en tidligere fil). Ingenting er lagret på nytt.",
        "{file} has already been received (the same content as an earlier file). Nothing was stored again.",
    ),
    "unreadable": (
        "{file} kan ikke læses som en af regionens projektmapper. Send den udfyldte projektmappe "
        "(.xlsx eller .xlsm), I har fået.",
        "{file} kan ikke leses som en av regionens arbeidsbøker. Send den utfylte arbeidsboken "
        "(.xlsx eller .xlsm) dere har fått.",
        "{file} can't be read as one of the region's workbooks. Send the filled workbook (.xlsx or "
        ".xlsm) you were given.",
    ),
    "other_municipality": (
        "{file} er {named}s projektmappe, ikke {mine}s. Hvert link modtager kun sin egen "
        "kommunes fil: send den fra {named}s link.",
        "{file} er {named}s arbeidsbok, ikke {mine}s. Hver lenke tar bare imot sin egen "
        "kommunes fil: send den fra {named}s lenke.",
        "{file} is {named}'s workbook, not {mine}'s. Each link takes only its own "
        "municipality's file: send it from {named}'s link.",
    ),
    "no_municipality": (
        "{file} angiver ingen kommune ({kind}). Her modtages kun kommunernes indberetninger og afrapporteringer.",
        "{file} oppgir ingen kommune ({kind}). Her tas bare imot kommunenes innrapporteringer og rapporter.",
        "{file} names no municipality ({kind}). Only the municipalities' submissions and reports are received here.",
    ),
    "bad_name": (
        "Filnavnet må ikke indeholde mapper, '..' eller styretegn. Omdøb filen, fx "
        "'Indberetning 2019.xlsx', og send den igen.",
        "Filnavnet kan ikke inneholde mapper, '..' eller styretegn. Gi filen nytt navn, f.eks. "
        "'Innrapportering 2019.xlsx', og send den igjen.",
        "The file name must not contain folders, '..' or control characters. Rename the file, e.g. "
        "'Submission 2019.xlsx', and send it again.",
    ),
    "no_file": ("Vælg en projektmappe at sende.", "Velg en arbeidsbok å sende.", "Choose a workbook to send."),
    "forbidden": (
        "Linket er ugyldigt eller spærret. Bed sekretariatet om et nyt.",
        "Lenken er ugyldig eller sperret. Be sekretariatet om en ny.",
        "The link is not valid or has been revoked. Ask the secretariat for a new one.",
    ),
    "csrf": (
        "Formularen er udløbet eller ikke sendt fra denne side. Genindlæs siden og prøv igen.",
        "Skjemaet er utløpt eller ikke sendt fra denne siden. Last siden på nytt og prøv igjen.",
        "The form has expired or was not sent from this page. Reload the page and try again.",
    ),
    "too_large": (
        "Filen er større end {limit} MB og er ikke modtaget. Fjern billeder eller ubrugte ark, og send den igen.",
        "Filen er større enn {limit} MB og er ikke mottatt. Fjern bilder eller ubrukte ark, og send den igjen.",
        "The file is larger than {limit} MB and was not received. Remove pictures or unused sheets and send it again.",
    ),
    "too_many": (
        "For mange forespørgsler på kort tid. Vent et minut, og prøv igen.",
        "For mange forespørsler på kort tid. Vent et minutt, og prøv igjen.",
        "Too many requests in a short time. Wait a minute and try again.",
    ),
    "not_found": ("Siden findes ikke.", "Siden finnes ikke.", "The page does not exist."),
    "bad_request": ("Forespørgslen kan ikke læses.", "Forespørselen kan ikke leses.", "The request can't be read."),
    "internal": (
        "Der gik noget galt på serveren. Prøv igen om lidt; sker det igen, kontakt sekretariatet.",
        "Noe gikk galt på serveren. Prøv igjen om litt; skjer det igjen, kontakt sekretariatet.",
        "Something went wrong on the server. Try again shortly; if it happens again, contact the secretariat.",
    ),
    "busy": (
        "En konsolidering kører allerede. Prøv igen om lidt.",
        "En konsolidering kjører allerede. Prøv igjen om litt.",
        "A consolidation is already running. Try again shortly.",
    ),
    "no_button": (
        "Knappen '{name}' findes ikke her.",
        "Knappen '{name}' finnes ikke her.",
        "There is no button '{name}' here.",
    ),
    "no_remote": (
        "Knapperne via serveren er ikke installeret på denne server.",
        "Knappene via serveren er ikke installert på denne serveren.",
        "The server-mode buttons are not installed on this server.",
    ),
    "missing_file": (
        "{file} er ikke lavet endnu. Tryk 'Konsolidér nu' først.",
        "{file} er ikke laget ennå. Trykk 'Konsolider nå' først.",
        "{file} has not been made yet. Press 'Consolidate now' first.",
    ),
    # upload page
    "page.title": (
        "Indsend projektmappe – {municipality}",
        "Send inn arbeidsbok – {municipality}",
        "Send a workbook – {municipality}",
    ),
    "page.intro": (
        "Vælg den udfyldte projektmappe og send den. Den kontrolleres med det samme, og du ser her, "
        "hvad der eventuelt skal rettes. En rettet fil kan sendes igen.",
        "Velg den utfylte arbeidsboken og send den. Den kontrolleres med en gang, og du ser her hva "
        "som eventuelt må rettes. En rettet fil kan sendes igjen.",
        "Choose the filled workbook and send it. It is checked at once and you see here what, if "
        "anything, must be corrected. A corrected file can be sent again.",
    ),
    "page.deadline": (
        "Frist: {date} ({days} dage tilbage).",
        "Frist: {date} ({days} dager igjen).",
        "Deadline: {date} ({days} days left).",
    ),
    "page.deadline_passed": ("Fristen var {date}.", "Fristen var {date}.", "The deadline was {date}."),
    "page.file": ("Projektmappe (.xlsx eller .xlsm)", "Arbeidsbok (.xlsx eller .xlsm)", "Workbook (.xlsx or .xlsm)"),
    "page.drop": ("… eller træk filen hertil.", "… eller dra filen hit.", "… or drag the file here."),
    "page.send": ("Send og kontrollér", "Send og kontroller", "Send and check"),
    "page.findings": ("Kontrollens resultat", "Kontrollens resultat", "What the check found"),
    "page.no_findings": ("Ingen bemærkninger.", "Ingen merknader.", "Nothing to remark."),
    "page.history": ("Tidligere versioner", "Tidligere versjoner", "Earlier versions"),
    "page.no_history": ("Intet modtaget endnu.", "Ingenting mottatt ennå.", "Nothing received yet."),
    "col.version": ("Version", "Versjon", "Version"),
    "col.received": ("Modtaget", "Mottatt", "Received"),
    "col.file": ("Fil", "Fil", "File"),
    "col.state": ("Status", "Status", "Status"),
    "col.errors": ("Fejl", "Feil", "Errors"),
    "col.warnings": ("Advarsler", "Advarsler", "Warnings"),
    "col.municipality": ("Kommune", "Kommune", "Municipality"),
    "col.days": ("Dage til fristen", "Dager til fristen", "Days to the deadline"),
    "state.valid": ("Gyldig", "Gyldig", "Valid"),
    "state.invalid": ("Med fejl", "Med feil", "With errors"),
    "state.unreadable": ("Kan ikke læses", "Kan ikke leses", "Unreadable"),
    "state.missing": ("Mangler", "Mangler", "Missing"),
    # dashboard
    "dash.title": ("Overblik – {region} {year}", "Oversikt – {region} {year}", "Overview – {region} {year}"),
    "dash.counts": (
        "{valid} gyldige, {invalid} med fejl, {missing} mangler af {total}.",
        "{valid} gyldige, {invalid} med feil, {missing} mangler av {total}.",
        "{valid} valid, {invalid} with errors, {missing} missing of {total}.",
    ),
    "dash.consolidate": ("Konsolidér nu", "Konsolider nå", "Consolidate now"),
    "dash.workbook": (
        "Hent konsolideret projektmappe",
        "Last ned konsolidert arbeidsbok",
        "Download the consolidated workbook",
    ),
    "dash.deck": ("Hent præsentation", "Last ned presentasjon", "Download the deck"),
    "dash.reminders": (
        "Hent påmindelsesliste (CSV)",
        "Last ned påminnelsesliste (CSV)",
        "Download the reminder list (CSV)",
    ),
    "dash.consolidated": ("Konsolideret {at}.", "Konsolidert {at}.", "Consolidated at {at}."),
    "dash.signout": ("Log ud", "Logg ut", "Sign out"),
    "login.title": ("Koordinator: log ind", "Koordinator: logg inn", "Coordinator: sign in"),
    "login.password": ("Adgangskode", "Passord", "Password"),
    "login.submit": ("Log ind", "Logg inn", "Sign in"),
    "login.wrong": ("Forkert adgangskode.", "Feil passord.", "Wrong password."),
    "login.disabled": (
        "Der er ingen adgangskode sat op ([server] coordinator_password_hash).",
        "Det er ikke satt opp noe passord ([server] coordinator_password_hash).",
        "No password has been set up ([server] coordinator_password_hash).",
    ),
    # CLI
    "tokens.created": ("{municipality}: {link}", "{municipality}: {link}", "{municipality}: {link}"),
    "tokens.once": (
        "Linkene vises kun denne ene gang; kun deres hash gemmes. Send hver kommune sit eget link.",
        "Lenkene vises bare denne ene gangen; bare hashen lagres. Send hver kommune sin egen lenke.",
        "The links are shown this once only; only their hashes are stored. Send each municipality its own link.",
    ),
    "tokens.revoked": (
        "{municipality}: {count} link spærret.",
        "{municipality}: {count} lenke sperret.",
        "{municipality}: {count} link(s) revoked.",
    ),
    "tokens.unknown": (
        "'{municipality}' er ikke en af kommunerne i [municipalities].",
        "'{municipality}' er ikke en av kommunene i [municipalities].",
        "'{municipality}' is not one of the municipalities in [municipalities].",
    ),
    "tokens.no_secret": (
        "Ingen hemmelighed til at signere formularer: sæt [server] secret_file eller "
        "miljøvariablen TOOLKIT_SECRET (mindst 32 tegn).",
        "Ingen hemmelighet til å signere skjemaer: sett [server] secret_file eller "
        "miljøvariabelen TOOLKIT_SECRET (minst 32 tegn).",
        "No secret to sign forms with: set [server] secret_file or the environment variable "
        "TOOLKIT_SECRET (at least 32 characters).",
    ),
}


def say(key: str, lang: str, **params) -> str:
    """The text ``service.<key>`` in ``lang``."""
    return t(f"service.{key}", lang, **params)
