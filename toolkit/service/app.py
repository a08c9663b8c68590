"""The Starlette application: routes for the upload page, the API and the coordinator's dashboard."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from toolkit.config import Config
from toolkit.service import pages, tokens
from toolkit.service.dashboard import dashboard_rows
from toolkit.service.intake import Receipt, name_ok, receive
from toolkit.service.messages import say
from toolkit.service.middleware import Secured, SizeLimit, mask, plain_answer
from toolkit.service.security import RateLimit, Signer, check_password, load_secret
from toolkit.service.xlwings_remote import PayloadError, RemoteBook

log = logging.getLogger("toolkit.service")
STATIC = Path(__file__).resolve().parent / "static"
CSRF_COOKIE, SESSION_COOKIE = "tk_csrf", "tk_session"
_FORM_SLACK = 64 * 1024  # the multipart envelope and the CSRF field around the workbook


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def create_app(cfg: Config, *, now=_now, secret: bytes | None = None, remote_book=None, rate_clock=time.monotonic):
    """The service as an ASGI app. ``now`` is the clock (deadline, receipt time), ``secret`` the signing key
    (default: load_secret), ``remote_book`` builds a RemoteBook from an xlwings payload (default: the one in
    toolkit.service.xlwings_remote)."""
    svc = _Service(
        cfg, now, Signer(secret or load_secret(cfg)), RateLimit(cfg.server_rate_per_minute, rate_clock), remote_book
    )
    routes = [
        Route("/", svc.home),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/m/{token}", svc.upload, methods=["GET", "POST"]),
        Route("/api/submit", svc.api_submit, methods=["POST"]),
        Route("/api/buttons/{name}", svc.api_button, methods=["POST"]),
        Route("/coordinator", svc.dashboard),
        Route("/coordinator/login", svc.login, methods=["POST"]),
        Route("/coordinator/logout", svc.logout, methods=["POST"]),
        Route("/coordinator/consolidate", svc.consolidate, methods=["POST"]),
        Route("/coordinator/download/{what}", svc.download),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    # Starlette types every handler as taking Exception; the dict cannot say this one is keyed by HTTPException.
    handlers = {HTTPException: svc.http_error, Exception: svc.crash}
    app = Starlette(routes=routes, exception_handlers=handlers)  # type: ignore[arg-type]
    limit = cfg.server_max_upload_mb * 1024 * 1024 + _FORM_SLACK
    return Secured(SizeLimit(app, limit, cfg.language, cfg.server_max_upload_mb))


@dataclasses.dataclass
class _Service:
    cfg: Config
    now: Callable[[], dt.datetime]
    signer: Signer
    rate: RateLimit
    remote_book: Callable[[dict], RemoteBook] | None  # tests pass stand-ins

    @property
    def lang(self) -> str:
        return self.cfg.language

    # errors --------------------------------------------------------------

    def refuse(self, request: Request, status: int, key: str, **params) -> Response:
        headers, body = plain_answer(request.url.path, status, say(key, self.lang, **params))
        return Response(body, status, headers={k.decode(): v.decode() for k, v in headers if k != b"content-length"})

    async def http_error(self, request: Request, exc: HTTPException) -> Response:
        key = {404: "not_found", 405: "not_found", 403: "forbidden"}.get(exc.status_code, "bad_request")
        return self.refuse(request, exc.status_code, key)

    async def crash(self, request: Request, exc: Exception) -> Response:
        log.error("internal error on %s %s: %s", request.method, mask(request.url.path), type(exc).__name__)
        return PlainTextResponse(say("internal", self.lang), 500)

    # tokens --------------------------------------------------------------

    def _token_owner(self, token: str) -> str | None:
        return tokens.municipality_for(self.cfg, token)

    async def _gate(self, request: Request, token: str) -> str | Response:
        """The municipality of ``token``, or the refusal: 403 unknown or revoked, 429 too many requests.
        Looked up in a worker thread like every other ledger access: on PostgreSQL a lookup opens a connection
        (tens of milliseconds, up to the connect timeout when the server is slow to answer), which must hold up
        this request only, not every other one on the event loop."""
        owner = await run_in_threadpool(self._token_owner, token)
        if owner is None:
            return self.refuse(request, 403, "forbidden")
        if not self.rate.allow(tokens.digest(token)):
            return self.refuse(request, 429, "too_many")
        return owner

    def _cookie(self, response: Response, name: str, value: str, max_age: int | None = None) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            httponly=True,
            samesite="strict",
            path="/",
            secure=self.cfg.server_public_url.startswith("https://"),
        )

    def _csrf_seed(self, request: Request) -> tuple[str, bool]:
        seed = request.cookies.get(CSRF_COOKIE)
        return (seed, False) if seed and len(seed) < 100 else (secrets.token_urlsafe(24), True)

    def _page(self, request: Request, html: str, status: int = 200, seed: tuple[str, bool] | None = None) -> Response:
        response = HTMLResponse(html, status)
        if seed and seed[1]:
            self._cookie(response, CSRF_COOKIE, seed[0])
        return response

    # the upload page --------------------------------------------------------

    async def home(self, request: Request) -> Response:
        return self.refuse(request, 404, "not_found")

    async def upload(self, request: Request) -> Response:
        token = request.path_params["token"]
        owner = await self._gate(request, token)
        if isinstance(owner, Response):
            return owner
        seed = self._csrf_seed(request)
        receipt, status = None, 200
        if request.method == "POST":
            form = await request.form(max_files=1, max_fields=4)
            try:
                if not self.signer.csrf_ok(request.cookies.get(CSRF_COOKIE), "upload", _text(form, "csrf")):
                    return self.refuse(request, 403, "csrf")
                upload = form.get("file")
                if upload is None or isinstance(upload, str) or not upload.filename:
                    receipt, status = Receipt("refused", say("no_file", self.lang)), 400
                else:
                    data = await upload.read()
                    receipt, status = await self._receive(data, upload.filename, owner)
            finally:
                await form.close()
        history = await run_in_threadpool(_history, self.cfg, owner)
        html = pages.upload_page(
            lang=self.lang,
            municipality=owner,
            csrf=self.signer.csrf(seed[0], "upload"),
            deadline=pages.deadline_line(self.cfg.deadline, self.now().date(), self.lang),
            versions=history,
            receipt=receipt,
        )
        return self._page(request, html, status, seed)

    async def _receive(self, data: bytes, name: str, owner: str) -> tuple[Receipt, int]:
        if not name_ok(name):
            return Receipt("refused", say("bad_name", self.lang)), 400
        receipt = await run_in_threadpool(receive, self.cfg, data, name, owner, self.now())
        return receipt, 422 if receipt.status == "refused" and not receipt.recorded else 200

    # the API ---------------------------------------------------------------

    def _bearer(self, request: Request) -> str:
        auth = request.headers.get("authorization", "")
        return auth[7:].strip() if auth[:7].lower() == "bearer " else ""

    async def api_submit(self, request: Request) -> Response:
        owner = await self._gate(request, self._bearer(request))
        if isinstance(owner, Response):
            return owner
        try:
            name = unquote(request.headers.get("x-file-name", ""), errors="strict")
        except UnicodeDecodeError:
            name = ""
        if not name_ok(name):
            return JSONResponse(Receipt("refused", say("bad_name", self.lang)).to_json(), 400)
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
        receipt, status = await self._receive(bytes(data), name, owner)
        return JSONResponse(receipt.to_json(), status)

    async def api_button(self, request: Request) -> Response:
        owner = await self._gate(request, self._bearer(request))
        if isinstance(owner, Response):
            return owner
        name = request.path_params["name"]
        if name not in ("check", "compute"):
            return self.refuse(request, 404, "no_button", name=name)
        factory = self.remote_book or RemoteBook
        try:
            payload = await request.json()
        except ValueError:
            return self.refuse(request, 400, "bad_request")
        if not isinstance(payload, dict):
            return self.refuse(request, 400, "bad_request")
        try:
            return JSONResponse(await run_in_threadpool(_press, name, factory, payload, self.cfg))
        except PayloadError:  # not what Remote.bas posts: a clear 400, never a 500
            return self.refuse(request, 400, "bad_request")

    # the coordinator -------------------------------------------------------

    def _coordinator(self, request: Request) -> str | None:
        header = self.cfg.server_proxy_user_header
        if header and request.headers.get(header, "").strip():
            return request.headers[header].strip()
        return self.signer.session_user(request.cookies.get(SESSION_COOKIE), time.time())

    async def dashboard(self, request: Request, message: str = "") -> Response:
        seed = self._csrf_seed(request)
        if self._coordinator(request) is None:
            error = "" if self.cfg.server_coordinator_password else say("login.disabled", self.lang)
            html = pages.login_page(lang=self.lang, csrf=self.signer.csrf(seed[0], "login"), error=error)
            return self._page(request, html, 200, seed)
        rows, counts = await run_in_threadpool(dashboard_rows, self.cfg, self.now().date())
        title = say("dash.title", self.lang, region=self.cfg.region, year=self.cfg.fiscal_year)
        html = pages.dashboard_page(
            lang=self.lang,
            title=title,
            rows=rows,
            counts=counts,
            message=message,
            csrf=self.signer.csrf(seed[0], "coordinator"),
        )
        return self._page(request, html, 200, seed)

    async def login(self, request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=4)
        if not self.signer.csrf_ok(request.cookies.get(CSRF_COOKIE), "login", _text(form, "csrf")):
            return self.refuse(request, 403, "csrf")
        if not self.rate.allow("login"):
            return self.refuse(request, 429, "too_many")
        stored = self.cfg.server_coordinator_password
        password = form.get("password")
        if not stored or not isinstance(password, str) or not await run_in_threadpool(check_password, password, stored):
            seed = self._csrf_seed(request)
            html = pages.login_page(
                lang=self.lang, csrf=self.signer.csrf(seed[0], "login"), error=say("login.wrong", self.lang)
            )
            return self._page(request, html, 403, seed)
        response = RedirectResponse("/coordinator", 303)
        self._cookie(response, SESSION_COOKIE, self.signer.session("coordinator", time.time()))
        return response

    async def _signed_in_form(self, request: Request) -> Response | None:
        if self._coordinator(request) is None:
            return self.refuse(request, 403, "forbidden")
        form = await request.form(max_files=0, max_fields=4)
        if not self.signer.csrf_ok(request.cookies.get(CSRF_COOKIE), "coordinator", _text(form, "csrf")):
            return self.refuse(request, 403, "csrf")
        return None

    async def logout(self, request: Request) -> Response:
        refusal = await self._signed_in_form(request)
        if refusal is not None:
            return refusal
        response = RedirectResponse("/coordinator", 303)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
        return response

    async def consolidate(self, request: Request) -> Response:
        refusal = await self._signed_in_form(request)
        if refusal is not None:
            return refusal
        from toolkit.workflows.consolidate import Busy, run

        try:
            await run_in_threadpool(lambda: run(self.cfg, progress=False, processes=0, now=self.now))
        except Busy:
            return await self.dashboard(request, say("busy", self.lang))
        return await self.dashboard(
            request, say("dash.consolidated", self.lang, at=self.now().strftime("%Y-%m-%d %H:%M"))
        )

    async def download(self, request: Request) -> Response:
        if self._coordinator(request) is None:
            return self.refuse(request, 403, "forbidden")
        what = request.path_params["what"]
        if what == "reminders":
            from toolkit.workflows.consolidate.reminders import reminders, reminders_csv

            data = await run_in_threadpool(lambda: reminders_csv(reminders(self.cfg), self.cfg))
            return Response(
                data,
                headers={
                    "content-type": "text/csv; charset=utf-8",
                    "content-disposition": 'attachment; filename="reminders.csv"',
                },
            )
        if what == "workbook":
            from toolkit.workflows.consolidate import output_path

            path = output_path(self.cfg)
        elif what == "deck":
            from toolkit.workflows.deck import make_deck

            path = await run_in_threadpool(make_deck, self.cfg)
        else:
            return self.refuse(request, 404, "not_found")
        if not path.is_file():
            return self.refuse(request, 404, "missing_file", file=path.name)
        return FileResponse(path, filename=path.name)


def _text(form: FormData, name: str) -> str | None:
    """A text field of ``form``; None when absent or sent as a file (which compare_digest would crash on)."""
    value = form.get(name)
    return value if isinstance(value, str) else None


def _history(cfg: Config, municipality: str):
    from toolkit.workflows.consolidate import history

    return history(cfg, municipality)


def _press(name: str, factory, payload: dict, cfg: Config) -> dict:
    from toolkit.buttons import handlers

    book = factory(payload)
    getattr(handlers, name)(book, cfg=cfg)
    return book.response()
