"""`toolkit export`: the frames as CSV (the way Danish and Norwegian Excel read it) and as one .xlsx, read back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from decimal import Decimal as D

import openpyxl
import pandas as pd
import pytest
from libreoffice import soffice
from test_consolidate_helpers import write_config
from test_frames import f, ledger  # noqa: F401  the same consolidated ledger (module fixtures)

from toolkit.adapters.export.csvfile import DIALECTS, csv_bytes
from toolkit.cli import main
from toolkit.errors import ToolkitError
from toolkit.workflows.export import export


def exact(text: str) -> D | None:
    """How a reader gets the amounts exactly back from a Danish CSV: decimal comma, no grouping."""
    return D(text.replace(",", ".")) if text else None


def read_csv(path, columns) -> pd.DataFrame:
    """Read back as documented: UTF-8 with BOM, ';', decimal comma; Decimal columns as text made exact."""
    return pd.read_csv(
        path, sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False, converters={c: exact for c in columns}
    )


def test_csv_round_trip_gives_the_same_values(ledger, f, tmp_path):  # noqa: F811
    written = export(ledger, "csv", tmp_path / "csv")
    assert sorted(w.path.name for w in written) == sorted(f"{name}.csv" for name in f)
    path = tmp_path / "csv" / "goals.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    back = read_csv(path, ["target", "actual", "fulfilment"])
    goals = f["goals"]
    assert len(back) == len(goals)
    for column in ("target", "actual", "fulfilment"):
        assert back[column].tolist() == goals[column].tolist()
    assert back["municipality"].tolist() == goals["municipality"].astype(str).tolist()
    assert back["year"].tolist() == goals["year"].tolist()
    assert pd.to_datetime(back["period_start"]).tolist() == goals["period_start"].tolist()
    assert "118,5" in raw.decode("utf-8-sig")
    report = read_csv(tmp_path / "csv" / "report.csv", [])
    assert report["goal_text"].tolist() == f["report"]["goal_text"].tolist()  # æ, ø and å intact
    assert any("ø" in t for t in report["goal_text"])


def test_a_frame_with_text_like_a_formula_is_written_as_text():
    df = pd.DataFrame(
        {
            "evidence": pd.Series(["=1+1", "-virker ikke", "ok"], dtype="string"),
            "amount": pd.Series([D("1234567.5"), None, D("0.7")], dtype=object),
            "at": pd.to_datetime(pd.Series([dt.datetime(2020, 2, 3, 9, 30), None, None])),
        }
    )
    text = csv_bytes(df, DIALECTS["da"]).decode("utf-8-sig")
    assert text.splitlines() == [
        "evidence;amount;at",
        "'=1+1;1234567,5;2020-02-03 09:30:00",
        "'-virker ikke;;",
        "ok;0,7;",
    ]
    assert csv_bytes(df, DIALECTS["en"]).decode("utf-8-sig").splitlines()[1] == "'=1+1,1234567.5,2020-02-03 09:30:00"


@pytest.mark.libreoffice
@pytest.mark.parametrize("module_ledger_url", ["sqlite"], indirect=True)  # the CSV is the same from either
def test_a_danish_spreadsheet_reads_the_csv_numbers_as_numbers_and_dates_as_dates(ledger, tmp_path):  # noqa: F811
    """LibreOffice, as an independent reader, in Danish (da-DK) with ';': what Danish Excel does by double-click."""
    export(ledger, "csv", tmp_path / "csv")
    profile = tmp_path / "lo"
    # CSV filter options: separator ';' (59), quote '"' (34), UTF-8 (76), from line 1, default columns, da-DK (1030)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--infilter=CSV:59,34,76,1,,1030",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "lo_out"),
            str(tmp_path / "csv" / "goals.csv"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    ws = openpyxl.load_workbook(tmp_path / "lo_out" / "goals.xlsx")["goals"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    aarhus = next(dict(zip(head, r)) for r in rows[1:] if r[1] == "Aarhus" and str(r[2]) == "5")
    assert aarhus["actual"] == 118.5 and aarhus["target"] == 122
    assert aarhus["period_start"] == dt.datetime(2019, 1, 1)


def test_the_xlsx_has_a_sheet_and_table_per_frame_and_the_same_values(ledger, f, tmp_path):  # noqa: F811
    [written] = export(ledger, "xlsx", tmp_path / "analysis.xlsx")
    assert written.path == tmp_path / "analysis.xlsx"
    wb = openpyxl.load_workbook(written.path)
    assert wb.sheetnames == list(f)
    assert set(wb["goals"].tables) == {"tbl_goals"}
    rows = list(wb["goals"].iter_rows(values_only=True))
    assert list(rows[0]) == list(f["goals"].columns)
    goals = f["goals"]
    got = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(got) == len(goals)
    for row, cells in zip(goals.itertuples(), got):
        assert (cells["municipality"], cells["goal_no"], cells["year"]) == (row.municipality, row.goal_no, row.year)
        assert cells["actual"] == float(row.actual) and cells["status"] == row.status
        assert cells["period_start"] == row.period_start.to_pydatetime()
    versions = [dict(zip(rows[0], r)) for rows in [list(wb["versions"].iter_rows(values_only=True))] for r in rows[1:]]
    assert all(isinstance(v["received_at"], dt.datetime) for v in versions)


def test_an_empty_ledger_exports_empty_typed_tables(bcfg, tmp_path):
    cfg = bcfg
    [written] = export(cfg, "xlsx")
    assert written.path == cfg.output / "export.xlsx"
    wb = openpyxl.load_workbook(written.path)
    assert next(wb["goals"].iter_rows(values_only=True))[:3] == ("year", "municipality", "goal_no")


def test_csv_needs_a_folder_not_a_file(cfg, tmp_path):
    with pytest.raises(ToolkitError) as err:
        export(cfg, "csv", tmp_path / "goals.csv")
    assert "mappe" in err.value.message("da") and "folder" in err.value.message("en")


def test_the_command_writes_csv_files_into_the_folder_given(ledger, tmp_path, capsys):  # noqa: F811
    config = write_config(tmp_path, dataclasses.replace(ledger, deadline=dt.date(2020, 3, 1)))
    (tmp_path / "output").mkdir()
    for suffix in ("", "-wal") if not ledger.ledger_url else ():  # a SQLite ledger is copied beside the config
        if ledger.ledger.with_name(ledger.ledger.name + suffix).is_file():
            (tmp_path / "output" / f"ledger.sqlite{suffix}").write_bytes(
                ledger.ledger.with_name(ledger.ledger.name + suffix).read_bytes()
            )
    assert (
        main(["--config", config, "export", "--format", "csv", "--out", str(tmp_path / "out"), "--year", "2019"]) == 0
    )
    printed = capsys.readouterr().out.split()
    assert str(tmp_path / "out" / "goals.csv") in printed
    back = read_csv(tmp_path / "out" / "goals.csv", ["actual"])
    assert set(back["year"]) == {2019}
    assert main(["--config", config, "export", "--format", "csv", "--out", str(tmp_path / "x.csv")]) == 2
