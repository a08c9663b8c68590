"""The schedule: configured times, the rush before the deadline, one run at a time, clean stops."""

import dataclasses
import datetime as dt
import logging
import signal
import subprocess
import sys
import textwrap
import time
import types

import pytest
import schedule as schedule_lib

from toolkit.adapters.store.lock import Busy
from toolkit.workflows.consolidate.schedule import in_rush, loop, plan


class Clock:
    """A fake "now" for the schedule library and the loop; sleeping moves it on."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def sleep(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    c = Clock(dt.datetime(2026, 11, 20, 5, 0))  # a Friday

    class FakeDatetime(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return c.now if tz is None else c.now.replace(tzinfo=tz)

    fake = types.SimpleNamespace(
        datetime=FakeDatetime,
        timedelta=dt.timedelta,
        time=dt.time,
        date=dt.date,
        timezone=dt.timezone,
        tzinfo=dt.tzinfo,
    )
    monkeypatch.setattr(schedule_lib, "datetime", fake)
    return c


@pytest.fixture
def sched_cfg(cfg):
    return dataclasses.replace(
        cfg,
        schedule_times=("weekdays 06:00", "sat 12:30"),
        schedule_rush_minutes=15,
        schedule_rush_days=2,
        deadline=dt.date(2026, 11, 30),
    )


def run_loop(cfg, clock, runs, until_runs, fail=None):
    def once():
        runs.append(clock.now)
        if fail:
            fail(len(runs))

    loop(cfg, once, sleep=clock.sleep, now=lambda: clock.now, until=lambda: len(runs) >= until_runs, max_wait=3600)


def test_weekdays_are_five_jobs_plus_saturday_plus_the_rush_job(sched_cfg):
    s = plan(sched_cfg, lambda: None, now=lambda: dt.datetime(2026, 11, 20, 5, 0))
    assert len([j for j in s.jobs if "times" in j.tags]) == 6
    assert len([j for j in s.jobs if "rush" in j.tags]) == 1


@pytest.mark.parametrize("day, rush", [(28, True), (29, True), (30, True), (27, False), (25, False)])
def test_the_rush_is_the_last_days_before_the_deadline_and_the_deadline_day(sched_cfg, day, rush):
    assert in_rush(sched_cfg, dt.date(2026, 11, day)) is rush
    assert in_rush(dataclasses.replace(sched_cfg, deadline=None), dt.date(2026, 11, day)) is False


def test_runs_happen_at_the_configured_times(sched_cfg, clock):
    runs = []
    run_loop(dataclasses.replace(sched_cfg, deadline=None), clock, runs, 4)
    assert runs == [
        dt.datetime(2026, 11, 20, 6, 0),
        dt.datetime(2026, 11, 21, 12, 30),
        dt.datetime(2026, 11, 23, 6, 0),
        dt.datetime(2026, 11, 24, 6, 0),
    ]


def test_in_the_rush_days_runs_come_every_rush_minutes(sched_cfg, clock):
    clock.now = dt.datetime(2026, 11, 29, 5, 50)
    runs = []
    run_loop(sched_cfg, clock, runs, 6)
    assert runs == [
        dt.datetime(2026, 11, 29, 6, 5),
        dt.datetime(2026, 11, 29, 6, 20),
        dt.datetime(2026, 11, 29, 6, 35),
        dt.datetime(2026, 11, 29, 6, 50),
        dt.datetime(2026, 11, 29, 7, 5),
        dt.datetime(2026, 11, 29, 7, 20),
    ]


def test_no_rush_runs_after_the_deadline(sched_cfg, clock):
    clock.now = dt.datetime(2026, 11, 30, 23, 0)
    runs = []
    run_loop(sched_cfg, clock, runs, 4)
    assert runs == [
        dt.datetime(2026, 11, 30, 23, 15),
        dt.datetime(2026, 11, 30, 23, 30),
        dt.datetime(2026, 11, 30, 23, 45),
        dt.datetime(2026, 12, 1, 6, 0),
    ]


def test_a_failing_run_is_logged_and_the_schedule_goes_on(sched_cfg, clock, caplog):
    def fail(n):
        if n == 1:
            raise RuntimeError("the share is gone")

    runs = []
    with caplog.at_level(logging.INFO, logger="toolkit.workflows.consolidate.schedule"):
        run_loop(dataclasses.replace(sched_cfg, deadline=None), clock, runs, 2, fail=fail)
    assert len(runs) == 2
    assert any("the share is gone" in r.message and r.levelno == logging.ERROR for r in caplog.records)


def test_a_run_while_another_holds_the_lock_is_skipped_with_a_warning(sched_cfg, clock, caplog):
    def busy(n):
        raise Busy("4711")

    runs = []
    with caplog.at_level(logging.WARNING, logger="toolkit.workflows.consolidate.schedule"):
        run_loop(dataclasses.replace(sched_cfg, deadline=None), clock, runs, 2, fail=busy)
    assert sum("4711" in r.message for r in caplog.records) == 2


def test_sigterm_stops_the_schedule_after_the_current_run(tmp_path, cfg):
    marks = tmp_path / "marks.txt"
    script = textwrap.dedent(f"""
        import dataclasses, time
        from toolkit.config import load_config
        from toolkit.workflows.consolidate.schedule import serve
        cfg = dataclasses.replace(load_config({str(cfg.path)!r}), schedule_times=("daily 03:00",))
        def once():
            with open({str(marks)!r}, "a") as fh:
                fh.write("start\\n"); fh.flush(); time.sleep(1.0); fh.write("end\\n")
        serve(cfg, once, say_line=lambda line: None)
        with open({str(marks)!r}, "a") as fh:
            fh.write("stopped\\n")
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 20
        while not (marks.exists() and "start" in marks.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 0
    finally:
        proc.kill()
    assert marks.read_text().split() == ["start", "end", "stopped"]


def test_the_next_run_announced_is_one_that_really_runs(sched_cfg, clock):
    from toolkit.workflows.consolidate.schedule import next_run

    s = plan(sched_cfg, lambda: None, now=lambda: clock.now)
    assert next_run(s, sched_cfg) == dt.datetime(2026, 11, 20, 6, 0)  # not the idle rush tick at 05:15
    clock.now = dt.datetime(2026, 11, 29, 7, 1)
    s = plan(sched_cfg, lambda: None, now=lambda: clock.now)
    assert next_run(s, sched_cfg) == dt.datetime(2026, 11, 29, 7, 16)


def test_there_is_no_rush_job_once_the_deadline_has_passed(sched_cfg, clock):
    clock.now = dt.datetime(2026, 12, 2, 8, 0)
    assert [j for j in plan(sched_cfg, lambda: None, now=lambda: clock.now).jobs if "rush" in j.tags] == []


def test_schedule_without_times_is_a_clear_error(tmp_path, cfg, capsys):
    from test_consolidate_helpers import write_config

    from toolkit.cli import main

    assert main(["--config", write_config(tmp_path, cfg), "schedule"]) == 2
    assert "[schedule] times" in capsys.readouterr().err
