"""Shared fixtures: the project's config and a factory for built (and filled) workbooks with the seeds' numbers."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from decimal import Decimal as D
from pathlib import Path

import pytest

from toolkit.adapters.excel.build import BuildOptions, Prefill, build_workbook
from toolkit.config import load_config
from toolkit.core.model import Status
from toolkit.data import samples
from toolkit.spec import spec_for
from toolkit_demo.fill import fill_workbook

ROOT = Path(__file__).resolve().parent.parent
MIDTJYLLAND = ("Aarhus", "Horsens", "Samsø", "Odder", "Skive")


@pytest.fixture(scope="session")
def project_cfg():
    """The project's own config.ini (19 Midtjylland municipalities, language da)."""
    return load_config(ROOT / "config.ini")


@pytest.fixture
def cfg(project_cfg, tmp_path):
    """The project's config with every folder it writes to (templates, inbox, output, archive) in a temporary one."""
    return dataclasses.replace(
        project_cfg,
        inbox=(tmp_path / "inbox",),
        output=tmp_path / "output",
        templates=tmp_path / "templates",
        archive=tmp_path / "archive",
        ledger=tmp_path / "output" / "ledger.sqlite",
        municipalities=dict(project_cfg.municipalities),
        contacts=dict(project_cfg.contacts),
    )


def _postgresql():
    """A fresh schema's URL in the test PostgreSQL, dropped afterwards (skipped with the reason when
    TOOLKIT_TEST_PG_URL is unset or unreachable)."""
    import pgtest

    reason = pgtest.unavailable()
    if reason:
        pytest.skip(reason)
    schema, url = pgtest.fresh_schema()
    try:
        yield url
    finally:
        pgtest.drop_schema(schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_at(request, tmp_path):
    """Where a test's ledger is, on each backend: a SQLite file, or a fresh schema in the test PostgreSQL."""
    if request.param == "sqlite":
        yield tmp_path / "output" / "ledger.sqlite"
        return
    yield from _postgresql()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_ledger_url(request):
    """A module's shared ledger on each backend, as its ``ledger_url``: "" (the config's SQLite file) or a
    PostgreSQL schema's URL kept for the module (test_frames.py builds one ledger for many tests)."""
    if request.param == "sqlite":
        yield ""
        return
    yield from _postgresql()


@pytest.fixture
def bcfg(cfg, ledger_at):
    """``cfg`` with its ledger on each backend (see ledger_at)."""
    if isinstance(ledger_at, Path):
        return cfg
    return dataclasses.replace(cfg, ledger_url=ledger_at)


def seed_data(kind: str, cfg=None) -> tuple[dict, dict]:
    """A valid (form, tables) per kind with the seeds' real numbers; a fresh copy each call."""
    data = {
        "contract": (
            samples.CONTRACT_HEAD,
            {"tblGoals": samples.reported_goals(dt.date(2019, 12, 31)), "tblSubTargets": samples.SUB_TARGETS},
        ),
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
                "tblAreas": [
                    {
                        "area_no": a,
                        "area_name": n,
                        "result_goal": f"Mål om {j} nye/sikrede arbeidsplasser, økt robusthet og styrket utviklingsevne."
                        if j
                        else "Innsatsområdet vil ikke ha arbeidsplasser som målsetting.",
                    }
                    for a, n, _, _, j in samples.PLAN_AREAS
                ],
                "tblMeasures": [
                    {"area_no": a, "letter": "A", "measure": "Proaktivt arbeid", "budget": D(b), "granted": D(g)}
                    for a, _, b, g, _ in samples.PLAN_AREAS
                ],
                "tblJobs": [
                    {"area_no": a, "year": 2024, "jobs_target": j} for a, _, _, _, j in samples.PLAN_AREAS if j
                ],
                # shares and amounts that agree (the seed's own 4,000,000 / 1,170,000 do not: see the rule tests)
                "tblFinancing": [
                    {
                        "source": "Vestfold og Telemark fylkeskommune",
                        "share": D("0.75"),
                        "amount": D(3_510_000),
                        "paid_share": D("0.75"),
                    },
                    {"source": "Drangedal kommune", "share": D("0.25"), "amount": D(1_170_000), "paid_share": D(1)},
                    {"source": "Refusjoner", "amount": D(185_000)},
                ],
            },
        ),
        "split": (
            {
                "split_title": "Basisbevilling Erhvervshus Midtjylland 2019 (1.000 kr.)",
                "total": D(36792),
                "key_date": dt.date(2018, 1, 1),
                "rounding_unit": D(1),
                "periods": D(12),
            },
            {"tblSplit": _split_rows(cfg)},
        ),
        "submission": (
            {
                "municipality": "Horsens",
                "contact_name": "Erhvervskonsulent, Horsens Kommune",
                "contact_email": "erhverv@horsens.dk",
                "contact_phone": "+45 76 29 29 29",
                "submitted_date": dt.date(2020, 2, 3),
                "cost_share": D(2_508_000),
                "period_start": dt.date(2019, 1, 1),
                "period_end": dt.date(2019, 12, 31),
            },
            {
                "tblLocalFocus": [{"focus_area": "Grøn omstilling", "description": "Cirkulær økonomi"}],
                "tblReport": [
                    dict(zip(("sub_goal", "goal_text", "met_by", "when", "status"), r))
                    for r in samples.NORDDJURS_REPORT[:3]
                ],
                "tblResults": [
                    {
                        "goal_no": "1",
                        "title": "Tilfredshed (NPS)",
                        "measure_type": "threshold",
                        "unit": "NPS",
                        "target": D(60),
                        "actual": D(64),
                        "goal_status": Status.ACHIEVED,
                    },
                    {
                        "goal_no": "2",
                        "title": "Oplevet effekt",
                        "measure_type": "share",
                        "unit": "%",
                        "target": D("0.7"),
                        "actual": D("0.72"),
                        "goal_status": Status.ACHIEVED,
                    },
                    {
                        "goal_no": "5",
                        "title": "Specialiseret vejledning",
                        "measure_type": "count",
                        "unit": "vejledninger",
                        "target": D(122),
                        "actual": D(118),
                        "goal_status": Status.PARTLY,
                    },
                    {
                        "goal_no": "9",
                        "title": "Synlighed og samarbejde",
                        "measure_type": "service_level",
                        "target": D("0.9"),
                        "actual": D("0.86"),
                        "goal_status": Status.PARTLY,
                    },
                ],
            },
        ),
    }[kind]
    return copy.deepcopy(data)


def _split_rows(cfg) -> list[dict]:
    from toolkit.core.costsplit import allocate

    weights = dict(cfg.municipalities) if cfg else {"Aarhus": D(340421), "Horsens": D(89603), "Samsø": D(3724)}
    amounts = allocate(D(36792), weights, 1, periods=12) if cfg else {}
    return [{"municipality": m, "key_value": w, "amount": amounts.get(m)} for m, w in weights.items()]


@pytest.fixture
def make_workbook(tmp_path, cfg):
    """workbook_maker(tmp_path, cfg): see there."""
    return workbook_maker(tmp_path, cfg)


def workbook_maker(tmp_path, cfg):
    """Build a workbook of ``kind`` holding ``form`` and ``tables`` (by field key) and return its path.

    Fast by default: the values are written by the builder (XlsxWriter) as a
    pre-fill. ``typed=True`` instead fills the blank template with openpyxl,
    the way a user types (slower). ``municipality`` makes a pre-filled
    workbook for that municipality. Values may be anything a user can type:
    text where a number belongs, "xxx", an enum member or its dropdown text.
    ``version`` builds an earlier template version (its spec in toolkit.spec.VERSIONS); values
    for fields that version lacks are left out, as its users never saw them.
    """
    counter = iter(range(1_000_000))

    def make(
        kind: str,
        form: dict | None = None,
        tables: dict | None = None,
        *,
        lang: str = "da",
        municipality: str = "",
        typed: bool = False,
        name: str | None = None,
        suffix: str = ".xlsx",
        vba_project: bytes | None = None,
        buttons=(),
        version: str | None = None,
    ) -> Path:
        spec = spec_for(kind, version)
        path = tmp_path / (name or f"{kind}_{lang}_{next(counter)}{suffix}")
        opts = BuildOptions(
            lang=lang,
            region=cfg.region,
            municipalities=list(cfg.municipalities),
            municipality=municipality,
            year=cfg.fiscal_year,
            vba_project=vba_project,
            buttons=tuple(buttons),
        )
        form, tables = (
            _members(spec, form or {}),
            {k: [_members(spec, r) for r in v] for k, v in (tables or {}).items()},
        )
        if typed:
            blank = path.with_name("blank_" + path.name)
            build_workbook(spec, str(blank), opts)
            fill_workbook(blank, path, spec, lang, form, tables, only_inputs=False)
        else:
            build_workbook(spec, str(path), opts, Prefill(form=form, tables=tables))
        return path

    return make


def _members(spec, values: dict) -> dict:
    """Enum values given as their plain value ("share") become members, so the builder writes the dropdown text."""
    from toolkit.spec import vocab

    out = {}
    for key, value in values.items():
        field = next((f for p in spec.parts for f in p.fields if f.key == key), None)
        if field is not None and field.vocab and field.vocab != "municipality" and isinstance(value, str):
            member = vocab.parse(field.vocab, value)
            if member is not None and value == getattr(member, "value", None):
                value = member
        out[key] = value
    return out


@pytest.fixture
def seed(cfg):
    """seed(kind) -> a fresh valid (form, tables) with the seeds' numbers."""
    return lambda kind: seed_data(kind, cfg)
