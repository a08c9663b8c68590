"""Bad input: each file gets a ledger entry and a clear finding, and the run always completes."""

import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest
import test_consolidate_helpers as h

from toolkit.adapters.store.ledger import open_readonly
from toolkit.workflows.consolidate import run


def consolidate(cfg, **kw):
    kw.setdefault("settle_seconds", 0)
    kw.setdefault("processes", 0)
    return run(cfg, progress=False, **kw)


def recorded(cfg):
    """file name -> (state, [(severity, rule)]) of every file in the ledger."""
    with open_readonly(cfg.ledger) as ledger:
        return {e.file_name: (e.state, [(f[1], f[6]) for f in ledger.findings(e.id)]) for e in ledger.entries()}


@pytest.fixture
def valid(make_workbook, seed):
    return h.submission(make_workbook, seed, "Aarhus")


@pytest.fixture
def small_limits(cfg):
    return dataclasses.replace(cfg, max_uncompressed_mb=5, max_file_mb=1)


BAD = {
    "truncated.xlsx": (lambda v: h.truncated(v), "unreadable", "read.corrupt"),
    "tekst omdøbt.xlsx": (lambda v: b"Kommune;Resultat\nHorsens;64\n", "unreadable", "read.not_workbook"),
    "scan.pdf.xlsx": (
        lambda v: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "unreadable",
        "read.not_workbook",
    ),
    "tom.xlsx": (lambda v: b"", "unreadable", "read.empty"),
    "adgangskode.xlsx": (lambda v: h.encrypted(), "unreadable", "read.encrypted"),
    "gammel.xls": (lambda v: h.old_xls(), "unreadable", "read.old_xls"),
    "fremmed.xlsx": (lambda v: h.not_ours(), "unreadable", "read.not_ours"),
    "version 0.9.xlsx": (lambda v: h.with_meta(v, "version", "0.9"), "unreadable", "read.unknown_version"),
    "zipbombe.xlsx": (lambda v: h.zip_bomb(8), "unreadable", "read.zip_bomb"),
    "løgnagtig zipbombe.xlsx": (lambda v: h.lying_zip_bomb(8), "unreadable", "read.corrupt"),
    "kæmpeark.xlsx": (lambda v: h.far_cell(v), "unreadable", "read.too_many_cells"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_recorded_with_a_clear_finding_and_the_run_goes_on(small_limits, valid, name):
    cfg = small_limits
    make, state, rule = BAD[name]
    h.drop(cfg, make(valid.read_bytes()), name)
    h.drop(cfg, valid, "Aarhus.xlsx")
    summary = consolidate(cfg)
    files = recorded(cfg)
    assert files["Aarhus.xlsx"][0] == "valid" and summary.valid == ["Aarhus"]
    assert files[name][0] == state
    assert ("error", rule) in files[name][1]
    bad = next(b for b in summary.bad_files if b.file_name == name)
    assert (bad.first and name in bad.first) or rule.startswith("consolidate.")
    assert cfg.archive.is_dir() and len(files) == 2


def test_a_workbook_with_macros_is_read_never_run_and_flagged(cfg, valid):
    h.drop(cfg, h.with_macros(valid.read_bytes()), "Aarhus.xlsm")
    consolidate(cfg)
    state, findings = recorded(cfg)["Aarhus.xlsm"]
    assert state == "valid" and ("info", "consolidate.macros") in findings


def test_formula_errors_are_findings_not_numbers(cfg, valid):
    h.drop(cfg, h.with_error_value(valid, "Resultater", "F5"), "Aarhus.xlsx")
    summary = consolidate(cfg)
    state, findings = recorded(cfg)["Aarhus.xlsx"]
    assert state == "invalid" and any(sev == "error" for sev, _ in findings)
    assert summary.with_errors == ["Aarhus"]


def test_a_file_larger_than_the_limit_is_refused_unread_and_recorded_once(small_limits, valid):
    cfg = small_limits
    h.drop(cfg, b"PK" + b"\0" * (2 << 20), "stor.xlsx")
    first = consolidate(cfg)
    second = consolidate(cfg)
    with open_readonly(cfg.ledger) as ledger:
        events = [(e.file_name, e.event) for e in ledger.events()]
        assert ledger.entries() == []
    assert events == [("stor.xlsx", "too_large")]
    assert (first.invalid, second.skipped) == (1, 1)


def test_a_workbook_of_another_kind_is_recorded_under_its_kind_not_as_a_submission(cfg, make_workbook, seed):
    form, tables = seed("report")
    h.drop(cfg, make_workbook("report", form, tables), "Norddjurs afrapportering.xlsx")
    summary = consolidate(cfg)
    with open_readonly(cfg.ledger) as ledger:
        [entry] = ledger.entries()
    assert (entry.kind, entry.state) == ("report", "valid")
    assert "Norddjurs" in summary.missing


def test_a_reader_that_crashes_costs_one_file_and_is_recorded(cfg, valid, monkeypatch):
    """A worker killed while reading one file (as the kernel kills a process out of memory) costs that file only."""
    from toolkit.workflows.consolidate import examine

    def killed_on(path, *args, **kwargs):
        if "knust" in str(path):
            os.kill(os.getpid(), signal.SIGKILL)
        return validate_file(path, *args, **kwargs)

    validate_file = examine.validate_file
    monkeypatch.setattr(examine, "validate_file", killed_on)  # the workers are forked: they inherit it
    h.drop(cfg, h.truncated(valid.read_bytes()), "Horsens knust.xlsx")
    h.drop(cfg, valid, "Aarhus.xlsx")
    summary = consolidate(cfg, processes=1)
    files = recorded(cfg)
    assert files["Aarhus.xlsx"][0] == "valid"
    assert files["Horsens knust.xlsx"] == ("unreadable", [("error", "consolidate.reader_crashed")])
    assert [b.municipality for b in summary.bad_files] == ["sandsynligvis Horsens"]
    assert next(s for s in summary_states(cfg) if s.municipality == "Horsens").state == "unreadable"


def summary_states(cfg):
    from toolkit.workflows.consolidate import gather

    return gather(cfg).submissions


@pytest.mark.slow
def test_zip_bombs_keep_memory_bounded(cfg):
    """Peak memory of a run over bombs that unpack to 300 MB stays far below that (VmHWM of the run)."""
    bomb = h.zip_bomb(300)
    bombs = {
        "ærlig.xlsx": bomb,
        "løgn.xlsx": h.lie_about_size(bomb, 100),
        "løgn 20 MB.xlsx": h.lie_about_size(bomb, 20 << 20),
    }
    for name, data in bombs.items():
        h.drop(cfg, data, name)
    del bomb, bombs
    script = textwrap.dedent(f"""
        import dataclasses, json, pathlib
        from toolkit.config import load_config
        from toolkit.workflows.consolidate import run
        P = pathlib.Path
        cfg = dataclasses.replace(load_config({str(cfg.path)!r}), inbox=(P({str(cfg.inbox[0])!r}),),
                                  archive=P({str(cfg.archive)!r}), ledger=P({str(cfg.ledger)!r}),
                                  output=P({str(cfg.output)!r}), max_uncompressed_mb=30)
        def hwm():
            for line in open("/proc/self/status"):
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        start = hwm()
        s = run(cfg, settle_seconds=0, processes=0, progress=False)
        print(json.dumps({{"new": s.new, "start_mb": start, "peak_mb": hwm()}}))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["new"] == 3
    assert result["peak_mb"] - result["start_mb"] < 100, result
    files = recorded(cfg)
    assert {name: state for name, (state, _) in files.items()} == {
        "ærlig.xlsx": "unreadable",
        "løgn.xlsx": "unreadable",
        "løgn 20 MB.xlsx": "unreadable",
    }
    assert ("error", "read.zip_bomb") in files["ærlig.xlsx"][1]
