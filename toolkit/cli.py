"""The `toolkit` command: parses arguments, calls the library, turns errors into messages."""
from __future__ import annotations

import argparse
import importlib
import sys

from toolkit.errors import ToolkitError
from toolkit.safetext import printable

# Each module in toolkit.commands adds its sub-commands with add(subparsers).
COMMAND_MODULES = ["templates", "demo", "validate", "split", "consolidate", "deck", "buttons"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toolkit",
        description="Templates, validation, cost splits, consolidation and council decks for regional business development.",
        epilog="Example: toolkit templates --prefill",
    )
    parser.add_argument("--config", help="path of config.ini (default: ./config.ini, else the project's)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        importlib.import_module(f"toolkit.commands.{name}").add(sub)
    return parser


def load(args):
    from toolkit.config import default_config_path, load_config
    return load_config(args.config or default_config_path())


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    lang = "en"
    try:
        cfg = load(args)
        lang = cfg.language
        return int(args.func(args, cfg) or 0)
    except ToolkitError as exc:
        print(printable(exc.message(lang)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
