"""Find the files in the inbox folders that are worth reading, and wait until they are settled."""

from __future__ import annotations

import functools
import os
import stat as stat_mod
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.adapters.excel.entries import SPECIAL, skip_reason, what

# Names that are never submissions: Excel's lock and temporary files, system files, downloads in progress.
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", "icon\r"}
_IGNORED_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".lnk")
_HIDDEN = getattr(stat_mod, "FILE_ATTRIBUTE_HIDDEN", 2)


@dataclass(frozen=True)
class Candidate:
    """A file in an inbox with the size and modification time it had when it was looked at."""

    path: Path
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Skipped:
    """An entry that is not read, and why: ``reason`` is a message key of toolkit.adapters.excel.entries
    (not a workbook, a link, a pipe or device); ``what`` names a non-regular entry's type."""

    path: Path
    reason: str
    what: str = ""


@dataclass
class Scan:
    """What one look at the inbox found: files to consider, files left alone on purpose (lock and
    temporary files), and entries skipped with a note (not workbooks, links, pipes)."""

    candidates: list[Candidate] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    missing_folders: list[Path] = field(default_factory=list)


def ignored_name(name: str) -> bool:
    """True for Excel lock files (``~$x.xlsx``), temporary files (``.tmp``, ``~x.tmp``), hidden dot files."""
    low = name.lower()
    return name.startswith(("~$", ".")) or low.endswith(_IGNORED_SUFFIXES) or low in _IGNORED_NAMES


def _hidden(entry: os.DirEntry[str]) -> bool:
    if sys.platform != "win32":  # Windows only: the hidden flag (st_file_attributes), free from the listing
        return False
    return bool(entry.stat(follow_symlinks=False).st_file_attributes & _HIDDEN)


def scan(folders: Iterable[Path], *, exclude: Iterable[Path] = ()) -> Scan:
    """Every workbook file under ``folders`` (subfolders included), sorted by path.

    Hidden folders and files, lock and temporary files are skipped, and so is
    anything under ``exclude`` (the archive, the ledger and our own outputs when
    they sit inside an inbox). Links are never followed (to a file or a folder),
    pipes and devices never opened, and files not named like a workbook not
    read: each is listed in ``skipped``. A folder that does not exist (a share
    that is not mounted) is reported, not an error.
    """
    out = Scan()
    skip = {os.path.normcase(str(Path(p).resolve())) for p in exclude}
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            out.missing_folders.append(folder)
            continue
        _walk(Path(os.path.abspath(folder)), skip, out)
    out.candidates.sort(key=lambda c: str(c.path))
    return out


def _walk(folder: Path, skip: set[str], out: Scan) -> None:
    """One stat per file at most (each is a round trip on a network share)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        out.missing_folders.append(folder)
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if os.path.normcase(entry.path) in skip:
                continue
            if entry.is_dir(follow_symlinks=False):
                if entry.name.startswith((".", "~")) or _hidden(entry):
                    continue
                _walk(path, skip, out)
            elif ignored_name(entry.name) or _hidden(entry):
                out.ignored.append(path)
            elif (reason := skip_reason(entry)) is not None:
                kind = what(entry.stat(follow_symlinks=False).st_mode) if reason == SPECIAL else ""
                out.skipped.append(Skipped(path, reason, kind))
            else:
                st = entry.stat(follow_symlinks=False)
                out.candidates.append(Candidate(path, st.st_size, st.st_mtime_ns))
        except OSError:  # vanished or unreadable between listing and stat: the next run sees it again
            continue


def settle(
    candidates: list[Candidate], seconds: float, *, sleep: Callable[[float], None] = time.sleep
) -> tuple[list[Candidate], list[Candidate], list[Candidate]]:
    """(settled, still changing, vanished): a file is settled when its size and mtime stay the same
    for ``seconds``. One wait for all files, not one per file."""
    if not candidates:
        return [], [], []
    if seconds > 0:
        sleep(seconds)
    settled: list[Candidate] = []
    changing: list[Candidate] = []
    vanished: list[Candidate] = []
    for c in candidates:
        try:
            st = os.stat(c.path)
        except FileNotFoundError:
            vanished.append(c)
            continue
        except OSError:
            changing.append(c)
            continue
        (settled if (st.st_size, st.st_mtime_ns) == (c.size, c.mtime_ns) else changing).append(c)
    return settled, changing, vanished


def name_hint(file_name: str, municipalities: Iterable[str]) -> str:
    """The one configured municipality a file name mentions ("" when none or several do).

    Only used to say whose an unreadable file probably is; readable files are
    identified by their metadata, never by their name.
    """
    # A plain substring search with the boundaries checked by hand, tried only for the names one of whose
    # words is a word of the file name: it runs for every file, and trying every configured name was
    # O(names) per file (a regular expression per name even overflowed re's cache at 1,000 names).
    low = file_name.casefold()
    by_word, always = _index(tuple(municipalities))
    tried = list(always)
    for word in set(_words(low)):
        tried += by_word.get(word, ())
    hits = [m for m, folded in tried if _mentions(low, folded)]
    return hits[0] if len(hits) == 1 else ""


@functools.lru_cache(maxsize=8)
def _index(municipalities: tuple[str, ...]) -> tuple[dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
    """The names (each with its casefold) by the rarest of their words, once per configuration; and the
    names without a word character, which any file name may mention.

    Where a name stands as a whole word, each of its words is a whole word of the text: inside the
    name a word is bounded by characters that are no word characters, and at the name's ends the
    text must have none either. So a name is worth trying only when the file name holds its word;
    the rarest (Kommune 0005: "0005", not "kommune") keeps the names tried few.
    """
    words = {m: list(_words(m.casefold())) for m in municipalities}
    counts = Counter(w for ws in words.values() for w in set(ws))
    by_word: dict[str, list[tuple[str, str]]] = {}
    always: list[tuple[str, str]] = []
    for m in municipalities:
        if words[m]:
            by_word.setdefault(min(words[m], key=counts.__getitem__), []).append((m, m.casefold()))
        else:
            always.append((m, m.casefold()))
    return by_word, always


def _words(text: str) -> Iterator[str]:
    """The maximal runs of word characters in ``text``, in order."""
    start = None
    for i, ch in enumerate(text):
        if _word(ch):
            if start is None:
                start = i
        elif start is not None:
            yield text[start:i]
            start = None
    if start is not None:
        yield text[start:]


def _word(ch: str) -> bool:
    """What \\w matches in a str pattern: a letter or digit (str.isalnum) or the underscore."""
    return ch.isalnum() or ch == "_"


def _mentions(text: str, name: str) -> bool:
    """Whether ``name`` stands in ``text`` as a whole word (no word character on either side)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not _word(text[at - 1])) and (end == len(text) or not _word(text[end])):
            return True
        at = text.find(name, at + 1)
    return False
