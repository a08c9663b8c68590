"""The coordinator's overview: days to the deadline only for those who still owe a valid submission, never negative."""

from __future__ import annotations

import datetime as dt

from test_consolidate_helpers import drop, submission

from toolkit.service.dashboard import dashboard_rows
from toolkit.workflows.consolidate import run


def test_days_are_left_for_who_owes_a_submission_and_passed_after_the_deadline(cfg, make_workbook, seed):
    drop(cfg, submission(make_workbook, seed, "Horsens"), "Indberetning Horsens.xlsx")
    drop(cfg, submission(make_workbook, seed, "Odder", results={2: {"actual": "ca. 50"}}), "Indberetning Odder.xlsx")
    run(cfg, settle_seconds=0, processes=0, progress=False)
    deadline = cfg.deadline

    before = {r["municipality"]: r["days"] for r in dashboard_rows(cfg, deadline - dt.timedelta(days=10))[0]}
    assert before["Horsens"] == ""  # delivered: nothing is due
    assert before["Odder"] == 10 and before["Aarhus"] == 10  # invalid, missing: ten days left

    after = {r["municipality"]: r["days"] for r in dashboard_rows(cfg, deadline + dt.timedelta(days=3))[0]}
    assert after["Horsens"] == "" and after["Odder"] == "overskredet" and after["Aarhus"] == "overskredet"
    assert not any(isinstance(d, int) and d < 0 for d in after.values())
