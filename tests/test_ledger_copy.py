"""toolkit ledger copy: a SQLite ledger (schema 1 or 2) into PostgreSQL or another file, checked, safe to re-run."""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from test_consolidate_helpers import drop, submission, write_config

from toolkit.adapters.store import ledgercopy
from toolkit.adapters.store.ledger import Ledger, open_readonly
from toolkit.cli import main
from toolkit.errors import ToolkitError

SCHEMA_1 = Path(__file__).parent / "fixtures" / "ledger_schema1.sqlite"
T0 = dt.datetime(2020, 2, 3, 10, 0, tzinfo=dt.timezone.utc)


def contents(target):
    with open_readonly(target) as ledger:
        return (
            ledger.entries(),
            ledger.findings(),
            ledger.runs(),
            ledger.events(),
            ledger.sightings(),
            ledger.records([e.id for e in ledger.entries()]),
        )


@pytest.fixture
def schema_1(tmp_path):
    """The real schema-1 ledger (18 submissions, 6 findings, 1 run, 18 sightings) with an event added."""
    path = tmp_path / "old" / "ledger.sqlite"
    path.parent.mkdir()
    shutil.copyfile(SCHEMA_1, path)
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO events (run_id, at, path, file_name, size, event, message) VALUES (1, ?, ?, ?, ?, ?, ?)",
        (T0.isoformat(), "/inbox/væk.xlsx", "væk.xlsx", 10, "vanished", "væk.xlsx forsvandt"),
    )
    db.commit()
    db.close()
    return path


def test_copy_moves_every_row_and_a_rerun_copies_nothing(schema_1, ledger_at, tmp_path):
    target = ledger_at if not isinstance(ledger_at, Path) else tmp_path / "new" / "ledger.sqlite"
    before = contents(schema_1)
    done = {c.table: c for c in ledgercopy.copy(schema_1, target)}
    assert {t: (c.source, c.copied, c.skipped) for t, c in done.items()} == {
        "runs": (1, 1, 0),
        "submissions": (18, 18, 0),
        "findings": (6, 6, 0),
        "events": (1, 1, 0),
        "sightings": (18, 18, 0),
        "ledger_info": (1, 1, 0),
    }
    assert contents(target) == before
    again = {c.table: c for c in ledgercopy.copy(schema_1, target)}
    assert {t: (c.copied, c.skipped) for t, c in again.items()} == {t: (0, c.source) for t, c in done.items()}
    assert {t: c.digest for t, c in again.items()} == {t: c.digest for t, c in done.items()}
    assert contents(target) == before
    assert contents(schema_1) == before  # the source is only read
    with Ledger(target) as ledger:  # the copy goes on numbering after the copied rows
        assert ledger.info("schema_version") == "3"
        assert ledger.start_run(T0, 1) == 2
        with ledger.transaction():
            sid = ledger.add_submission(
                sha256="f" * 64,
                size=1,
                file_name="x.xlsx",
                source_path="x",
                mtime=T0,
                received_at=T0,
                run_id=2,
                state="valid",
                kind="submission",
                template_version="1.0",
                municipality="Aarhus",
                language="da",
                name_hint=None,
                submitted_date=None,
                saved_at=None,
                findings=[],
                records=None,
            )
        assert sid == 19


def test_copy_into_another_ledger_is_refused_and_copies_nothing(schema_1, ledger_at, tmp_path):
    target = ledger_at if not isinstance(ledger_at, Path) else tmp_path / "new" / "ledger.sqlite"
    with Ledger(target) as ledger, ledger.transaction():
        ledger.add_submission(
            sha256="e" * 64,
            size=1,
            file_name="other.xlsx",
            source_path="x",
            mtime=T0,
            received_at=T0,
            run_id=None,
            state="valid",
            kind="submission",
            template_version="1.0",
            municipality="Aarhus",
            language="da",
            name_hint=None,
            submitted_date=None,
            saved_at=None,
            findings=[],
            records=None,
        )
    with pytest.raises(ToolkitError) as exc:
        ledgercopy.copy(schema_1, target)
    assert "submissions" in exc.value.message("en") and "another ledger" in exc.value.message("en")
    entries, found, runs, events, sightings, _ = contents(target)
    assert [e.file_name for e in entries] == ["other.xlsx"] and (found, runs, events, sightings) == ([], [], [], {})


def test_a_ledger_is_not_copied_onto_itself(schema_1):
    with pytest.raises(ToolkitError) as exc:
        ledgercopy.copy(schema_1, f"sqlite:///{schema_1}")
    assert "same ledger" in exc.value.message("en")


def test_history_and_reminders_read_the_same_after_the_copy(ledger_at, cfg, make_workbook, seed, tmp_path, capsys):
    """Consolidate into SQLite, copy with the command, then the same commands read the copy the same."""
    drop(cfg, submission(make_workbook, seed, "Horsens", form={"contact_email": None}), "Horsens.xlsx")
    drop(cfg, submission(make_workbook, seed, "Horsens"), "Horsens v2.xlsx")
    drop(cfg, submission(make_workbook, seed, "Odder", results={2: {"actual": "ca. 50"}}), "Odder.xlsx")
    config = write_config(tmp_path, cfg)
    assert main(["--config", config, "consolidate", "--settle", "0", "--no-progress"]) == 0
    target = ledger_at if not isinstance(ledger_at, Path) else tmp_path / "copy.sqlite"
    capsys.readouterr()
    assert main(["--config", config, "ledger", "copy", "--to", str(target)]) == 0
    said = capsys.readouterr().out
    assert "submissions: 3" in said and "findings" in said

    def commands(path):
        outs = []
        for argv in (["history", "Horsens", "--findings"], ["history", "Odder"], ["reminders", "--out", "-"]):
            out = tmp_path / "r.csv"
            out.unlink(missing_ok=True)
            argv = [a if a != "-" else str(out) for a in argv]
            assert main(["--config", path, *argv]) == 0
            outs.append(capsys.readouterr().out + (out.read_text(encoding="utf-8-sig") if out.exists() else ""))
        return outs

    on_sqlite = commands(config)
    moved = tmp_path / "moved.ini"
    moved.write_text(Path(config).read_text(encoding="utf-8") + f"[ledger]\nurl = {target}\n", encoding="utf-8")
    on_copy = commands(str(moved))
    assert on_copy == on_sqlite and "Horsens v2.xlsx" in on_sqlite[0] and "Odder" in on_sqlite[2]


def test_the_reminders_sent_and_the_service_tokens_are_copied_too(ledger_at, cfg, tmp_path):
    import dataclasses

    from toolkit.adapters.store import reminders_sent
    from toolkit.service import tokens

    source = dataclasses.replace(cfg, ledger=tmp_path / "old" / "ledger.sqlite")
    made = tokens.create(source, ["Horsens", "Samsø"])
    tokens.revoke(source, "Samsø")
    with Ledger(source.ledger) as ledger:
        reminders_sent.record(
            ledger, reminders_sent.SentReminder(T0, "Samsø", "erhverv@samsoe.dk", "<1@kkr.dk>", "sent")
        )
    target = ledger_at if not isinstance(ledger_at, Path) else tmp_path / "new" / "ledger.sqlite"
    done = {c.table: (c.source, c.copied) for c in ledgercopy.copy(source.ledger, target)}
    assert done["reminders_sent"] == (1, 1) and done["service_tokens"] == (2, 2)
    moved = (
        dataclasses.replace(cfg, ledger=target)
        if isinstance(target, Path)
        else dataclasses.replace(cfg, ledger_url=target)
    )
    assert tokens.municipality_for(moved, made["Horsens"]) == "Horsens"
    assert tokens.municipality_for(moved, made["Samsø"]) is None  # revoked stays revoked
    with open_readonly(moved.ledger_target) as ledger:
        assert [(r.municipality, r.outcome) for r in reminders_sent.sent(ledger)] == [("Samsø", "sent")]
    assert {c.table: c.copied for c in ledgercopy.copy(source.ledger, target)}["service_tokens"] == 0
