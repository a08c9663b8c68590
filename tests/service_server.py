"""Test support: a real uvicorn server on 127.0.0.1 and a free port, in a thread."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import uvicorn

from toolkit.service import tokens
from toolkit.service.app import create_app

ROOT = Path(__file__).resolve().parent.parent
SECRET = b"test-secret-that-is-long-enough-0123456789"
# The injected clock: ten days before the project's deadline (2020-03-01).
NOW = dt.datetime(2020, 2, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def start_process(config: Path, port: int, log: Path, timeout: float = 30.0) -> subprocess.Popen:
    """`toolkit --config CONFIG serve` as a process of its own, once it answers on 127.0.0.1:PORT; its output
    goes to ``log`` (read back in the error when it dies before it answers)."""
    with log.open("ab") as out:  # the child keeps its own descriptor
        proc = subprocess.Popen(
            [sys.executable, "-m", "toolkit", "--config", str(config), "serve"],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("toolkit serve did not start")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Running:
    """A started server: its base URL, its config and a token per municipality asked for."""

    def __init__(self, cfg, *, public_url: str | None = None, **app_options):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.cfg = dataclasses.replace(cfg, server_public_url=public_url or self.url)
        app = create_app(self.cfg, now=lambda: NOW, secret=SECRET, **app_options)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, access_log=False, log_config=None, lifespan="off", server_header=False
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)

    def token(self, municipality: str) -> str:
        return tokens.create(self.cfg, [municipality])[municipality]

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
