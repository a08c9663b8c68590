"""`toolkit tokens` and `toolkit serve` as the commands they are: a real process, killed mid-upload."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from toolkit.adapters.store.ledger import Ledger

ROOT = Path(__file__).resolve().parent.parent


def _config(tmp_path: Path, port: int) -> Path:
    """The project's config.ini with every path in tmp_path and the server on ``port``."""
    text = (ROOT / "config.ini").read_text(encoding="utf-8")
    for key, value in (
        ("inbox", "inbox"),
        ("archive", "archive"),
        ("output", "output"),
        ("ledger", "output/ledger.sqlite"),
        ("templates", "templates"),
        ("port", str(port)),
        ("public_url", "https://indberetning.example.dk"),
        ("secret_file", "secret"),
        ("max_upload_mb", "2"),
    ):
        text = re.sub(rf"(?m)^{key} =.*$", f"{key} = {value}", text)
    (tmp_path / "secret").write_text("s" * 40, encoding="utf-8")
    path = tmp_path / "config.ini"
    path.write_text(text, encoding="utf-8")
    return path


def _toolkit(config: Path, *args: str, **kw):
    return subprocess.run(
        [sys.executable, "-m", "toolkit", "--config", str(config), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


@pytest.mark.slow
def test_the_commands_serve_a_municipality_and_a_kill_mid_upload_records_nothing(tmp_path, make_workbook, seed):
    from tests.service_server import free_port, start_process

    port = free_port()
    config = _config(tmp_path, port)
    created = _toolkit(config, "tokens", "create", "Horsens")
    assert created.returncode == 0, created.stderr
    link = re.search(r"Horsens: (https://indberetning\.example\.dk/m/(\S+))", created.stdout)
    token = link[2]
    assert (
        "Horsens" in _toolkit(config, "tokens", "list").stdout
        and token not in _toolkit(config, "tokens", "list").stdout
    )
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}", "X-File-Name": "Horsens.xlsx"}
    proc = start_process(config, port, log)
    try:
        # A body that stops half-way: the server is killed while it waits for the rest.
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(
                f"POST /api/submit HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                f"X-File-Name: a.xlsx\r\nContent-Length: 1000000\r\n\r\n".encode()
                + b"PK" * 1000
            )
            time.sleep(0.3)
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        with Ledger(tmp_path / "output" / "ledger.sqlite") as ledger:
            assert ledger.entries() == []
        proc = start_process(config, port, log)
        data = make_workbook("submission", *seed("submission")).read_bytes()
        answer = httpx.post(f"{url}/api/submit", content=data, headers=headers, timeout=60)
        assert answer.status_code == 200 and answer.json()["status"] == "received"
        assert httpx.get(f"{url}/m/{token}").status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "GET /m/*** 200" in text and "POST /api/submit 200" in text
    assert token not in text
    with Ledger(tmp_path / "output" / "ledger.sqlite") as ledger:
        assert [e.municipality for e in ledger.entries()] == ["Horsens"]
    assert _toolkit(config, "tokens", "revoke", "Horsens").returncode == 0
