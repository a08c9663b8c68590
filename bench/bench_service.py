"""What `toolkit serve` adds: an upload with its check and a Check round trip over HTTP, against the same work in process.

Side by side in one run, alternating request by request so that the machine's load
weighs on both alike: the HTTP side talks to a real `toolkit serve` (a subprocess on
127.0.0.1); the in-process side calls what the service calls (toolkit.service.intake.receive,
toolkit.buttons.handlers.check on a RemoteBook) with no HTTP. Each upload sends bytes
not seen before (the same workbook re-zipped with other timestamps), so every one is
examined and recorded. Prints p50/p95 latency, throughput and the service's overhead as
a ratio; then the upload throughput with several clients at once.

    .venv/bin/python bench/bench_service.py [--runs 40] [--clients 8]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import io
import json
import re
import statistics
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]


def _config(folder: Path, port: int) -> Path:
    text = (ROOT / "config.ini").read_text(encoding="utf-8")
    for key, value in (
        ("port", str(port)),
        ("secret_file", "secret"),
        ("rate_limit_per_minute", "100000"),
        ("settle_seconds", "0"),
    ):
        text = re.sub(rf"(?m)^{key} =.*$", f"{key} = {value}", text)
    (folder / "secret").write_text("s" * 40, encoding="utf-8")
    ini = folder / "config.ini"
    ini.write_text(text, encoding="utf-8")
    return ini


def _book(folder: Path, cfg, name: str, suffix: str) -> Path:
    """A filled submission of ``name`` as the demo fills it (Odder's has one error, 'ca. 50')."""
    from toolkit.adapters.excel.build import build_workbook
    from toolkit.buttons.xlsm import xlsm_options
    from toolkit.data import samples
    from toolkit.spec import SPECS
    from toolkit.workflows.templates import submission_prefill
    from toolkit_demo import demo
    from toolkit_demo.fill import fill_workbook

    pre = submission_prefill(cfg, name, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS)
    blank = folder / f"blank {name}{suffix}"
    build_workbook(SPECS["submission"], str(blank), xlsm_options(cfg, "submission", "da", municipality=name), pre)
    form, tables = demo.submission_values(
        name, {r["goal_no"]: r["target"] for r in pre.tables["tblResults"]}, cfg.fiscal_year
    )
    path = folder / f"Indberetning {name}{suffix}"
    fill_workbook(blank, path, SPECS["submission"], "da", form, tables)
    return path


def _rezipped(data: bytes, n: int) -> bytes:
    """The same workbook with other member timestamps: new bytes, the same content to examine."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            stamp = dt.datetime(2020, 1, 1) + dt.timedelta(minutes=n)
            dst.writestr(
                zipfile.ZipInfo(info.filename, stamp.timetuple()[:6]),
                src.read(info),
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _row(what: str, times: list[float]) -> tuple[str, float, float, float]:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]
    return what, statistics.median(times), p95, len(times) / sum(times)


def main(argv=None) -> dict[str, float]:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=40, help="requests of each kind on each side")
    p.add_argument("--clients", type=int, default=8, help="clients at once for the concurrent upload throughput")
    args = p.parse_args(argv)

    from tests.service_server import free_port, start_process
    from toolkit.buttons import handlers
    from toolkit.config import load_config
    from toolkit.service import tokens
    from toolkit.service.intake import receive
    from toolkit.service.xlwings_remote import RemoteBook
    from toolkit_demo.remote import payload_from_file

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        port = free_port()
        ini = _config(folder, port)
        cfg = load_config(ini)  # paths relative to the ini: output/ledger.sqlite, output/archive in tmp
        local = dataclasses.replace(
            cfg, ledger=folder / "local" / "ledger.sqlite", archive=folder / "local" / "archive"
        )
        (folder / "local").mkdir()
        upload = _book(folder, cfg, "Horsens", ".xlsx").read_bytes()
        payload = payload_from_file(_book(folder, cfg, "Odder", ".xlsm"))
        token = tokens.create(cfg, ["Horsens", "Odder"])
        now = dt.datetime.now().astimezone()
        proc = start_process(ini, port, folder / "serve.log", timeout=60)
        url = f"http://127.0.0.1:{port}"
        fresh = iter(range(1, 1_000_000))
        try:
            with httpx.Client(timeout=120) as client:

                def http_upload(data):
                    answer = client.post(
                        f"{url}/api/submit",
                        content=data,
                        headers={
                            "Authorization": f"Bearer {token['Horsens']}",
                            "X-File-Name": "Indberetning Horsens.xlsx",
                        },
                    )
                    assert answer.status_code == 200 and answer.json()["status"] == "received", answer.text

                def http_check():
                    answer = client.post(
                        f"{url}/api/buttons/check", json=payload, headers={"Authorization": f"Bearer {token['Odder']}"}
                    )
                    assert answer.status_code == 200, answer.text

                def local_upload(data):
                    assert receive(local, data, "Indberetning Horsens.xlsx", "Horsens", now).status == "received"

                def local_check(fresh_payload):
                    book = RemoteBook(fresh_payload)
                    assert handlers.check(book, cfg=cfg).errors == 1  # Odder's 'ca. 50'
                    book.response()

                http_check(), local_check(copy.deepcopy(payload))  # warm both sides up
                times: dict[str, list[float]] = {k: [] for k in ("up_http", "up_local", "ck_http", "ck_local")}
                for _ in range(args.runs):
                    data, other = _rezipped(upload, next(fresh)), _rezipped(upload, next(fresh))
                    times["up_local"].append(_timed(lambda d=data: local_upload(d)))
                    times["up_http"].append(_timed(lambda d=other: http_upload(d)))
                    fresh_payload = copy.deepcopy(payload)
                    times["ck_local"].append(_timed(lambda p=fresh_payload: local_check(p)))
                    times["ck_http"].append(_timed(http_check))

            bodies = [_rezipped(upload, next(fresh)) for _ in range(args.runs)]

            def send(data):
                with httpx.Client(timeout=120) as c:
                    r = c.post(
                        f"{url}/api/submit",
                        content=data,
                        headers={"Authorization": f"Bearer {token['Horsens']}", "X-File-Name": "x.xlsx"},
                    )
                    assert r.status_code == 200 and r.json()["status"] == "received", r.text

            start = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                list(pool.map(send, bodies))
            concurrent = args.runs / (time.perf_counter() - start)
            peak = (
                int(re.search(r"(?m)^VmHWM:\s+(\d+) kB", Path(f"/proc/{proc.pid}/status").read_text())[1]) / 1024
                if Path(f"/proc/{proc.pid}/status").exists()
                else float("nan")
            )
        finally:
            proc.terminate()
            proc.wait(20)

    rows = [
        _row("upload + check, in process (intake.receive)", times["up_local"]),
        _row("upload + check, HTTP (POST /api/submit)", times["up_http"]),
        _row("Check, in process (handlers.check, RemoteBook)", times["ck_local"]),
        _row("Check round trip, HTTP (POST /api/buttons/check)", times["ck_http"]),
    ]
    width = max(len(r[0]) for r in rows)
    print(
        f"{args.runs} of each, alternating; workbook {len(upload) // 1024} KB, Check payload "
        f"{len(json.dumps(payload)) // 1024} KB"
    )
    print(f"{'what':<{width}}  {'p50 ms':>7}  {'p95 ms':>7}  {'per s':>6}")
    for what, p50, p95, rate in rows:
        print(f"{what:<{width}}  {p50 * 1000:7.1f}  {p95 * 1000:7.1f}  {rate:6.1f}")
    up = rows[1][1] / rows[0][1]
    ck = rows[3][1] / rows[2][1]
    print(f"service overhead (p50 HTTP / p50 in process): upload {up:.2f}x, Check {ck:.2f}x")
    print(f"uploads with {args.clients} clients at once: {concurrent:.1f} per s; server peak memory {peak:.0f} MB")
    return {
        "upload_ratio": up,
        "check_ratio": ck,
        "concurrent_per_s": concurrent,
        "peak_mb": peak,
        **{r[0]: r[1] for r in rows},
    }


if __name__ == "__main__":
    main()
