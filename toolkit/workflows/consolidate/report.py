"""What a run did, as a report object that prints in the user's language and flattens to rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from toolkit.adapters.store.backend import describe
from toolkit.config import Config
from toolkit.files import Written
from toolkit.i18n import t
from toolkit.safetext import printable
from toolkit.workflows.consolidate.gather import Gathered, relevant
from toolkit.workflows.consolidate.messages import say


@dataclass
class BadFile:
    """A file whose latest state is invalid or unreadable (read-only)."""

    file_name: str
    municipality: str  # from the metadata, or "probably X" from the name, or ""
    state: str
    errors: int
    warnings: int
    first: str  # the first error's message


@dataclass
class RunSummary:
    """Counts of the run and the state of the consolidation after it."""

    seen: int = 0
    new: int = 0
    skipped: int = 0
    invalid: int = 0
    unsettled: int = 0
    vanished: int = 0
    ignored: int = 0
    missing_folders: list[str] = field(default_factory=list)
    not_read: list[tuple[str, str, str]] = field(default_factory=list)  # (path, reason key, what): not opened
    municipalities: int = 0
    valid: list[str] = field(default_factory=list)
    with_errors: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    bad_files: list[BadFile] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # why each file of this run that does not belong was not counted
    left_out_before: int = 0  # files of earlier runs that do not belong (listed on the workbook's Files sheet)
    notes: list[str] = field(default_factory=list)  # what two files both held and was counted once
    workbook: Written | None = None
    ledger: Path | str | None = None  # the SQLite file, or the PostgreSQL URL without its password

    def lines(self, lang: str) -> list[str]:
        """The summary as a person reads it; file names and messages come from users' files, so each line
        goes through ``printable`` (no control or escape character reaches a terminal or the schedule's log)."""
        out = [say("run.missing_folder", lang, folder=f) for f in self.missing_folders]
        out += [t(reason, lang, file=path, what=what) for path, reason, what in self.not_read]
        out.append(
            say(
                "run.summary",
                lang,
                seen=self.seen,
                new=self.new,
                skipped=self.skipped,
                invalid=self.invalid,
                unsettled=self.unsettled,
                vanished=self.vanished,
            )
        )
        out.append(
            say(
                "run.municipalities",
                lang,
                valid=len(self.valid),
                total=self.municipalities,
                invalid=len(self.with_errors),
                missing=len(self.missing),
            )
        )
        if self.bad_files:
            out.append(say("run.invalid_list", lang))
            for b in self.bad_files:
                out.append(
                    say(
                        "run.invalid_line",
                        lang,
                        file=b.file_name,
                        who=b.municipality or say("run.unknown", lang),
                        errors=b.errors,
                        warnings=b.warnings,
                        first=b.first,
                    )
                )
        if self.left_out:
            out.append(say("run.left_out", lang))
            out += [say("run.left_out_line", lang, message=m) for m in self.left_out]
        if self.left_out_before:
            n = self.left_out_before
            out.append(say("run.left_out_before_one", lang) if n == 1 else say("run.left_out_before", lang, count=n))
        out += self.notes
        if self.missing:
            out.append(say("run.missing_list", lang, names=", ".join(self.missing)))
        if self.workbook is not None:
            if self.workbook.blocked is not None:
                out.append(say("run.locked", lang, path=self.workbook.blocked, other=self.workbook.path))
            else:
                out.append(
                    say("run.unchanged" if self.workbook.unchanged else "run.output", lang, path=self.workbook.path)
                )
        if self.ledger is not None:
            out.append(say("run.ledger", lang, path=self.ledger))
        return [printable(line) for line in out]

    def rows(self) -> list[dict]:
        """One row per bad file (for tests and machine use)."""
        return [vars(b).copy() for b in self.bad_files]


def summarise(cfg: Config, counts: dict, g: Gathered, written: Written | None, run_id: int | None = None) -> RunSummary:
    """The run's summary. With ``run_id``, the files that do not belong are named only when this run recorded
    them, the others counted: a ledger that holds years of history would otherwise list every earlier
    year's file at every run (8,377 lines at national scale). Such files are never listed as bad files:
    their errors do not count in this consolidation."""
    subs = g.data.submissions
    out = RunSummary(
        **{k: counts.get(k, 0) for k in ("seen", "new", "skipped", "invalid", "unsettled", "vanished", "ignored")},
        missing_folders=list(counts.get("missing_folders", [])),
        not_read=list(counts.get("not_read", [])),
        municipalities=len(subs),
        valid=[s.municipality for s in subs if s.state == "valid"],
        with_errors=[s.municipality for s in subs if s.state in ("invalid", "unreadable")],
        missing=[s.municipality for s in subs if s.state == "missing"],
        workbook=written,
        ledger=describe(cfg.ledger_target),
    )
    mine = [e for e in g.entries if e.id in g.left_out and (run_id is None or e.run_id == run_id)]
    out.left_out = [m for e in mine for m in g.left_out[e.id]]
    out.left_out_before = len(g.left_out) - len(mine)
    out.notes = list(dict.fromkeys(m for e in g.entries for m in g.notes.get(e.id, [])))
    for e in relevant(g):
        if e.state == "valid" or (e.kind is not None and e.id in g.current_ids) or e.id in g.left_out:
            continue
        first = next((f[6] for f in g.findings.get(e.id, []) if f[0] == "error"), "")
        who = e.municipality or (say("run.probably", cfg.language, name=e.name_hint) if e.name_hint else "")
        out.bad_files.append(BadFile(e.file_name, who, e.state, e.errors, e.warnings, first))
    return out
