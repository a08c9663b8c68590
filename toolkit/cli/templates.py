"""toolkit templates: write the blank templates and, with --prefill, one workbook per municipality."""

from __future__ import annotations

from pathlib import Path


def add(sub) -> None:
    p = sub.add_parser(
        "templates",
        help="write the blank templates (and pre-filled submissions)",
        description="Write one blank template per kind into the templates folder of config.ini, "
        "as .xlsx and as .xlsm with buttons, and the coordinator workbook. "
        "With --prefill also one submission workbook per municipality.",
        epilog="Example: toolkit templates --prefill --out output/prefilled",
    )
    p.add_argument("--prefill", action="store_true", help="also write a pre-filled submission per municipality")
    p.add_argument("--out", type=Path, help="folder for the pre-filled workbooks (default: <output>/prefilled)")
    p.add_argument("--all-languages", action="store_true", help="write the blank templates in da, nb and en")
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    from toolkit.buttons.xlsm import write_all_templates
    from toolkit.data import samples
    from toolkit.workflows.templates import write_submissions

    langs = ("da", "nb", "en") if args.all_languages else None
    for path in write_all_templates(cfg, languages=langs):
        print(path)
    if args.prefill:
        out = args.out or cfg.output / "prefilled"
        for path in write_submissions(cfg, out, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS):
            print(path)
    return 0
