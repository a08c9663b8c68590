"""toolkit deck: from the ledger (SQLite or PostgreSQL) or from a consolidated workbook alone, into the output
folder."""

import dataclasses

import pytest
from pptx import Presentation

from toolkit.adapters.consolidated.embedded import read_consolidated
from toolkit.cli import main
from toolkit.errors import ReadError
from toolkit.workflows.consolidate import run
from toolkit.workflows.deck import deck_path, make_deck


@pytest.fixture
def consolidated(bcfg, make_workbook):
    """A consolidated workbook from a contract and Horsens's submission, on each backend."""
    cfg = bcfg
    from conftest import seed_data

    cfg.inbox[0].mkdir(parents=True)
    for kind in ("contract", "submission"):
        form, tables = seed_data(kind, cfg)
        path = make_workbook(kind, form, tables, municipality="Horsens" if kind == "submission" else "")
        path.rename(cfg.inbox[0] / path.name)
    summary = run(cfg, settle_seconds=0, processes=0, progress=False)
    assert summary.valid, summary.lines("en")
    return summary.workbook.path


def test_the_consolidated_workbook_carries_the_figures_the_deck_needs(bcfg, consolidated):
    from toolkit.workflows.consolidate import gather

    assert read_consolidated(consolidated) == gather(bcfg)


def test_deck_from_the_ledger_and_from_the_workbook_alone_have_the_same_slides(bcfg, consolidated, tmp_path, capsys):
    from test_consolidate_helpers import write_config

    cfg = bcfg
    assert main(["--config", write_config(tmp_path, cfg), "deck"]) == 0  # [ledger] url names the PostgreSQL one
    from_ledger = deck_path(cfg)
    assert capsys.readouterr().out.strip() == str(from_ledger)
    no_ledger = dataclasses.replace(cfg, ledger_url="", ledger=tmp_path / "gone" / "ledger.sqlite")
    from_file = make_deck(no_ledger, source=consolidated, path=tmp_path / "from_file.pptx")  # the workbook alone
    titles = [
        [s.shapes.title.text if s.shapes.title else "" for s in Presentation(p).slides]
        for p in (from_ledger, from_file)
    ]
    assert titles[0] == titles[1] and len(titles[0]) > 5


def test_a_workbook_that_is_not_consolidated_is_refused_clearly(cfg, tmp_path):
    from toolkit.adapters.excel.build import BuildOptions, build_workbook
    from toolkit.spec import SPECS

    path = tmp_path / "report.xlsx"
    build_workbook(SPECS["report"], str(path), BuildOptions(lang="da"))
    with pytest.raises(ReadError) as exc:
        make_deck(cfg, source=path)
    assert exc.value.key == "consolidated.no_data" and "report.xlsx" in exc.value.message("da")


def test_deck_command_refuses_a_date_it_cannot_read(capsys):
    assert main(["deck", "--date", "næste torsdag"]) == 2
    assert "næste torsdag" in capsys.readouterr().err
