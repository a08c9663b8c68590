"""Consolidate at the configured times, and every few minutes in the last days before the deadline."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
from collections.abc import Callable

import schedule as schedule_lib

from toolkit.adapters.store.lock import Busy
from toolkit.config import Config
from toolkit.safetext import printable
from toolkit.workflows.consolidate.messages import say

log = logging.getLogger("toolkit.workflows.consolidate.schedule")

_DAYS = {
    "mon": "monday",
    "tue": "tuesday",
    "wed": "wednesday",
    "thu": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


def in_rush(cfg: Config, today: dt.date) -> bool:
    """True in the ``schedule_rush_days`` days before the deadline, the deadline day included."""
    if cfg.deadline is None or cfg.schedule_rush_days <= 0 or cfg.schedule_rush_minutes <= 0:
        return False
    return cfg.deadline - dt.timedelta(days=cfg.schedule_rush_days) <= today <= cfg.deadline


def plan(
    cfg: Config, job: Callable[[], None], now: Callable[[], dt.datetime] = dt.datetime.now
) -> schedule_lib.Scheduler:
    """A scheduler with one job per configured time ("weekdays 06:00" is five) and the rush job.

    The rush job fires every ``schedule_rush_minutes`` but only runs ``job``
    on rush days, so the plan needs no rebuilding as the deadline comes near.
    """
    s = schedule_lib.Scheduler()
    for spec in cfg.schedule_times:
        day, at = spec.split()
        days = _WEEKDAYS if day == "weekdays" else ("day",) if day == "daily" else (_DAYS[day],)
        for name in days:
            getattr(s.every(), name).at(at).do(job).tag("times")
    if (
        cfg.deadline is not None
        and cfg.schedule_rush_minutes > 0
        and cfg.schedule_rush_days > 0
        and now().date() <= cfg.deadline
    ):
        s.every(cfg.schedule_rush_minutes).minutes.do(lambda: job() if in_rush(cfg, now().date()) else None).tag("rush")
    return s


def next_run(s: schedule_lib.Scheduler, cfg: Config) -> dt.datetime | None:
    """When the next consolidation really happens (a rush tick outside the rush days does nothing)."""
    times = [j.next_run for j in s.jobs if "times" in j.tags and j.next_run is not None]
    rush = [
        j.next_run for j in s.jobs if "rush" in j.tags and j.next_run is not None and in_rush(cfg, j.next_run.date())
    ]
    return min(times + rush, default=None)


def guarded(run_once: Callable[[], object], lang: str) -> Callable[[], None]:
    """``run_once`` wrapped so that a busy lock or a failing run is logged and the schedule goes on."""

    def job() -> None:
        try:
            run_once()
        except Busy as exc:
            log.warning(say("schedule.busy", lang, pid=exc.pid))
        except Exception as exc:
            log.error(say("schedule.failed", lang, detail=printable(f"{type(exc).__name__}: {exc}")), exc_info=True)

    return job


def loop(
    cfg: Config,
    run_once: Callable[[], object],
    *,
    stop: threading.Event | None = None,
    sleep: Callable[[float], None] | None = None,
    now: Callable[[], dt.datetime] = dt.datetime.now,
    until: Callable[[], bool] = lambda: False,
    max_wait: float = 60.0,
    run_now: bool = False,
) -> None:
    """Run ``run_once`` on the plan until ``stop`` is set (or ``until()`` is true).

    ``run_now`` runs once at the start too. Between runs it waits in steps of
    at most ``max_wait`` seconds with ``sleep`` (default: waiting on ``stop``,
    so a signal ends the wait at once). A run in progress is never
    interrupted: ``stop`` is looked at between runs.
    """
    stop = stop or threading.Event()
    wait = sleep or stop.wait
    job = guarded(run_once, cfg.language)
    s = plan(cfg, job, now)
    if run_now:
        job()
    announced = None
    while not stop.is_set() and not until():
        s.run_pending()
        if stop.is_set() or until():
            break
        upcoming = next_run(s, cfg)
        if upcoming is not None and upcoming != announced:
            announced = upcoming
            log.info(say("schedule.next", cfg.language, when=announced.strftime("%Y-%m-%d %H:%M")))
        idle = s.idle_seconds
        wait(max(0.0, min(max_wait, idle if idle is not None else max_wait)))
    log.info(say("schedule.stopped", cfg.language))


def serve(
    cfg: Config, run_once: Callable[[], object], say_line: Callable[[str], None] = print, run_now: bool = True
) -> None:
    """``loop`` with SIGINT and SIGTERM ending it cleanly after the current run; runs once at the start."""
    stop = threading.Event()

    def on_signal(signum, frame) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        say_line(
            say(
                "schedule.start",
                cfg.language,
                times=", ".join(cfg.schedule_times) or "–",
                minutes=cfg.schedule_rush_minutes,
                days=cfg.schedule_rush_days,
                deadline=cfg.deadline.isoformat() if cfg.deadline else "–",
            )
        )
        loop(cfg, run_once, stop=stop, run_now=run_now)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
