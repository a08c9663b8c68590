"""toolkit deck: the slide deck for the council meeting."""

from __future__ import annotations

from pathlib import Path


def add(sub) -> None:
    p = sub.add_parser(
        "deck",
        help="make the council-meeting slide deck from the consolidated figures",
        description="Build the deck (title, agenda, submissions, fulfilment, one slide per goal, "
        "cost split, budgets and jobs, an appendix per municipality) with native, "
        "editable charts, from the ledger or from a consolidated workbook.",
        epilog='Example: toolkit deck --meeting "KKR Midtjylland 14. marts 2020" --date 2020-03-14',
    )
    p.add_argument(
        "--from", dest="source", type=Path, metavar="FILE", help="a consolidated workbook (default: the ledger)"
    )
    p.add_argument("--meeting", default="", help="the meeting, shown on the title slide")
    p.add_argument("--date", default=None, help="the meeting date, e.g. 2020-03-14")
    p.add_argument("--out", type=Path, help="where to write the .pptx (default: <output>/deck_<year>.pptx)")
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    from toolkit.core.numbers import NotADate, parse_date
    from toolkit.errors import ToolkitError
    from toolkit.workflows.deck import make_deck

    try:
        when = parse_date(args.date) if args.date else None
    except NotADate:
        raise ToolkitError("deck.bad_date", value=args.date) from None
    print(make_deck(cfg, source=args.source, meeting=args.meeting, meeting_date=when, path=args.out))
    return 0
