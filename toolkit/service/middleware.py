"""ASGI wrappers around the whole app: security headers, the body-size limit, and a log without tokens."""

from __future__ import annotations

import json
import logging
import re
import time

from toolkit.service.messages import say

log = logging.getLogger("toolkit.service")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),  # the page's URL holds the token: never send it on
    (b"cache-control", b"no-store"),
]
_TOKEN_IN_PATH = re.compile(r"^/m/[^/?]*")


def mask(path: str) -> str:
    """The path as it may be logged: the token of /m/<token> replaced."""
    return _TOKEN_IN_PATH.sub("/m/***", path)


def plain_answer(path: str, status: int, message: str) -> tuple[list, bytes]:
    """Headers and body of a refusal: JSON under /api/, plain text elsewhere."""
    if path.startswith("/api/"):
        body = json.dumps({"status": "refused", "message": message, "findings": []}, ensure_ascii=False).encode()
        kind = b"application/json"
    else:
        body, kind = message.encode("utf-8"), b"text/plain; charset=utf-8"
    return [(b"content-type", kind), (b"content-length", str(len(body)).encode())], body


class Secured:
    """Adds the security headers to every response and logs each request with its token masked."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.monotonic(), [0]

        async def send_secured(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = dict(
                    message, headers=[*message.get("headers", []), *(h for h in HEADERS if h[0] not in names)]
                )
            await send(message)

        try:
            await self.app(scope, receive, send_secured)
        finally:
            log.info(
                "%s %s %s %.0f ms",
                scope.get("method"),
                mask(scope.get("path", "")),
                status[0],
                (time.monotonic() - started) * 1000,
            )


class _TooLarge(BaseException):  # not Exception: the app's error handler must not answer it with a 500
    pass


class SizeLimit:
    """Refuses a request body over ``limit`` bytes with 413: at once by its Content-Length, else while it streams."""

    def __init__(self, app, limit: int, lang: str, limit_mb: int):
        self.app, self.limit, self.lang, self.limit_mb = app, limit, lang, limit_mb

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers", []))
        length = headers.get(b"content-length", b"")
        if length and (not length.isdigit() or int(length) > self.limit):
            return await self._refuse(scope, send)
        seen, started = [0], [False]

        async def counted():
            message = await receive()
            if message["type"] == "http.request":
                seen[0] += len(message.get("body", b""))
                if seen[0] > self.limit:
                    raise _TooLarge()
            return message

        async def watched(message):
            if message["type"] == "http.response.start":
                started[0] = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started[0]:
                await self._refuse(scope, send)

    async def _refuse(self, scope, send):
        headers, body = plain_answer(scope.get("path", ""), 413, say("too_large", self.lang, limit=self.limit_mb))
        await send({"type": "http.response.start", "status": 413, "headers": [*headers, (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
