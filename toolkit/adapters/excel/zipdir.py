"""A workbook's zip, opened once with zipfile: parts read in bounded chunks, counting what is really inflated.

A part's declared size is only a claim. Each part is read through a ZipInfo whose size claim is
lifted, so zipfile inflates the part's stream to its real end (in chunks, stopping past the limit),
and the real length must then equal the declared one. What calamine later inflates from the same
bytes is then what was counted here.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator

CHUNK = 64 * 1024
# Deflate inflates at most about 1032 bytes per compressed byte: a part whose compressed size
# times this fits in what is left of the budget can't exceed it, in any reader.
MAX_RATIO = 1032
_PLAIN_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Excel writes


def _potential(info: zipfile.ZipInfo) -> int:
    """The most a part can inflate to; unknown compression methods are read through instead."""
    if info.compress_type not in _PLAIN_METHODS:
        return 1 << 62
    return info.compress_size * MAX_RATIO + 1024


class TooLarge(Exception):
    """The parts inflate to more than the budget allows."""


class NotAsDeclared(zipfile.BadZipFile):
    """A part whose real length or compression differs from what the zip says."""


class WorkbookZip:
    """The parts of a workbook held in memory (``data``), with a budget of inflated bytes for the file.

    ``names`` lists the parts; ``read`` and ``chunks`` give a part's bytes. zipfile's own errors
    (BadZipFile, EOFError, ...) pass through; TooLarge when the budget is spent.
    """

    def __init__(self, data: bytes, *, budget: int):
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.infos = self.zip.infolist()
        self.names = [i.filename for i in self.infos]
        self.budget = budget
        self.inflated = 0
        self._read: dict[str, int] = {}  # part -> its real length, once read whole
        self._reserved: dict[str, int] = {}  # part -> what it may inflate to, not read yet

    def __contains__(self, name: str) -> bool:
        return name in self.zip.NameToInfo

    def namelist(self) -> list[str]:
        return list(self.names)

    def infolist(self) -> list[zipfile.ZipInfo]:
        return list(self.infos)

    def chunks(self, name: str) -> Iterator[bytes]:
        """The part's bytes in chunks, to its real end: NotAsDeclared as soon as the part is found
        longer than declared (or at its end, shorter), TooLarge as soon as the budget is spent.
        A part is counted once, however often it is read."""
        info = self.zip.getinfo(name)
        if info.compress_type not in _PLAIN_METHODS:
            raise NotAsDeclared(f"{name}: compression method {info.compress_type}")
        unbounded = copy.copy(info)
        # Let zipfile inflate to the stream's real end: the checks below stop it first.
        unbounded.file_size = self.budget + info.file_size + 2 * CHUNK
        seen = 0
        counted = name not in self._read
        if counted:
            self.inflated -= self._reserved.pop(name, 0)
        with self.zip.open(unbounded) as fh:
            while chunk := fh.read(CHUNK):
                seen += len(chunk)
                if seen > info.file_size:  # stop at the lie, long before the stream's end
                    raise NotAsDeclared(f"{name}: more bytes than the zip says ({info.file_size})")
                if counted:
                    self.inflated += len(chunk)
                    if self.inflated > self.budget:
                        raise TooLarge(name)
                yield chunk
        if seen != info.file_size:
            raise NotAsDeclared(f"{name}: {seen} bytes where the zip says {info.file_size}")
        self._read[name] = seen

    def read(self, name: str) -> bytes:
        """The part's whole content (see ``chunks``), as zipfile.ZipFile.read gives it."""
        return b"".join(self.chunks(name))

    def verify(self, names) -> None:
        """Read the parts ``names`` through once (those another reader parses as soon as it opens the file)."""
        for name in names:
            if name not in self._read:
                for _ in self.chunks(name):
                    pass

    def bound(self) -> None:
        """Make sure no part can inflate past the budget, whoever inflates it: the largest parts are
        read through until the most the others could inflate to fits in what is left; those are
        counted at that most."""
        rest = sorted(
            (i for i in self.infos if i.filename not in self._read and i.filename not in self._reserved),
            key=lambda i: i.compress_size,
            reverse=True,
        )
        potential = sum(_potential(i) for i in rest)
        while rest and potential > self.budget - self.inflated:
            info = rest.pop(0)
            potential -= _potential(info)
            self.verify([info.filename])
        for info in rest:
            self._reserved[info.filename] = _potential(info)
        self.inflated += potential

    def close(self) -> None:
        self.zip.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
