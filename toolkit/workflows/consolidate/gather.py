"""Build the consolidated figures from the ledger: the latest valid version per municipality and kind."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from toolkit.adapters.store import codec
from toolkit.adapters.store.ledger import Entry, Event, Ledger, open_readonly
from toolkit.config import Config
from toolkit.core.model import BudgetLine, Consolidated, FocusArea, JobsPeriod, SubmissionStatus
from toolkit.core.rollup import contract_goals, municipal_results, rolled_up_goals
from toolkit.workflows.consolidate.belongs import Facts, judge
from toolkit.workflows.consolidate.costsplit import SplitSource, cost_split
from toolkit.workflows.consolidate.messages import say

SUBMISSION = "submission"


@dataclass
class Choice:
    """The versions of one municipality's (or the region's) workbooks of one kind."""

    owner: str
    kind: str
    versions: list[Entry]  # oldest first, by Entry.order_key
    current: Entry | None  # the latest valid version, the one consolidated

    @property
    def latest(self) -> Entry:
        return self.versions[-1]

    @property
    def newer_than_current(self) -> list[Entry]:
        """Versions after the consolidated one (all invalid), e.g. a resubmission with errors."""
        if self.current is None:
            return list(self.versions)
        return [v for v in self.versions if v.order_key > self.current.order_key]


@dataclass
class Gathered:
    """The Consolidated figures plus what the workbook shows about files and versions."""

    data: Consolidated
    entries: list[Entry] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    choices: dict[tuple[str, str], Choice] = field(default_factory=dict)
    findings: dict[int, list[tuple]] = field(default_factory=dict)  # submission id -> findings (those shown)
    split: SplitSource | None = None
    unreadable_by_hint: dict[str, list[Entry]] = field(default_factory=dict)
    focus: dict[str, list[FocusArea]] = field(default_factory=dict)  # with descriptions, by municipality
    left_out: dict[int, list[str]] = field(default_factory=dict)  # submission id -> why it does not belong
    notes: dict[int, list[str]] = field(default_factory=dict)  # submission id -> what was counted once
    _current_ids: set[int] | None = field(default=None, repr=False)
    _relevant: list[Entry] | None = field(default=None, repr=False)

    def choice(self, owner: str, kind: str = SUBMISSION) -> Choice | None:
        return self.choices.get((owner.casefold(), kind))

    @property
    def current_ids(self) -> set[int]:
        """Ledger ids of the versions being consolidated (computed once)."""
        if self._current_ids is None:
            self._current_ids = {c.current.id for c in self.choices.values() if c.current is not None}
        return self._current_ids


def gather(cfg: Config) -> Consolidated:
    """Everything the council deck and the consolidated workbook show, from the ledger in ``cfg.ledger``.

    Files that do not belong to this consolidation (toolkit.workflows.consolidate.belongs:
    another region, municipality, year, period or currency) are left out, with
    the reason in ``Gathered.left_out``. Per municipality and template kind the
    latest valid version counts (see ``Entry.order_key`` for "latest"); a
    fulfilment held by two documents is counted once (``_report_rows``).
    Configured municipalities without a version are listed as invalid,
    unreadable or missing. Works on an empty or absent
    ledger (everyone missing). Deterministic: the same ledger gives equal data.
    """
    return gather_all(cfg).data


def gather_all(cfg: Config, ledger: Ledger | None = None, *, figures: bool = True) -> Gathered:
    """Gathered from ``ledger`` (or the one in cfg.ledger). ``figures=False`` gives only who submitted
    what (submissions, versions, and the findings of the versions with errors that count) without
    decoding what the workbooks hold: enough for a summary."""
    if ledger is not None:
        return _gather(cfg, ledger, figures)
    opened = open_readonly(cfg.ledger_target)
    if opened is None:
        return _gather(cfg, None, figures)
    with opened:
        return _gather(cfg, opened, figures)


def _gather(cfg: Config, ledger: Ledger | None, figures: bool = True) -> Gathered:
    entries = ledger.entries() if ledger else []
    events = ledger.events() if ledger else []
    left_out = {
        e.id: [r.message(cfg.language, e.file_name) for r in reasons]
        for e in entries
        if (reasons := judge(e.scope, e.kind, e.municipality, cfg))
    }
    choices = _choices([e for e in entries if e.id not in left_out])
    current = [c.current for c in choices.values() if c.current is not None]
    stored = ledger.records([e.id for e in current]) if ledger and figures else {}
    recs = {i: codec.loads(text) for i, text in stored.items()}
    out = Gathered(_empty(cfg, entries, events), entries, events, choices, left_out=left_out)
    if ledger:
        # Only the findings that are shown: the Findings sheet's (the files not left out and not older than
        # the version consolidated) or, without figures (a run with nothing new, the dashboard), those of
        # the versions a summary names as bad. A ledger of years holds tens of thousands of others.
        wanted = (
            [e.id for e in relevant(out) if e.id not in left_out]
            if figures
            else [e.id for e in entries if e.errors and e.state != "valid" and e.id not in left_out]
        )
        for row in ledger.findings_of(wanted):
            out.findings.setdefault(row[0], []).append(row[1:])
    for e in entries:
        if e.state == "unreadable" and e.name_hint:
            out.unreadable_by_hint.setdefault(e.name_hint.casefold(), []).append(e)
    data = out.data
    data.submissions = [_status(name, out) for name in cfg.municipalities]
    if not figures:
        return out
    names = {n.casefold(): n for n in cfg.municipalities}
    contract = _records(out, recs, "", "contract")
    order = {n.casefold(): i for i, n in enumerate(cfg.municipalities)}
    for key, choice in sorted(choices.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0])):
        if choice.kind != SUBMISSION or choice.current is None or key[0] not in names:
            continue
        name = names[key[0]]
        rec = recs.get(choice.current.id, {})
        data.goal_results += municipal_results(name, rec.get("goals", []), contract.get("goals", []))
        rows = _report_rows(out, recs, name, choice.current, cfg.language)
        if rows:
            data.report_rows[name] = rows
        areas = [a for a in rec.get("focus_areas", []) if a.name]
        if areas:
            data.focus_areas[name] = [a.name for a in areas]
            out.focus[name] = areas
    data.goals = (
        contract_goals(contract["goals"]) if contract.get("goals") else rolled_up_goals(data.goal_results, cfg.language)
    )
    split_rec = _records(out, recs, "", "split")
    out.split = cost_split(cfg, split_rec)
    data.split, data.split_total, data.split_key_date = out.split.lines, out.split.total, out.split.key_date
    _plans(out, recs)
    return out


def _report_rows(out: Gathered, recs: dict[int, dict], name: str, submission: Entry, lang: str) -> list:
    """A municipality's fulfilment rows, each document counted once.

    Two documents describe the same thing when they are the same municipality's,
    both hold its goal fulfilment (a submission's Målopfyldelse sheet and a
    fulfilment report's table) and their periods overlap (a missing period counts
    as the consolidation's year: both belong to it). Then only the rows of the
    one received last (Entry.order_key) are counted, and both files get a note
    naming the other. Documents for periods that do not overlap are both counted.
    """
    own = list(recs.get(submission.id, {}).get("report_rows", []))
    choice = out.choice(name, "report")
    report = choice.current if choice is not None else None
    other = list(recs.get(report.id, {}).get("report_rows", [])) if report is not None else []
    if report is None or not own or not other:
        return own + other
    if not ((submission.scope or Facts()).overlaps(report.scope or Facts())):
        return own + other
    kept, dropped = (report, submission) if report.order_key > submission.order_key else (submission, report)
    note = say("same.report", lang, dropped=dropped.file_name, kept=kept.file_name, name=name)
    for e in (kept, dropped):
        out.notes.setdefault(e.id, []).append(note)
    return other if kept is report else own


def _empty(cfg: Config, entries: list[Entry], events: list[Event]) -> Consolidated:
    stamps = [e.received_at for e in entries] + [e.at for e in events]
    generated = max(stamps).astimezone().replace(tzinfo=None) if stamps else dt.datetime(cfg.fiscal_year, 1, 1)
    return Consolidated(
        region=cfg.region, year=cfg.fiscal_year, language=cfg.language, generated_at=generated.replace(microsecond=0)
    )


def _choices(entries: list[Entry]) -> dict[tuple[str, str], Choice]:
    groups: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        if e.kind is None:
            continue
        groups.setdefault(((e.municipality or "").casefold(), e.kind), []).append(e)
    out = {}
    for (owner, kind), versions in groups.items():
        versions.sort(key=lambda e: e.order_key)
        valid = [v for v in versions if v.state == "valid"]
        out[(owner, kind)] = Choice(versions[-1].municipality or "", kind, versions, valid[-1] if valid else None)
    return out


def _records(out: Gathered, recs: dict[int, dict], owner: str, kind: str) -> dict:
    choice = out.choice(owner, kind)
    if choice is None or choice.current is None:
        return {}
    return recs.get(choice.current.id, {})


def _status(name: str, out: Gathered) -> SubmissionStatus:
    entry = shown_entry(out, name)
    if entry is None:
        return SubmissionStatus(name, "missing")
    state = "unreadable" if entry.kind is None else ("valid" if entry.state == "valid" else "invalid")
    return SubmissionStatus(
        name, state, submitted_at(entry), entry.file_name, entry.template_version or "", entry.errors, entry.warnings
    )


def shown_entry(out: Gathered, name: str) -> Entry | None:
    """The version that stands for a municipality: the consolidated one, else its latest readable one,
    else the latest unreadable file whose name mentions it."""
    choice = out.choice(name)
    if choice is not None:
        return choice.current or choice.latest
    unreadable = out.unreadable_by_hint.get(name.casefold())
    return max(unreadable, key=lambda e: e.order_key) if unreadable else None


def submitted_at(entry: Entry) -> dt.datetime:
    """The submitted date the municipality typed in the workbook; the file's own time when there is none."""
    if entry.submitted_date is not None:
        return dt.datetime.combine(entry.submitted_date, dt.time())
    return _local(entry.arrived)


def relevant(g: Gathered) -> list[Entry]:
    """The files whose findings still matter: not older than the version being consolidated (computed once:
    gathering, the Findings sheet and the summary all ask)."""
    if g._relevant is not None:
        return g._relevant
    out = []
    for e in g.entries:
        if e.kind is not None:
            choice = g.choices.get(((e.municipality or "").casefold(), e.kind))
            if choice is not None and choice.current is not None and e.order_key < choice.current.order_key:
                continue
        elif e.name_hint:
            choice = g.choice(e.name_hint)
            if choice is not None and choice.current is not None and e.order_key < choice.current.order_key:
                continue
        out.append(e)
    g._relevant = out
    return out


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone().replace(tzinfo=None, microsecond=0)


def _plans(out: Gathered, recs: dict[int, dict]) -> None:
    from toolkit.core.budget import budget_lines

    plans = sorted(
        ((c.owner, c.current) for c in out.choices.values() if c.kind == "plan" and c.current is not None),
        key=lambda plan: plan[0].casefold(),
    )
    for choice_owner, current in plans:
        rec = recs.get(current.id, {})
        lines = budget_lines(rec.get("measures", []), rec.get("focus_areas", []))
        owner = choice_owner or str(rec.get("form", {}).get("owner") or "")
        if len(plans) > 1:
            lines = [BudgetLine(b.area_no, f"{owner}: {b.area_name}", b.budget, b.granted) for b in lines]
        out.data.budgets += lines
        out.data.jobs += rec.get("jobs", [])
        period = jobs_period(rec.get("form", {}))
        if period is not None:
            out.data.job_periods.append(period)


def jobs_period(form: dict) -> JobsPeriod | None:
    """The plan's programme period and its jobs target, from the plan's head; None without both dates."""
    start, end, target = form.get("period_start"), form.get("period_end"), form.get("period_jobs_target")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return None
    return JobsPeriod(start.year, end.year, None if target is None else int(target))


__all__ = ["Choice", "Gathered", "gather", "gather_all", "relevant", "shown_entry"]
