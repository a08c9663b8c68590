"""toolkit xlsm, compute, submit: the .xlsm templates with buttons, and what two buttons do, as commands."""
from __future__ import annotations

from pathlib import Path

from toolkit.i18n import t

from toolkit.safetext import echo, file_name, printable


def add(sub) -> None:
    add_xlsm(sub)
    add_compute(sub)
    add_submit(sub)


def add_xlsm(sub) -> None:
    p = sub.add_parser(
        "xlsm", help="write the templates with buttons (.xlsm) and the coordinator workbook",
        description="Write one .xlsm per kind beside the .xlsx templates: the same workbook plus buttons "
                    "(Check, Compute, Submit; Compute split for the cost split) that run the toolkit through "
                    "xlwings' standalone VBA module, and a hidden xlwings.conf sheet naming the Python to run "
                    "([xlwings] python in config.ini). Also coordinator_<lang>.xlsm with Consolidate now and "
                    "Make deck for the secretariat. See docs/deployment.md before sending them out.",
        epilog="Example: toolkit xlsm --prefill --pythonpath '\\\\server\\toolkit\\src'")
    p.add_argument("--prefill", action="store_true", help="also write a pre-filled submission .xlsm per municipality")
    p.add_argument("--out", type=Path, help="folder for the pre-filled workbooks (default: <output>/prefilled)")
    p.add_argument("--all-languages", action="store_true", help="write the templates in da, nb and en")
    p.add_argument("--pythonpath", default="",
                   help="folder(s) holding the toolkit package when it is not installed in that Python "
                        "(the xlwings.conf PYTHONPATH, ; between folders)")
    p.add_argument("--user-config", default="",
                   help="the config.ini the buttons read on the users' machines, e.g. %%APPDATA%%\\toolkit\\config.ini "
                        "(default: the toolkit's own)")
    p.set_defaults(func=run_xlsm)


def run_xlsm(args, cfg) -> int:
    from toolkit.data import samples
    from toolkit.buttons.xlsm import write_xlsm_submissions, write_xlsm_templates

    conf = {"pythonpath": args.pythonpath, "user_config": args.user_config}
    langs = ("da", "nb", "en") if args.all_languages else None
    for path in write_xlsm_templates(cfg, languages=langs, **conf):
        print(path)
    if args.prefill:
        out = args.out or cfg.output / "prefilled"
        for path in write_xlsm_submissions(cfg, out, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS, **conf):
            print(path)
    return 0


def add_compute(sub) -> None:
    p = sub.add_parser(
        "compute", help="what the Compute button shows: fulfilment, roll-ups, budgets, jobs; a cost split's amounts",
        description="Read a filled workbook and print what its Compute button writes into the workbook: "
                    "fulfilment per goal and roll-ups (contract, submission), statuses counted (report), budget, "
                    "remaining, jobs and financing per focus area (plan); for a cost split, the amounts of the "
                    "split and how each came about (the Compute split button). The file is not changed. "
                    "Texts and numbers are in the language of config.ini ([general] language), whatever the "
                    "workbook's own; toolkit --language nb compute FILE prints them in another.",
        epilog='Example: toolkit compute "output/samples/plan_sample_nb.xlsx"')
    p.add_argument("file", type=Path, metavar="FILE", help="a filled workbook (.xlsx or .xlsm)")
    p.set_defaults(func=run_compute)


def add_submit(sub) -> None:
    p = sub.add_parser(
        "submit", help="what the Submit button does: check a workbook and, without errors, copy it into the inbox",
        description="Check a filled workbook; when it has no errors copy it into the first inbox folder of "
                    "config.ini as <kind>_<municipality>_<time>.<ext> and print where it went. With errors "
                    "nothing is copied and the findings are printed. Exit status: 0 submitted, 1 refused, "
                    "2 the inbox could not be written.",
        epilog='Example: toolkit submit "Indberetning Odder 2019.xlsm"')
    p.add_argument("file", type=Path, metavar="FILE", help="a filled workbook (.xlsx or .xlsm)")
    p.set_defaults(func=run_submit)


def run_compute(args, cfg) -> int:
    from toolkit.buttons.computed import sections
    from toolkit.buttons.costsplit import split_of
    from toolkit.adapters.excel.read import read_workbook

    doc = read_workbook(args.file, max_file_mb=cfg.max_file_mb, max_uncompressed_mb=cfg.max_uncompressed_mb)
    lang = cfg.language  # one language per run, as validate: the configured one, not the workbook's
    if doc.kind == "split":
        result = split_of(doc, lang)
        parts, notes = [result.section], [result.rule]
    else:
        parts, notes = sections(doc, lang), []
    for note in notes:
        echo(note)
    for s in parts:
        print()
        echo(s.title)
        rows = [s.headers] + [[_show(v, s.formats.get(i), lang) for i, v in enumerate(r)] for r in s.rows]
        widths = [max(len(str(r[i])) if i < len(r) else 0 for r in rows) for i in range(len(s.headers))]
        for r in rows:
            echo("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
    return 0


def _show(value, kind, lang: str) -> str:
    from decimal import Decimal

    from toolkit.i18n import format_number, format_percent

    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if kind in ("percent", "share"):
            return format_percent(value, lang, 1 if kind == "percent" else 4)
        return format_number(value, lang, 2 if kind == "exact" else (0 if kind == "amount" else _decimals(value)))
    return printable(value)  # a cell's text: one line, no control characters (and its width is what shows)


def _decimals(value) -> int:
    from decimal import Decimal

    d = Decimal(str(value)).normalize()
    return max(0, min(4, -d.as_tuple().exponent))


def run_submit(args, cfg) -> int:
    from toolkit.buttons.inbox import copy_to_inbox, inbox_name
    from toolkit.workflows.validate import describe, validate_file

    lang = cfg.language
    report = validate_file(args.file, cfg)
    for f in report.findings:
        echo(describe(f, lang))
    if not report.valid:
        echo(t("commands.buttons.not_submitted", lang, file=file_name(args.file), errors=report.errors))
        return 1
    try:
        target = copy_to_inbox(args.file, cfg.inbox[0], inbox_name(report.document, args.file.stem, args.file.suffix))
    except OSError as exc:
        echo(t("commands.buttons.inbox_failed", lang, folder=cfg.inbox[0], detail=exc.strerror or exc))
        return 2
    echo(target)
    return 0
