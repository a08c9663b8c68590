"""Layout rules: the workbook still has the sheets, tables, columns and formulas the template made."""
from __future__ import annotations

from toolkit.adapters.excel.build import sheet_name
from toolkit.adapters.excel.cells import parse_range
from toolkit.adapters.excel.read import Document, Structure
from toolkit.spec import Form
from toolkit.workflows.validate.fields import FORMULA_ERROR
from toolkit.workflows.validate.findings import Collector, num, rule

SHEET_MISSING = rule("structure.sheet_missing", "error",
                     "Arket '{sheet}' mangler (slettet eller omdøbt). Brug en ny kopi af skabelonen, eller giv arket dets navn tilbage.",
                     "Arket '{sheet}' mangler (slettet eller gitt nytt navn). Bruk en ny kopi av malen, eller gi arket navnet tilbake.",
                     "The sheet '{sheet}' is missing (deleted or renamed). Use a fresh copy of the template or give the sheet its name back.")
SHEET_RENAMED = rule("structure.sheet_renamed", "warning",
                     "Arket hedder nu '{sheet}', men skal hedde '{expected}'. Omdøb det tilbage.",
                     "Arket heter nå '{sheet}', men skal hete '{expected}'. Gi det navnet tilbake.",
                     "The sheet is now called '{sheet}' but should be '{expected}'. Rename it back.")
TABLE_MISSING = rule("structure.table_missing", "error",
                     "Tabellen {table} på arket '{sheet}' mangler, så indholdet kan ikke læses. Brug en ny kopi af skabelonen.",
                     "Tabellen {table} på arket '{sheet}' mangler, så innholdet kan ikke leses. Bruk en ny kopi av malen.",
                     "The table {table} on the sheet '{sheet}' is missing, so its contents can't be read. Use a fresh copy of the template.")
TABLE_RESIZED = rule("structure.table_resized", "warning",
                     "Tabellen har nu {rows} rækker i stedet for {expected}. Indsæt eller slet ikke rækker i tabellen; brug de tomme rækker.",
                     "Tabellen har nå {rows} rader i stedet for {expected}. Ikke sett inn eller slett rader i tabellen; bruk de tomme radene.",
                     "The table now has {rows} rows instead of {expected}. Don't insert or delete table rows; use the blank rows.")
COLUMNS_CHANGED = rule("structure.columns_changed", "error",
                       "Tabellens kolonner er ændret eller flyttet ({value}), så den kan ikke læses. Brug en ny kopi af skabelonen, og ændr ikke kolonnerne.",
                       "Tabellens kolonner er endret eller flyttet ({value}), så den kan ikke leses. Bruk en ny kopi av malen, og ikke endre kolonnene.",
                       "The table's columns were changed or moved ({value}), so it can't be read. Use a fresh copy of the template and leave the columns as they are.")
FORMULA_OVERWRITTEN = rule("structure.formula_overwritten", "error",
                           "{field} beregnes med en formel, men der er skrevet en værdi over formlen. Fortryd, eller kopiér formlen fra cellen ovenover.",
                           "{field} beregnes med en formel, men det er skrevet en verdi over formelen. Angre, eller kopier formelen fra cellen over.",
                           "{field} is computed by a formula, but a value was typed over it. Undo, or copy the formula from the cell above.")
ROWS_OUTSIDE = rule("structure.rows_outside_table", "error",
                    "Der står data under tabellen (fra {cell}), som ikke bliver læst. Flyt dem op i tabellens tomme rækker.",
                    "Det står data under tabellen (fra {cell}) som ikke blir lest. Flytt dem opp i tabellens tomme rader.",
                    "There is data below the table (from {cell}) that is not read. Move it up into the table's blank rows.")
MERGED = rule("structure.merged_cells", "error",
              "Cellerne {cell} er flettet over indtastningsceller, så værdier kan gå tabt. Ophæv fletningen (Start > Flet og centrer).",
              "Cellene {cell} er slått sammen over innfyllingsceller, så verdier kan gå tapt. Opphev sammenslåingen (Hjem > Slå sammen og midtstill).",
              "The cells {cell} are merged over input cells, so values can get lost. Unmerge them (Home > Merge & Center).")
MERGED_ELSEWHERE = rule("structure.merged_cells_outside", "info",
                        "Cellerne {cell} er flettet. Det skader ikke indtastningen, men skabelonen har ingen flettede celler.",
                        "Cellene {cell} er slått sammen. Det skader ikke utfyllingen, men malen har ingen sammenslåtte celler.",
                        "The cells {cell} are merged. This does not touch any input cell, but the template has no merged cells.")
CHANGED = rule("structure.changed", "error",
               "Projektmappens opbygning er ændret ({value}). Brug en ny kopi af skabelonen.",
               "Arbeidsbokens oppbygning er endret ({value}). Bruk en ny kopi av malen.",
               "The workbook's layout was changed ({value}). Use a fresh copy of the template.")


def check_structure(doc: Document, out: Collector) -> None:
    inputs = None
    for s in doc.structure:
        if s.problem == "merged_cells":
            inputs = inputs if inputs is not None else _input_areas(doc)
            r = MERGED if _overlaps(s, inputs.get(s.sheet, ())) else MERGED_ELSEWHERE
            out.add(r, sheet=s.sheet, cell=s.ref, value=s.ref)
        else:
            _one(s, out)


def _one(s: Structure, out: Collector) -> None:
    p = s.problem
    if p == "sheet_missing":
        out.add(SHEET_MISSING, sheet=s.sheet)
    elif p == "sheet_renamed":
        out.add(SHEET_RENAMED, sheet=s.sheet, expected=s.detail)
    elif p == "table_missing":
        out.add(TABLE_MISSING, sheet=s.sheet, value=s.detail, table=s.detail)
    elif p == "table_resized":
        rows, _, expected = s.detail.partition("/")
        shown = {k: num(int(v), out.lang) if v.isdigit() else v for k, v in (("rows", rows), ("expected", expected))}
        out.add(TABLE_RESIZED, sheet=s.sheet, cell=s.ref, value=s.ref, **shown)
    elif p == "columns_changed":
        out.add(COLUMNS_CHANGED, sheet=s.sheet, cell=s.ref, value=s.detail[:80])
    elif p == "formula_overwritten":
        out.add(FORMULA_OVERWRITTEN, sheet=s.sheet, cell=s.ref, field=s.detail or None)
    elif p == "rows_outside_table":
        out.add(ROWS_OUTSIDE, sheet=s.sheet, cell=s.ref)
    elif p == "formula_error":
        out.add(FORMULA_ERROR, sheet=s.sheet, cell=s.ref, value=s.detail)
    else:  # a problem the reader learnt after this module: still a finding, never silence
        out.add(CHANGED, sheet=s.sheet, cell=s.ref, value=f"{p} {s.detail}".strip()[:80])


def _input_areas(doc: Document) -> dict[str, list[tuple[int, int, int, int]]]:
    """Sheet -> rectangles (row1, col1, row2, col2), 0-based, of the template's input cells."""
    areas: dict[str, list[tuple[int, int, int, int]]] = {}
    lang = doc.language
    for part in doc.spec.parts:
        sheet = sheet_name(part.sheet, lang)
        if isinstance(part, Form):
            for i, f in enumerate(part.fields):
                if f.is_input:
                    r = part.first_row - 1 + i
                    areas.setdefault(sheet, []).append((r, 1, r, 1))
        else:
            for c, f in enumerate(part.fields):
                if f.is_input:
                    areas.setdefault(sheet, []).append((part.header_row, c, part.last_data_row - 1, c))
    return areas


def _overlaps(s: Structure, rects) -> bool:
    try:
        (r1, c1), (r2, c2) = parse_range(s.ref)
    except ValueError:
        return True
    return any(r1 <= b_r2 and b_r1 <= r2 and c1 <= b_c2 and b_c1 <= c2 for b_r1, b_c1, b_r2, b_c2 in rects)
