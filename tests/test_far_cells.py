"""A value far out in a sheet (XFD1048576 in a 17 KB file) is refused with a finding before calamine builds the grid.

calamine allocates a sheet's grid from A1 to its farthest value whatever <dimension> says: about
550 GB for XFD1048576, 800 MB for CV200000. The guard scans the cells first.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import test_consolidate_helpers as h

from toolkit.adapters.excel.ooxml import Package, sheet_parts
from toolkit.workflows.validate import validate_file

ROOT = Path(__file__).resolve().parents[1]


def with_value_at(data: bytes, sheet: str, ref: str, *, prefix: str = "") -> bytes:
    """The workbook with one value added in cell ``ref`` of ``sheet`` and no <dimension> (as a crafted file has it)."""
    part = sheet_parts(Package(data))[sheet]
    row = re.match(r"[A-Z]+(\d+)", ref)[1]
    ns = f' xmlns:{prefix}="urn:elsewhere"' if prefix else ""
    p = f"{prefix}:" if prefix else ""
    cell = f'<row r="{row}"><{p}c{ns} r="{ref}"><{p}v>1</{p}v></{p}c></row></sheetData>'.encode()

    def change(name, body):
        if name != part:
            return body
        return re.sub(rb"<dimension [^>]*/>", b"", body.replace(b"</sheetData>", cell))

    return h.rezip(data, change)


@pytest.fixture
def valid(make_workbook, seed):
    return h.submission(make_workbook, seed, "Aarhus")


@pytest.mark.parametrize("ref", ["XFD1048576", "CV200000"])
@pytest.mark.parametrize("sheet", ["_meta", "Resultater"])
def test_a_far_value_is_a_finding_naming_file_sheet_and_cell(valid, cfg, tmp_path, sheet, ref):
    path = tmp_path / "Indberetning Horsens.xlsx"
    path.write_bytes(with_value_at(valid.read_bytes(), sheet, ref))
    assert path.stat().st_size < 40_000
    [finding] = validate_file(path, cfg).findings
    assert (finding.rule, finding.sheet, finding.cell) == ("read.too_many_cells", sheet, ref)
    assert path.name in finding.message and ref in finding.message and sheet in finding.message


def test_a_far_value_in_another_namespace_still_counts(valid, cfg, tmp_path):
    """calamine takes any element named c as a cell, so the guard does too."""
    path = tmp_path / "x.xlsx"
    path.write_bytes(with_value_at(valid.read_bytes(), "_meta", "XFD1048576", prefix="o"))
    assert [f.rule for f in validate_file(path, cfg).findings] == ["read.too_many_cells"]


def test_a_hand_made_small_file_with_one_far_cell_is_refused_without_allocating(valid, tmp_path):
    """The file of the report: one value in XFD1048576, no <dimension>. Checked in a process of its own,
    whose peak memory shows that no grid was built."""
    path = tmp_path / "kæmpeark.xlsx"
    path.write_bytes(with_value_at(valid.read_bytes(), "_meta", "XFD1048576"))
    script = textwrap.dedent(f"""
        import json
        from toolkit.config import load_config
        from toolkit.workflows.validate import validate_file
        cfg = load_config({str(ROOT / "config.ini")!r})
        report = validate_file({str(path)!r}, cfg)
        # VmHWM: this process's own peak (ru_maxrss would carry the forking parent's over exec)
        peak = next(int(line.split()[1]) / 1024 for line in open("/proc/self/status") if line.startswith("VmHWM:"))
        print(json.dumps({{"rules": [(f.rule, f.sheet, f.cell) for f in report.findings], "peak_mb": peak}}))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["rules"] == [["read.too_many_cells", "_meta", "XFD1048576"]]
    assert result["peak_mb"] < 500, result


def test_validate_reports_every_other_file_of_the_run(valid, tmp_path):
    far = tmp_path / "Indberetning Horsens.xlsx"
    far.write_bytes(with_value_at(valid.read_bytes(), "Resultater", "XFD1048576"))
    cv = tmp_path / "Indberetning Odder.xlsx"
    cv.write_bytes(with_value_at(valid.read_bytes(), "_meta", "CV200000"))
    good = tmp_path / "Indberetning Aarhus.xlsx"
    good.write_bytes(valid.read_bytes())
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit",
            "--config",
            str(ROOT / "config.ini"),
            "validate",
            "--json",
            str(far),
            str(good),
            str(cv),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert out.returncode == 2, out.stderr[-2000:]
    files = {Path(f["path"]).name: f for f in json.loads(out.stdout)["files"]}
    assert files[good.name]["readable"] and files[good.name]["valid"]
    for path, sheet, ref in ((far, "Resultater", "XFD1048576"), (cv, "_meta", "CV200000")):
        [finding] = files[path.name]["findings"]
        assert (finding["rule"], finding["sheet"], finding["cell"]) == ("read.too_many_cells", sheet, ref)
