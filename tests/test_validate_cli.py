"""`toolkit validate`, the inbox summary, the demo's intended mistakes, and the message catalogue."""

import importlib
import json
import pkgutil
import re
from collections import defaultdict

import pytest
from conftest import ROOT

import toolkit
from toolkit.cli import build_parser, main
from toolkit.i18n import LANGUAGES, catalogue
from toolkit.workflows.validate import RULES, message_key, validate_file, validate_inbox

CONFIG = str(ROOT / "config.ini")


def run(capsys, *args):
    code = main(["--config", CONFIG, "validate", *map(str, args)])
    return code, capsys.readouterr().out


@pytest.fixture
def valid(make_workbook, seed):
    return make_workbook("submission", *seed("submission"), name="Indberetning Horsens 2019.xlsx")


@pytest.fixture
def invalid(make_workbook, seed):
    form, tables = seed("submission")
    tables["tblResults"][2]["actual"] = "ca. 50"
    return make_workbook("submission", form, tables, name="Indberetning Odder 2019.xlsx")


def test_exit_status_is_0_when_valid_1_with_errors_2_when_unreadable(capsys, valid, invalid, tmp_path):
    assert run(capsys, valid)[0] == 0
    code, out = run(capsys, valid, invalid)
    assert code == 1 and "'ca. 50' er ikke et tal" in out and "2 filer kontrolleret" in out
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    assert run(capsys, valid, invalid, broken)[0] == 2


def test_json_output_is_the_flattened_reports(capsys, invalid):
    code, out = run(capsys, "--json", invalid)
    data = json.loads(out)
    assert code == 1 and data["valid"] is False
    (report,) = data["files"]
    assert report["kind"] == "submission" and report["errors"] == 1
    assert report["findings"] == [
        {
            "severity": "error",
            "file": "Indberetning Odder 2019.xlsx",
            "sheet": "Resultater",
            "cell": "F7",
            "field": "Resultat",
            "value": "ca. 50",
            "rule": "type.number",
            "message": "'ca. 50' er ikke et tal. Skriv kun tallet, fx 1.800 eller 1,5 (uden 'ca.' og tekst).",
        }
    ]


def test_annotate_writes_a_checked_copy_beside_each_readable_file(capsys, invalid, tmp_path):
    before = invalid.read_bytes()
    code, out = run(capsys, "--annotate", invalid)
    copy = invalid.with_name("Indberetning Odder 2019.checked.xlsx")
    assert code == 1 and copy.exists() and invalid.read_bytes() == before
    assert "Kommenteret kopi" in out


def test_a_folder_means_its_submissions_without_annotated_copies(capsys, valid, invalid):
    run(capsys, "--annotate", invalid)
    _code, out = run(capsys, "--json", valid.parent)
    names = [f["path"].rsplit("/", 1)[-1] for f in json.loads(out)["files"]]
    assert "Indberetning Odder 2019.checked.xlsx" not in names
    assert {"Indberetning Horsens 2019.xlsx", "Indberetning Odder 2019.xlsx"} <= set(names)


def test_the_command_is_documented_with_an_example():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    parser = sub.choices["validate"]
    assert parser.epilog.startswith("Example: toolkit validate")
    assert "--annotate" in parser.format_help() and "--json" in parser.format_help()


@pytest.mark.slow
def test_demo_inbox_gives_exactly_the_intended_mistakes(cfg):
    from toolkit_demo.demo import MISTAKES, demo_config, run_demo

    run_demo(cfg, say=lambda *_: None)
    cfg = demo_config(cfg)
    lines = []
    reports = validate_inbox(cfg, say=lines.append)
    found = {r.path.name: sorted((f.rule, f.field) for f in r.findings) for r in reports if r.findings}
    assert found == {
        "Indberetning Holstebro 2019.xlsx": [("required", "E-mail")],
        "Indberetning Horsens 2019 v1.xlsx": [("required", "E-mail"), ("required", "Indsendt dato")],
        "Indberetning Lemvig 2019.xlsx": [("status.unrecognised", "Status")],
        "Indberetning Odder 2019.xlsx": [("type.number", "Resultat")],
        "Indberetning Skive 2019.xlsx": [("table.max_rows", "Lokalt fokusområde")],
    }
    assert set(MISTAKES) <= {name.split()[1] for name in found}
    assert lines[0] == "19 filer kontrolleret: 14 i orden, 5 med fejl, 0 kan ikke læses."
    assert any("Måske" in line for line in lines)
    samples = {
        p.name: [(f.rule, f.cell) for f in validate_file(p, cfg).findings]
        for p in sorted((cfg.output / "samples").iterdir())
    }
    assert samples == {
        "contract_sample_da.xlsx": [],
        "report_sample_da.xlsx": [],
        "split_sample_da.xlsx": [],
        "plan_sample_nb.xlsx": [("financing.amount_share", "C5"), ("financing.amount_share", "C6")],
    }


def test_validate_inbox_says_when_the_inbox_is_empty(cfg):
    lines = []
    assert validate_inbox(cfg, say=lines.append) == []
    assert lines == [f"Indbakken {cfg.inbox[0]} er tom."]


def _import_everything():
    for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except ModuleNotFoundError as exc:  # a third-party package another part needs; not ours to judge
            if (exc.name or "").startswith("toolkit"):
                raise


def test_every_message_in_the_catalogue_has_danish_norwegian_and_english():
    _import_everything()
    missing = {k: [lang for lang in LANGUAGES if not (v.get(lang) or "").strip()] for k, v in catalogue().items()}
    assert {k: v for k, v in missing.items() if v} == {}


def test_every_rule_has_a_message_with_the_same_placeholders_in_each_language():
    import toolkit.adapters.excel.read  # noqa: F401  registers the read.* messages the read rules use

    cat = catalogue()
    problems = defaultdict(list)
    for rule_id, rule in RULES.items():
        texts = cat.get(message_key(rule_id))
        if texts is None:
            problems[rule_id].append("no message")
            continue
        fields = {lang: set(re.findall(r"\{(\w+)\}", texts[lang])) for lang in LANGUAGES}
        if len({frozenset(v) for v in fields.values()}) != 1:
            problems[rule_id].append(f"placeholders differ: {fields}")
        if rule.severity not in ("error", "warning", "info"):
            problems[rule_id].append(rule.severity)
    for key in (
        "read.missing",
        "read.empty",
        "read.too_large",
        "read.encrypted",
        "read.old_xls",
        "read.not_workbook",
        "read.corrupt",
        "read.zip_bomb",
        "read.not_ours",
        "read.meta_deleted",
        "read.unknown_kind",
        "read.unknown_version",
        "read.newer_version",
    ):
        if key not in cat:
            problems[key].append("the reader's error has no message")
    assert dict(problems) == {}


def test_every_rule_id_the_code_names_is_declared():
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "toolkit" / "workflows" / "validate").glob("*.py")
    )
    declared = set(re.findall(r'rule\("([\w.]+)"', source))
    assert declared == set(RULES)


def test_validation_does_not_load_openpyxl(valid):
    import subprocess
    import sys

    code = (
        "import sys; from toolkit.config import load_config; from toolkit.workflows.validate import validate_file; "
        f"r = validate_file({str(valid)!r}, load_config({CONFIG!r})); "
        "assert r.valid, r.rows(); assert 'openpyxl' not in sys.modules, 'openpyxl loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
