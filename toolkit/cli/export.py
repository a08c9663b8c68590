"""toolkit export: the ledger as tidy tables (CSV files or one .xlsx) for a notebook, Power BI or Power Query."""

from __future__ import annotations

from pathlib import Path


def add(sub) -> None:
    p = sub.add_parser(
        "export",
        help="the ledger as long tables for analysis (CSV or .xlsx)",
        description="Write the ledger's figures as long tables, one row per municipality, goal and "
        "year (goals, region_goals, report, budgets, jobs, job_periods, split, "
        "submissions, versions, findings), for every year the ledger's files name. "
        "CSV: one file per table, UTF-8 with BOM; with language da or nb ';' between "
        "fields and a decimal comma (what Danish and Norwegian Excel and Power Query "
        "read), with en ',' and a decimal point. xlsx: one sheet and Excel table per "
        "table.",
        epilog="Example: toolkit export --format xlsx --out output/analysis.xlsx",
    )
    p.add_argument("--format", choices=("csv", "xlsx"), default="xlsx", help="csv or xlsx (default: xlsx)")
    p.add_argument(
        "--out",
        type=Path,
        metavar="DIR_OR_FILE",
        help="csv: a folder (default: <output>/export); xlsx: a .xlsx file or a folder for export.xlsx "
        "(default: <output>)",
    )
    p.add_argument(
        "--year",
        type=int,
        action="append",
        metavar="YEAR",
        help="only this year (repeat for several; default: every year the ledger's files name)",
    )
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    from toolkit.workflows.export import export

    for written in export(cfg, args.format, args.out, years=args.year):
        print(written.path)
    return 0
