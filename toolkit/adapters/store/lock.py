"""One consolidation at a time: an OS file lock, released by the OS when a run dies, with the pid inside."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from toolkit.errors import ToolkitError


class Busy(ToolkitError):
    """Another run holds the lock; ``pid`` says which process, ``key`` the message (whose lock it is)."""

    def __init__(self, pid: str, key: str = "consolidate.run.busy"):
        super().__init__(key, pid=pid)
        self.pid = pid


# Locks held by this process; a forked child (a worker) closes its copies at once, so that it never
# keeps a lock alive after the run that took it has died.
_HELD: set[int] = set()


def _forget_in_child() -> None:
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)  # not unlock: the lock belongs to the parent and must stay with it
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


class RunLock:
    """``with RunLock(path):`` runs the block only when no other process holds the lock; else Busy.

    The lock is an advisory OS lock (fcntl on Linux and macOS, msvcrt on
    Windows) on a small file that also holds the pid for people to read. When a
    process dies, even by SIGKILL, the OS drops its lock, so a crash never
    leaves a stuck lock; the file itself stays and is simply reused.
    """

    def __init__(self, path: Path, busy: str = "consolidate.run.busy"):
        self.path, self.busy = Path(path), busy  # busy: the message when another process holds it
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise Busy(self.holder() or "?", self.busy) from None
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.fsync(fd)
        self._fd = fd
        _HELD.add(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        _HELD.discard(self._fd)
        try:
            os.ftruncate(self._fd, 0)
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None

    def holder(self) -> str:
        """The pid written by the process holding the lock ("" when unknown)."""
        try:
            return self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return ""

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    # Lock a byte past the pid, so others can still read who holds the lock.
    def _lock(fd: int) -> None:
        os.lseek(fd, 4096, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 4096, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
