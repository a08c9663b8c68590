"""The demo runs end to end in its own sandbox and shows exactly the mistakes it made on purpose."""

import sqlite3

import pytest
from pptx import Presentation

from toolkit.adapters.consolidated.embedded import read_consolidated
from toolkit_demo.demo import MISSING, MISTAKES, run_demo


@pytest.mark.slow
def test_demo_runs_end_to_end_and_reports_its_deliberate_mistakes(cfg):
    said = []
    result = run_demo(cfg, say=said.append)
    text = "\n".join(map(str, said))
    home = cfg.output / "demo"
    assert all(p.parent == home / "inbox" for p in result.inbox) and len(result.inbox) == 18
    for name in MISTAKES:
        assert f"Indberetning {name} 2019.xlsx" in text, name
    (missing_line,) = [line for line in said if str(line).startswith("Mangler:")]
    assert sorted(n.strip() for n in missing_line.split(":")[1].split(",")) == sorted(MISSING)
    # the published 2019 billing and the Norddjurs report's 9 / 6 / 1
    assert "9.528" in text and "36.792" in text
    assert "Opfyldt: 9, Forventes opfyldt: 6, Delvist opfyldt: 1" in text
    data = read_consolidated(result.consolidated)
    assert {s.municipality: s.state for s in data.submissions if s.state != "valid"} == {
        "Holstebro": "invalid",
        "Lemvig": "invalid",
        "Odder": "invalid",
        "Skive": "invalid",
        "Samsø": "missing",
        "Struer": "missing",
    }
    deck = Presentation(result.deck)
    assert len(deck.slides) > 10
    with sqlite3.connect(home / "ledger.sqlite") as db:
        (count,) = db.execute("select count(*) from submissions").fetchone()
    assert count == 19  # 18 municipal files and the hub's contract report


@pytest.mark.slow
def test_demo_leaves_the_real_inbox_and_ledger_alone(cfg):
    cfg.inbox[0].mkdir(parents=True)
    mine = cfg.inbox[0] / "Indberetning Aarhus.xlsx"
    mine.write_bytes(b"a user's file")
    run_demo(cfg, say=lambda *_: None)
    assert mine.read_bytes() == b"a user's file"
    assert not cfg.ledger.exists()
