"""toolkit demo: run the main job end to end on sample data."""
from __future__ import annotations


def add(sub) -> None:
    p = sub.add_parser("demo", help="run everything end to end on sample data",
                       description="Build the templates, pre-fill and fill one submission per municipality "
                                   "(some with mistakes, some missing) and put them in the inbox.",
                       epilog="Example: toolkit demo")
    p.set_defaults(func=run)


def run(args, cfg) -> int:
    from toolkit.demo import run_demo

    run_demo(cfg)
    return 0
