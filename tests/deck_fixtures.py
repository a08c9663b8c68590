"""Consolidated figures for deck tests: Midtjylland 2019 with Drangedal's budgets, a large region, edge cases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

from toolkit.core.model import (
    BudgetLine,
    Consolidated,
    GoalResult,
    JobTarget,
    ReportRow,
    SplitLine,
    SubmissionStatus,
)
from toolkit.core.model import (
    Category as C,
)
from toolkit.core.model import (
    MeasureType as M,
)
from toolkit.core.model import (
    Status as S,
)

# Cost split 2019 (seed 002): population on 1 January 2018 and amount in thousand DKK.
MIDTJYLLAND = [
    ("Horsens", 89603, 2508),
    ("Herning", 88385, 2484),
    ("Holstebro", 58409, 1632),
    ("Lemvig", 20243, 564),
    ("Struer", 21473, 600),
    ("Syddjurs", 42368, 1188),
    ("Norddjurs", 37680, 1068),
    ("Favrskov", 48474, 1356),
    ("Odder", 22632, 636),
    ("Randers", 97520, 2748),
    ("Silkeborg", 92396, 2580),
    ("Samsø", 3724, 108),
    ("Skanderborg", 61735, 1716),
    ("Aarhus", 340421, 9528),
    ("Ikast-Brande", 40990, 1152),
    ("Ringkøbing-Skjern", 56676, 1596),
    ("Hedensted", 46555, 1308),
    ("Skive", 46337, 1308),
    ("Viborg", 96621, 2712),
]
SPLIT_TOTAL = D(36792)
KEY_DATE = dt.date(2018, 1, 1)

# Midtjylland 2019 goals (seed 002) with a plausible year-end result.
GOALS = [  # no, category, title, type, target, actual, fulfilment, status, unit, evidence
    (
        "1",
        C.NATIONAL,
        "Virksomhedernes tilfredshed med den specialiserede vejledning",
        M.THRESHOLD,
        D(60),
        D(64),
        D(1),
        S.ACHIEVED,
        "NPS",
        "NPS målt i brugerevalueringen 2019.",
    ),
    (
        "2",
        C.NATIONAL,
        "Virksomhedernes oplevede effekt af den specialiserede vejledning",
        M.SHARE,
        D("0.7"),
        D("0.72"),
        D(1),
        S.ACHIEVED,
        "%",
        "Effektmåling, 2019: 72 % oplever middel eller høj effekt.",
    ),
    (
        "3",
        C.NATIONAL,
        "Etablering af fælles digital indgang til Erhvervshusene",
        M.MILESTONE,
        D(1),
        D(1),
        D(1),
        S.ACHIEVED,
        "",
        "Fælles digital indgang lanceret.",
    ),
    (
        "4",
        C.COMMON,
        "Bredere målgruppe",
        M.MILESTONE,
        D(1),
        D(1),
        D(1),
        S.ACHIEVED,
        "",
        "Model vedtaget i bestyrelsen.",
    ),
    (
        "5",
        C.COMMON,
        "Specialiseret vejledning",
        M.COUNT,
        D(1800),
        D(1712),
        D("0.9511"),
        S.PARTLY,
        "vejledninger",
        "Registreret i CRM: 488 med vækstforløb og 1.224 uden.",
    ),
    (
        "6",
        C.COMMON,
        "Knudepunktsfunktionen",
        M.CHECKLIST,
        D(4),
        D(3),
        D("0.75"),
        S.PARTLY,
        "indsatser",
        "Tre af fire indsatser realiseret.",
    ),
    (
        "7",
        C.COMMON,
        "Særlig indsats for digital omstilling",
        M.MILESTONE,
        D(1),
        D(1),
        D(1),
        S.ACHIEVED,
        "",
        "Indsats gennemført.",
    ),
    ("8", C.REGIONAL, "Opsøgende indsats", M.MILESTONE, D(1), D(0), D(0), S.NOT_ACHIEVED, "", "Ikke afsluttet."),
    (
        "9",
        C.REGIONAL,
        "Synlighed og samarbejde",
        M.SERVICE_LEVEL,
        D("0.9"),
        D("0.86"),
        D("0.9556"),
        S.EXPECTED,
        "% af henvisninger",
        "Servicemål på 48 timer: 86 % af henvisningerne, forventes nået i 1. kvartal.",
    ),
]
MUNICIPAL_GOALS = ("1", "2", "5", "9")

# Drangedal action plan 2024 (seeds 003, 004): budget, granted, job target.
DRANGEDAL = [
    (1, "Matproduksjon", 500_000, 0, 4),
    (2, "Opplevelsesnæring", 500_000, 0, 4),
    (3, "Næringsrettet tjenesteyting", 500_000, 0, 8),
    (4, "Annet næringsliv", 500_000, 0, 12),
    (5, "Attraktivitet for næringslivet", 750_000, 650_000, None),
    (6, "Kultur og samfunn", 125_000, 50_000, None),
]
JOBS_ACHIEVED = {1: 3, 2: 5, 3: 6, 4: 9}

# Norddjurs' fulfilment report, October 2023 (seed 000), the first rows.
NORDDJURS_REPORT = [
    (
        "1.1 Fingeren på pulsen",
        "Mål 1.1. To årlige møder med erhvervs- og handelsforeninger",
        "Dialog med erhvervsforeninger",
        "9. januar 2023",
        "Opfyldt for 2023",
        S.ACHIEVED,
    ),
    (
        "1.2 Viden og analyser",
        "Mål 1.2. A Infomøder, webinarer og kampagner - minimum én aktivitet pr. kvartal",
        "Ejer-til-ejer netværk",
        "Februar 2023",
        "Opfyldt for perioden",
        S.ACHIEVED,
    ),
    (
        "1.2 Viden og analyser",
        "Mål 1.2. B KDS afrapporterer årligt viden fra Én Indgang til Direktionen",
        "Afrapportering under planlægning",
        "2023",
        "Forventes opfyldt for 2023",
        S.EXPECTED,
    ),
    (
        "2.1 Kommunikation med erhvervslivet",
        "Mål 2.1. B 5 pressehistorier om Norddjurs Kommune",
        "Historier i Lokalavisen og DR P4",
        "Februar-juli 2023",
        "Opfyldt for perioden",
        S.ACHIEVED,
    ),
    (
        "4.1 Strategiske samarbejder om grøn omstilling",
        "Mål 4.1. To årlige møder per klynge",
        "Food and Bio Cluster, Digital Lead, MADE",
        "14. december 2022",
        "Delvist opfyldt",
        S.PARTLY,
    ),
]
MISSING = ("Samsø", "Lemvig")
INVALID = {"Struer": 3}
GENERATED = dt.datetime(2020, 2, 14, 6, 0)


def _goal(row, municipality=None, **changes) -> GoalResult:
    no, cat, title, kind, target, actual, fulfil, status, unit, evidence = row
    goal = GoalResult(no, title, cat, kind, target, actual, fulfil, status, evidence, unit, municipality)
    return replace(goal, **changes)


def _municipal_results(names: list[str], goals=GOALS, municipal=MUNICIPAL_GOALS) -> list[GoalResult]:
    """Deterministic per-municipality results around the contract result, so charts have a spread."""
    out = []
    for i, name in enumerate(names):
        for row in goals:
            if row[0] not in municipal:
                continue
            fulfil = min(D(1), D("0.55") + D((i * 7 + int(row[0]) * 3) % 50) / 100)
            status = S.ACHIEVED if fulfil >= 1 else S.PARTLY if fulfil >= D("0.8") else S.NOT_ACHIEVED
            out.append(
                _goal(
                    row,
                    name,
                    fulfilment=fulfil,
                    status=status,
                    actual=(row[4] * fulfil).quantize(D("0.01")),
                    evidence="",
                )
            )
    return out


def midtjylland(lang: str = "da") -> Consolidated:
    """Midtjylland 2019 with 19 municipalities (two missing, one with errors) and Drangedal's 2024 budgets."""
    subs = []
    for i, (name, _, _) in enumerate(MIDTJYLLAND):
        if name in MISSING:
            subs.append(SubmissionStatus(name, "missing"))
        else:
            state = "invalid" if name in INVALID else "valid"
            subs.append(
                SubmissionStatus(
                    name, state, dt.datetime(2020, 2, 1 + i, 10, 30), f"{name}.xlsx", "1.0", INVALID.get(name, 0), i % 3
                )
            )
    submitted = [s.municipality for s in subs if s.state != "missing"]
    return Consolidated(
        region="Region Midtjylland",
        year=2019,
        language=lang,
        generated_at=GENERATED,
        submissions=subs,
        goals=[_goal(row) for row in GOALS],
        goal_results=_municipal_results(submitted),
        report_rows={"Norddjurs": [ReportRow(*row) for row in NORDDJURS_REPORT]},
        focus_areas={"Horsens": ["Turisme", "Grøn omstilling", "Iværksætteri"], "Aarhus": ["Life science"]},
        split=[SplitLine(name, D(pop), D(amount)) for name, pop, amount in MIDTJYLLAND],
        split_total=SPLIT_TOTAL,
        split_key_date=KEY_DATE,
        budgets=[BudgetLine(no, name, D(b), D(g)) for no, name, b, g, _ in DRANGEDAL],
        jobs=[
            JobTarget(no, 2024, target, JOBS_ACHIEVED.get(no))
            for no, _, _, _, target in DRANGEDAL
            if target is not None
        ],
    )


def empty(lang: str = "da", *, listed: bool = False) -> Consolidated:
    """Nothing submitted or computed yet; with ``listed`` the 19 municipalities appear as missing."""
    subs = [SubmissionStatus(name, "missing") for name, _, _ in MIDTJYLLAND] if listed else []
    return Consolidated(region="Region Midtjylland", year=2019, language=lang, generated_at=GENERATED, submissions=subs)


def large(n_municipalities: int = 100, n_goals: int = 20, lang: str = "da") -> Consolidated:
    """A large region: ``n_municipalities`` with results on every goal, and ``n_goals`` contract goals."""
    names = [f"Kommune {i:03d}" for i in range(1, n_municipalities + 1)]
    goals = [(str(i + 1), *GOALS[i % len(GOALS)][1:]) for i in range(n_goals)]
    subs = [
        SubmissionStatus(
            n,
            ["valid", "valid", "invalid", "missing"][i % 4],
            None if i % 4 == 3 else dt.datetime(2020, 2, 3, 9),
            errors=2 if i % 4 == 2 else 0,
        )
        for i, n in enumerate(names)
    ]
    base = midtjylland(lang)
    return replace(
        base,
        submissions=subs,
        goals=[_goal(row) for row in goals],
        goal_results=_municipal_results(names, goals, {g[0] for g in goals}),
        split=[SplitLine(n, D(1000 + 37 * i), D(12 * (10 + i))) for i, n in enumerate(names)],
        split_total=D(sum(12 * (10 + i) for i in range(n_municipalities))),
        report_rows={},
    )


LONG = ("Den Sammenlagte Kommune for Nordvestlige Fjordegne, Heder, Klitter og Omegn nr. 42")[:80]
EVIDENCE = " ".join(
    [
        "Erhvervshuset har gennemført vejledningsforløb, opfølgende møder og registreret effekten "
        "i CRM-systemet for hver enkelt virksomhed."
    ]
    * 20
)[:2000]


def edge(lang: str = "da") -> Consolidated:
    """80-character names everywhere, 2,000 characters of evidence, and every goal in one status."""
    data = midtjylland(lang)
    names = [LONG[: -len(str(i))] + str(i) for i in range(len(data.submissions))]
    rename = dict(zip([s.municipality for s in data.submissions], names))
    goals = [
        replace(g, title=LONG, evidence=EVIDENCE, status=S.NOT_ACHIEVED, unit="virksomheder med vækstplan")
        for g in data.goals
    ]
    return replace(
        data,
        goals=goals,
        submissions=[replace(s, municipality=rename[s.municipality]) for s in data.submissions],
        goal_results=[replace(r, municipality=rename[r.municipality], title=LONG) for r in data.goal_results],
        report_rows={
            rename["Norddjurs"]: [replace(r, goal_text=LONG, met_by=LONG) for r in data.report_rows["Norddjurs"]]
        },
        focus_areas={rename["Horsens"]: [LONG, LONG, LONG]},
        split=[replace(s, key=rename[s.key]) for s in data.split],
        budgets=[replace(b, area_name=LONG) for b in data.budgets],
    )
