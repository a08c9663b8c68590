"""toolkit split: compute a cost-split workbook into a copy beside it."""

from __future__ import annotations

from pathlib import Path


def add(sub) -> None:
    p = sub.add_parser(
        "split",
        help="compute a cost-split workbook's amounts into a copy beside it",
        description="Allocate the workbook's total over its key values by the largest-remainder "
        "method, in whole rounding units per period, and write the amounts into "
        "NAME.split.xlsx beside the workbook. The workbook itself is not changed.",
        epilog='Example: toolkit split "output/samples/split_sample_da.xlsx"',
    )
    p.add_argument("file", type=Path, metavar="WORKBOOK")
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    from toolkit.cli.printouts import split_text
    from toolkit.i18n import format_date
    from toolkit.workflows.costsplit import compute_split_workbook

    result = compute_split_workbook(args.file)
    for line in split_text(
        result.explained,
        result.total,
        cfg.language,
        unit=result.unit,
        periods=result.periods,
        key_date=format_date(result.key_date, cfg.language),
    ):
        print(line)
    print(result.copy)
    return 0
