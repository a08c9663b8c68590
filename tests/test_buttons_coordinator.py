"""The coordinator workbook's buttons, Consolidate now and Make deck, driven through the project's RemoteBook."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from test_buttons import cfg as base_cfg  # noqa: F401  the fixture
from test_buttons import click, h, submission

from toolkit.buttons.xlsm import write_coordinator


@pytest.fixture
def cfg(base_cfg, tmp_path):  # noqa: F811
    return dataclasses.replace(
        base_cfg, archive=tmp_path / "archive", ledger=tmp_path / "output" / "ledger.sqlite", settle_seconds=0.0
    )


@pytest.fixture
def coordinator(tmp_path, cfg):
    return write_coordinator(cfg, tmp_path / "coordinator_da.xlsm", "da")


def _inbox(tmp_path, cfg, *names):
    for name in names:
        src = submission(tmp_path, cfg, name)
        shutil.copy(src, cfg.inbox[0] / src.name)


def test_consolidate_now_writes_the_consolidated_workbook_and_says_where(tmp_path, bcfg, coordinator):
    cfg = bcfg  # on each backend (conftest.bcfg over this module's cfg)
    _inbox(tmp_path, cfg, "Horsens", "Odder")
    outcome, book = click(h.consolidate, coordinator, cfg)
    assert outcome.ok, outcome.message
    assert outcome.path.is_file() and outcome.path.parent == cfg.output
    assert "1 gyldige, 1 med fejl, 17 mangler" in outcome.message and str(outcome.path) in book.alerts[0][0]
    log = book.values["Koordinering"]
    assert log["B14"] == "Saml nu" and log["D14"] == str(outcome.path)
    assert book.links["Koordinering"]["D14"][0] == str(outcome.path)
    assert cfg.ledger.exists() == (not cfg.ledger_url)  # the ledger is where the config says, on either backend


def test_make_deck_writes_the_deck_and_logs_it_under_the_last_run(tmp_path, bcfg, coordinator):
    from toolkit.workflows.consolidate import run

    cfg = bcfg

    _inbox(tmp_path, cfg, "Horsens")
    run(cfg, progress=False)
    outcome, book = click(h.make_deck, coordinator, cfg)
    assert outcome.ok, outcome.message
    assert outcome.path.suffix == ".pptx" and outcome.path.is_file()
    assert book.values["Koordinering"]["D14"] == str(outcome.path)


def test_coordinator_buttons_refuse_a_municipal_workbook(tmp_path, cfg):
    outcome, book = click(h.consolidate, submission(tmp_path, cfg, "Horsens"), cfg)
    assert not outcome.ok and "Saml nu" in outcome.message and book.funcs == ["alert"]
    assert not (cfg.output / "consolidated_2019.xlsx").exists()
