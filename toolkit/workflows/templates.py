"""Write the blank templates and the pre-filled municipal submission workbooks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from toolkit.adapters.excel.build import RELEASED, BuildOptions, Prefill, build_workbook
from toolkit.config import Config
from toolkit.core.model import MeasureType
from toolkit.files import atomic_write, safe_name
from toolkit.spec import SPECS


def options_for(cfg: Config, *, municipality: str = "", generated_at: dt.datetime = RELEASED) -> BuildOptions:
    return BuildOptions(
        lang=cfg.language,
        region=cfg.region,
        municipalities=list(cfg.municipalities),
        password=cfg.password,
        generated_at=generated_at,
        municipality=municipality,
        year=cfg.fiscal_year,
        currency=cfg.currency,
    )


def template_path(folder: Path, kind: str, lang: str, suffix: str = ".xlsx") -> Path:
    return folder / f"{kind}_{lang}{suffix}"


def write_blank_templates(
    cfg: Config, folder: Path | None = None, languages: tuple[str, ...] | None = None
) -> list[Path]:
    """One blank template per kind and language, byte-identical for the same code."""
    folder = folder or cfg.templates
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in languages or (cfg.language,):
        opts = options_for(cfg)
        opts.lang = lang
        for kind, spec in SPECS.items():
            path = template_path(folder, kind, lang)
            atomic_write(path, lambda fh, s=spec, o=opts: build_workbook(s, fh, o))
            written.append(path)
    return written


def submission_prefill(
    cfg: Config, municipality: str, contract_goals: list[dict], municipal_goals: tuple[str, ...]
) -> Prefill:
    """What the secretariat fills in before sending: identity, cost share, the goals that concern it.

    A count goal's target is split over the municipalities by the cost-split
    key (toolkit.core.costsplit.allocate); other targets are the contract's own.
    """
    from toolkit.core.costsplit import allocate

    shares = {}
    rows = []
    for goal in contract_goals:
        if goal["goal_no"] not in municipal_goals:
            continue
        target = goal["target"]
        if goal["measure_type"] == MeasureType.COUNT:
            shares = allocate(target, cfg.municipalities)
            target = shares[municipality]
        rows.append({k: goal.get(k) for k in ("goal_no", "title", "measure_type", "unit")} | {"target": target})
    return Prefill(
        form={
            "municipality": municipality,
            "cost_share": cost_shares(cfg).get(municipality),
            "period_start": dt.date(cfg.fiscal_year, 1, 1),
            "period_end": dt.date(cfg.fiscal_year, 12, 31),
        },
        tables={"tblResults": rows},
    )


def cost_shares(cfg: Config) -> dict[str, Decimal]:
    """Each municipality's share of the [split] total of config.ini (none when no total is set)."""
    from toolkit.core.costsplit import allocate

    if cfg.split_total is None:
        return {}
    return allocate(cfg.split_total, cfg.municipalities, cfg.split_unit, periods=cfg.split_periods)


def write_submissions(
    cfg: Config,
    folder: Path,
    contract_goals: list[dict],
    municipal_goals: tuple[str, ...],
    generated_at: dt.datetime = RELEASED,
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    spec = SPECS["submission"]
    written = []
    for name in cfg.municipalities:
        prefill = submission_prefill(cfg, name, contract_goals, municipal_goals)
        path = folder / f"{spec.kind}_{safe_name(name)}_{cfg.fiscal_year}.xlsx"
        opts = options_for(cfg, municipality=name, generated_at=generated_at)
        atomic_write(path, lambda fh, p=prefill, o=opts: build_workbook(spec, fh, o, p))
        written.append(path)
    return written
