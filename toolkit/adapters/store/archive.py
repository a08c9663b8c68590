"""The archive: every submission's original bytes, stored once under their SHA-256 and never changed."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import ClassVar


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Archive:
    """Content-addressed files ``<root>/<first two hex digits>/<sha256>``; written once, never overwritten."""

    def __init__(self, root: Path):
        self.root = Path(root)

    _made: ClassVar[set[Path]] = set()  # folders known to exist (per process), to spare a mkdir per file

    def path_of(self, digest: str) -> Path:
        return self.root / digest[:2] / digest

    def has(self, digest: str, size: int | None = None) -> bool:
        try:
            st = self.path_of(digest).stat()
        except FileNotFoundError:
            return False
        return size is None or st.st_size == size

    def put(self, data: bytes, digest: str | None = None, *, durable: bool = True) -> str:
        """Store ``data`` (temporary file, rename) and return its digest; never a half-written archive file.

        ``durable`` also fsyncs the file and its folder before returning.
        With ``durable=False`` the caller must call ``make_durable`` before
        anything (the ledger) refers to the file: a run stores many files and
        then flushes them with one call, which is far cheaper than one fsync
        each. When the digest is already stored with the right bytes nothing
        is written: the same bytes are the same submission. A crash leaves at
        most a temporary file, which ``clean`` removes.
        """
        digest = digest or sha256(data)
        target = self.path_of(digest)
        if self._holds(target, data, digest):
            return digest
        if target.parent not in Archive._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            Archive._made.add(target.parent)
        tmp = target.with_name(f".{digest}.{os.getpid()}.tmp")
        try:
            fh = open(tmp, "wb")  # noqa: SIM115 - closed by the with below, after the retry
        except FileNotFoundError:  # the folder went away since this process made it
            target.parent.mkdir(parents=True, exist_ok=True)
            fh = open(tmp, "wb")  # noqa: SIM115 - closed by the with below
        with fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
        if durable:
            _fsync_dir(target.parent)
        return digest

    @staticmethod
    def _holds(target: Path, data: bytes, digest: str) -> bool:
        """True when ``target`` already holds these bytes (checked by hash: a power cut may leave an empty file)."""
        try:
            if target.stat().st_size != len(data):
                return False
            return sha256(target.read_bytes()) == digest
        except OSError:
            return False

    def make_durable(self, digests) -> None:
        """Flush stored files to disk before the ledger refers to them: one syncfs of the archive's
        file system where there is one (Linux), else an fsync per file and folder."""
        digests = list(digests)
        if not digests:
            return
        if _syncfs(self.root):
            return
        for d in digests:
            try:
                with open(self.path_of(d), "rb+") as fh:
                    os.fsync(fh.fileno())
            except OSError:
                pass
        for folder in sorted({self.path_of(d).parent for d in digests}):
            _fsync_dir(folder)

    def get(self, digest: str) -> bytes:
        return self.path_of(digest).read_bytes()

    def clean(self) -> int:
        """Remove temporary files left by a run that was killed while writing; returns how many."""
        removed = 0
        try:
            folders = [e.path for e in os.scandir(self.root) if e.is_dir()]
        except OSError:
            return 0
        for folder in folders:  # os.scandir: this runs on every run, over up to 256 folders
            try:
                names = [e.name for e in os.scandir(folder) if e.name.startswith(".") and e.name.endswith(".tmp")]
            except OSError:
                continue
            for name in names:
                try:
                    os.unlink(os.path.join(folder, name))
                    removed += 1
                except OSError:
                    pass
        return removed

    def digests(self) -> set[str]:
        """Every digest stored (for checks and tests)."""
        if not self.root.is_dir():
            return set()
        return {
            p.name
            for folder in self.root.iterdir()
            if folder.is_dir()
            for p in folder.iterdir()
            if not p.name.startswith(".")
        }


def _syncfs(folder: Path) -> bool:
    """syncfs(2) on the file system holding ``folder``; False where it does not exist."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(folder, os.O_RDONLY)
    except (OSError, AttributeError):
        return False
    try:
        return getattr(libc, "syncfs", None) is not None and libc.syncfs(fd) == 0
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
