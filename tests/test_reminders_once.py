"""Two coordinators sending reminders at once from one ledger (SQLite or PostgreSQL): a municipality is mailed once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest
from aiosmtpd.controller import Controller
from test_reminders_mail import NOW, SENDER, Inbox, free_port, items

from toolkit.adapters.store.ledger import open_readonly
from toolkit.adapters.store.lock import Busy
from toolkit.adapters.store.reminders_sent import sent
from toolkit.workflows.consolidate.locks import run_lock
from toolkit.workflows.consolidate.reminders_mail import send_reminders


class Gate(Inbox):
    """Holds the first message until the test opens the gate: a send caught half-way."""

    def __init__(self):
        super().__init__()
        self.arrived, self.gate = threading.Event(), threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.arrived.set()
        self.gate.wait(30)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def gated(bcfg):
    inbox = Gate()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    cfg = dataclasses.replace(
        bcfg,
        smtp_host="127.0.0.1",
        smtp_port=controller.port,
        smtp_security="none",
        smtp_from=SENDER,
        smtp_subjects={},
        contacts={"Horsens": "erhverv@horsens.dk", "Odder": "erhverv@odder.dk", "Samsø": "erhverv@samsoe.dk"},
    )
    try:
        yield cfg, inbox
    finally:
        inbox.gate.set()
        controller.stop()


def test_a_second_sender_is_told_while_the_first_sends_and_nobody_is_mailed_twice(gated):
    cfg, inbox = gated
    first: list = []
    sending = threading.Thread(target=lambda: first.append(send_reminders(cfg, now=NOW, items=items())))
    sending.start()
    try:
        assert inbox.arrived.wait(30), "the first send never reached the server"
        with pytest.raises(Busy) as busy:  # a second coordinator, a minute later
            send_reminders(cfg, now=NOW + dt.timedelta(minutes=1), items=items())
        message = busy.value.message("da")
        assert "Påmindelser sendes lige nu af en anden kørsel" in message and "{" not in message
    finally:
        inbox.gate.set()
        sending.join(30)
    assert [o.outcome for o in first[0] if o.outcome == "sent"] == ["sent"] * 3
    # Once the first has finished, the second is told who was reminded, and mails nobody again.
    again = send_reminders(cfg, now=NOW + dt.timedelta(minutes=2), items=items())
    assert {o.municipality: o.outcome for o in again if o.address} == {
        "Samsø": "recent",
        "Odder": "recent",
        "Horsens": "recent",
    }
    assert sorted(r for _, rcpt, _ in inbox.messages for r in rcpt) == [
        "erhverv@horsens.dk",
        "erhverv@odder.dk",
        "erhverv@samsoe.dk",
    ]
    with open_readonly(cfg.ledger_target) as ledger:
        assert len([s for s in sent(ledger) if s.outcome == "sent"]) == 3


def test_reminders_can_be_sent_while_a_consolidation_holds_its_lock(gated):
    cfg, inbox = gated
    inbox.gate.set()
    with run_lock(cfg):
        outcomes = send_reminders(cfg, now=NOW, items=items())
    assert sorted(o.outcome for o in outcomes if o.address) == ["sent"] * 3
