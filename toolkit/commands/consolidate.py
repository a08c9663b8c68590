"""toolkit consolidate, history, reminders and schedule: the inbox into the ledger and one workbook."""
from __future__ import annotations

from pathlib import Path


def add(sub) -> None:
    p = sub.add_parser("consolidate", help="read new submissions into the ledger and write the consolidated workbook",
                       description="Scan the inbox folder(s) of config.ini, record every new file in the ledger "
                                   "(archived by SHA-256, validated), and write <output>/consolidated_<year>.xlsx "
                                   "from the latest valid version per municipality.",
                       epilog="Example: toolkit consolidate")
    p.add_argument("--settle", type=float, metavar="SECONDS",
                   help="how long a file's size and time must stay unchanged before it is read (default: config)")
    p.add_argument("--processes", type=int, metavar="N", help="worker processes (default: one per CPU; 0: none)")
    p.add_argument("--rehash", action="store_true", help="read every file again instead of trusting size and time")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=consolidate)

    p = sub.add_parser("history", help="every version a municipality has sent",
                       description="List the versions of a municipality's submissions in the ledger, oldest "
                                   "first, with their findings; the consolidated one is marked.",
                       epilog='Example: toolkit history Horsens')
    p.add_argument("municipality")
    p.add_argument("--findings", action="store_true", help="also list each version's findings")
    p.set_defaults(func=history)

    p = sub.add_parser("reminders", help="CSV of municipalities without a valid submission, for a mail merge",
                       description="Write a CSV (UTF-8 with BOM, semicolon-separated, for Danish Excel) of the "
                                   "municipalities without a valid submission by the deadline, with their "
                                   "contact e-mail.",
                       epilog="Example: toolkit reminders --out output/reminders.csv")
    p.add_argument("--out", type=Path, help="where to write the CSV (default: <output>/reminders.csv)")
    p.set_defaults(func=reminders)

    p = sub.add_parser("schedule", help="consolidate at the configured times until stopped",
                       description="Run `toolkit consolidate` at [schedule] times and every rush_minutes in the "
                                   "rush_days before the deadline. One run at a time; a failed run is logged and "
                                   "the schedule goes on; Ctrl+C or SIGTERM stops after the current run. "
                                   "See docs/scheduling.md for cron and Windows Task Scheduler instead.",
                       epilog="Example: toolkit schedule")
    p.set_defaults(func=schedule)


def consolidate(args, cfg) -> int:
    from toolkit.consolidate import run

    summary = run(cfg, settle_seconds=args.settle, processes=args.processes, rehash=args.rehash,
                  progress=False if args.no_progress else None)
    for line in summary.lines(cfg.language):
        print(line)
    return 0


def history(args, cfg) -> int:
    from toolkit.consolidate import history as versions
    from toolkit.consolidate.labels import label
    from toolkit.consolidate.messages import say
    from toolkit.errors import ToolkitError
    from toolkit.findings_table import severity_label
    from toolkit.spec.labels import kind_title

    lang = cfg.language
    names = {n.casefold(): n for n in cfg.municipalities}
    name = names.get(args.municipality.casefold())
    if name is None:
        raise ToolkitError("consolidate.history.unknown_municipality", name=args.municipality,
                           known=", ".join(cfg.municipalities))
    found = versions(cfg, name)
    if not found:
        print(say("history.none", lang, name=name))
        return 0
    for v in found:
        e = v.entry
        print(say("history.line", lang, n=v.n, received=e.received_at.strftime("%Y-%m-%d %H:%M"), file=e.file_name,
                  kind=kind_title(e.kind, lang) or "?", version=e.template_version or "", state=label(f"state.{e.state}", lang),
                  errors=e.errors, warnings=e.warnings, current=say("history.current", lang) if v.current else ""))
        if args.findings:
            for severity, sheet, cell, _field, _value, _rule, message in v.findings:
                where = "!".join(x for x in (sheet, cell) if x)
                print(f"      {severity_label(severity, lang)} {where}: {message}")
    return 0


def reminders(args, cfg) -> int:
    from toolkit.consolidate import write_reminders
    from toolkit.consolidate.messages import say

    path, items = write_reminders(cfg, args.out)
    if cfg.deadline is None:
        print(say("reminders.no_deadline", cfg.language))
    print(say("reminders.written", cfg.language, count=len(items), path=path) if items
          else say("reminders.none", cfg.language))
    return 0


def schedule(args, cfg) -> int:
    import logging

    from toolkit.config import load_config
    from toolkit.consolidate import run
    from toolkit.consolidate.schedule import serve

    from toolkit.errors import ToolkitError
    from toolkit.findings_table import severity_label
    from toolkit.spec.labels import kind_title

    if not cfg.schedule_times:
        raise ToolkitError("consolidate.schedule.no_times")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    log = logging.getLogger("toolkit.consolidate.schedule")

    def once() -> None:
        fresh = load_config(cfg.path)  # settings edited while the schedule runs apply to the next run
        for line in run(fresh, progress=False).lines(fresh.language):
            log.info(line)

    serve(cfg, once)
    return 0
