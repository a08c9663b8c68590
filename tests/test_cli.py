"""The command line: every command is listed with a description and documented with an example."""
import subprocess
import sys

import pytest

from toolkit.cli import build_parser, main


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub, sub.choices


def test_help_lists_every_command_with_a_one_line_description():
    sub, choices = _commands()
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert {"templates", "validate"} <= set(choices)
    for name in choices:
        assert helps.get(name), f"{name} has no description in toolkit --help"
    out = subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True, check=True).stdout
    for name in choices:
        assert name in out


@pytest.mark.parametrize("name", sorted(_commands()[1]))
def test_every_command_documents_an_example(name):
    parser = _commands()[1][name]
    assert parser.epilog and "Example: toolkit " + name in parser.epilog


def test_a_config_error_is_a_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "config.ini"
    bad.write_text("[general]\nlanguage = fr\n[municipalities]\nAarhus = 1\n", encoding="utf-8")
    assert main(["--config", str(bad), "templates"]) == 2
    err = capsys.readouterr().err
    assert "line 2" in err and "language" in err and "Traceback" not in err
