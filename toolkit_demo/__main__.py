"""python -m toolkit_demo: the main job end to end on sample data (what `make demo` runs)."""

from __future__ import annotations

import argparse
import sys

from toolkit.config import default_config_path, load_config
from toolkit.errors import ToolkitError
from toolkit_demo.demo import run_demo


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m toolkit_demo",
        description="Build the templates, pre-fill and fill one submission per municipality "
        "(some with mistakes, some missing), put them in the inbox, consolidate and make the deck.",
        epilog="Example: python -m toolkit_demo",
    )
    parser.add_argument("--config", help="path of config.ini (default: ./config.ini, else the project's)")
    args = parser.parse_args(argv)
    lang = "en"
    try:
        cfg = load_config(args.config or default_config_path())
        lang = cfg.language
        run_demo(cfg)
    except ToolkitError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
