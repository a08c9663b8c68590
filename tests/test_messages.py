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


def test_every_message_exists_in_danish_norwegian_and_english_with_the_same_placeholders():
    problems = {}
    for key, texts in catalogue().items():
        empty = [lang for lang in LANGUAGES if not (texts.get(lang) or "").strip()]
        fields = {lang: sorted(_PLACEHOLDER.findall(texts.get(lang) or "")) for lang in LANGUAGES}
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
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "to_gettext.py"), "--check"],
                         capture_output=True, text=True, cwd=ROOT)
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
    assert '#. en: Check\n' in text and 'msgid "buttons.title.check"\nmsgstr "Kontroll"' in text
