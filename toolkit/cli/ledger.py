"""toolkit ledger copy: move a SQLite ledger into PostgreSQL (or another file), checked and safe to re-run."""

from __future__ import annotations

EXAMPLE = "toolkit ledger copy --to postgresql://toolkit@db.example.org:5432/toolkit"


def add(sub) -> None:
    p = sub.add_parser(
        "ledger",
        help="look after the ledger: copy it into PostgreSQL",
        description="Commands on the ledger itself.",
        epilog=f"Example: {EXAMPLE}",
    )
    inner = p.add_subparsers(dest="ledger_command", metavar="ACTION", title="actions", required=True)
    c = inner.add_parser(
        "copy",
        help="copy every version, finding, run and event into another ledger",
        description="Copy the SQLite ledger ([paths] ledger in config.ini, or --from) into the "
        "database at --to (made when new), then compare the counts and SHA-256 of "
        "every table. Safe to re-run: rows already there are skipped. No consolidation "
        "may run meanwhile (both run locks are held). The archive folder is not "
        "copied: keep it where it is and point [paths] archive at it. Afterwards set "
        "[ledger] url to the new ledger.",
        epilog=f"Example: {EXAMPLE}",
    )
    c.add_argument("--to", required=True, metavar="URL", help="postgresql://user@host:5432/database (or a path)")
    c.add_argument("--from", dest="source", metavar="PATH", help="the ledger to copy (default: [paths] ledger)")
    c.set_defaults(func=copy)


def copy(args, cfg) -> int:
    from pathlib import Path

    from toolkit.adapters.store import ledgercopy
    from toolkit.i18n import t
    from toolkit.workflows.consolidate.locks import lock_path

    source = Path(args.source) if args.source else cfg.ledger
    lock = lock_path(cfg) if source == cfg.ledger else source.with_name(source.name + ".lock")
    for done in ledgercopy.copy(source, args.to, source_lock=lock):
        print(
            t(
                "ledger.copy.done",
                cfg.language,
                table=done.table,
                source=done.source,
                copied=done.copied,
                skipped=done.skipped,
                digest=done.digest[:16],
            )
        )
    return 0
