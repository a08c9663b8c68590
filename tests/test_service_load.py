"""Load: every municipality of a large region (357, as Norway has) uploads at once to a real `toolkit serve`."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.conftest import workbook_maker
from tests.service_server import free_port, start_process
from toolkit.adapters.store.ledger import Ledger
from toolkit.config import load_config
from toolkit.service import tokens

ROOT = Path(__file__).resolve().parent.parent
COUNT = 357
WORKERS = 32
PEAK_MB = 300  # generous (about 60 MB measured): 357 uploads at once must not pile up in memory
TIME_BOX = 240  # seconds for all uploads; the pool stops by itself after it


def _names(count: int) -> list[str]:
    """Made-up Norwegian-style municipality names, all different."""
    first = (
        "Ås",
        "Nord",
        "Sør",
        "Øst",
        "Vest",
        "Øvre",
        "Nedre",
        "Store",
        "Lille",
        "Indre",
        "Ytre",
        "Midt",
        "Berg",
        "Fjell",
        "Dal",
        "Strand",
        "Vik",
        "Haug",
        "Lund",
        "Nes",
    )
    last = (
        "vik",
        "dal",
        "fjord",
        "ness",
        "heim",
        "berg",
        "sand",
        "haug",
        "øy",
        "li",
        "stad",
        "land",
        "våg",
        "bø",
        "mark",
        "rud",
        "voll",
        "eid",
    )
    names = [f"{a}{b}" if a[-1] not in b[0] else f"{a}-{b}" for a in first for b in last]
    assert len(names) >= count
    return names[:count]


def _config(tmp_path: Path, port: int, names: list[str]) -> Path:
    """The project's config.ini with every path in tmp_path, the server on ``port`` and ``names`` as municipalities."""
    text = (ROOT / "config.ini").read_text(encoding="utf-8")
    for key, value in (
        ("inbox", "inbox"),
        ("archive", "archive"),
        ("output", "output"),
        ("ledger", "output/ledger.sqlite"),
        ("templates", "templates"),
        ("port", str(port)),
        ("secret_file", "secret"),
        ("rate_limit_per_minute", "1000"),
    ):
        text = re.sub(rf"(?m)^{key} =.*$", f"{key} = {value}", text)
    head = text[: text.index("[municipalities]")]
    text = head + "[municipalities]\n" + "".join(f"{n} = {1000 + i}\n" for i, n in enumerate(names))
    (tmp_path / "secret").write_text("s" * 40, encoding="utf-8")
    path = tmp_path / "config.ini"
    path.write_text(text, encoding="utf-8")
    return path


def _peak_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM) from /proc, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"(?m)^VmHWM:\s+(\d+) kB", status)[1]) / 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
def test_357_municipalities_uploading_at_once_are_each_recorded_exactly_once(tmp_path, seed):
    names = _names(COUNT)
    port = free_port()
    config = _config(tmp_path, port, names)
    cfg = load_config(config)
    links = tokens.create(cfg, names)
    form, tables = seed("submission")
    make = workbook_maker(tmp_path / "books", cfg)
    (tmp_path / "books").mkdir()
    books = {}
    for n in names:  # the builder's pre-fill: each municipality's own workbook, as `toolkit templates` makes them
        form["municipality"] = n
        books[n] = make("submission", form, tables, name=f"{n}.xlsx").read_bytes()
    proc = start_process(config, port, tmp_path / "serve.log")
    url = f"http://127.0.0.1:{port}/api/submit"
    stop_at = time.monotonic() + TIME_BOX

    def upload(client: httpx.Client, name: str) -> tuple[str, int, str]:
        if time.monotonic() > stop_at:
            return name, 0, "not sent: time box over"
        answer = client.post(
            url,
            content=books[name],
            timeout=120,
            headers={"Authorization": f"Bearer {links[name]}", "X-File-Name": quote(f"{name}.xlsx")},
        )
        return name, answer.status_code, answer.json()["status"]

    try:
        limits = httpx.Limits(max_connections=WORKERS)
        with httpx.Client(limits=limits) as client, ThreadPoolExecutor(WORKERS) as pool:
            answers = list(pool.map(lambda n: upload(client, n), names))
        peak = _peak_mb(proc.pid)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert [a for a in answers if a[1:] != (200, "received")] == []
    with Ledger(cfg.ledger) as ledger:
        recorded = sorted((e.municipality, e.state) for e in ledger.entries())
    assert recorded == sorted((n, "valid") for n in names)
    assert peak < PEAK_MB, f"the server's peak memory was {peak:.0f} MB"
