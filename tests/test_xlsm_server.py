"""toolkit xlsm --server: workbooks whose Check, Compute and Submit call the service, read back with olevba."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from importlib import resources
from pathlib import Path

import openpyxl
import pytest
from remote_client import remote_bas

from toolkit.buttons import handlers as h
from toolkit.buttons.xlsm import BUTTONS, SERVER_MODULE, server_url
from toolkit.cli import main
from toolkit.config import load_config
from toolkit.data import samples
from toolkit.errors import ToolkitError
from toolkit.service.xlwings_remote import RemoteBook
from toolkit.spec import SPECS
from toolkit_demo import demo
from toolkit_demo.fill import fill_workbook
from toolkit_demo.remote import payload_from_file

ROOT = Path(__file__).resolve().parent.parent
SERVER = "https://toolkit.example.dk"
VBA_WEB = ("IWebAuthenticator", "WebClient", "WebRequest", "WebResponse", "WebHelpers")
ROUTES = {"Check": "check", "Compute": "compute", "ComputeSplit": "compute"}  # POST /api/buttons/{name}


def crlf(text: str) -> str:
    text = re.sub(r"\r\n|\r|\n", "\r\n", text)
    return text if text.endswith("\r\n") else text + "\r\n"


def shipped(relative: str) -> str:
    """A file of the installed xlwings package, its code after the export header and the Attribute lines."""
    return code(resources.files("xlwings").joinpath(*relative.split("/")).read_bytes().decode("cp1252"))


def code(text: str) -> str:
    """The module's text from its first line that is not export header or Attribute (the VBE adds some)."""
    text = re.sub(r"\AVERSION 1\.0 CLASS\r\nBEGIN\r\n.*?\r\nEND\r\n", "", crlf(text), flags=re.S)
    return re.sub(r"\A(Attribute [^\r\n]*\r\n)+", "", text)


def modules(path: Path) -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    ini = folder / "config.ini"
    shutil.copy(ROOT / "config.ini", ini)
    cfg = load_config(ini)
    tokens = {m: f"tok-{i:02d}-" + "x" * 20 for i, m in enumerate(cfg.municipalities)}
    (folder / "tokens.json").write_text(json.dumps(tokens), encoding="utf-8")
    out = folder / "out"
    assert (
        main(
            [
                "--config",
                str(ini),
                "xlsm",
                "--server",
                SERVER + "/",
                "--prefill",
                "--tokens",
                str(folder / "tokens.json"),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    return cfg, tokens, out


def test_the_workbooks_carry_remote_bas_and_vba_web_from_the_installed_xlwings(built):
    _cfg, _, out = built
    for path in sorted(out.glob("*.xlsm")):
        found = modules(path)
        assert code(found["Remote"]) == shipped("addin/Remote.bas"), path.name
        assert code(found["xlwings"]) == shipped("xlwings.bas")
        assert code(found["Dictionary"]) == shipped("addin/Dictionary.cls")
        for name in VBA_WEB:
            suffix = "bas" if name == "WebHelpers" else "cls"
            assert code(found[name]) == shipped(f"addin/{name}.{suffix}"), (path.name, name)
            assert "(c) Tim Hall - https://github.com/VBA-tools/VBA-Web" in found[name]
            assert "@license MIT" in found[name]
        assert "xlwings is distributed under a BSD 3-clause license." in found["xlwings"]
        assert "Copyright (C) 2014-present, Zoomer Analytics LLC." in found["xlwings"]


def _consts(source: str) -> dict[str, str]:
    return {
        m[1]: m[2].replace('""', '"')
        for m in re.finditer(r'^Private Const (TOOLKIT_\w+) As String = "(.*)"\r?$', source, re.M)
    }


def _sub(source: str, name: str) -> str:
    m = re.search(rf"^(?:Private )?(?:Sub|Function) {name}\(.*?^End (?:Sub|Function)", source, re.M | re.S)
    assert m, name
    return m[0]


def test_each_municipality_s_workbook_calls_the_service_with_its_own_token(built):
    cfg, tokens, out = built
    for name in cfg.municipalities:
        (path,) = (
            out.glob(f"submission_{name}_*.xlsm")
            if name.isascii()
            else [p for p in out.glob("submission_*.xlsm") if f"_{name}_" in p.name]
        )
        source = modules(path)[SERVER_MODULE]
        consts = _consts(source)
        assert consts["TOOLKIT_SERVER"] == SERVER and consts["TOOLKIT_TOKEN"] == tokens[name]
        assert consts["TOOLKIT_SUBMIT_TITLE"] == "Indsendelse"
        for button in BUTTONS["submission"]:
            body = _sub(source, button)
            if button in ROUTES:
                assert f'ToolkitRun "{ROUTES[button]}"' in body
        run = _sub(source, "ToolkitRun")
        assert re.search(
            r'RunServerPython TOOLKIT_SERVER & "/api/buttons/" & buttonName, '
            r'auth:="Bearer " & TOOLKIT_TOKEN',
            run,
        )


def test_the_call_uses_only_parameters_runserverpython_has():
    params = re.search(r"^Function RunServerPython\((.*?)\)\r?\n", remote_bas(), re.M | re.S)[1]
    names = set(re.findall(r"(?:Optional )?(\w+) As \w+", params))
    from toolkit.buttons.xlsm import server_macros

    run = _sub(server_macros(SERVER, "t" * 20, "da"), "ToolkitRun")
    used = set(re.findall(r"(\w+):=", run))
    assert used and used <= names, used - names


def test_submit_posts_the_saved_copy_s_bytes_never_a_path_from_fullname(built):
    _, _, out = built
    source = modules(next(out.glob("submission_*.xlsm")))[SERVER_MODULE]
    submit = _sub(source, "ToolkitSubmit")
    statements = "\n".join(line for line in source.splitlines() if not line.strip().startswith("'"))
    assert not re.search(r"\.(FullName|Path)\b", statements)  # on OneDrive and SharePoint they are URLs
    assert 'Environ$("TEMP")' in submit and "wb.SaveCopyAs copyPath" in submit
    assert re.search(r"Open copyPath For Binary Access Read As #fileNo", submit)
    assert re.search(r"Dim body\(\) As Byte", submit) and "Get #fileNo, , body" in submit
    assert 'http.Open "POST", TOOLKIT_SERVER & "/api/submit", False' in submit
    assert 'http.setRequestHeader "Authorization", "Bearer " & TOOLKIT_TOKEN' in submit
    assert 'http.setRequestHeader "Content-Type", "application/octet-stream"' in submit
    assert 'http.setRequestHeader "X-File-Name", ToolkitPercentEncode(wb.Name)' in submit
    assert "http.send body" in submit and "Kill copyPath" in submit
    answer = _sub(source, "ToolkitShowAnswer")
    assert "ParseJson(content)" in answer and 'answer("findings")' in answer
    assert all(f'"{s}"' in answer for s in ("received", "duplicate"))


def test_the_functions_our_module_calls_are_in_the_project(built):
    _, _, out = built
    found = modules(next(out.glob("submission_*.xlsm")))
    assert re.search(r"^Function RunServerPython\(", found["Remote"], re.M)
    assert re.search(r"^Public Function ParseJson\(", found["WebHelpers"], re.M)


def test_blank_server_templates_carry_no_token_and_no_python_settings(built):
    _cfg, _, out = built
    blank = {p.stem: p for p in out.glob("*_da.xlsm")}
    assert set(blank) == {f"{k}_da" for k in BUTTONS}  # no coordinator: it runs Python
    for path in blank.values():
        assert _consts(modules(path)[SERVER_MODULE])["TOOLKIT_TOKEN"] == ""
        wb = openpyxl.load_workbook(path, read_only=True)
        assert "xlwings.conf" not in wb.sheetnames
        wb.close()


def test_a_filled_server_workbook_is_checked_through_the_service_s_book(built, tmp_path):
    cfg, _, out = built
    cfg = dataclasses.replace(cfg, output=tmp_path / "output")
    (pre,) = out.glob("submission_Odder_*.xlsm")
    targets = {g["goal_no"]: g["target"] for g in samples.CONTRACT_GOALS}
    form, tables = demo.submission_values("Odder", targets, cfg.fiscal_year)
    filled = tmp_path / "Indberetning Odder.xlsm"
    fill_workbook(pre, filled, SPECS["submission"], cfg.language, form, tables)
    outcome = h.check(RemoteBook(payload_from_file(filled)), cfg=cfg)
    assert outcome.errors == 1  # Odder's "ca. 50", as from the RunPython workbook


@pytest.mark.parametrize(
    "url",
    [
        "http://toolkit.example.dk",
        "https://user@toolkit.example.dk",
        "https://toolkit.example.dk/?x=1",
        'https://a"b.dk',
        "ftp://x.dk",
        "toolkit.dk",
    ],
)
def test_an_address_that_is_not_plain_https_is_refused(url):
    with pytest.raises(ToolkitError):
        server_url(url)


def test_http_is_accepted_for_this_machine_only():
    assert server_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


def test_prefilled_server_workbooks_need_a_token_for_every_municipality(tmp_path, capsys):
    ini = tmp_path / "config.ini"
    shutil.copy(ROOT / "config.ini", ini)
    assert main(["--config", str(ini), "xlsm", "--server", SERVER, "--prefill", "--out", str(tmp_path)]) == 2
    assert "--tokens" in capsys.readouterr().out
    (tmp_path / "t.json").write_text(json.dumps({"Aarhus": "x" * 20}), encoding="utf-8")
    assert (
        main(
            [
                "--config",
                str(ini),
                "xlsm",
                "--server",
                SERVER,
                "--prefill",
                "--tokens",
                str(tmp_path / "t.json"),
                "--out",
                str(tmp_path),
            ]
        )
        == 2
    )
    said = capsys.readouterr().out
    assert "Horsens" in said and "t.json" in said
    assert not list(tmp_path.glob("*.xlsm"))
