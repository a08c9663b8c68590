"""User-supplied text made safe to show, log and store: control characters, escapes, file names that are not UTF-8."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import PurePath

# Line breaks and tabs inside a cell (Alt+Enter) become a space: one finding, one line.
_SPACES = {c: " " for c in "\t\n\v\f\r\x85\u2028\u2029"}
# Other C0 controls and DEL become their visible symbol (␛ for ESC), so nothing reaches the terminal raw.
_PICTURES = {c: chr(0x2400 + c) for c in range(0x20) if chr(c) not in _SPACES} | {0x7F: "\u2421"}
# C1 controls (0x9B is an 8-bit CSI) and the bidi overrides that reorder what follows them are shown
# as \u escapes; lone surrogates (undecodable bytes of a file name) as the replacement character.
_UNSAFE = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_TABLE = str.maketrans({**{ord(k): v for k, v in _SPACES.items()}, **_PICTURES})
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# The OEM code page of Danish and Norwegian Windows, which zip tools use for names without the UTF-8 flag.
LEGACY_ENCODING = "cp850"


def _escape(m: re.Match) -> str:
    c = m.group()
    return "\ufffd" if "\ud800" <= c <= "\udfff" else f"\\u{ord(c):04x}"


def printable(text) -> str:
    """``text`` on one line with no control or escape character left: safe for a terminal or a log.

    Letters (æ, ø, å), punctuation and ordinary symbols are kept as they are.
    """
    text = str(text).replace("\r\n", "\n").translate(_TABLE)
    return _UNSAFE.sub(_escape, text)


def echo(text, file=None) -> None:
    """Print user-supplied ``text`` (one line) through ``printable``."""
    print(printable(text), file=file or sys.stdout)


def json_text(obj) -> str:
    """JSON with letters as they are and every character a terminal could act on escaped (lossless)."""
    out = json.dumps(obj, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def undecodable(name: str | PurePath) -> bool:
    """True when a file name (or path) holds bytes that are not UTF-8 (Python keeps them as surrogates)."""
    try:
        str(name).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def file_name(path: str | PurePath) -> str:
    """A file's name as people read it: bytes that are not UTF-8 shown as the replacement character (�)."""
    name = PurePath(path).name
    return os.fsencode(name).decode("utf-8", "replace") if undecodable(name) else name


def path_text(path: str | PurePath) -> str:
    """A path as text that can be stored and compared: bytes that are not UTF-8 written as \\xNN
    (two different names stay different)."""
    text = str(path)
    return os.fsencode(text).decode("utf-8", "backslashreplace") if undecodable(text) else text


def legacy_name(path: str | PurePath) -> str:
    """The name's bytes read in the Windows OEM code page (CP850): how a zip made on a Danish or
    Norwegian PC most likely meant it. A reading for the user to confirm, never used to identify."""
    return os.fsencode(PurePath(path).name).decode(LEGACY_ENCODING, "replace")
