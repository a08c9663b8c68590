""".xlsm variants: the VBA is macros/*.bas plus xlwings' standalone module, buttons bound, xlwings.conf set.

Checked by two independent readers: oletools' olevba (the modules, byte for
byte) and LibreOffice (modules and button bindings, one soffice call).
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from libreoffice import convert

from toolkit.adapters.excel.read import read_workbook
from toolkit.adapters.vba.xlwings_module import xlwings_vba_source
from toolkit.buttons.xlsm import (
    BUTTONS,
    CAPTIONS,
    COORDINATOR_MODULE,
    MACROS,
    SERVER_MODULE,
    TEMPLATE_MODULE,
    macro_sources,
    write_xlsm_templates,
)
from toolkit.config import load_config
from toolkit.spec import SPECS

ROOT = Path(__file__).resolve().parent.parent
XLWINGS_BAS = Path(__import__("xlwings").__file__).parent / "xlwings.bas"


def normalised(text: str) -> str:
    """The CRLF line ends and final CRLF the VBA project stores (the files may have LF)."""
    text = re.sub(r"\r\n|\r|\n", "\r\n", text)
    return text if text.endswith("\r\n") else text + "\r\n"


@pytest.fixture(scope="module")
def cfg():
    return dataclasses.replace(load_config(ROOT / "config.ini"), python=r"%LOCALAPPDATA%\toolkit\python.exe")


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory, cfg) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("xlsm")
    paths = write_xlsm_templates(cfg, folder, languages=("da", "nb"), pythonpath=r"\\server\toolkit\src")
    return {p.stem: p for p in paths}


def module_of(stem: str) -> str:
    return COORDINATOR_MODULE if stem.startswith("coordinator") else TEMPLATE_MODULE


def macros_of(stem: str) -> tuple[str, ...]:
    return ("Consolidate", "MakeDeck") if stem.startswith("coordinator") else BUTTONS[stem.rsplit("_", 1)[0]]


# --- the macros ----------------------------------------------------------------------------------


def test_each_macro_is_a_single_runpython_call_of_a_handler():
    import toolkit.buttons.handlers as h

    subs = {}
    for module, text in macro_sources().items():
        if module == SERVER_MODULE:  # the server workbooks' macros: tests/test_xlsm_server.py
            continue
        for name, body in re.findall(r"^Sub (\w+)\(\)\r?\n(.*?)^End Sub", text, re.M | re.S):
            statements = [
                line.strip() for line in body.splitlines() if line.strip() and not line.strip().startswith("'")
            ]
            (call,) = statements
            m = re.fullmatch(r'RunPython "import toolkit\.buttons\.handlers as h; h\.(\w+)\(\)"', call)
            assert m, f"{module}.{name}: {call}"
            assert callable(getattr(h, m[1])), m[1]
            subs[name] = module
    assert set(CAPTIONS) == set(subs)
    assert {subs[m] for k in BUTTONS for m in BUTTONS[k]} == {TEMPLATE_MODULE}
    assert {subs["Consolidate"], subs["MakeDeck"]} == {COORDINATOR_MODULE}


def test_the_macro_files_encode_in_the_vba_code_page():
    for path in MACROS.glob("*.bas"):
        path.read_bytes().decode("ascii")  # cp1252 would do; plain ASCII keeps diffs and editors simple


# --- olevba --------------------------------------------------------------------------------------


def test_olevba_extracts_every_module_byte_for_byte(xlsm):
    from oletools.olevba import VBA_Parser

    ours = {name: normalised(text) for name, text in macro_sources().items()}
    for stem, path in xlsm.items():
        parser = VBA_Parser(str(path))
        try:
            found = {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
        finally:
            parser.close()
        module = module_of(stem)
        assert found[module] == ours[module], f"{stem}: {module} differs from macros/{module}.bas"
        assert found["xlwings"] == normalised(XLWINGS_BAS.read_bytes().decode("cp1252"))
        assert found["xlwings"] == xlwings_vba_source()
        assert "Dictionary" in found
        assert set(found) == _modules_of(path), stem
        others = set(found) - {module, "xlwings", "Dictionary"}
        assert all("Sub " not in found[n] for n in others)  # document modules stay empty


# --- the file itself -----------------------------------------------------------------------------


def test_each_button_is_bound_to_its_macro_in_the_drawing(xlsm):
    for stem, path in xlsm.items():
        with zipfile.ZipFile(path) as zf:
            vml = "".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".vml"))
        bound = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
        assert bound == list(macros_of(stem)), stem


def test_the_conf_sheet_names_the_python_and_keeps_the_workbook_folder_off_the_path(xlsm):
    wb = openpyxl.load_workbook(xlsm["submission_da"], keep_vba=True)
    ws = wb["xlwings.conf"]
    rows = {r[0]: r[1] or "" for r in ws.iter_rows(values_only=True)}
    assert ws.sheet_state == "hidden"
    assert rows == {
        "Interpreter_Win": r"%LOCALAPPDATA%\toolkit\python.exe",
        "Interpreter_Mac": "",
        "PYTHONPATH": r"\\server\toolkit\src",
        "ADD_WORKBOOK_TO_PYTHONPATH": "False",
    }
    read = set(re.findall(r'GetConfig\("([A-Z_ ]+)"', XLWINGS_BAS.read_text(encoding="cp1252")))
    assert {k.upper() for k in rows} <= read  # xlwings.bas upper-cases the sheet's keys
    assert next(iter(rows)) == "Interpreter_Win"  # GetConfigFromSheet reads A1 down to the first blank


def test_the_xlsm_reads_back_exactly_like_the_xlsx(xlsm):
    for kind in SPECS:
        doc = read_workbook(xlsm[f"{kind}_da"])
        assert doc.kind == kind and doc.structure == [] and all(rows == [] for rows in doc.tables.values())


def test_xlsm_files_are_byte_reproducible(cfg, tmp_path, xlsm):
    again = write_xlsm_templates(cfg, tmp_path, languages=("da",), pythonpath=r"\\server\toolkit\src")
    for path in again:
        assert path.read_bytes() == xlsm[path.stem].read_bytes(), path.name


def test_the_coordinator_carries_its_language_and_no_template_sheets(xlsm):
    wb = openpyxl.load_workbook(xlsm["coordinator_nb"], keep_vba=True)
    assert wb.sheetnames == ["Koordinering", "xlwings.conf", "_meta"]
    meta = {r[0]: r[1] for r in wb["_meta"].iter_rows(values_only=True)}
    assert meta["kind"] == "coordinator" and meta["language"] == "nb" and meta["generator"] == "toolkit"


# --- LibreOffice ---------------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_finds_the_same_modules_and_each_button_bound_to_its_macro(xlsm, tmp_path):
    stems = sorted(xlsm)
    odss = convert([xlsm[s] for s in stems], tmp_path / "ods", "ods", tmp_path / "profile")  # one soffice call
    ours = macro_sources()
    for stem, ods in zip(stems, odss):
        with zipfile.ZipFile(ods) as zf:
            library = zf.read("Basic/VBAProject/script-lb.xml").decode("utf-8")
            module = module_of(stem)
            names = set(re.findall(r'library:element library:name="(\w+)"', library))
            assert names == _modules_of(xlsm[stem]), stem
            xml = zf.read(f"Basic/VBAProject/{module}.xml").decode("utf-8")
            content = zf.read("content.xml").decode("utf-8")
        code = html.unescape(re.search(r"<script:module[^>]*>(.*)</script:module>", xml, re.S)[1])
        code = "\n".join(
            line
            for line in code.splitlines()
            if not line.startswith(("Rem Attribute VBA_ModuleType", "Option VBASupport"))
        )
        expected = "\n".join(line for line in ours[module].splitlines() if not line.startswith("Attribute "))
        assert code.strip() == expected.strip(), stem
        lang = stem.rsplit("_", 1)[1]
        buttons = re.findall(
            r'<form:button[^>]*form:label="([^"]*)".*?xlink:href="vnd\.sun\.star\.script:'
            r'VBAProject\.(\w+)\.(\w+)\?language=Basic&amp;location=document"',
            content,
            re.S,
        )
        expected_buttons = [(_caption(m, lang), module, m) for m in macros_of(stem)]
        assert [(html.unescape(label), mod, sub) for label, mod, sub in buttons] == expected_buttons, stem


def _modules_of(path: Path) -> set[str]:
    """Every module the workbook's VBA project should hold: document modules, ours, xlwings' two."""
    with zipfile.ZipFile(path) as zf:
        sheets = sum(1 for n in zf.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    return {"ThisWorkbook", *(f"Sheet{i + 1}" for i in range(sheets)), module_of(path.stem), "xlwings", "Dictionary"}


def _caption(macro: str, lang: str) -> str:
    from toolkit.i18n import t

    return t(f"buttons.caption.{CAPTIONS[macro]}", lang)


def test_the_templates_without_macros_stay_free_of_vba(tmp_path, cfg):
    from toolkit.workflows.templates import write_blank_templates

    for path in write_blank_templates(cfg, tmp_path, languages=("da",)):
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
            assert not any("vbaProject" in n for n in zf.namelist())
