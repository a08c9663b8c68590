"""RemoteBook: the payload RunServerPython posts in, the actions Remote.bas runs out, without xlwings.pro."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import json
import os
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from remote_client import VBA, Client, dispatches_by_name, parse_iso
from test_buttons import cfg, submission  # noqa: F401  the fixture

from toolkit.adapters.excel.build import sheet_name
from toolkit.buttons import handlers as h
from toolkit.service import xlwings_remote
from toolkit.service.xlwings_remote import ACTIONS, PayloadError, RemoteBook, write_value
from toolkit_demo.remote import payload_from_file

ROOT = Path(__file__).resolve().parent.parent


def _payload(*sheets: str, active: int = 0, values=None) -> dict:
    return {
        "client": "VBA",
        "version": "0.37.8",
        "book": {"name": "Bog.xlsm", "active_sheet_index": active, "selection": "A1"},
        "names": [],
        "sheets": [{"name": s, "pictures": [], "tables": [], "values": values or [[]]} for s in sheets],
    }


# --- the actions against Remote.bas ----------------------------------------------------------------


def test_remote_bas_runs_each_action_of_the_answer_by_its_name():
    assert dispatches_by_name()


def test_every_action_the_writer_can_emit_is_a_sub_of_remote_bas():
    assert set(VBA) >= ACTIONS, sorted(ACTIONS - set(VBA))


def test_the_writer_names_no_action_outside_its_list():
    tree = ast.parse(Path(xlwings_remote.__file__).read_text(encoding="utf-8"))
    named = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", None) == "_emit"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert named == ACTIONS


def test_an_action_remote_bas_lacks_is_never_emitted():
    book = RemoteBook(_payload("A"))
    with pytest.raises(ValueError):
        book._emit("setSheetAutofit")  # what xlwings' own engine emits for sheet.autofit(); Remote.bas lacks it


# --- a round trip: a filled workbook's payload, Check, the answer -----------------------------------


def test_check_of_a_real_payload_answers_with_the_findings_cells_and_texts(tmp_path, cfg):  # noqa: F811
    path = submission(tmp_path, cfg, "Odder")
    payload = payload_from_file(path)
    json.loads(json.dumps(payload))  # what the wire carries
    book = RemoteBook(copy.deepcopy(payload))
    outcome = h.check(book, cfg=cfg)
    answer = json.loads(json.dumps(book.response()))
    client = Client.replay(payload, answer)  # fails on any action Remote.bas does not implement
    results = sheet_name("sheet.results", "da")
    kontrol = client.values["Kontrol"]
    assert not outcome.ok and outcome.errors == 1
    assert (kontrol["A5"], kontrol["B5"], kontrol["C5"], kontrol["E5"]) == ("Fejl", results, "F7", "ca. 50")
    assert "ca. 50" in kontrol["F5"] or "tal" in kontrol["F5"]
    assert client.links["Kontrol"]["C5"][0] == f"#'{results}'!F7"
    assert client.colours[results]["F7"] == "#FFC7CE"  # findings_table.COLOURS: Excel's "Bad" fill
    assert client.active == "Kontrol" and client.alerts[0][2] == "critical"
    assert set(client.funcs) <= ACTIONS


def test_the_book_reads_the_client_dates_and_leaves_text_as_text():
    book = RemoteBook(_payload("A", values=[["2019-12-31T00:00:00.000Z", "2019-12-31", None, 1800, "#N/A", True]]))
    assert book.sheets["A"].range((1, 1), (1, 6)).value == [
        [dt.datetime(2019, 12, 31), "2019-12-31", None, 1800, "#N/A", True]
    ]


@pytest.mark.parametrize("text", ["1-3-2023", "2019-12-31", "1.800", "5", "=A1", "+45 12 34 56 78", "'quoted", "TRUE"])
def test_text_reaches_the_cell_as_text_whatever_it_looks_like(text):
    book = RemoteBook(_payload("A"))
    book.sheets["A"].range("B2").value = [[text]]
    (action,) = book.response()["actions"]
    sent = action["values"][0][0]
    assert parse_iso(sent) is None  # Remote.bas' setValues does not turn it into a date
    assert sent == "'" + text  # Excel keeps the rest as typed text


def test_values_are_sent_as_excel_holds_them():
    when = dt.datetime(2019, 12, 31, 13, 5)
    assert [write_value(v) for v in (D("1712"), D("0.5"), when, dt.date(2019, 1, 2), None, False, "")] == [
        1712,
        0.5,
        "2019-12-31T13:05:00",
        "2019-01-02T00:00:00",
        None,
        False,
        "",
    ]
    assert parse_iso(write_value(when)) == when
    with pytest.raises(ValueError):
        write_value(float("nan"))


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 8), data=st.data())
def test_a_new_sheet_lands_right_after_its_anchor_wherever_the_user_stands(n, data):
    active = data.draw(st.integers(0, n - 1))
    anchor = data.draw(st.integers(0, n - 1))
    names = [f"S{i}" for i in range(n)]
    payload = _payload(*names, active=active)
    book = RemoteBook(payload)
    new = book.sheets.add("Kontrol", after=book.sheets[anchor])
    new.range("A1").value = [["x"]]
    client = Client.replay(payload, book.response())
    assert client.sheets == [s.name for s in book.sheets] == [*names[: anchor + 1], "Kontrol", *names[anchor + 1 :]]
    assert client.values == {"Kontrol": {"A1": "x"}} and client.active == "Kontrol"


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"book": {"name": "x"}},
        {"book": {"name": "x"}, "sheets": []},
        {"book": {"name": "x", "active_sheet_index": 3}, "sheets": [{"name": "A", "values": [[]]}]},
        {"book": {"name": "x"}, "sheets": [{"name": "A", "values": [[{"a": 1}]]}]},
        {"book": {"name": "x"}, "sheets": [{"name": "A", "values": [[]]}, {"name": "a", "values": [[]]}]},
        {
            "book": {"name": "x"},
            "sheets": [{"name": "A", "values": [[]], "tables": [{"name": "t", "data_body_range_address": "nowhere"}]}],
        },
    ],
)
def test_a_payload_that_is_not_the_clients_is_refused_with_a_message(payload):
    with pytest.raises(PayloadError) as info:
        RemoteBook(payload)
    assert "kunne ikke læses" in info.value.message("da")


def test_a_name_with_folders_never_points_at_a_file_on_the_server():
    book = RemoteBook({**_payload("A"), "book": {"name": "/etc/passwd", "active_sheet_index": 0}})
    assert book.fullname == "passwd"
    book = RemoteBook({**_payload("A"), "book": {"name": "C:\\Users\\x\\Bog.xlsm", "active_sheet_index": 0}})
    assert book.fullname == "Bog.xlsm"


# --- no xlwings.pro, no licence key --------------------------------------------------------------------


def test_a_click_through_remotebook_imports_no_xlwings_at_all(tmp_path, cfg):  # noqa: F811
    path = submission(tmp_path, cfg, "Odder")
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(payload_from_file(path)), encoding="utf-8")
    code = (
        "import json, sys\n"
        "from toolkit.service.xlwings_remote import RemoteBook\n"
        "import toolkit.buttons.handlers as h\n"
        "book = RemoteBook(json.load(open(sys.argv[1], encoding='utf-8')))\n"
        "outcome = h.check(book)\n"
        "assert outcome.errors == 1, outcome\n"
        "assert book.response()['actions']\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'xlwings'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "XLWINGS_LICENSE_KEY"}
    env["TOOLKIT_CONFIG"] = str(cfg.path)
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [sys.executable, "-c", code, str(payload)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def _python_files():
    for folder in ("toolkit", "toolkit_demo", "tests", "bench"):
        # this file names what it looks for
        yield from sorted(p for p in (ROOT / folder).rglob("*.py") if p != Path(__file__).resolve())


def test_no_module_or_test_imports_xlwings_pro_or_needs_a_licence_key():
    offenders = []
    for path in _python_files():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(a.name.startswith("xlwings.pro") for a in node.names):
                offenders.append(f"{path}: import xlwings.pro")
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module
                and (
                    node.module.startswith("xlwings.pro")
                    or (node.module == "xlwings" and any(a.name == "pro" for a in node.names))
                )
            ):
                offenders.append(f"{path}: from {node.module} import ...")
            elif isinstance(node, ast.Constant) and node.value == "XLWINGS_LICENSE_KEY":
                offenders.append(f"{path}: XLWINGS_LICENSE_KEY")
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", None) == "Book"
                and any(k.arg == "json" for k in node.keywords)
            ):
                offenders.append(f"{path}: xw.Book(json=...), xlwings' remote engine")
            elif isinstance(node, ast.Attribute) and node.attr == "__pro__":
                offenders.append(f"{path}: __pro__")
    assert offenders == []
