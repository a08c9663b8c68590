"""The message catalogues: complete in da, nb and en, compiled, and no key ever shown to a user."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.i18n import LANGUAGES, UnknownMessage, catalogue, catalogue_path, t

ROOT = Path(__file__).resolve().parent.parent
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _tool():
    spec = importlib.util.spec_from_file_location("to_gettext", ROOT / "tools" / "to_gettext.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unescaped(text: str) -> str:
    """The text without str.format's literal braces ({{kommune: token}} shows as {kommune: token}, no placeholder)."""
    return text.replace("{{", "").replace("}}", "")


def test_every_message_exists_in_danish_norwegian_and_english_with_the_same_placeholders():
    problems = {}
    for key, texts in catalogue().items():
        empty = [lang for lang in LANGUAGES if not (texts.get(lang) or "").strip()]
        fields = {lang: sorted(_PLACEHOLDER.findall(_unescaped(texts.get(lang) or ""))) for lang in LANGUAGES}
        if empty:
            problems[key] = f"empty in {empty}"
        elif len({tuple(v) for v in fields.values()}) != 1:
            problems[key] = f"placeholders differ: {fields}"
    assert problems == {}
    assert len(catalogue()) > 500


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_mo_files_are_compiled_from_the_committed_po_files(lang):
    assert catalogue_path(lang).read_bytes() == _tool().compiled(lang), "run tools/to_gettext.py"


def test_no_message_is_registered_in_python_any_more():
    out = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "to_gettext.py"), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_an_unknown_key_is_an_error_not_a_bare_key_on_screen():
    with pytest.raises(UnknownMessage):
        t("buttons.no_such_message", "da")
    with pytest.raises(ValueError):
        t("buttons.title.check", "sv")


def test_a_message_is_filled_in_the_language_asked_for():
    assert t("buttons.title.check", "da") == "Kontrol"
    assert t("buttons.title.check", "nb") == "Kontroll"
    assert t("buttons.title.check", "en") == "Check"


def test_the_danish_and_norwegian_catalogues_show_the_translator_the_english_text():
    text = catalogue_path("nb", ".po").read_text(encoding="utf-8")
    assert "#. en: Check\n" in text and 'msgid "buttons.title.check"\nmsgstr "Kontroll"' in text


def _texts_of_workbook(path: Path) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    texts = [
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)
    ]
    book.close()  # a read-only book keeps its file open until closed
    return texts


def _texts_of_deck(path: Path) -> list[str]:
    from pptx import Presentation

    out = []
    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.extend(c.text for row in shape.table.rows for c in row.cells)
    return out


def _leaks(texts: list[str]) -> set[str]:
    """Message keys (rule ids aside: they may show as a secondary column) and unfilled placeholders."""
    from toolkit.workflows.validate.findings import RULES

    keys = set(catalogue()) - set(RULES)
    found = set()
    for text in texts:
        found |= {token for token in re.findall(r"[a-z_]+(?:\.[a-z0-9_]+)+", text) if token in keys}
        found |= set(re.findall(r"\{[a-z_]+\}", text))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["da", "en"])
def test_no_message_key_reaches_a_user_in_the_demo_outputs(cfg, lang, capsys):
    import argparse
    import dataclasses

    from toolkit.cli import consolidate as consolidate_command
    from toolkit.cli import validate as validate_command
    from toolkit_demo.demo import demo_config, run_demo

    cfg = dataclasses.replace(cfg, language=lang)
    said: list[str] = []
    result = run_demo(cfg, say=lambda line: said.append(str(line)))
    sandbox = demo_config(cfg)
    validate_command.run(argparse.Namespace(files=[sandbox.inbox[0]], json=False, annotate=True), sandbox)
    consolidate_command.history(argparse.Namespace(municipality="Odder", findings=True), sandbox)
    printed = capsys.readouterr().out.splitlines()
    checked = sorted(sandbox.inbox[0].glob("*.checked.*"))
    assert checked and printed
    texts = said + printed + _texts_of_workbook(result.consolidated) + _texts_of_deck(result.deck)
    texts += [text for path in checked for text in _texts_of_workbook(path)]
    assert _leaks(texts) == set()
