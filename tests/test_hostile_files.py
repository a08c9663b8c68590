"""Hostile files and names: every one gets a clear finding or note, nothing escapes to the terminal, the run goes on."""

import json
import os
import subprocess
import sys
import unicodedata

import pytest
import test_consolidate_helpers as h
from hypothesis import given
from hypothesis import strategies as st

from toolkit.adapters.store.archive import Archive, sha256
from toolkit.adapters.store.ledger import open_readonly
from toolkit.cli import main
from toolkit.safetext import file_name, path_text, printable
from toolkit.workflows.consolidate import run

ØRSTED = b"Indberetning \x9brsted.xlsx"  # CP850 name from a Windows zip, unpacked on Linux
NÆSTVED = b"N\x91stved.xlsx"
# What a cell or a file name can carry to fake a clean screen and an "all in order".
FAKE = "\x1b[2J\x1b[H\rAlle filer er i orden \x9b31m\u202eerdro i"

needs_posix = pytest.mark.skipif(os.name != "posix", reason="bytes file names, FIFOs and symlinks as on Linux")


def consolidate(cfg, **kw):
    return run(cfg, settle_seconds=0, processes=0, progress=False, **kw)


def entries(cfg):
    with open_readonly(cfg.ledger) as ledger:
        return {e.file_name: (e, [(f[1], f[6], f[7]) for f in ledger.findings(e.id)]) for e in ledger.entries()}


def raw(cfg, name: bytes, data: bytes) -> bytes:
    """Write ``data`` into the inbox under the bytes ``name``; returns the path as bytes."""
    inbox = os.fsencode(cfg.inbox[0])
    os.makedirs(inbox, exist_ok=True)
    path = os.path.join(inbox, name)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


def terminal_safe(text: str) -> bool:
    return not any((unicodedata.category(c) in ("Cc", "Cs") and c != "\n") or "\u202a" <= c <= "\u202e" for c in text)


@pytest.fixture
def valid(make_workbook, seed):
    return h.submission(make_workbook, seed, "Aarhus")


# --- names that are not UTF-8 -------------------------------------------------------------------------


@needs_posix
def test_a_name_that_is_not_utf8_is_consolidated_with_a_warning_and_the_run_goes_on(cfg, valid):
    raw(cfg, ØRSTED, valid.read_bytes())
    raw(cfg, NÆSTVED, b"Kommune;Resultat\nN\xe6stved;64\n")
    h.drop(cfg, b"", "tom.xlsx")
    summary = consolidate(cfg)
    files = entries(cfg)
    shown = "Indberetning \ufffdrsted.xlsx"
    entry, findings = files[shown]
    assert entry.state == "valid" and summary.valid == ["Aarhus"]
    assert "\\x9b" in entry.source_path  # the path kept apart from any other name, as text
    warning = next(f for f in findings if f[1] == "read.name_not_utf8")
    assert warning[0] == "warning" and "'Indberetning ørsted.xlsx'" in warning[2]
    assert files["N\ufffdstved.xlsx"][0].state == "unreadable" and files["tom.xlsx"][0].state == "unreadable"
    assert summary.workbook is not None and summary.workbook.path.is_file()
    assert all(terminal_safe(line) for line in summary.lines("da"))
    again = consolidate(cfg)
    assert (again.new, again.skipped) == (0, 3)  # recognised by its path next time, not read again


@needs_posix
def test_the_consolidated_workbook_lists_a_name_that_is_not_utf8_readably(cfg, valid):
    from python_calamine import CalamineWorkbook

    raw(cfg, ØRSTED, valid.read_bytes())
    summary = consolidate(cfg)
    book = CalamineWorkbook.from_path(str(summary.workbook.path))
    cells = {str(v) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for v in row}
    assert "Indberetning \ufffdrsted.xlsx" in cells


@needs_posix
def test_validate_shows_a_name_that_is_not_utf8_and_says_how_it_reads(cfg, valid, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    raw(cfg, ØRSTED, valid.read_bytes())
    assert main(["--config", config, "validate", str(cfg.inbox[0])]) == 0
    out = capsys.readouterr().out
    assert "Indberetning \ufffdrsted.xlsx" in out and "ørsted" in out
    assert main(["--config", config, "validate", "--json", str(cfg.inbox[0])]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["path"].endswith("Indberetning \\x9brsted.xlsx")


@pytest.mark.parametrize(
    "name, shown, stored",
    [
        ("Aarhus.xlsx", "Aarhus.xlsx", "Aarhus.xlsx"),
        (os.fsdecode(ØRSTED), "Indberetning \ufffdrsted.xlsx", "Indberetning \\x9brsted.xlsx"),
        (os.fsdecode(NÆSTVED), "N\ufffdstved.xlsx", "N\\x91stved.xlsx"),
    ],
)
def test_a_name_is_shown_with_replacement_characters_and_stored_without_losing_its_bytes(name, shown, stored):
    assert file_name(name) == shown and path_text(name) == stored
    stored.encode("utf-8")  # storable in SQLite and XML


# --- control and escape characters --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, shown",
    [
        ("\x1b[2J\x1b[HAlle filer er i orden", "\u241b[2J\u241b[HAlle filer er i orden"),
        ("fejl\rAlle filer er i orden", "fejl Alle filer er i orden"),
        ("linje 1\r\nlinje 2\tslut", "linje 1 linje 2 slut"),
        ("\x9b31m rød", "\\u009b31m rød"),
        ("\u202eerdro i\u202c", "\\u202eerdro i\\u202c"),
        ("bip\x07\x08\x00", "bip\u2407\u2408\u2400"),
        ("navn\udc9b.xlsx", "navn\ufffd.xlsx"),
    ],
)
def test_printable_neutralises_control_and_escape_characters(text, shown):
    assert printable(text) == shown


def test_printable_keeps_danish_and_norwegian_text_and_punctuation():
    text = "Ringkøbing-Skjern ÆØÅ æøå – «Driv» “citat” 1.800,- kr. 70 % 500’ § 4 000 000 €"
    assert printable(text) == text


@given(st.text())
def test_printable_output_is_always_safe_for_a_terminal(text):
    out = printable(text)
    assert terminal_safe(out) and "\n" not in out
    out.encode("utf-8")


def test_validate_prints_no_control_characters_from_a_cell(cfg, valid, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    escaped = FAKE.replace("\x1b", "_x001B_").replace("\r", "_x000D_").replace("\x9b", "_x009B_")
    bad = h.rezip(valid.read_bytes(), lambda n, b: b.replace(b"erhverv@aarhus.dk", escaped.encode()))
    path = tmp_path / "Aarhus.xlsx"
    path.write_bytes(bad)
    assert main(["--config", config, "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\u241b[2J" in out and terminal_safe(out)
    assert main(["--config", config, "validate", "--json", str(path)]) == 1
    out = capsys.readouterr().out
    assert terminal_safe(out) and "\\u001b[2J" in out and "\\u009b" in out
    assert any("\x1b[2J" in f["message"] for f in json.loads(out)["files"][0]["findings"])  # JSON stays exact


@needs_posix
def test_the_consolidation_summary_and_history_print_no_control_characters(cfg, valid, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    h.drop(cfg, b"not a workbook", f"{FAKE}.xlsx")
    escaped = FAKE.replace("\x1b", "_x001B_").replace("\r", "_x000D_").replace("\x9b", "_x009B_")
    h.drop(
        cfg, h.rezip(valid.read_bytes(), lambda n, b: b.replace(b"erhverv@aarhus.dk", escaped.encode())), "Aarhus.xlsx"
    )
    assert main(["--config", config, "consolidate", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "\u241b[2J" in out and "Aarhus.xlsx" in out and terminal_safe(out)
    assert main(["--config", config, "history", "Aarhus", "--findings"]) == 0
    out = capsys.readouterr().out
    assert "\u241b[2J" in out and terminal_safe(out)


# --- links, pipes and devices ---------------------------------------------------------------------------


@needs_posix
def test_a_link_in_the_inbox_is_not_followed_out_of_it(cfg, valid, tmp_path, make_workbook, seed):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.xlsx"
    secret.write_bytes(h.submission(make_workbook, seed, "Horsens").read_bytes())
    (outside / "more.xlsx").write_bytes(b"secret")
    h.drop(cfg, valid, "Aarhus.xlsx")
    inbox = cfg.inbox[0]
    (inbox / "passwd.xlsx").symlink_to("/etc/passwd")
    (inbox / "Horsens.xlsx").symlink_to(secret)
    (inbox / "mappe").symlink_to(outside, target_is_directory=True)
    summary = consolidate(cfg)
    assert list(entries(cfg)) == ["Aarhus.xlsx"] and summary.valid == ["Aarhus"]
    assert Archive(cfg.archive).digests() == {sha256(valid.read_bytes())}
    notes = [line for line in summary.lines("da") if "symbolsk link" in line]
    assert len(notes) == 3 and any("passwd.xlsx" in n for n in notes)


@needs_posix
def test_validate_on_a_fifo_says_it_is_not_a_file_instead_of_waiting(cfg, tmp_path):
    config = h.write_config(tmp_path, cfg)
    fifo = tmp_path / "Aarhus.xlsx"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "toolkit", "--config", config, "validate", "--json", str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    finding = json.loads(done.stdout)["files"][0]["findings"][0]
    assert finding["rule"] == "read.special" and "ikke en almindelig fil (FIFO)" in finding["message"]


@needs_posix
def test_a_fifo_in_the_inbox_or_a_folder_is_never_opened_and_gets_a_note(cfg, valid, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    h.drop(cfg, valid, "Aarhus.xlsx")
    os.mkfifo(cfg.inbox[0] / "Horsens.xlsx")
    summary = consolidate(cfg)
    assert summary.valid == ["Aarhus"] and list(entries(cfg)) == ["Aarhus.xlsx"]
    assert any("Horsens.xlsx" in line and "FIFO" in line for line in summary.lines("da"))
    assert main(["--config", config, "validate", str(cfg.inbox[0])]) == 0
    out = capsys.readouterr().out
    assert "Horsens.xlsx: er ikke en almindelig fil (FIFO)" in out


@needs_posix
def test_a_file_replaced_by_a_fifo_after_the_scan_is_not_waited_on(cfg, valid):
    from toolkit.workflows.consolidate.examine import Context, Job, examine

    path = h.drop(cfg, valid, "Aarhus.xlsx")
    st = path.stat()
    path.unlink()
    os.mkfifo(path)
    outcome = examine(Job(str(path), st.st_size, st.st_mtime_ns), Context(cfg))
    assert outcome.status == "vanished" and "FIFO" in outcome.message


# --- files that are not workbooks ---------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"


def test_validate_skips_files_that_are_not_workbooks_in_a_folder_with_a_note(cfg, valid, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    folder = tmp_path / "mappe"
    folder.mkdir()
    (folder / "Aarhus.xlsx").write_bytes(valid.read_bytes())
    for name, data in (("logo.png", PNG), ("scan.pdf", PDF), ("notes.txt", b"husk Odder"), ("README", b"")):
        (folder / name).write_bytes(data)
    assert main(["--config", config, "validate", str(folder)]) == 0
    out = capsys.readouterr().out
    for name in ("logo.png", "scan.pdf", "notes.txt", "README"):
        assert f"{name}: er ikke en projektmappe" in out
    assert "1 filer kontrolleret" in out
    assert main(["--config", config, "validate", "--json", str(folder)]) == 0
    assert len(json.loads(capsys.readouterr().out)["skipped"]) == 4


def test_the_inbox_skips_files_that_are_not_workbooks_with_a_note(cfg, valid):
    h.drop(cfg, valid, "Aarhus.xlsx")
    h.drop(cfg, PNG, "logo.png")
    h.drop(cfg, b"husk Odder", "notes.txt")
    summary = consolidate(cfg)
    assert list(entries(cfg)) == ["Aarhus.xlsx"] and summary.valid == ["Aarhus"]
    lines = summary.lines("en")
    assert any("logo.png: is not a workbook" in line for line in lines)
    assert any("notes.txt: is not a workbook" in line for line in lines)


# --- other hostile inputs ---------------------------------------------------------------------------------

LONG = "Indberetning Ringkøbing-Skjern " + "æ" * 105 + ".xlsx"  # 250 bytes: the longest name Linux allows is 255


def test_annotating_a_file_with_a_very_long_name_writes_a_shortened_copy(cfg, valid, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    folder = tmp_path / "mappe"
    folder.mkdir()
    (folder / LONG).write_bytes(valid.read_bytes())
    (folder / "Aarhus.xlsx").write_bytes(valid.read_bytes())
    assert main(["--config", config, "validate", "--annotate", str(folder)]) == 0
    copies = sorted(p.name for p in folder.iterdir() if ".checked." in p.name)
    assert copies[0] == "Aarhus.checked.xlsx" and copies[1].endswith("….checked.xlsx")
    assert len(os.fsencode(copies[1])) <= 255 - 20


def test_a_copy_that_cannot_be_written_costs_no_other_report(cfg, valid, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    folder = tmp_path / "mappe"
    folder.mkdir()
    for name in ("Aarhus.xlsx", "Horsens.xlsx"):
        (folder / name).write_bytes(valid.read_bytes())
    (folder / "Aarhus.checked.xlsx").mkdir()  # a folder where the copy would go
    assert main(["--config", config, "validate", "--annotate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Aarhus.xlsx: den kommenterede kopi kunne ikke skrives" in out
    assert (folder / "Horsens.checked.xlsx").is_file() and "2 filer kontrolleret: 2 i orden" in out


@pytest.mark.parametrize(
    "name, data, rule",
    [
        ("halvt skrevet.xlsx", lambda v: v[: len(v) // 2], "read.corrupt"),
        ("tom.xlsx", lambda v: b"", "read.empty"),
    ],
)
def test_validate_gives_a_broken_file_a_finding_and_checks_the_rest(cfg, valid, tmp_path, capsys, name, data, rule):
    config = h.write_config(tmp_path, cfg)
    folder = tmp_path / "mappe"
    folder.mkdir()
    (folder / name).write_bytes(data(valid.read_bytes()))
    (folder / "Aarhus.xlsx").write_bytes(valid.read_bytes())
    (folder / "mappe.xlsx").mkdir()  # a folder named like a workbook is not entered
    assert main(["--config", config, "validate", "--json", str(folder)]) == 2
    files = {os.path.basename(f["path"]): f for f in json.loads(capsys.readouterr().out)["files"]}
    assert set(files) == {name, "Aarhus.xlsx"} and files["Aarhus.xlsx"]["valid"]
    assert files[name]["findings"][0]["rule"] == rule


def test_validate_on_a_named_folder_or_a_vanished_file_says_so(cfg, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    (tmp_path / "x.xlsx").mkdir()
    from toolkit.workflows.validate import validate_file

    assert validate_file(tmp_path / "x.xlsx", cfg).findings[0].rule == "read.special"
    assert main(["--config", config, "validate", "--json", str(tmp_path / "væk.xlsx")]) == 2
    assert json.loads(capsys.readouterr().out)["files"][0]["findings"][0]["rule"] == "read.missing"


def test_a_very_long_name_and_a_leading_dash_are_consolidated_like_any_other(cfg, valid):
    h.drop(cfg, valid, LONG)
    h.drop(cfg, b"", "-tom.xlsx")
    summary = consolidate(cfg)
    files = entries(cfg)
    assert files[LONG][0].state == "valid" and summary.valid == ["Aarhus"]
    assert files["-tom.xlsx"][0].state == "unreadable" and summary.workbook.path.is_file()


def test_compute_prints_no_control_characters_from_a_cell(cfg, valid, tmp_path, capsys):
    config = h.write_config(tmp_path, cfg)
    escaped = FAKE.replace("\x1b", "_x001B_").replace("\r", "_x000D_").replace("\x9b", "_x009B_")
    path = tmp_path / "Aarhus.xlsx"
    path.write_bytes(h.rezip(valid.read_bytes(), lambda n, b: b.replace(b"Oplevet effekt", escaped.encode())))
    assert main(["--config", config, "compute", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\u241b[2J" in out and terminal_safe(out)
