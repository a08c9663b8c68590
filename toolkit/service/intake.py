"""One workbook received over HTTP: examined and recorded exactly as `toolkit consolidate` records an inbox file."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field

from toolkit.adapters.store.archive import Archive
from toolkit.adapters.store.ledger import Ledger
from toolkit.config import Config
from toolkit.service.messages import say
from toolkit.workflows.consolidate.examine import Context, examine_bytes

# Folders, "..", control characters: the name is a label, and one that looks like a path is refused, not cleaned.
_BAD_NAME = re.compile(r"[/\\\x00-\x1f\x7f]|(^|\.)\.\.|^\.")
_MAX_NAME = 200


@dataclass
class Receipt:
    """What became of an upload. ``status``: received, duplicate or refused; ``recorded``: in the ledger."""

    status: str
    message: str
    recorded: bool = False
    state: str | None = None  # valid, invalid (recorded files)
    findings: list[dict] = field(default_factory=list)  # severity, sheet, cell, field, message

    def to_json(self) -> dict:
        return {"status": self.status, "message": self.message, "findings": self.findings}


def name_ok(name: str) -> bool:
    """True for a plain file name: no folder, no "..", no control character, not empty or hidden."""
    return bool(name) and len(name) <= _MAX_NAME and not _BAD_NAME.search(name)


_ARCHIVING = threading.Lock()


def _archive(cfg: Config, data: bytes, digest: str) -> None:
    """Store the bytes durably before the ledger names them. One thread at a time: Archive names its temporary
    file by process, so two requests with the same bytes would share it. A consolidation starting meanwhile
    removes temporary files (Archive.clean): then write again."""
    archive = Archive(cfg.archive)
    with _ARCHIVING:
        for attempt in range(3):
            try:
                archive.put(data, digest, durable=False)
                break
            except FileNotFoundError:
                if attempt == 2:
                    raise
        archive.make_durable([digest])


def receive(cfg: Config, data: bytes, name: str, municipality: str, now: dt.datetime) -> Receipt:
    """Examine ``data`` sent by ``municipality``'s token and record it (archive first, then the ledger).

    Files that are not the municipality's own workbook (another municipality's, unreadable, no
    municipality) are refused and not recorded; a file with errors is recorded as an invalid version
    (the coordinator sees it) and answered "refused" with its findings; the same bytes again: duplicate.
    """
    lang = cfg.language
    with Ledger(cfg.ledger_target) as ledger:
        ctx = Context(cfg, frozenset(ledger.known_hashes()))
    source = f"service:{municipality}/{name}"
    out = examine_bytes(data, name, ctx, source=source)
    if out.status == "known":
        return Receipt("duplicate", say("duplicate", lang, file=name))
    findings = [{"severity": f[0], "sheet": f[1], "cell": f[2], "field": f[3], "message": f[6]} for f in out.findings]
    if out.state == "unreadable" or out.kind is None:
        errors = [f for f in findings if f["severity"] == "error"]
        return Receipt("refused", say("unreadable", lang, file=name), findings=errors or findings)
    if not out.municipality:
        return Receipt("refused", say("no_municipality", lang, file=name, kind=out.kind), findings=findings)
    if out.municipality.casefold() != municipality.casefold():
        return Receipt(
            "refused",
            say("other_municipality", lang, file=name, named=out.municipality, mine=municipality),
            findings=[],
        )
    # examine_bytes gives a file that is not "known" its hash and a state (valid, invalid or unreadable).
    assert out.sha256 is not None and out.state is not None, out
    _archive(cfg, data, out.sha256)
    with Ledger(cfg.ledger_target) as ledger, ledger.transaction():
        # examine_bytes never names a readable file by its name (name_hint stays None), as the service wants.
        sid = ledger.add_submission(
            **out.version(file_name=name, source_path=source, mtime=now, received_at=now, run_id=None)
        )
    if sid is None:  # the same bytes arrived through another door meanwhile
        return Receipt("duplicate", say("duplicate", lang, file=name))
    if out.state == "valid":
        return Receipt("received", say("received", lang, file=name), True, "valid", findings)
    n_errors = sum(1 for f in findings if f["severity"] == "error")
    return Receipt("refused", say("received_invalid", lang, file=name, errors=n_errors), True, "invalid", findings)
