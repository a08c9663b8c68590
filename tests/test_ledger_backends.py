"""The same inbox consolidated into SQLite and into PostgreSQL gives the same ledger, workbook, figures, deck,
frames and export."""

import dataclasses
import datetime as dt
import zipfile

import pandas as pd
import pgtest
import pytest
from test_consolidate_helpers import drop, submission

from toolkit.adapters.store.ledger import open_readonly
from toolkit.workflows.consolidate import gather, run
from toolkit.workflows.consolidate.workbook import output_path
from toolkit.workflows.deck import make_deck
from toolkit.workflows.export import export
from toolkit.workflows.frames import frames

NOW = dt.datetime(2020, 2, 10, 6, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture
def pg():
    reason = pgtest.unavailable()
    if reason:
        pytest.skip(reason)
    schema, url = pgtest.fresh_schema()
    yield url
    pgtest.drop_schema(schema)


def test_both_backends_give_the_same_ledger_workbook_figures_and_deck(pg, cfg, make_workbook, seed, tmp_path):
    drop(cfg, submission(make_workbook, seed, "Horsens", form={"contact_email": None}), "Horsens.xlsx")
    drop(cfg, submission(make_workbook, seed, "Horsens"), "Horsens v2.xlsx")
    drop(cfg, submission(make_workbook, seed, "Odder", results={2: {"actual": "ca. 50"}}), "Odder.xlsx")
    drop(cfg, submission(make_workbook, seed, "Samsø"), "Samsø.xlsx")
    drop(cfg, b"not a workbook", "Aarhus.xlsx")
    on_pg = dataclasses.replace(cfg, ledger_url=pg, output=tmp_path / "pg", archive=tmp_path / "pg" / "archive")
    for c in (cfg, on_pg):
        run(c, settle_seconds=0, processes=0, progress=False, now=lambda: NOW)

    def ledger(c):
        with open_readonly(c.ledger_target) as held:
            return (
                held.entries(),
                held.findings(),
                held.events(),
                held.records([e.id for e in held.entries()]),
                [{k: v for k, v in r.items() if k != "output"} for r in held.runs()],
            )

    assert ledger(cfg) == ledger(on_pg) and len(ledger(cfg)[0]) == 5
    assert output_path(cfg).read_bytes() == output_path(on_pg).read_bytes()
    assert gather(cfg) == gather(on_pg)
    decks = [make_deck(c) for c in (cfg, on_pg)]
    slides = [
        {n: z.read(n) for n in z.namelist() if n.startswith("ppt/slides/")} for z in (zipfile.ZipFile(d) for d in decks)
    ]
    assert slides[0] == slides[1] and slides[0]
    sqlite_frames, pg_frames = frames(cfg), frames(on_pg)
    assert list(sqlite_frames) == list(pg_frames) and len(sqlite_frames["goals"]) == 8
    for name, df in sqlite_frames.items():
        pd.testing.assert_frame_equal(df, pg_frames[name], check_exact=True, obj=name)
    exported = [
        {w.path.name: w.path.read_bytes() for w in export(c, "csv", tmp_path / "csv" / c.output.name)}
        for c in (cfg, on_pg)
    ]
    assert exported[0] == exported[1] and len(exported[0]) == len(sqlite_frames)
