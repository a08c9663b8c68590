"""The command line: every command is listed with a description and documented with an example."""

import dataclasses
import subprocess
import sys
from pathlib import Path

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


def _split_workbook(tmp_path):
    from test_buttons import split

    from toolkit.config import load_config

    cfg = load_config(Path(__file__).resolve().parent.parent / "config.ini")
    return split(tmp_path, dataclasses.replace(cfg, templates=tmp_path / "templates"))


def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    """`toolkit compute FILE | head`: the reader leaves early, the command stops without a traceback."""
    book = _split_workbook(tmp_path)
    with subprocess.Popen(
        [sys.executable, "-m", "toolkit", "compute", str(book)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        proc.stdout.close()  # like `head -0`: the pipe has no reader before the first line is written
        err = proc.stderr.read().decode()
        proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err and err == ""
    assert proc.returncode == 141


def test_compute_piped_into_head_prints_one_line_and_no_traceback(tmp_path):
    book = _split_workbook(tmp_path)
    done = subprocess.run(
        f'"{sys.executable}" -m toolkit compute "{book}" | head -1',
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.count("\n") == 1 and "multiplum af 12;" in done.stdout
    assert "Traceback" not in done.stderr and "Broken" not in done.stderr


def test_language_option_overrides_the_config_for_one_run(tmp_path, capsys):
    book = _split_workbook(tmp_path)
    assert main(["--language", "en", "compute", str(book)]) == 0
    out = capsys.readouterr().out
    assert "multiple of 12;" in out and "I alt" not in out and "Total" in out
