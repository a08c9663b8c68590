"""E-mail through an SMTP server with the standard library: one connection per run, one message per recipient."""

from __future__ import annotations

import contextlib
import datetime as dt
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


@dataclass(frozen=True)
class Server:
    """Where and how to connect (read-only). ``security``: starttls, ssl or none; no login without ``user``."""

    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str = ""
    timeout: float = 30.0


@dataclass(frozen=True)
class Delivery:
    """What the server answered to one message (read-only): accepted, or refused with its reply."""

    accepted: bool
    detail: str = ""


class ConnectFailed(Exception):
    """The run could not start: ``stage`` is connect, tls or login; ``detail`` what the system or server said."""

    def __init__(self, stage: str, detail: str):
        super().__init__(f"{stage}: {detail}")
        self.stage = stage
        self.detail = detail


def compose(*, sender: str, to: str, subject: str, body: str, when: dt.datetime, reply_to: str = "") -> EmailMessage:
    """A plain-text UTF-8 message with a Message-ID in the sender's domain and ``when`` as its Date."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if reply_to:
        msg["Reply-To"] = reply_to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(body)
    return msg


class Connection:
    """``with Connection(server) as c: c.send(msg)`` (or ``open()`` ... ``close()``): one SMTP session for many
    messages.

    Opening raises ConnectFailed. A refused message does not end the session; a lost connection
    refuses every message after it without trying again, so a run never hangs on a dead server.
    """

    def __init__(self, server: Server):
        self.server = server
        self.smtp: smtplib.SMTP | None = None
        self.lost = ""

    def __enter__(self) -> Connection:
        return self.open()

    def open(self) -> Connection:
        s = self.server
        try:
            if s.security == "ssl":
                self.smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                self.smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        except (OSError, smtplib.SMTPException) as exc:
            raise ConnectFailed("connect", _describe(exc)) from None
        try:
            if s.security == "starttls":
                self.smtp.starttls(context=ssl.create_default_context())
        except (OSError, smtplib.SMTPException) as exc:
            self._close()
            raise ConnectFailed("tls", _describe(exc)) from None
        try:
            if s.user:
                self.smtp.login(s.user, s.password)
        except (OSError, smtplib.SMTPException) as exc:
            self._close()
            raise ConnectFailed("login", _describe(exc)) from None
        return self

    def send(self, msg: EmailMessage) -> Delivery:
        if self.lost:
            return Delivery(False, self.lost)
        if self.smtp is None:  # a caller's mistake, not the server's: say so rather than an AttributeError
            raise RuntimeError("send() on a connection that is not open")
        try:
            self.smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            return Delivery(False, "; ".join(_reply(code, text) for code, text in exc.recipients.values()))
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            if exc.smtp_code == 421:  # the server is closing the session
                self.lost = _reply(exc.smtp_code, exc.smtp_error)
            return Delivery(False, _reply(exc.smtp_code, exc.smtp_error))
        except smtplib.SMTPNotSupportedError as exc:  # e.g. an address with æøå to a server without SMTPUTF8
            return Delivery(False, str(exc))
        except (smtplib.SMTPException, OSError) as exc:
            self.lost = _describe(exc)
            return Delivery(False, self.lost)
        return Delivery(True)

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Say goodbye to the server (unless the connection is lost) and close it."""
        if self.smtp is not None and not self.lost:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.smtp.quit()
        self._close()
        self.smtp = None

    def _close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(OSError):
                self.smtp.close()


def _reply(code: int, text) -> str:
    return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}".strip()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc.smtp_code, exc.smtp_error)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
