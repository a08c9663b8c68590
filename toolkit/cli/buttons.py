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
        "xlsm",
        help="write the templates with buttons (.xlsm) and the coordinator workbook",
        description="Write one .xlsm per kind beside the .xlsx templates: the same workbook plus buttons "
        "(Check, Compute, Submit; Compute split for the cost split) that run the toolkit through "
        "xlwings' standalone VBA module, and a hidden xlwings.conf sheet naming the Python to run "
        "([xlwings] python in config.ini). Also coordinator_<lang>.xlsm with Consolidate now and "
        "Make deck for the secretariat. See docs/deployment.md before sending them out.",
        epilog="Example: toolkit xlsm --prefill --pythonpath '\\\\server\\toolkit\\src'\n"
        "         toolkit xlsm --server https://toolkit.region.dk --prefill --tokens tokens.json",
    )
    p.add_argument("--prefill", action="store_true", help="also write a pre-filled submission .xlsm per municipality")
    p.add_argument("--out", type=Path, help="folder for the pre-filled workbooks (default: <output>/prefilled)")
    p.add_argument("--all-languages", action="store_true", help="write the templates in da, nb and en")
    p.add_argument(
        "--pythonpath",
        default="",
        help="folder(s) holding the toolkit package when it is not installed in that Python "
        "(the xlwings.conf PYTHONPATH, ; between folders)",
    )
    p.add_argument(
        "--user-config",
        default="",
        help="the config.ini the buttons read on the users' machines, e.g. %%APPDATA%%\\toolkit\\config.ini "
        "(default: the toolkit's own)",
    )
    p.add_argument(
        "--server",
        default="",
        metavar="URL",
        help="buttons for PCs without Python: Check and Compute call the toolkit service at URL "
        "(https), Submit sends the file there; written to --out (default: <output>/server), "
        "no coordinator workbook",
    )
    p.add_argument(
        "--tokens",
        type=Path,
        metavar="FILE",
        help="with --server --prefill: JSON {municipality: token}, one per municipality; each "
        "pre-filled workbook carries its municipality's token",
    )
    p.set_defaults(func=run_xlsm)


def run_xlsm(args, cfg) -> int:
    from toolkit.buttons.xlsm import write_xlsm_submissions, write_xlsm_templates
    from toolkit.data import samples

    conf = {"pythonpath": args.pythonpath, "user_config": args.user_config}
    langs = ("da", "nb", "en") if args.all_languages else None
    if args.server:
        return _run_server_xlsm(args, cfg, langs)
    for path in write_xlsm_templates(cfg, languages=langs, **conf):
        print(path)
    if args.prefill:
        out = args.out or cfg.output / "prefilled"
        for path in write_xlsm_submissions(cfg, out, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS, **conf):
            print(path)
    return 0


def _run_server_xlsm(args, cfg, langs) -> int:
    from toolkit.buttons.xlsm import server_url, write_xlsm_submissions, write_xlsm_templates
    from toolkit.data import samples

    lang = cfg.language
    server = server_url(args.server)
    tokens = None
    if args.prefill:
        if args.tokens is None:
            print(t("commands.buttons.tokens_needed", lang))
            return 2
        tokens = _read_tokens(args.tokens, cfg, lang)
        if tokens is None:
            return 2
    out = args.out or cfg.output / "server"
    for path in write_xlsm_templates(cfg, out, languages=langs, server=server):
        print(path)
    if tokens is not None:
        for path in write_xlsm_submissions(
            cfg, out, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS, server=server, tokens=tokens
        ):
            print(path)
    return 0


def _read_tokens(path: Path, cfg, lang: str) -> dict[str, str] | None:
    """{municipality: token} from a JSON file, one for each municipality of the settings; None after saying why not."""
    import json

    try:
        tokens = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(t("commands.buttons.tokens_file", lang, file=path, detail=getattr(exc, "strerror", None) or exc))
        return None
    detail = None
    if not isinstance(tokens, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in tokens.items()):
        detail = t("commands.buttons.tokens_not_json", lang)
    elif missing := [m for m in cfg.municipalities if m not in tokens]:
        detail = t("commands.buttons.tokens_missing", lang, names=", ".join(missing))
    elif unknown := [m for m in tokens if m not in cfg.municipalities]:
        detail = t("commands.buttons.tokens_unknown", lang, names=", ".join(unknown))
    if detail:
        print(t("commands.buttons.tokens_file", lang, file=path, detail=detail))
        return None
    return tokens


def add_compute(sub) -> None:
    p = sub.add_parser(
        "compute",
        help="what the Compute button shows: fulfilment, roll-ups, budgets, jobs; a cost split's amounts",
        description="Read a filled workbook and print what its Compute button writes into the workbook: "
        "fulfilment per goal and roll-ups (contract, submission), statuses counted (report), budget, "
        "remaining, jobs and financing per focus area (plan); for a cost split, the amounts of the "
        "split and how each came about (the Compute split button). The file is not changed. "
        "Texts and numbers are in the language of config.ini ([general] language), whatever the "
        "workbook's own; toolkit --language nb compute FILE prints them in another.",
        epilog='Example: toolkit compute "output/samples/plan_sample_nb.xlsx"',
    )
    p.add_argument("file", type=Path, metavar="FILE", help="a filled workbook (.xlsx or .xlsm)")
    p.set_defaults(func=run_compute)


def add_submit(sub) -> None:
    p = sub.add_parser(
        "submit",
        help="what the Submit button does: check a workbook and, without errors, copy it into the inbox",
        description="Check a filled workbook; when it has no errors copy it into the first inbox folder of "
        "config.ini as <kind>_<municipality>_<time>.<ext> and print where it went. With errors "
        "nothing is copied and the findings are printed. Exit status: 0 submitted, 1 refused, "
        "2 the inbox could not be written.",
        epilog='Example: toolkit submit "Indberetning Odder 2019.xlsm"',
    )
    p.add_argument("file", type=Path, metavar="FILE", help="a filled workbook (.xlsx or .xlsm)")
    p.set_defaults(func=run_submit)


def run_compute(args, cfg) -> int:
    from toolkit.adapters.excel.read import read_workbook
    from toolkit.buttons.computed import sections
    from toolkit.buttons.costsplit import split_of

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

    from toolkit.core.numbers import decimal_places

    return min(4, decimal_places(Decimal(str(value))))


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
