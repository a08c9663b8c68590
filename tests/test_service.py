"""The web service, for real: uvicorn on 127.0.0.1 and HTTP requests (upload, API, dashboard, refusals); what
reaches the ledger on SQLite and on PostgreSQL (bserve), the rest on SQLite (serve)."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import zipfile
from urllib.parse import quote

import httpx
import pytest

from tests.service_server import NOW, Running
from toolkit.adapters.store.ledger import Ledger
from toolkit.service import tokens
from toolkit.service.security import hash_password

PASSWORD = "korrekt hest batteri hæfteklamme"


def _servers(cfg):
    """serve(**config overrides) -> a Running server on ``cfg``; every one is stopped after the test."""
    started = []

    def start(remote_book=None, public_url=None, **overrides):
        base = dataclasses.replace(
            cfg,
            settle_seconds=0,
            server_max_upload_mb=1,
            server_rate_per_minute=1000,
            server_coordinator_password=hash_password(PASSWORD, salt=b"0123456789abcdef"),
        )
        running = Running(dataclasses.replace(base, **overrides), remote_book=remote_book, public_url=public_url)
        started.append(running)
        return running

    yield start
    for s in started:
        s.stop()


@pytest.fixture
def serve(cfg):
    """A server whose ledger is the SQLite file: for what never reads or writes the ledger beyond the token."""
    yield from _servers(cfg)


@pytest.fixture
def bserve(bcfg):
    """A server on each backend (see conftest.ledger_at): for what the ledger records, reads or refuses."""
    yield from _servers(bcfg)


@pytest.fixture
def horsens(make_workbook, seed):
    return make_workbook("submission", *seed("submission"), name="Indberetning Horsens 2019.xlsx")


@pytest.fixture
def horsens_invalid(make_workbook, seed):
    form, tables = seed("submission")
    form["cost_share"] = "2.508 k"  # a unit whose meaning can't be known: an error at its cell
    return make_workbook("submission", form, tables, name="Indberetning Horsens rettet.xlsx")


def submit(srv, token, data: bytes, name: str = "Indberetning.xlsx", **headers):
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(
        f"{srv.url}/api/submit",
        content=data,
        timeout=60,
        headers={**auth, "X-File-Name": quote(name), "Content-Type": "application/octet-stream", **headers},
    )


def upload_page(client: httpx.Client, srv, token: str) -> str:
    """GET the page (sets the CSRF cookie) and return the CSRF value of its form."""
    page = client.get(f"{srv.url}/m/{token}")
    assert page.status_code == 200
    return re.search(r'name="csrf" value="([^"]+)"', page.text)[1]


def post_upload(client, srv, token, csrf, path, name=None):
    files = {
        "file": (
            name or path.name,
            path.read_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    }
    return client.post(f"{srv.url}/m/{token}", data={"csrf": csrf}, files=files)


def rows_of(cfg):
    with Ledger(cfg.ledger_target) as ledger:
        return ledger.entries()


# the API ---------------------------------------------------------------------


def test_a_valid_workbook_is_received_once_and_archived(bserve, horsens):
    srv = bserve()
    token = srv.token("Horsens")
    data = horsens.read_bytes()
    first = submit(srv, token, data, "Indberetning Horsens 2019.xlsx")
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "received"
    again = submit(srv, token, data, "copy.xlsx")
    assert again.json()["status"] == "duplicate"
    entries = rows_of(srv.cfg)
    assert [(e.municipality, e.state, e.file_name) for e in entries] == [
        ("Horsens", "valid", "Indberetning Horsens 2019.xlsx")
    ]
    assert entries[0].received_at == NOW
    assert (srv.cfg.archive).exists() and any(p.is_file() for p in srv.cfg.archive.rglob("*"))


def test_an_invalid_workbook_is_recorded_as_invalid_and_its_findings_returned(bserve, horsens_invalid):
    srv = bserve()
    answer = submit(srv, srv.token("Horsens"), horsens_invalid.read_bytes())
    body = answer.json()
    assert answer.status_code == 200 and body["status"] == "refused"
    errors = [f for f in body["findings"] if f["severity"] == "error"]
    assert errors and all(f["sheet"] and f["cell"] for f in errors)
    assert [e.state for e in rows_of(srv.cfg)] == ["invalid"]


def test_another_municipalitys_workbook_is_refused_and_not_recorded(bserve, horsens):
    srv = bserve()
    answer = submit(srv, srv.token("Odder"), horsens.read_bytes())
    assert answer.status_code == 422
    assert "Horsens" in answer.json()["message"] and "Odder" in answer.json()["message"]
    assert not rows_of(srv.cfg)


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 300])
def test_a_wrong_token_is_forbidden(serve, horsens, token):
    srv = serve()
    srv.token("Horsens")
    assert submit(srv, token, horsens.read_bytes()).status_code == 403
    assert httpx.get(f"{srv.url}/m/{token or 'x'}").status_code == 403


def test_a_revoked_token_is_forbidden(bserve, horsens):
    srv = bserve()
    token = srv.token("Horsens")
    assert tokens.revoke(srv.cfg, "Horsens") == 1
    assert submit(srv, token, horsens.read_bytes()).status_code == 403


def test_a_body_over_the_limit_is_refused_by_its_length(serve):
    srv = serve()
    answer = submit(srv, srv.token("Horsens"), b"x" * (2 * 1024 * 1024))
    assert answer.status_code == 413
    assert "1 MB" in answer.json()["message"]


def test_a_streamed_body_over_the_limit_is_refused_before_it_is_all_read(serve):
    srv = serve()
    sent = []

    def chunks():  # no Content-Length: chunked; stops being asked for once the server has answered
        for _ in range(64):
            sent.append(1)
            yield b"x" * (256 * 1024)

    try:
        answer = httpx.post(
            f"{srv.url}/api/submit",
            content=chunks(),
            timeout=30,
            headers={"Authorization": f"Bearer {srv.token('Horsens')}", "X-File-Name": "a.xlsx"},
        )
        assert answer.status_code == 413
    except httpx.HTTPError:  # the server may close the connection while we still send: refused all the same
        pass
    assert len(sent) < 64
    assert not rows_of(srv.cfg)


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.xlsx", "..\\x.xlsx", "a/b.xlsx", "..", ".hidden.xlsx", "a\x01.xlsx"]
)
def test_a_file_name_that_looks_like_a_path_is_refused(serve, horsens, name):
    srv = serve()
    answer = submit(srv, srv.token("Horsens"), horsens.read_bytes(), name)
    assert answer.status_code == 400
    assert "'..'" in answer.json()["message"]
    assert not rows_of(srv.cfg)


def test_not_a_workbook_is_refused_with_a_clear_answer(serve):
    srv = serve()
    answer = submit(srv, srv.token("Horsens"), b"%PDF-1.7 not a workbook", "report.xlsx")
    assert answer.status_code == 422
    assert answer.json()["status"] == "refused" and answer.json()["findings"]
    assert not rows_of(srv.cfg)


def test_a_zip_bomb_is_refused(serve):
    srv = serve(max_uncompressed_mb=1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    assert len(buf.getvalue()) < 1024 * 1024
    answer = submit(srv, srv.token("Horsens"), buf.getvalue(), "bomb.xlsx")
    assert answer.status_code == 422
    assert answer.json()["status"] == "refused"
    assert not rows_of(srv.cfg)


def test_too_many_requests_from_one_token_are_refused(serve, horsens):
    srv = serve(server_rate_per_minute=3)
    token, other = srv.token("Horsens"), srv.token("Odder")
    codes = [httpx.get(f"{srv.url}/m/{token}").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert httpx.get(f"{srv.url}/m/{other}").status_code == 200  # per token


def test_every_response_carries_the_security_headers(serve):
    srv = serve()
    token = srv.token("Horsens")
    for answer in (
        httpx.get(f"{srv.url}/m/{token}"),
        httpx.get(f"{srv.url}/m/wrong"),
        httpx.get(f"{srv.url}/nowhere"),
        httpx.get(f"{srv.url}/static/upload.js"),
        httpx.get(f"{srv.url}/coordinator"),
        submit(srv, token, b"x" * (2 * 1024 * 1024)),
    ):
        csp = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
    page = httpx.get(f"{srv.url}/m/{token}")
    assert "<script>" not in page.text and 'src="/static/upload.js"' in page.text
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_cookies_are_secure_when_the_public_url_is_https(serve):
    srv = serve(public_url="https://indberetning.example.dk")  # TLS ends at the reverse proxy
    cookie = httpx.get(f"{srv.url}/m/{srv.token('Horsens')}").headers["set-cookie"].lower()
    assert "; secure" in cookie


def test_no_stack_trace_reaches_a_client(serve):
    def broken(payload):
        raise RuntimeError("secret internals at /srv/toolkit/app.py line 12")

    srv = serve(remote_book=broken)
    answer = httpx.post(
        f"{srv.url}/api/buttons/check", json={"book": {}}, headers={"Authorization": f"Bearer {srv.token('Horsens')}"}
    )
    assert answer.status_code == 500
    assert (
        "Traceback" not in answer.text and "secret internals" not in answer.text and "RuntimeError" not in answer.text
    )
    assert "sekretariatet" in answer.text


def test_tokens_never_appear_in_the_log(serve, horsens, caplog):
    caplog.set_level(logging.DEBUG)
    srv = serve()
    token = srv.token("Horsens")
    with httpx.Client() as client:
        csrf = upload_page(client, srv, token)
        post_upload(client, srv, token, csrf, horsens)
    submit(srv, token, horsens.read_bytes())
    httpx.get(f"{srv.url}/m/{token}x")
    # everything the server side logged (the test's own HTTP client logs its URLs: not the server's log)
    text = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore")))
    assert "/m/***" in text
    assert token not in text


# the upload page ---------------------------------------------------------------


def test_the_upload_page_checks_a_file_and_shows_findings_history_and_deadline(bserve, horsens_invalid, horsens):
    srv = bserve()
    token = srv.token("Horsens")
    with httpx.Client() as client:
        csrf = upload_page(client, srv, token)
        bad = post_upload(client, srv, token, csrf, horsens_invalid)
        assert bad.status_code == 200
        assert "Ark" in bad.text and "Celle" in bad.text and "Fejl" in bad.text  # the findings table, in Danish
        assert "10 dage tilbage" in bad.text  # the deadline, by the injected clock
        good = post_upload(client, srv, token, csrf, horsens)
        assert "er modtaget og er gyldig" in good.text
        assert good.text.count("<td>Indberetning Horsens") == 2  # both versions in the history
    assert [e.state for e in rows_of(srv.cfg)] == ["invalid", "valid"]


def test_a_form_without_its_csrf_value_is_forbidden(serve, horsens):
    srv = serve()
    token = srv.token("Horsens")
    with httpx.Client() as client:
        csrf = upload_page(client, srv, token)
        assert post_upload(client, srv, token, "forged", horsens).status_code == 403
        client.cookies.clear()
        assert post_upload(client, srv, token, csrf, horsens).status_code == 403
    assert not rows_of(srv.cfg)


def test_a_csrf_value_sent_as_a_file_is_forbidden_not_a_crash(serve, horsens):
    srv = serve()
    token = srv.token("Horsens")
    with httpx.Client() as client:
        csrf = upload_page(client, srv, token)
        files = {"csrf": ("csrf.txt", csrf.encode(), "text/plain")}  # the one file the form allows
        answer = client.post(f"{srv.url}/m/{token}", files=files)
    assert answer.status_code == 403
    assert not rows_of(srv.cfg)


def test_the_page_refuses_a_path_as_a_file_name(serve, horsens):
    srv = serve()
    token = srv.token("Horsens")
    with httpx.Client() as client:
        csrf = upload_page(client, srv, token)
        answer = post_upload(client, srv, token, csrf, horsens, name="../../evil.xlsx")
    assert answer.status_code == 400 and "&#x27;..&#x27;" in answer.text
    assert not rows_of(srv.cfg)


# the coordinator -----------------------------------------------------------------


def sign_in(client, srv, password=PASSWORD):
    page = client.get(f"{srv.url}/coordinator")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)[1]
    return client.post(f"{srv.url}/coordinator/login", data={"csrf": csrf, "password": password}, follow_redirects=True)


def test_the_dashboard_needs_a_sign_in(serve):
    srv = serve()
    with httpx.Client() as client:
        assert 'type="password"' in client.get(f"{srv.url}/coordinator").text
        assert sign_in(client, srv, "wrong").status_code == 403
        assert client.get(f"{srv.url}/coordinator/download/reminders").status_code == 403


def test_the_dashboard_shows_every_municipality_with_its_status(bserve, horsens, make_workbook, seed):
    srv = bserve()
    submit(srv, srv.token("Horsens"), horsens.read_bytes())
    form, tables = seed("submission")
    form.update(municipality="Odder", cost_share="12 k")
    submit(srv, srv.token("Odder"), make_workbook("submission", form, tables).read_bytes())
    with httpx.Client() as client:
        page = sign_in(client, srv)
    assert page.status_code == 200
    rows = re.findall(r'<tr class="st-(\w+)"><th scope="row">([^<]+)</th>', page.text)
    assert len(rows) == len(srv.cfg.municipalities) == 19
    states = dict((name, state) for state, name in rows)
    assert states["Horsens"] == "valid" and states["Odder"] == "invalid" and states["Aarhus"] == "missing"
    assert "<td>10</td>" in page.text  # days to the deadline by the injected clock


def test_the_coordinator_consolidates_and_downloads(bserve, horsens):
    srv = bserve()
    submit(srv, srv.token("Horsens"), horsens.read_bytes())
    with httpx.Client(timeout=120) as client:
        page = sign_in(client, srv)
        csrf = re.search(r'action="/coordinator/consolidate".*?name="csrf" value="([^"]+)"', page.text)[1]
        assert client.post(f"{srv.url}/coordinator/consolidate", data={"csrf": "forged"}).status_code == 403
        done = client.post(f"{srv.url}/coordinator/consolidate", data={"csrf": csrf})
        assert done.status_code == 200 and "Konsolideret" in done.text
        book = client.get(f"{srv.url}/coordinator/download/workbook")
        assert book.status_code == 200 and zipfile.is_zipfile(io.BytesIO(book.content))
        deck = client.get(f"{srv.url}/coordinator/download/deck")
        assert deck.status_code == 200 and zipfile.is_zipfile(io.BytesIO(deck.content))
        csv = client.get(f"{srv.url}/coordinator/download/reminders")
        assert csv.status_code == 200 and "Aarhus" in csv.text and "Horsens" not in csv.text


def test_a_trusted_proxy_header_signs_the_coordinator_in(serve):
    srv = serve(server_proxy_user_header="X-Remote-User", server_coordinator_password="")
    assert 'type="password"' in httpx.get(f"{srv.url}/coordinator").text
    page = httpx.get(f"{srv.url}/coordinator", headers={"X-Remote-User": "koordinator"})
    assert "Aarhus" in page.text


# the button route ----------------------------------------------------------------


class StandIn:
    """Stands in for toolkit.service.xlwings_remote.RemoteBook until it lands: records what was asked."""

    def __init__(self, payload):
        self.payload = payload

    def response(self):
        return {
            "actions": [
                {
                    "func": "setValues",
                    "args": [[["stand-in"]]],
                    "values": [],
                    "sheet_position": 0,
                    "start_row": 0,
                    "start_column": 0,
                    "row_count": 1,
                    "column_count": 1,
                }
            ]
        }


def test_the_button_route_answers_with_the_books_actions(serve, monkeypatch):
    from toolkit.buttons import handlers

    pressed = []
    monkeypatch.setattr(handlers, "check", lambda book, cfg=None: pressed.append(book.payload))
    srv = serve(remote_book=StandIn)
    token = srv.token("Horsens")
    answer = httpx.post(
        f"{srv.url}/api/buttons/check", json={"book": {"name": "x.xlsm"}}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200 and answer.json()["actions"][0]["func"] == "setValues"
    assert pressed == [{"book": {"name": "x.xlsm"}}]
    assert (
        httpx.post(f"{srv.url}/api/buttons/submit", json={}, headers={"Authorization": f"Bearer {token}"}).status_code
        == 404
    )
    assert httpx.post(f"{srv.url}/api/buttons/check", json={}).status_code == 403


# at once ---------------------------------------------------------------------------


def test_uploads_at_once_are_each_recorded_exactly_once(bserve, make_workbook, seed):
    from concurrent.futures import ThreadPoolExecutor

    srv = bserve()
    names = list(srv.cfg.municipalities)
    books = {}
    for name in names:
        form, tables = seed("submission")
        form["municipality"] = name
        books[name] = make_workbook("submission", form, tables).read_bytes()
    tokens_ = {name: srv.token(name) for name in names}
    jobs = [(name, books[name]) for name in names] + [(names[0], books[names[0]])] * 3  # the same bytes 4 times
    with ThreadPoolExecutor(12) as pool:
        answers = list(
            pool.map(lambda job: submit(srv, tokens_[job[0]], job[1], f"{job[0]}.xlsx").json()["status"], jobs)
        )
    assert sorted(answers) == sorted(["received"] * len(names) + ["duplicate"] * 3)
    entries = rows_of(srv.cfg)
    assert sorted(e.municipality for e in entries) == sorted(names)
    assert {e.state for e in entries} == {"valid"}


def test_a_token_lookup_that_waits_for_the_ledger_holds_up_no_other_request(serve, monkeypatch):
    """On PostgreSQL a lookup opens a connection (tens of ms; seconds when the server is slow to answer): it runs
    off the event loop, so a static file (or another municipality's page) is served meanwhile."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    srv = serve()
    token = srv.token("Horsens")
    entered, release = threading.Event(), threading.Event()
    looked_up = tokens.municipality_for

    def slow(cfg, asked):
        if asked == token:
            entered.set()
            release.wait(30)
        return looked_up(cfg, asked)

    monkeypatch.setattr(tokens, "municipality_for", slow)
    with ThreadPoolExecutor(1) as pool:
        waiting = pool.submit(httpx.get, f"{srv.url}/m/{token}", timeout=60)
        try:
            assert entered.wait(30)
            meanwhile = httpx.get(f"{srv.url}/static/upload.js", timeout=10)
            assert meanwhile.status_code == 200 and not waiting.done()
        finally:
            release.set()
        assert waiting.result().status_code == 200


@pytest.mark.parametrize(
    "lang, words", [("nb", ("Send inn arbeidsbok", "dager igjen")), ("en", ("Send a workbook", "days left"))]
)
def test_the_page_speaks_the_configured_language(serve, lang, words):
    srv = serve(language=lang)
    page = httpx.get(f"{srv.url}/m/{srv.token('Horsens')}").text
    assert f'<html lang="{lang}">' in page
    assert all(w in page for w in words)


def test_serve_without_a_secret_stops_with_a_message(cfg, monkeypatch):
    from toolkit.cli import serve as serve_command
    from toolkit.errors import ToolkitError

    monkeypatch.delenv("TOOLKIT_SECRET", raising=False)
    with pytest.raises(ToolkitError) as refused:
        serve_command.run(type("Args", (), {"host": None, "port": None})(), cfg)
    assert "TOOLKIT_SECRET" in refused.value.message("en") and "secret_file" in refused.value.message("en")


def test_the_check_button_through_the_service_answers_with_remote_bas_actions(serve, tmp_path):
    """A real payload as Remote.bas posts it, the real handler, the real RemoteBook: the finding comes back."""
    from remote_client import Client
    from test_buttons import submission

    from toolkit_demo.remote import payload_from_file

    srv = serve()
    payload = payload_from_file(submission(tmp_path, srv.cfg, "Odder"))
    headers = {"Authorization": f"Bearer {srv.token('Odder')}"}
    answer = httpx.post(f"{srv.url}/api/buttons/check", json=payload, headers=headers, timeout=60)
    assert answer.status_code == 200
    client = Client.replay(payload, answer.json())  # fails on any action Remote.bas does not implement
    assert client.values["Kontrol"]["E5"] == "ca. 50" and client.active == "Kontrol"
    broken = httpx.post(f"{srv.url}/api/buttons/check", json={"book": "not a book"}, headers=headers)
    assert broken.status_code == 400 and "Traceback" not in broken.text
