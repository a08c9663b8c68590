"""The end-to-end demo: templates, pre-filled workbooks, filled like users would, into the inbox."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import zlib
from dataclasses import dataclass, field
from decimal import Decimal as D
from pathlib import Path

from toolkit.adapters.excel.build import build_workbook
from toolkit.buttons.xlsm import write_all_templates
from toolkit.config import Config
from toolkit.data import samples
from toolkit.files import atomic_write, safe_name
from toolkit.i18n import format_date, t
from toolkit.spec import SPECS
from toolkit.workflows.templates import options_for, template_path, write_submissions
from toolkit_demo.fill import fill_workbook

# Municipalities that have not submitted in the demo, and the mistakes some make.
MISSING = ("Samsø", "Struer")
MISTAKES = {  # municipality -> message key of the mistake
    "Skive": "demo.mistake_focus",
    "Lemvig": "demo.mistake_status",
    "Odder": "demo.mistake_text",
    "Holstebro": "demo.mistake_email",
}

RESUBMITS = ("Horsens",)


@dataclass
class DemoResult:
    templates: list[Path] = field(default_factory=list)
    samples: list[Path] = field(default_factory=list)
    inbox: list[Path] = field(default_factory=list)
    missing: tuple[str, ...] = MISSING
    consolidated: Path | None = None
    deck: Path | None = None


def _vary(name: str, salt: str, lo: int, hi: int) -> int:
    """A deterministic number in [lo, hi] per municipality."""
    return lo + zlib.crc32(f"{name}:{salt}".encode()) % (hi - lo + 1)


def submission_values(name: str, prefilled_targets: dict[str, D], year: int) -> tuple[dict, dict]:
    form = {
        "contact_name": f"Erhvervskonsulent, {name} Kommune",
        "contact_email": f"erhverv@{safe_name(name).lower()}.dk",
        "contact_phone": f"+45 {_vary(name, 'tel', 70, 99)} {_vary(name, 'tel2', 10, 99)} 10 00",
        "submitted_date": dt.date(year + 1, 2, 1 + _vary(name, "day", 0, 20)),
    }
    focus = [
        {"focus_area": a, "description": d}
        for a, d in (
            ("Grøn omstilling", "Virksomheders omstilling til cirkulær økonomi"),
            ("Iværksætteri", "Flere levedygtige nye virksomheder"),
            ("Kvalificeret arbejdskraft", "Rekruttering i samarbejde med jobcentret"),
        )
    ][: _vary(name, "focus", 1, 3)]
    if name == "Norddjurs":
        report = [dict(zip(("sub_goal", "goal_text", "met_by", "when", "status"), r)) for r in samples.NORDDJURS_REPORT]
    else:
        statuses = ["Opfyldt for 2019", "Forventes opfyldt", "Delvist opfyldt", "Opfyldt i 2019", "Ikke opfyldt"]
        report = [
            {
                "sub_goal": f"{i}.1 Lokalt mål {i}",
                "goal_text": f"Mål {i}.1 To årlige møder med erhvervsforeninger",
                "met_by": "Møder afholdt",
                "when": f"{_vary(name, str(i), 1, 28)}. marts {year}",
                "status": statuses[_vary(name, f"s{i}", 0, 4)],
            }
            for i in range(1, _vary(name, "rows", 3, 6) + 1)
        ]
    results = []
    for n, no in enumerate(samples.MUNICIPAL_GOALS):
        target = prefilled_targets.get(no)
        actual = {
            "1": D(_vary(name, "nps", 48, 75)),
            "2": D(_vary(name, "eff", 60, 85)) / 100,
            "5": ((target or D(0)) * _vary(name, "cnt", 80, 110) / 100).to_integral_value(),
            "9": D(_vary(name, "svc", 78, 98)) / 100,
        }[no].quantize(D("0.01"))
        reached = target is not None and actual >= target
        results.append(
            {
                "_row": n,
                "actual": actual,
                "evidence": "Opgjort af kommunens erhvervsservice.",
                "result_date": dt.date(year, 12, 31),
                "goal_status": "Opfyldt" if reached else "Delvist opfyldt",
            }
        )
    tables = {"tblLocalFocus": focus, "tblReport": report, "tblResults": results}
    _mistake(name, form, tables)
    return form, tables


def _mistake(name: str, form: dict, tables: dict) -> None:
    if name == "Skive":
        tables["tblLocalFocus"] = tables["tblLocalFocus"] + [
            {"focus_area": f"Fokus {i}"} for i in range(4 - len(tables["tblLocalFocus"]))
        ]
    elif name == "Lemvig":
        tables["tblReport"][0]["status"] = "Måske"
    elif name == "Odder":
        tables["tblResults"][2]["actual"] = "ca. 50"
    elif name == "Holstebro":
        form["contact_email"] = None


def demo_config(cfg: Config) -> Config:
    """The demo's own sandbox under the output folder, so it never touches a real inbox or ledger."""
    home = cfg.output / "demo"
    # The sample files are saved today, so the demo's deadline lies ahead of today: none is late.
    deadline = dt.date.today() + dt.timedelta(days=14)
    return dataclasses.replace(
        cfg,
        output=home,
        inbox=(home / "inbox",),
        archive=home / "archive",
        ledger=home / "ledger.sqlite",
        deadline=deadline,
    )


def run_demo(cfg: Config, say=print) -> DemoResult:
    """Everything end to end on sample data, in ``<output>/demo`` (made afresh on every run)."""
    real, cfg = cfg, demo_config(cfg)
    if cfg.output.exists():
        shutil.rmtree(cfg.output)
    cfg.output.mkdir(parents=True)
    result = DemoResult()
    # The templates are the real ones (committed, the same on every machine), not the sandbox's.
    result.templates = write_all_templates(real, languages=("da", "nb", "en"))
    lang = cfg.language
    say(t("demo.templates", lang, n=len(result.templates), path=cfg.templates))
    prefilled_dir = cfg.output / "prefilled"
    prefilled = write_submissions(cfg, prefilled_dir, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS)
    say(t("demo.prefilled", lang, n=len(prefilled), path=prefilled_dir))
    inbox = cfg.inbox[0]
    inbox.mkdir(parents=True, exist_ok=True)
    spec = SPECS["submission"]
    from toolkit.workflows.templates import submission_prefill

    for name, path in zip(cfg.municipalities, prefilled):
        if name in MISSING:
            continue
        targets = {
            r["goal_no"]: r["target"]
            for r in submission_prefill(cfg, name, samples.CONTRACT_GOALS, samples.MUNICIPAL_GOALS).tables["tblResults"]
        }
        form, tables = submission_values(name, targets, cfg.fiscal_year)
        versions = 2 if name in RESUBMITS else 1
        for v in range(1, versions + 1):
            dst = inbox / f"Indberetning {name} {cfg.fiscal_year}{' v' + str(v) if versions > 1 else ''}.xlsx"
            if v < versions:  # an earlier, incomplete version
                fill_workbook(
                    path, dst, spec, cfg.language, {k: form[k] for k in ("contact_name", "contact_phone")}, {}
                )
            else:
                fill_workbook(path, dst, spec, cfg.language, form, tables)
            result.inbox.append(dst)
    say(t("demo.inbox", lang, n=len(result.inbox), path=inbox))
    for name, key in MISTAKES.items():
        say(t("demo.mistake", lang, name=name, what=t(key, lang)))
    say(t("demo.missing", lang, names=", ".join(MISSING)))
    say(t("demo.resubmit", lang, names=", ".join(RESUBMITS)))
    result.samples = _write_samples(cfg)
    say(t("demo.samples", lang, path=cfg.output / "samples"))
    # The hub's results contract report goes to the secretariat's inbox too.
    contract = next(p for p in result.samples if p.name.startswith("contract"))
    shutil.copyfile(contract, inbox / f"Resultatkontrakt {cfg.fiscal_year} afrapportering.xlsx")
    _print_computations(cfg, result.samples, say)
    _pipeline(cfg, say, result)
    return result


def _pipeline(cfg: Config, say, result: DemoResult) -> None:
    """Check the inbox, consolidate it into the ledger and the workbook, and make the council deck."""
    from toolkit.workflows.consolidate import consolidate_demo
    from toolkit.workflows.deck import make_deck
    from toolkit.workflows.validate import validate_inbox

    say("")
    validate_inbox(cfg, say)
    say("")
    summary = consolidate_demo(cfg, say)
    result.consolidated = summary.workbook.path if summary.workbook else None
    result.deck = make_deck(cfg, meeting=t("demo.meeting", cfg.language, council=cfg.council))
    say("")
    say(t("demo.deck", cfg.language, path=result.deck))


def _print_computations(cfg: Config, sample_files: list[Path], say) -> None:
    """The 2019 split and the fulfilment of the sample contract and report, read back from the workbooks."""
    from toolkit.adapters.excel import records
    from toolkit.adapters.excel.read import read_workbook
    from toolkit.cli.printouts import fulfilment_text, report_text, split_text
    from toolkit.core.costsplit import explain

    docs = {doc.kind: doc for doc in map(read_workbook, sample_files)}
    split = docs["split"]
    unit, periods = split.value("rounding_unit"), int(split.value("periods"))
    explained = explain(split.value("total"), records.split_weights(split), unit, periods=periods)
    say("")
    for line in split_text(
        explained,
        split.value("total"),
        cfg.language,
        unit=unit,
        periods=periods,
        key_date=format_date(split.value("key_date"), cfg.language),
    ):
        say(line)
    say("")
    for line in fulfilment_text(records.goals(docs["contract"]), cfg.language):
        say(line)
    for line in report_text(records.report_rows(docs["report"]), cfg.language):
        say(line)


def _write_samples(cfg: Config) -> list[Path]:
    folder = cfg.output / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    blanks = cfg.templates
    out = []
    goals = samples.reported_goals()
    jobs = [
        {"area_no": a, "year": 2024, "jobs_target": j, "jobs_achieved": (j or 0) - 1}
        for a, _, _, _, j in samples.PLAN_AREAS
        if j
    ]
    fills = {
        "contract": (samples.CONTRACT_HEAD, {"tblGoals": goals, "tblSubTargets": samples.SUB_TARGETS}),
        "report": (
            {
                "municipality": "Norddjurs",
                "plan_title": "Erhvervsplan 2022-2024",
                "period_start": dt.date(2022, 1, 1),
                "period_end": dt.date(2024, 12, 31),
                "report_date": dt.date(2023, 10, 31),
            },
            {
                "tblReport": [
                    dict(zip(("sub_goal", "goal_text", "met_by", "when", "status"), r))
                    for r in samples.NORDDJURS_REPORT
                ]
            },
        ),
        "plan": (
            samples.PLAN_HEAD,
            {
                "tblAreas": [{"area_no": a, "area_name": n} for a, n, *_ in samples.PLAN_AREAS],
                "tblMeasures": [
                    {"area_no": a, "letter": "A", "measure": "Proaktivt arbeid", "budget": b, "granted": g}
                    for a, _, b, g, _ in samples.PLAN_AREAS
                ],
                "tblJobs": jobs,
                "tblFinancing": [
                    {"source": s, "share": sh, "amount": am, "paid_share": p} for s, sh, am, p in samples.PLAN_FINANCING
                ],
            },
        ),
        "split": (
            {
                "split_title": "Basisbevilling Erhvervshus Midtjylland 2019",
                "total": cfg.split_total,
                "key_date": cfg.split_key_date,
                "rounding_unit": cfg.split_unit,
                "periods": cfg.split_periods,
            },
            {"tblSplit": [{"municipality": m, "key_value": w} for m, w in cfg.municipalities.items()]},
        ),
    }
    for kind, (form, tables) in fills.items():
        lang = "nb" if kind == "plan" else cfg.language
        src = template_path(blanks, kind, lang)
        if not src.exists():
            opts = options_for(cfg)
            opts.lang = lang
            atomic_write(src, lambda fh, s=SPECS[kind], o=opts: build_workbook(s, fh, o))
        dst = folder / f"{kind}_sample_{lang}.xlsx"
        fill_workbook(src, dst, SPECS[kind], lang, form, tables)
        out.append(dst)
    return out
