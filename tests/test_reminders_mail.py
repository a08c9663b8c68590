"""toolkit reminders --send: e-mails through a real local SMTP server (aiosmtpd), recorded in the ledger, never twice."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import socket
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from test_consolidate_helpers import drop, submission, write_config

from toolkit.adapters.store.ledger import Ledger, open_readonly
from toolkit.adapters.store.reminders_sent import sent
from toolkit.cli import main
from toolkit.errors import ToolkitError
from toolkit.workflows.consolidate import run
from toolkit.workflows.consolidate.reminders import Reminder
from toolkit.workflows.consolidate.reminders_mail import compose_text, send_reminders

NOW = dt.datetime(2020, 2, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
SENDER = "sekretariat@kkr-midtjylland.dk"


class Inbox:
    """An aiosmtpd handler that keeps every message, counts sessions and refuses some recipients with 550."""

    def __init__(self, refuse=()):
        self.refuse = set(refuse)
        self.messages: list[tuple[str, list[str], email.message.EmailMessage]] = []
        self.sessions = 0
        self.close_on: set[str] = set()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.close_on & set(envelope.rcpt_tos):
            return "421 4.3.2 Service shutting down"
        msg = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for _, rcpt, m in self.messages if address in rcpt]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


def _mail_cfg(cfg, smtp):
    """The project's config pointed at the local server, with addresses for four municipalities."""
    _, port = smtp
    return dataclasses.replace(
        cfg,
        smtp_host="127.0.0.1",
        smtp_port=port,
        smtp_security="none",
        smtp_from=SENDER,
        smtp_reply_to="erhverv@kkr-midtjylland.dk",
        smtp_subjects={},
        contacts={
            "Horsens": "erhverv@horsens.dk",
            "Aarhus": "erhverv@aarhus.dk",
            "Odder": "erhverv@odder.dk",
            "Samsø": "erhverv@samsoe.dk",
        },
    )


@pytest.fixture
def mcfg(cfg, smtp):
    """_mail_cfg with the SQLite ledger: for what never reads or writes the ledger."""
    return _mail_cfg(cfg, smtp)


@pytest.fixture
def bmcfg(bcfg, smtp):
    """_mail_cfg on each backend (conftest.ledger_at): for what the ledger records or is read for."""
    return _mail_cfg(bcfg, smtp)


def items():
    return [
        Reminder("Samsø", "", "missing"),
        Reminder("Odder", "erhverv@odder.dk", "invalid", 3, "Odder.xlsx"),
        Reminder("Horsens", "", "unreadable", 0, "Horsens.xlsx"),
        Reminder("Skive", "", "missing"),
    ]


def test_each_municipality_without_a_valid_submission_gets_one_mail_in_danish(bmcfg, smtp, make_workbook, seed):
    inbox, _ = smtp
    drop(bmcfg, submission(make_workbook, seed, "Odder", results={2: {"actual": "ca. 50"}}), "Odder.xlsx")
    drop(bmcfg, submission(make_workbook, seed, "Aarhus"), "Aarhus.xlsx")
    run(bmcfg, settle_seconds=0, processes=0, progress=False)

    outcomes = {o.municipality: o for o in send_reminders(bmcfg, now=NOW)}

    assert len(outcomes) == 18 and "Aarhus" not in outcomes  # the CSV's list: everyone but the valid one
    assert {m for m, o in outcomes.items() if o.outcome == "sent"} == {"Odder", "Samsø", "Horsens"}
    assert {o.outcome for m, o in outcomes.items() if m not in ("Odder", "Samsø", "Horsens")} == {"no_address"}
    assert inbox.sessions == 1 and len(inbox.messages) == 3
    assert sorted(r for _, rcpt, _ in inbox.messages for r in rcpt) == [
        "erhverv@horsens.dk",
        "erhverv@odder.dk",
        "erhverv@samsoe.dk",
    ]
    (samso,) = inbox.to("erhverv@samsoe.dk")
    assert samso["Subject"] == "Påmindelse: indberetning 2019 fra Samsø, frist 1. marts 2020"
    assert samso["From"] == SENDER and samso["Reply-To"] == "erhverv@kkr-midtjylland.dk"
    body = samso.get_content()
    assert "Til Samsø Kommune" in body and "Fristen er 1. marts 2020." in body
    assert "ikke modtaget nogen projektmappe" in body and "Kontrollér" in body and "Indsend" in body
    (odder,) = inbox.to("erhverv@odder.dk")
    assert "Odder.xlsx" in odder.get_content() and "har 1 fejl" in odder.get_content()
    assert samso["Message-ID"] == outcomes["Samsø"].message_id and samso["Message-ID"].endswith("@kkr-midtjylland.dk>")


def test_the_mail_is_in_norwegian_and_english_when_configured(mcfg, smtp):
    inbox, _ = smtp
    send_reminders(dataclasses.replace(mcfg, language="nb"), now=NOW, items=items()[:1])
    send_reminders(dataclasses.replace(mcfg, language="en"), now=NOW, items=items()[1:2])
    nb, en = inbox.messages[0][2], inbox.messages[1][2]
    assert nb["Subject"] == "Påminnelse: innlevering 2019 fra Samsø, frist 1. mars 2020"
    assert "Fristen er 1. mars 2020." in nb.get_content() and "Send inn" in nb.get_content()
    assert en["Subject"] == "Reminder: Odder's submission for 2019, due 1 March 2020"
    assert "has 3 errors" in en.get_content() and "The deadline is 1 March 2020." in en.get_content()


def test_a_reminder_after_the_deadline_says_it_was(mcfg):
    _subject, body = compose_text(items()[0], mcfg, dt.date(2020, 3, 2))
    assert "Fristen var 1. marts 2020." in body


def test_a_configured_subject_replaces_the_built_in_one(mcfg, smtp):
    inbox, _ = smtp
    cfg = dataclasses.replace(mcfg, smtp_subjects={"da": "{region}: {municipality} mangler, frist {deadline}"})
    send_reminders(cfg, now=NOW, items=items()[:1])
    assert inbox.messages[0][2]["Subject"] == "Region Midtjylland: Samsø mangler, frist 1. marts 2020"


def test_what_was_sent_is_recorded_in_the_ledger(bmcfg, smtp):
    send_reminders(bmcfg, now=NOW, items=items())
    with open_readonly(bmcfg.ledger_target) as ledger:
        rows = sent(ledger)
    assert [(r.municipality, r.address, r.outcome, r.sent_at) for r in rows] == [
        ("Samsø", "erhverv@samsoe.dk", "sent", NOW),
        ("Odder", "erhverv@odder.dk", "sent", NOW),
        ("Horsens", "erhverv@horsens.dk", "sent", NOW),
    ]
    assert all(r.message_id.startswith("<") for r in rows)


def test_a_municipality_is_not_reminded_twice_within_the_interval(bmcfg, smtp):
    inbox, _ = smtp
    send_reminders(bmcfg, now=NOW, items=items()[:1])
    again = send_reminders(bmcfg, now=NOW + dt.timedelta(days=6, hours=23), items=items()[:1])
    assert [o.outcome for o in again] == ["recent"] and len(inbox.messages) == 1
    assert "2020-02-20 10:00" in again[0].line("da", days=7) and "--force" in again[0].line("da", days=7)
    forced = send_reminders(bmcfg, now=NOW + dt.timedelta(days=1), items=items()[:1], force=True)
    assert [o.outcome for o in forced] == ["sent"] and len(inbox.messages) == 2
    later = send_reminders(bmcfg, now=NOW + dt.timedelta(days=8), items=items()[:1])
    assert [o.outcome for o in later] == ["sent"] and len(inbox.messages) == 3


def test_a_refused_recipient_does_not_stop_the_others(bmcfg, smtp):
    inbox, _ = smtp
    inbox.refuse.add("erhverv@odder.dk")
    outcomes = {o.municipality: o for o in send_reminders(bmcfg, now=NOW, items=items())}
    assert outcomes["Odder"].outcome == "refused" and "550" in outcomes["Odder"].detail
    assert outcomes["Samsø"].outcome == outcomes["Horsens"].outcome == "sent"
    assert inbox.sessions == 1 and not inbox.to("erhverv@odder.dk") and len(inbox.messages) == 2
    assert "IKKE sendt" in outcomes["Odder"].line("da") and "550" in outcomes["Odder"].line("da")
    with open_readonly(bmcfg.ledger_target) as ledger:
        assert [(r.municipality, r.outcome) for r in sent(ledger)] == [
            ("Samsø", "sent"),
            ("Odder", "refused"),
            ("Horsens", "sent"),
        ]
    # a refused one was not reminded: the next run tries it again
    inbox.refuse.clear()
    retry = {o.municipality: o.outcome for o in send_reminders(bmcfg, now=NOW + dt.timedelta(hours=1), items=items())}
    assert retry == {"Samsø": "recent", "Odder": "sent", "Horsens": "recent", "Skive": "no_address"}


def test_a_server_that_closes_the_session_fails_the_rest_without_hanging(bmcfg, smtp):
    inbox, _ = smtp
    inbox.close_on.add("erhverv@odder.dk")
    outcomes = {o.municipality: o for o in send_reminders(bmcfg, now=NOW, items=items())}
    assert [outcomes[m].outcome for m in ("Samsø", "Odder", "Horsens")] == ["sent", "failed", "failed"]
    assert "421" in outcomes["Horsens"].detail and len(inbox.messages) == 1
    with open_readonly(bmcfg.ledger_target) as ledger:
        assert [r.outcome for r in sent(ledger)] == ["sent", "failed", "failed"]


def test_an_address_with_aeoeaa_arrives_intact_where_the_server_takes_smtputf8(mcfg, smtp):
    inbox, _ = smtp
    cfg = dataclasses.replace(mcfg, contacts=mcfg.contacts | {"Samsø": "erhverv@samsø.dk"})
    send_reminders(cfg, now=NOW, items=items()[:1])
    (msg,) = inbox.to("erhverv@samsø.dk")
    assert msg["To"] == "erhverv@samsø.dk"


def test_an_address_with_aeoeaa_to_a_server_without_smtputf8_is_refused_and_the_others_go(mcfg):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=False)
    controller.start()
    try:
        cfg = dataclasses.replace(
            mcfg, smtp_port=controller.port, contacts=mcfg.contacts | {"Samsø": "erhverv@samsø.dk"}
        )
        outcomes = {o.municipality: o for o in send_reminders(cfg, now=NOW, items=items())}
    finally:
        controller.stop()
    assert outcomes["Samsø"].outcome == "refused" and "SMTPUTF8" in outcomes["Samsø"].detail
    assert outcomes["Odder"].outcome == outcomes["Horsens"].outcome == "sent" and len(inbox.messages) == 2


def test_a_municipality_without_an_address_is_listed_with_the_reason(mcfg, smtp):
    typed = Reminder("Skive", "erhverv@skive.dk", "invalid", 2, "Skive.xlsx")
    (o,) = send_reminders(mcfg, now=NOW, items=[typed])
    assert o.outcome == "no_address" and not smtp[0].messages
    line = o.line("en")
    assert "NOT sent" in line and "[contacts]" in line and "erhverv@skive.dk" in line  # named, never used


def test_a_server_that_is_not_there_is_a_clear_error_naming_smtp_host(bmcfg):
    cfg = dataclasses.replace(bmcfg, smtp_port=free_port(), smtp_timeout_seconds=5)
    with pytest.raises(ToolkitError) as exc:
        send_reminders(cfg, now=NOW, items=items())
    for lang in ("da", "nb", "en"):
        msg = exc.value.message(lang)
        assert "[smtp] host" in msg and f"127.0.0.1:{cfg.smtp_port}" in msg and "{" not in msg
    with open_readonly(cfg.ledger_target) as ledger:
        assert sent(ledger) == []


def test_the_command_says_the_server_is_unreachable_without_a_traceback(mcfg, tmp_path, capsys):
    path = Path(write_config(tmp_path, mcfg))
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + f"\n[smtp]\nhost = 127.0.0.1\nport = {free_port()}\nsecurity = none\nfrom = {SENDER}\n", encoding="utf-8"
    )
    assert main(["--config", str(path), "--language", "en", "reminders", "--send"]) == 2
    err = capsys.readouterr().err
    assert "Could not connect" in err and "[smtp] host" in err and "Traceback" not in err


def test_send_dry_run_and_sent_from_the_command_line(bmcfg, smtp, tmp_path, capsys):
    inbox, port = smtp
    path = Path(write_config(tmp_path, bmcfg))
    path.write_text(
        path.read_text(encoding="utf-8") + f"\n[smtp]\nhost = 127.0.0.1\nport = {port}\n"
        f"security = none\nfrom = {SENDER}\n",
        encoding="utf-8",
    )
    assert main(["--config", str(path), "reminders", "--send", "--dry-run"]) == 1  # 15 would not be: no address
    out = capsys.readouterr().out
    assert "ville blive sendt" in out and "Prøvekørsel: 4 påmindelser" in out
    assert "Subject: Påmindelse: indberetning 2019 fra Samsø, frist 1. marts 2020" in out
    assert "Sådan indberetter I" in out  # readable text, not quoted-printable
    assert not inbox.messages and open_readonly(bmcfg.ledger_target) is None  # a dry run makes no ledger
    assert main(["--config", str(path), "reminders", "--sent"]) == 0
    assert "ikke sendt nogen" in capsys.readouterr().out
    assert main(["--config", str(path), "reminders", "--send"]) == 1  # the 15 without an address
    out = capsys.readouterr().out
    assert "Påmindelser: 4 sendt, 15 ikke sendt, 0 påmindet for nylig." in out
    assert len(inbox.messages) == 4 and inbox.sessions == 1
    assert main(["--config", str(path), "reminders", "--sent"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and "Horsens  <erhverv@horsens.dk>  sendt  <" in lines[0]
    assert main(["--config", str(path), "reminders", "--sent", "--force"]) == 2


def test_an_older_ledger_without_the_table_opens_and_gets_it(bmcfg, smtp):
    with (
        Ledger(bmcfg.ledger_target) as ledger,
        ledger.transaction() as conn,
    ):  # a schema-2 ledger: before reminders were mailed
        conn.exec_driver_sql("DROP TABLE reminders_sent")
        conn.exec_driver_sql("UPDATE ledger_info SET value = '2' WHERE key = 'schema_version'")
    with open_readonly(bmcfg.ledger_target) as ledger:
        assert sent(ledger) == []
    send_reminders(bmcfg, now=NOW, items=items()[:1])
    with open_readonly(bmcfg.ledger_target) as ledger:
        assert [r.municipality for r in sent(ledger)] == ["Samsø"]


def test_a_missing_password_names_its_setting(mcfg, monkeypatch):
    monkeypatch.delenv("TOOLKIT_TEST_SMTP_PASSWORD", raising=False)
    cfg = dataclasses.replace(
        mcfg, smtp_security="starttls", smtp_user="kkr", smtp_password_env="TOOLKIT_TEST_SMTP_PASSWORD"
    )
    with pytest.raises(ToolkitError) as exc:
        send_reminders(cfg, now=NOW, items=items())
    assert "[smtp] password_env" in exc.value.message("en") and "TOOLKIT_TEST_SMTP_PASSWORD" in exc.value.message("en")
