"""Every button is also a command: toolkit compute (Compute, Compute split) and toolkit submit (Submit)."""

from __future__ import annotations

import argparse
import dataclasses
import re

from test_buttons import cfg, plan, split, submission  # noqa: F401  cfg is a fixture

from toolkit.cli import buttons


def toolkit(*argv):
    parser = argparse.ArgumentParser(prog="toolkit")
    buttons.add(parser.add_subparsers())
    args = parser.parse_args([str(a) for a in argv])
    return args.func, args


def test_compute_prints_the_split_the_button_writes(tmp_path, cfg, capsys):  # noqa: F811
    func, args = toolkit("compute", split(tmp_path, cfg))
    assert func(args, cfg) == 0
    out = capsys.readouterr().out
    assert re.search(r"^Aarhus .* 9\.528$", out, re.M) and re.search(r"^I alt .* 36\.792$", out, re.M)


def test_compute_prints_remaining_budget_per_area(tmp_path, cfg, capsys):  # noqa: F811
    func, args = toolkit("compute", plan(tmp_path, cfg))
    assert func(args, dataclasses.replace(cfg, language="nb")) == 0
    assert re.search(
        r"^5 +Attraktivitet for næringslivet +750\xa0000 +650\xa0000 +100\xa0000", capsys.readouterr().out, re.M
    )


def test_compute_speaks_the_configured_language_not_the_workbooks(tmp_path, cfg, capsys):  # noqa: F811
    """A Norwegian plan computed with a Danish config: headings, numbers and the share warning all in Danish."""
    func, args = toolkit("compute", plan(tmp_path, cfg))
    assert cfg.language == "da" and func(args, cfg) == 0
    out = capsys.readouterr().out
    assert "Budget pr. indsatsområde" in out and "Budsjett" not in out
    assert re.search(r"^5 +Attraktivitet for næringslivet +750\.000 +650\.000 +100\.000", out, re.M)
    assert "beløbet 4.000.000, som er 77,4 % af 5.170.000" in out


def test_submit_copies_a_correct_workbook_and_refuses_one_with_errors(tmp_path, cfg, capsys):  # noqa: F811
    func, args = toolkit("submit", submission(tmp_path, cfg, "Horsens"))
    assert func(args, cfg) == 0
    (copied,) = cfg.inbox[0].iterdir()
    assert copied.name.startswith("submission_Horsens_") and str(copied) in capsys.readouterr().out
    func, args = toolkit("submit", submission(tmp_path, cfg, "Odder"))
    assert func(args, cfg) == 1
    out = capsys.readouterr().out
    assert len(list(cfg.inbox[0].iterdir())) == 1 and "1 fejl; ikke indsendt" in out
    assert "Fejl " in out and "error" not in out  # the findings' severity in the run's language too


def test_every_command_has_an_example():
    parser = argparse.ArgumentParser(prog="toolkit")
    sub = parser.add_subparsers()
    buttons.add(sub)
    for name, p in sub.choices.items():
        assert p.epilog and p.epilog.startswith(f"Example: toolkit {name}"), name
