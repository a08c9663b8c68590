"""One inbox file, start to finish: read its bytes once, hash, check, validate, extract, archive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.adapters.excel import records
from toolkit.adapters.excel.entries import read_regular
from toolkit.adapters.excel.guard import inspect
from toolkit.adapters.excel.sniff import check_bytes
from toolkit.adapters.store import codec
from toolkit.adapters.store.archive import Archive, sha256
from toolkit.adapters.store.inbox import name_hint
from toolkit.config import Config
from toolkit.errors import ReadError
from toolkit.i18n import t
from toolkit.safetext import file_name
from toolkit.workflows.consolidate.belongs import facts_of, judge
from toolkit.workflows.consolidate.messages import say
from toolkit.workflows.validate import validate_file  # imported here, before workers fork, so each need not import it

Finding = tuple  # (severity, sheet, cell, field, value, rule, message)


@dataclass(frozen=True)
class Job:
    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Context:
    """What every worker needs: the settings and the hashes already in the ledger."""

    cfg: Config
    known: frozenset[str] = frozenset()


@dataclass
class Outcome:
    """What became of one file. ``status``: new, known, vanished, unsettled, locked, too_large, crashed."""

    job: Job
    status: str
    sha256: str | None = None
    size: int = 0
    state: str | None = None  # valid, invalid, unreadable (new files only)
    kind: str | None = None
    template_version: str | None = None
    municipality: str | None = None
    language: str | None = None
    name_hint: str | None = None
    submitted_date: dt.date | None = None
    saved_at: dt.datetime | None = None
    findings: list[Finding] = field(default_factory=list)
    records: str | None = None
    scope: str | None = None  # belongs.Facts as JSON: where the file says it belongs
    message: str = ""

    @property
    def file_name(self) -> str:
        """The name as people read it (bytes that are not UTF-8 shown as �)."""
        return file_name(self.job.path)

    def version(
        self, *, file_name: str, source_path: str, mtime: dt.datetime, received_at: dt.datetime, run_id: int | None
    ) -> dict:
        """This new file as Ledger.add_submission(s) records it; the caller says where and when it came."""
        return dict(
            sha256=self.sha256,
            size=self.size,
            file_name=file_name,
            source_path=source_path,
            mtime=mtime,
            received_at=received_at,
            run_id=run_id,
            state=self.state,
            kind=self.kind,
            template_version=self.template_version,
            municipality=self.municipality,
            language=self.language,
            name_hint=self.name_hint,
            submitted_date=self.submitted_date,
            saved_at=self.saved_at,
            findings=self.findings,
            records=self.records,
            scope=self.scope,
        )


def examine(job: Job, ctx: Context) -> Outcome:
    """Everything about ``job``'s file; never raises for a bad file. Archives new bytes before returning
    (the caller makes them durable, Archive.make_durable, before it records them)."""
    cfg = ctx.cfg
    path, name = Path(job.path), file_name(job.path)
    try:
        data, st = _read(path, cfg.max_file_mb, name)
    except FileNotFoundError:
        return Outcome(job, "vanished", message=say("event.vanished", cfg.language, file=name))
    except ReadError as exc:  # replaced by a link or a pipe since the scan: gone as a file, never followed
        return Outcome(job, "vanished", message=exc.message(cfg.language))
    except _TooLarge as exc:
        return Outcome(
            job,
            "too_large",
            size=exc.size,
            message=t(
                "read.too_large", cfg.language, file=name, size=round(exc.size / 2**20, 1), limit=cfg.max_file_mb
            ),
        )
    except OSError:  # locked by another program (Windows), or a share that went away: try next run
        return Outcome(job, "locked")
    if (st.st_size, st.st_mtime_ns) != (job.size, job.mtime_ns) or len(data) != job.size:
        return Outcome(job, "unsettled")
    digest = sha256(data)
    if digest in ctx.known:
        return Outcome(job, "known", sha256=digest, size=len(data))
    out = Outcome(job, "new", sha256=digest, size=len(data))
    _assess_or_record(out, data, path, cfg, name)
    if out.state == "unreadable":
        out.name_hint = name_hint(name, cfg.municipalities) or None
    try:
        Archive(cfg.archive).put(data, digest, durable=False)
    except OSError as exc:  # disk full, no permission: the run must stop and say so, not blame the file
        return Outcome(job, "archive_failed", message=f"{cfg.archive}: {exc}")
    return out


def examine_bytes(data: bytes, name: str, ctx: Context, *, source: str) -> Outcome:
    """What ``examine`` finds for bytes received over the network: ``name`` is only a label (never opened),
    ``source`` the path recorded for them. Does not archive: the caller archives only what it records."""
    job = Job(source, len(data), 0)
    digest = sha256(data)
    if digest in ctx.known:
        return Outcome(job, "known", sha256=digest, size=len(data))
    out = Outcome(job, "new", sha256=digest, size=len(data))
    _assess_or_record(out, data, Path(name), ctx.cfg, name)
    return out


def _assess_or_record(out: Outcome, data: bytes, path: Path, cfg: Config, name: str) -> None:
    """``_assess``; a bug in it costs this one file (recorded as unreadable, with the error), never the run."""
    try:
        _assess(out, data, path, cfg)
    except Exception as exc:
        out.state, out.records = "unreadable", None
        detail = f"{type(exc).__name__}: {exc}"[:120]
        out.findings = [
            (
                "error",
                "",
                "",
                "",
                "",
                "consolidate.internal",
                say("rule.internal", cfg.language, file=name, detail=detail),
            )
        ]


def crashed(job: Job, ctx: Context, detail: str) -> Outcome:
    """The outcome for a file whose reader died: its bytes are archived and it is recorded as unreadable."""
    cfg = ctx.cfg
    path, name = Path(job.path), file_name(job.path)
    try:
        data, st = _read(path, cfg.max_file_mb, name)
    except (OSError, ReadError, _TooLarge):
        return Outcome(job, "vanished", message=say("event.vanished", cfg.language, file=name))
    if (st.st_size, st.st_mtime_ns) != (job.size, job.mtime_ns):
        return Outcome(job, "unsettled")  # replaced meanwhile: the new file gets its own turn
    digest = sha256(data)
    if digest in ctx.known:
        return Outcome(job, "known", sha256=digest, size=len(data))
    try:
        Archive(cfg.archive).put(data, digest, durable=False)
    except OSError as exc:
        return Outcome(job, "archive_failed", message=f"{cfg.archive}: {exc}")
    message = say("rule.reader_crashed", cfg.language, file=name)
    return Outcome(
        job,
        "new",
        sha256=digest,
        size=len(data),
        state="unreadable",
        name_hint=name_hint(name, cfg.municipalities) or None,
        findings=[("error", "", "", "", detail[:80], "consolidate.reader_crashed", message)],
    )


class _TooLarge(Exception):
    def __init__(self, size: int):
        self.size = size


def _read(path: Path, max_file_mb: int, name: str):
    """The file's bytes, never through a link and never from a pipe or device (ReadError)."""
    limit = max_file_mb * 1024 * 1024
    data, after = read_regular(path, limit, follow=False, name=name)
    if after.st_size > limit or len(data) > limit:
        raise _TooLarge(max(after.st_size, len(data)))
    return data, after


def _assess(out: Outcome, data: bytes, path: Path, cfg: Config) -> None:
    lang = cfg.language
    try:  # opened once: the facts, the reader and calamine all see these bytes
        archive = check_bytes(data, path.name, max_uncompressed_mb=cfg.max_uncompressed_mb)
    except ReadError:
        archive = None  # validate_file says why
    try:
        facts = inspect(archive) if archive is not None else None
        report = validate_file(path, cfg, data=data, archive=archive)
    finally:
        if archive is not None:
            archive.close()
    out.findings = [(f.severity, f.sheet, f.cell, f.field, f.value, f.rule, f.message) for f in report.findings]
    if facts is not None:
        out.saved_at = facts.saved_at
        if facts.macros:
            out.findings.append(("info", "", "", "", "vbaProject.bin", "consolidate.macros", say("rule.macros", lang)))
        if facts.external_links:
            out.findings.append(
                (
                    "info",
                    "",
                    "",
                    "",
                    "",
                    "consolidate.external_links",
                    say("rule.external_links", lang, count=facts.external_links),
                )
            )
        if facts.embedded:
            out.findings.append(
                ("info", "", "", "", "", "consolidate.embedded", say("rule.embedded", lang, count=facts.embedded))
            )
    doc = report.document
    if doc is None:
        out.state = "unreadable"
        return
    out.state = "valid" if report.valid else "invalid"
    out.kind = doc.kind
    out.template_version = doc.meta.get("version")
    out.language = doc.language
    out.municipality = report.municipality or None
    _where(out, doc, path, cfg)
    dated = doc.value("submitted_date") if doc.kind == "submission" else doc.value("report_date")
    out.submitted_date = dated if isinstance(dated, dt.date) else None
    out.records = codec.dumps(extract(doc))


def _where(out: Outcome, doc, path: Path, cfg: Config) -> None:
    """Where the file says it belongs (stored, judged again at every consolidation) and, as findings, why
    it does not belong here and whether its name names another municipality than its metadata."""
    facts = facts_of(doc)
    out.scope = facts.dumps()
    out.findings += [r.finding(cfg.language, path.name) for r in judge(facts, doc.kind, out.municipality, cfg)]
    named = name_hint(path.name, cfg.municipalities)
    if named and out.municipality and named.casefold() != out.municipality.casefold():
        out.findings.append(
            (
                "warning",
                "",
                "",
                "",
                path.name,
                "consolidate.name_names_another",
                say("rule.name_names_another", cfg.language, file=path.name, named=named, meta=out.municipality),
            )
        )


def extract(doc) -> dict:
    """What the consolidation needs from a document, as plain records (stored in the ledger)."""
    form = {key: cell.value for key, cell in doc.form.items()}
    out: dict = {"form": form}
    kind = doc.kind
    if kind in ("submission", "contract"):
        out["goals"] = records.goals(doc)
    if kind in ("submission", "report"):
        out["report_rows"] = records.report_rows(doc)
    if kind in ("submission", "plan"):
        out["focus_areas"] = records.focus_areas(doc)
    if kind == "plan":
        out["measures"] = records.measures(doc)
        out["jobs"] = records.job_targets(doc)
        out["financing"] = records.financing(doc)
    if kind == "split":
        out["split"] = [
            {
                "municipality": str(r.get("municipality") or ""),
                "key_value": r.get("key_value"),
                "amount": r.get("amount"),
            }
            for r in doc.tables.get("tblSplit", [])
        ]
    return out
