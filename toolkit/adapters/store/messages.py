"""Messages of the ledger's storage (backends, migrations, copying) in da/nb/en."""
from __future__ import annotations

from toolkit.i18n import register_table

_TEXTS = {
    "too_new": ("Logbogen {where} har skemaversion {have}, men denne udgave af værktøjet kender kun op til {know}. "
                "Opdatér værktøjet; logbogen er ikke ændret.",
                "Loggen {where} har skjemaversjon {have}, men denne utgaven av verktøyet kjenner bare opp til {know}. "
                "Oppdater verktøyet; loggen er ikke endret.",
                "The ledger {where} has schema version {have}, but this toolkit knows versions up to {know}. "
                "Update the toolkit; the ledger was not changed."),
    "unreachable": ("Logbogen {where} kan ikke åbnes ({detail}). Kontrollér [ledger] url i config.ini, og at "
                    "databasen kører og kan nås herfra.",
                    "Loggen {where} kan ikke åpnes ({detail}). Kontroller [ledger] url i config.ini, og at "
                    "databasen kjører og kan nås herfra.",
                    "The ledger {where} can't be opened ({detail}). Check [ledger] url in config.ini and that the "
                    "database is running and reachable from here."),
    "copy.same": ("Kilde og mål er den samme logbog ({where}). Angiv en anden database med --to.",
                  "Kilde og mål er den samme loggen ({where}). Oppgi en annen database med --to.",
                  "Source and target are the same ledger ({where}). Give another database with --to."),
    "copy.no_source": ("Der er ingen logbog at kopiere i {where}.",
                       "Det finnes ingen logg å kopiere i {where}.",
                       "There is no ledger to copy at {where}."),
    "copy.conflict": ("{table}: række {key} findes allerede i {where} med et andet indhold. Intet er kopieret; "
                      "målet er en anden logbog end kilden. Kopiér til en tom database.",
                      "{table}: rad {key} finnes allerede i {where} med et annet innhold. Ingenting er kopiert; "
                      "målet er en annen logg enn kilden. Kopier til en tom database.",
                      "{table}: row {key} is already in {where} with other content. Nothing was copied; the "
                      "target is another ledger than the source. Copy into an empty database."),
    "copy.mismatch": ("Kopien stemmer ikke: {table} har {detail}. Kør kommandoen igen; stemmer den stadig ikke, "
                      "så behold den gamle logbog og meld fejlen.",
                      "Kopien stemmer ikke: {table} har {detail}. Kjør kommandoen igjen; stemmer den fortsatt ikke, "
                      "så behold den gamle loggen og meld feilen.",
                      "The copy does not match: {table} has {detail}. Run the command again; if it still does not "
                      "match, keep the old ledger and report the fault."),
    "copy.done": ("{table}: {source} i kilden, {copied} kopieret, {skipped} fandtes allerede; indhold kontrolleret "
                  "(SHA-256 {digest}).",
                  "{table}: {source} i kilden, {copied} kopiert, {skipped} fantes allerede; innhold kontrollert "
                  "(SHA-256 {digest}).",
                  "{table}: {source} in the source, {copied} copied, {skipped} already there; content checked "
                  "(SHA-256 {digest})."),
}
MESSAGES = register_table("ledger", _TEXTS)
