"""The `toolkit` command: parses arguments, calls the library, turns errors into messages."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import os
import sys

from toolkit.errors import ToolkitError
from toolkit.safetext import printable

# Each module in toolkit.cli adds its sub-commands with add(subparsers).
COMMAND_MODULES = [
    "templates",
    "validate",
    "split",
    "consolidate",
    "deck",
    "export",
    "buttons",
    "serve",
    "tokens",
    "ledger",
]
# Exit status after the reader of our output went away (`toolkit compute FILE | head`): 128 + SIGPIPE, as Unix tools.
EXIT_PIPE_CLOSED = 141


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toolkit",
        description="Templates, validation, cost splits, consolidation and council decks for regional business development.",
        epilog="Example: toolkit templates --prefill",
    )
    parser.add_argument("--config", help="path of config.ini (default: ./config.ini, else the project's)")
    parser.add_argument(
        "--language",
        choices=("da", "nb", "en"),
        help="language of this run's messages, workbooks and decks (default: [general] language in config.ini)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMAND_MODULES:
        importlib.import_module(f"toolkit.cli.{name}").add(sub)
    return parser


def load(args):
    from toolkit.config import default_config_path, load_config

    cfg = load_config(args.config or default_config_path())
    language = getattr(args, "language", None)
    return dataclasses.replace(cfg, language=language) if language else cfg


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    lang = args.language or "en"
    try:
        cfg = load(args)
        lang = cfg.language
        status = int(args.func(args, cfg) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler, not at interpreter exit
        return status
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE_CLOSED
    except ToolkitError as exc:
        print(printable(exc.message(lang)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _quiet_stdout() -> None:
    """Point stdout at the null device so Python's final flush of what is still buffered does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout replaced by an object without a descriptor (tests)
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
