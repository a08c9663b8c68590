"""toolkit consolidate, history and reminders from the command line, and the reminders CSV."""

import csv
import dataclasses
import io

import pytest
from test_consolidate_helpers import drop, submission, with_saved_at, write_config

from toolkit.cli import main
from toolkit.workflows.consolidate import reminders, run, write_reminders


@pytest.fixture
def cfg(bcfg):
    """Every test here runs on both backends: SQLite and (when TOOLKIT_TEST_PG_URL is set) PostgreSQL."""
    return bcfg


@pytest.fixture
def project(tmp_path, cfg, make_workbook, seed):
    """A config file and an inbox: Horsens twice (the second fixes an error), Odder invalid, Aarhus valid."""
    first = submission(make_workbook, seed, "Horsens", form={"contact_email": None}).read_bytes()
    drop(cfg, with_saved_at(first, "2020-02-01T09:00:00Z"), "Horsens.xlsx")
    fixed = submission(make_workbook, seed, "Horsens").read_bytes()
    drop(cfg, with_saved_at(fixed, "2020-02-04T09:00:00Z"), "Horsens v2.xlsx")
    drop(cfg, submission(make_workbook, seed, "Odder", results={2: {"actual": "ca. 50"}}), "Odder.xlsx")
    drop(cfg, submission(make_workbook, seed, "Aarhus"), "Aarhus.xlsx")
    return write_config(tmp_path, cfg)


def test_consolidate_prints_the_summary(project, capsys):
    assert main(["--config", project, "consolidate", "--settle", "0", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Filer set: 4, nye: 4" in out and "Odder.xlsx (Odder)" in out and "Mangler: " in out
    assert "consolidated_2019.xlsx" in out


def test_history_lists_the_versions_and_marks_the_consolidated_one(project, capsys):
    main(["--config", project, "consolidate", "--settle", "0", "--no-progress"])
    capsys.readouterr()
    assert main(["--config", project, "history", "horsens", "--findings"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("v1 ") and "Horsens.xlsx" in lines[0] and "Med fejl" in lines[0]
    assert "E-mail skal udfyldes" in lines[1]
    assert lines[2].startswith("v2 ") and lines[2].endswith("← konsolideres")


def test_history_of_an_unknown_municipality_is_a_clear_error(project, capsys):
    assert main(["--config", project, "history", "Aalborg"]) == 2
    err = capsys.readouterr().err
    assert "Aalborg" in err and "Horsens" in err and "Traceback" not in err


def test_a_second_consolidate_while_one_runs_is_refused_with_a_message(project, capsys):
    from toolkit.config import load_config
    from toolkit.workflows.consolidate.pipeline import run_lock

    with run_lock(load_config(project)):
        assert main(["--config", project, "consolidate", "--settle", "0"]) == 2
    assert "kører allerede" in capsys.readouterr().err


def test_reminders_are_a_csv_for_danish_excel(project, tmp_path, capsys):
    main(["--config", project, "consolidate", "--settle", "0", "--no-progress"])
    out = tmp_path / "påmindelser.csv"
    assert main(["--config", project, "reminders", "--out", str(out)]) == 0
    assert "påmindelser skrevet" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Kommune", "E-mail", "Årsag", "Fejl", "Seneste fil", "Frist"]
    by_name = {r[0]: r for r in rows[1:]}
    assert set(by_name) == {"Odder"} | {n for n in by_name if by_name[n][2] == "Mangler"}
    assert len(by_name) == 17 and "Horsens" not in by_name and "Aarhus" not in by_name
    assert by_name["Odder"][1:5] == ["erhverv@odder.dk", "Med fejl", "1", "Odder.xlsx"]
    assert by_name["Samsø"][1:4] == ["", "Mangler", ""] and by_name["Samsø"][5] == "1. marts 2020"


def test_reminders_take_the_contact_from_config_before_the_workbook(cfg, make_workbook, seed):
    cfg = dataclasses.replace(cfg, contacts={"Odder": "kontakt@odder.dk"})
    drop(
        cfg,
        submission(make_workbook, seed, "Odder", form={"contact_email": "forkert@odder.dk", "submitted_date": None}),
        "Odder.xlsx",
    )
    run(cfg, settle_seconds=0, processes=0, progress=False)
    odder = next(r for r in reminders(cfg) if r.municipality == "Odder")
    assert (odder.email, odder.reason) == ("kontakt@odder.dk", "invalid")


def test_reminders_before_any_run_list_everyone(cfg):
    path, items = write_reminders(cfg)
    assert len(items) == 19 and {r.reason for r in items} == {"missing"}
    assert path == cfg.output / "reminders.csv" and path.is_file()


def test_text_in_the_reminders_is_never_taken_for_a_formula(cfg, make_workbook, seed):
    from toolkit.workflows.consolidate.reminders import Reminder, reminders_csv

    data = reminders_csv([Reminder("Odder", "=cmd|' /C calc'!A0", "missing")], cfg).decode("utf-8-sig")
    assert "'=cmd" in data
