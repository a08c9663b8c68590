"""toolkit consolidate, history, reminders and schedule: the inbox into the ledger and one workbook."""

from __future__ import annotations

from pathlib import Path

from toolkit.safetext import echo


def add(sub) -> None:
    p = sub.add_parser(
        "consolidate",
        help="read new submissions into the ledger and write the consolidated workbook",
        description="Scan the inbox folder(s) of config.ini, record every new file in the ledger "
        "(archived by SHA-256, validated), and write <output>/consolidated_<year>.xlsx "
        "from the latest valid version per municipality.",
        epilog="Example: toolkit consolidate",
    )
    p.add_argument(
        "--settle",
        type=float,
        metavar="SECONDS",
        help="how long a file's size and time must stay unchanged before it is read (default: config)",
    )
    p.add_argument("--processes", type=int, metavar="N", help="worker processes (default: one per CPU; 0: none)")
    p.add_argument("--rehash", action="store_true", help="read every file again instead of trusting size and time")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=consolidate)

    p = sub.add_parser(
        "history",
        help="every version a municipality has sent",
        description="List the versions of a municipality's submissions in the ledger, oldest "
        "first, with their findings; the consolidated one is marked.",
        epilog="Example: toolkit history Horsens",
    )
    p.add_argument("municipality")
    p.add_argument("--findings", action="store_true", help="also list each version's findings")
    p.set_defaults(func=history)

    p = sub.add_parser(
        "reminders",
        help="remind municipalities without a valid submission: a CSV, or e-mails",
        description="Write a CSV (UTF-8 with BOM, semicolon-separated, for Danish Excel) of the "
        "municipalities without a valid submission by the deadline, with their "
        "contact e-mail. With --send, e-mail each of them instead, through the "
        "[smtp] server of config.ini, to its address in [contacts], and record what "
        "was sent in the ledger; one reminded less than [smtp] interval_days ago is "
        "not sent again unless --force. Exit 1 when one was not sent.",
        epilog="Example: toolkit reminders --out output/reminders.csv; "
        "toolkit reminders --send --dry-run; toolkit reminders --sent",
    )
    p.add_argument("--out", type=Path, help="where to write the CSV (default: <output>/reminders.csv)")
    p.add_argument("--send", action="store_true", help="e-mail the reminders through [smtp] instead of a CSV")
    p.add_argument("--dry-run", action="store_true", help="with --send: print the e-mails; send and record nothing")
    p.add_argument("--force", action="store_true", help="with --send: also those reminded recently")
    p.add_argument("--sent", action="store_true", help="list the reminders sent so far (from the ledger)")
    p.set_defaults(func=reminders)

    p = sub.add_parser(
        "schedule",
        help="consolidate at the configured times until stopped",
        description="Run `toolkit consolidate` at [schedule] times and every rush_minutes in the "
        "rush_days before the deadline. One run at a time; a failed run is logged and "
        "the schedule goes on; Ctrl+C or SIGTERM stops after the current run. "
        "See docs/scheduling.md for cron and Windows Task Scheduler instead.",
        epilog="Example: toolkit schedule",
    )
    p.set_defaults(func=schedule)


def consolidate(args, cfg) -> int:
    from toolkit.workflows.consolidate import run

    summary = run(
        cfg,
        settle_seconds=args.settle,
        processes=args.processes,
        rehash=args.rehash,
        progress=False if args.no_progress else None,
    )
    for line in summary.lines(cfg.language):
        echo(line)
    return 0


def history(args, cfg) -> int:
    from toolkit.adapters.consolidated.labels import label
    from toolkit.errors import ToolkitError
    from toolkit.findings_table import severity_label
    from toolkit.spec.labels import kind_title
    from toolkit.workflows.consolidate import history as versions
    from toolkit.workflows.consolidate.messages import say

    lang = cfg.language
    names = {n.casefold(): n for n in cfg.municipalities}
    name = names.get(args.municipality.casefold())
    if name is None:
        raise ToolkitError(
            "consolidate.history.unknown_municipality", name=args.municipality, known=", ".join(cfg.municipalities)
        )
    found = versions(cfg, name)
    if not found:
        echo(say("history.none", lang, name=name))
        return 0
    for v in found:
        e = v.entry
        echo(
            say(
                "history.line",
                lang,
                n=v.n,
                received=e.received_at.strftime("%Y-%m-%d %H:%M"),
                file=e.file_name,
                kind=kind_title(e.kind, lang) or "?",
                version=e.template_version or "",
                state=label(f"state.{e.state}", lang),
                errors=e.errors,
                warnings=e.warnings,
                current=say("history.current", lang) if v.current else "",
            )
        )
        if args.findings:
            for severity, sheet, cell, _field, _value, _rule, message in v.findings:
                where = "!".join(x for x in (sheet, cell) if x)
                echo(f"      {severity_label(severity, lang)} {where}: {message}")
    return 0


def reminders(args, cfg) -> int:
    from toolkit.errors import ToolkitError
    from toolkit.workflows.consolidate import write_reminders
    from toolkit.workflows.consolidate.messages import say

    if ((args.dry_run or args.force) and not args.send) or sum((args.send, args.sent, args.out is not None)) > 1:
        raise ToolkitError("consolidate.mail.usage")
    if args.sent:
        return _reminders_sent(cfg)
    if args.send:
        return _reminders_send(args, cfg)
    path, items = write_reminders(cfg, args.out)
    if cfg.deadline is None:
        print(say("reminders.no_deadline", cfg.language))
    print(
        say("reminders.written", cfg.language, count=len(items), path=path)
        if items
        else say("reminders.none", cfg.language)
    )
    return 0


def _reminders_send(args, cfg) -> int:
    import datetime as dt

    from toolkit.workflows.consolidate.messages import say
    from toolkit.workflows.consolidate.reminders_mail import send_reminders

    lang = cfg.language
    outcomes = send_reminders(
        cfg, now=dt.datetime.now().astimezone().replace(microsecond=0), dry_run=args.dry_run, force=args.force
    )
    for o in outcomes:
        if args.dry_run and o.message is not None:  # as a reader sees it, not as it travels (quoted-printable)
            m = o.message
            print("\n".join(f"{h}: {m[h]}" for h in ("From", "To", "Reply-To", "Subject") if m[h]))
            print("\n" + m.get_content())
        print(o.line(lang, days=cfg.smtp_interval_days))
    count = {k: sum(1 for o in outcomes if o.outcome == k) for k in ("sent", "recent", "would_send")}
    not_sent = len(outcomes) - sum(count.values())
    if args.dry_run:
        print(say("mail.dry_summary", lang, count=count["would_send"]))
    else:
        print(say("mail.summary", lang, sent=count["sent"], not_sent=not_sent, recent=count["recent"]))
    return 1 if not_sent else 0


def _reminders_sent(cfg) -> int:
    from toolkit.adapters.store.ledger import open_readonly
    from toolkit.adapters.store.reminders_sent import sent
    from toolkit.workflows.consolidate.messages import say

    lang = cfg.language
    ledger = open_readonly(cfg.ledger_target)
    try:
        items = sent(ledger)
    finally:
        if ledger is not None:
            ledger.close()
    if not items:
        print(say("mail.log_none", lang))
    for s in items:
        print(
            say(
                "mail.log_line",
                lang,
                when=s.sent_at.strftime("%Y-%m-%d %H:%M"),
                municipality=s.municipality,
                address=s.address,
                outcome=say(f"mail.outcome.{s.outcome}", lang),
                message_id=s.message_id,
                detail=f"  {s.detail}" if s.detail else "",
            )
        )
    return 0


def schedule(args, cfg) -> int:
    import logging

    from toolkit.config import load_config
    from toolkit.errors import ToolkitError
    from toolkit.workflows.consolidate import run
    from toolkit.workflows.consolidate.schedule import serve

    if not cfg.schedule_times:
        raise ToolkitError("consolidate.schedule.no_times")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    log = logging.getLogger("toolkit.workflows.consolidate.schedule")

    def once() -> None:
        fresh = load_config(cfg.path)  # settings edited while the schedule runs apply to the next run
        for line in run(fresh, progress=False).lines(fresh.language):
            log.info(line)

    serve(cfg, once)
    return 0
