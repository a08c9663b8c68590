"""Reminders by e-mail: each municipality without a valid submission gets one, in the configured language, once."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from email.message import EmailMessage

from toolkit.adapters import mail
from toolkit.adapters.store import reminders_sent
from toolkit.adapters.store.ledger import Ledger, open_readonly
from toolkit.config import Config
from toolkit.errors import ToolkitError
from toolkit.i18n import format_date
from toolkit.workflows.consolidate.locks import mail_lock
from toolkit.workflows.consolidate.messages import key, say
from toolkit.workflows.consolidate.reminders import Reminder, reminders


@dataclass(frozen=True)
class Outcome:
    """What happened to one municipality's reminder (read-only).

    ``outcome``: sent, refused, failed (recorded in the ledger); no_address, recent, would_send (not recorded).
    """

    municipality: str
    address: str
    outcome: str
    detail: str = ""
    message_id: str = ""
    message: EmailMessage | None = None

    def line(self, lang: str, days: int = 0) -> str:
        """The line the command prints for it (``days``: [smtp] interval_days, named by "recent")."""
        if self.outcome == "no_address":
            hint = "no_address_hint" if self.detail else "no_address"
            return say(f"mail.{hint}", lang, municipality=self.municipality, email=self.detail)
        return say(
            f"mail.{self.outcome}",
            lang,
            municipality=self.municipality,
            address=self.address,
            detail=self.detail,
            message_id=self.message_id,
            when=self.detail,
            days=days,
        )


def compose_text(r: Reminder, cfg: Config, today: dt.date, lang: str | None = None) -> tuple[str, str]:
    """(subject, body) of ``r``'s reminder: the deadline as the language writes dates, what is missing or wrong,
    how to submit. ``[smtp] subject_<lang>`` replaces the built-in subject."""
    if cfg.deadline is None:
        raise ToolkitError(key("mail.no_deadline"))
    lang = lang or cfg.language
    p = {
        "municipality": r.municipality,
        "deadline": format_date(cfg.deadline, lang),
        "year": cfg.fiscal_year,
        "region": cfg.region or cfg.council,
        "council": cfg.council or cfg.region,
    }
    custom = cfg.smtp_subjects.get(lang)
    subject = custom.format(**p) if custom else say("mail.subject", lang, **p)
    state = {"missing": "mail.missing", "unreadable": "mail.unreadable"}.get(
        r.reason, "mail.invalid_one" if r.errors == 1 else "mail.invalid"
    )
    paragraphs = [
        say("mail.greeting", lang, **p),
        say("mail.due" if cfg.deadline >= today else "mail.overdue", lang, **p),
        say(state, lang, file=r.latest_file, errors=r.errors),
        say("mail.how", lang, **p),
        say("mail.closing", lang, **p),
    ]
    return subject, "\n\n".join(paragraphs) + "\n"


def send_reminders(
    cfg: Config, *, now: dt.datetime, dry_run: bool = False, force: bool = False, items: list[Reminder] | None = None
) -> list[Outcome]:
    """Mail every municipality of ``reminders(cfg)`` through [smtp] over one connection and record each attempt.

    A municipality without an address in [contacts] is not sent (the workbook's typed address is only named,
    never used: anyone can type one). One reminded (accepted by the server) less than [smtp] interval_days
    before ``now`` is not sent again unless ``force``. A refused recipient does not stop the others. A dry run
    composes the messages and neither connects nor records. Raises ToolkitError naming the setting that
    stops a run before anything is sent.
    """
    if cfg.deadline is None:
        raise ToolkitError(key("mail.no_deadline"))
    if not cfg.smtp_from:
        raise ToolkitError(key("mail.no_setting"), key="from")
    server = None if dry_run else _server(cfg)
    if dry_run:
        return _send(cfg, now, None, force, items)
    with mail_lock(cfg):  # Busy while another process sends: the same municipality is never mailed twice
        return _send(cfg, now, server, force, items)


def _send(
    cfg: Config, now: dt.datetime, server: mail.Server | None, force: bool, items: list[Reminder] | None
) -> list[Outcome]:
    """send_reminders' work (a dry run without ``server``), under the mail lock when it sends."""
    dry_run = server is None
    items = reminders(cfg) if items is None else items
    lang = cfg.language
    ledger = open_readonly(cfg.ledger_target) if dry_run else Ledger(cfg.ledger_target)
    try:
        out: list[Outcome] = []
        due: list[tuple[int, Reminder, str]] = []
        for r in items:
            address = cfg.contacts.get(r.municipality, "")
            last = None if force or not address else reminders_sent.last_sent(ledger, r.municipality)
            if not address:
                out.append(Outcome(r.municipality, "", "no_address", r.email))
            elif last is not None and now - last < dt.timedelta(days=cfg.smtp_interval_days):
                out.append(Outcome(r.municipality, address, "recent", last.strftime("%Y-%m-%d %H:%M")))
            else:
                due.append((len(out), r, address))
                out.append(Outcome(r.municipality, address, "would_send"))
        if not due:
            return out
        messages = []
        for i, r, address in due:
            subject, body = compose_text(r, cfg, now.date(), lang)
            msg = mail.compose(
                sender=cfg.smtp_from, to=address, subject=subject, body=body, when=now, reply_to=cfg.smtp_reply_to
            )
            messages.append((i, r, address, msg))
            out[i] = Outcome(r.municipality, address, "would_send", message_id=msg["Message-ID"], message=msg)
        if server is None or ledger is None:  # server and ledger are None in a dry run only
            return out
        conn = _connect(cfg, server)
        try:
            for i, r, address, msg in messages:
                d = conn.send(msg)
                outcome = "sent" if d.accepted else ("failed" if conn.lost else "refused")
                item = reminders_sent.SentReminder(now, r.municipality, address, msg["Message-ID"], outcome, d.detail)
                reminders_sent.record(ledger, item)
                out[i] = Outcome(r.municipality, address, outcome, d.detail, msg["Message-ID"], msg)
        finally:
            conn.close()
        return out
    finally:
        if ledger is not None:
            ledger.close()


def _server(cfg: Config) -> mail.Server:
    if not cfg.smtp_host:
        raise ToolkitError(key("mail.no_setting"), key="host")
    port = cfg.smtp_port or mail.DEFAULT_PORTS[cfg.smtp_security]
    return mail.Server(cfg.smtp_host, port, cfg.smtp_security, cfg.smtp_user, _password(cfg), cfg.smtp_timeout_seconds)


def _password(cfg: Config) -> str:
    if not cfg.smtp_user:
        return ""
    if cfg.smtp_password_env:
        value = os.environ.get(cfg.smtp_password_env, "")
        if not value:
            raise ToolkitError(key("mail.password_env"), name=cfg.smtp_password_env)
        return value
    if cfg.smtp_password_file is None:  # load_config asks for one of the two; a Config made in code may not
        raise ToolkitError(key("mail.password_file"), file="[smtp] password_file", detail="-")
    try:
        lines = cfg.smtp_password_file.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ToolkitError(
            key("mail.password_file"), file=str(cfg.smtp_password_file), detail=type(exc).__name__
        ) from None
    if not lines or not lines[0]:
        raise ToolkitError(key("mail.password_file"), file=str(cfg.smtp_password_file), detail="-")
    return lines[0]


def _connect(cfg: Config, server: mail.Server) -> mail.Connection:
    conn = mail.Connection(server)
    try:
        return conn.open()
    except mail.ConnectFailed as exc:
        source = (
            f"password_env ({cfg.smtp_password_env})"
            if cfg.smtp_password_env
            else f"password_file ({cfg.smtp_password_file})"
        )
        raise ToolkitError(
            key(f"mail.{exc.stage}"),
            host=server.host,
            port=server.port,
            security=server.security,
            user=server.user,
            source=source,
            detail=exc.detail,
        ) from None


__all__ = ["Outcome", "compose_text", "send_reminders"]
