"""Sample data modelled on the seeds: Midtjylland 2019 goals, the Norddjurs report, the Drangedal plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from toolkit.core.model import Category as C
from toolkit.core.model import MeasureType as M

# Results contract 2019 between KKR Midtjylland and Erhvervshus Midtjylland (seed 002).
CONTRACT_HEAD = {
    "council": "KKR Midtjylland",
    "hub": "Erhvervshus Midtjylland",
    "year": 2019,
    "version": "1.0",
    "council_approved": dt.date(2019, 3, 15),
    "hub_approved": dt.date(2019, 3, 28),
    "period_start": dt.date(2019, 1, 1),
    "period_end": dt.date(2019, 12, 31),
}
_REPORTING = "Afrapportering til KKR sker en gang årligt."
CONTRACT_GOALS: list[dict[str, object]] = [
    {
        "goal_no": "1",
        "category": C.NATIONAL,
        "title": "Virksomhedernes tilfredshed med den specialiserede vejledning",
        "goal_text": "Erhvervshusene opnår en Net Promoter Score på mindst 60.",
        "method": "Brugerevaluering (NPS)",
        "measure_type": M.THRESHOLD,
        "target": D(60),
        "unit": "NPS",
        "reporting": _REPORTING,
    },
    {
        "goal_no": "2",
        "category": C.NATIONAL,
        "title": "Virksomhedernes oplevede effekt af den specialiserede vejledning",
        "goal_text": "Mindst 70 procent af de vejledte virksomheder oplever middel eller høj effekt.",
        "measure_type": M.SHARE,
        "target": D("0.7"),
        "unit": "%",
        "reporting": _REPORTING,
    },
    {
        "goal_no": "3",
        "category": C.NATIONAL,
        "title": "Etablering af fælles digital indgang til Erhvervshusene",
        "measure_type": M.MILESTONE,
        "target": D(1),
        "unit": "",
        "reporting": _REPORTING,
    },
    {
        "goal_no": "4",
        "category": C.COMMON,
        "title": "Bredere målgruppe",
        "measure_type": M.MILESTONE,
        "target": D(1),
        "reporting": _REPORTING,
    },
    {
        "goal_no": "5",
        "category": C.COMMON,
        "title": "Specialiseret vejledning",
        "goal_text": "Målsætning for antal specialiserede vejledninger i 2019 er 1.800.",
        "measure_type": M.COUNT,
        "target": D(1800),
        "unit": "vejledninger",
        "reporting": _REPORTING,
    },
    {
        "goal_no": "6",
        "category": C.COMMON,
        "title": "Knudepunktsfunktionen",
        "goal_text": "Fire navngivne indsatser realiseres.",
        "measure_type": M.CHECKLIST,
        "target": D(4),
        "unit": "indsatser",
        "reporting": "Målet er 100 pct. opfyldt, når alle fire indsatser er realiseret.",
    },
    {
        "goal_no": "7",
        "category": C.COMMON,
        "title": "Særlig indsats for digital omstilling",
        "measure_type": M.MILESTONE,
        "target": D(1),
        "reporting": _REPORTING,
    },
    # Seed 002 lists goals 8 and 9 under "Regionale målsætninger" (its overview in section 5 and the goal pages).
    {
        "goal_no": "8",
        "category": C.REGIONAL,
        "title": "Opsøgende indsats",
        "measure_type": M.MILESTONE,
        "target": D(1),
        "reporting": _REPORTING,
    },
    {
        "goal_no": "9",
        "category": C.REGIONAL,
        "title": "Synlighed og samarbejde",
        "goal_text": "Servicemål på 48 timer fra kommunens henvisning til Erhvervshusets kontakt til virksomheden.",
        "measure_type": M.SERVICE_LEVEL,
        "target": D("0.9"),
        "unit": "% af henvisninger",
        "limit_hours": D(48),
        "reporting": _REPORTING,
    },
]
CONTRACT_RESULTS = {  # goal no -> (actual, evidence)
    "1": (D(64), "NPS målt i brugerevalueringen 2019."),
    "2": (D("0.72"), "Effektmåling, 2019."),
    "3": (D(1), "Fælles digital indgang lanceret."),
    "4": (D(1), "Model vedtaget i bestyrelsen."),
    "5": (D(1712), "Registreret i CRM."),
    "6": (D(3), "Tre af fire indsatser realiseret."),
    "7": (D(1), "Indsats gennemført."),
    "8": (D(0), "Ikke afsluttet."),
    "9": (D("0.86"), "Målt på henvisninger."),
}


def reported_goals(result_date: dt.date | None = None) -> list[dict]:
    """The contract goals with the hub's reported results (actual and evidence)."""
    rows = []
    for goal in CONTRACT_GOALS:
        no = goal["goal_no"]
        assert isinstance(no, str)
        actual, evidence = CONTRACT_RESULTS[no]
        rows.append(
            goal | {"actual": actual, "evidence": evidence} | ({"result_date": result_date} if result_date else {})
        )
    return rows


SUB_TARGETS = [
    {"goal_no": "5", "sub_label": "Med vækstforløb", "target": D(500), "actual": D(488)},
    {"goal_no": "5", "sub_label": "Uden vækstfokus", "target": D(1300), "actual": D(1224)},
]
# Goals reported per municipality in the submission workbook.
MUNICIPAL_GOALS = ("1", "2", "5", "9")

# Norddjurs' fulfilment report, October 2023, on its business plan 2022-2024 (seed 000): 16 goals.
NORDDJURS_REPORT = [
    (
        "1.1 Fingeren på pulsen",
        "Mål 1.1. To årlige møder med erhvervs- og handelsforeninger",
        "Dialog med erhvervsforeninger",
        "9. januar 2023",
        "Opfyldt for 2023",
    ),
    (
        "1.2 Viden og analyser",
        "Mål 1.2. A Infomøder, webinarer og kampagner - minimum én aktivitet pr. kvartal",
        "Ejer-til-ejer netværk",
        "Februar 2023",
        "Opfyldt for perioden",
    ),
    (
        "1.2 Viden og analyser",
        "Mål 1.2. B KDS afrapporterer årligt viden fra Én Indgang til Direktionen",
        "Afrapportering under planlægning",
        "2023",
        "Forventes opfyldt for 2023",
    ),
    (
        "2.1 Kommunikation med erhvervslivet",
        "Mål 2.1. A Månedlige erhvervsspecifikke nyheder",
        "Nyhedsbrev, LinkedIn, Facebook",
        "Løbende driftsopgave",
        "Opfyldt for perioden",
    ),
    (
        "2.1 Kommunikation med erhvervslivet",
        "Mål 2.1. B 5 pressehistorier om Norddjurs Kommune",
        "Historier i Lokalavisen og DR P4",
        "Februar-juli 2023",
        "Opfyldt for perioden",
    ),
    (
        "2.2 Netværksaktiviteter med erhvervslivet",
        "Mål 2.2. A Survey om erhvervslivets behov",
        "Gennemført af IRIS Group",
        "17. april 2023",
        "Opfyldt i 2023",
    ),
    (
        "2.2 Netværksaktiviteter med erhvervslivet",
        "Mål 2.2. B Én netværksaktivitet pr. tema i funktionsperioden",
        "DUR-arrangementer",
        "6. maj 2022",
        "Forventes opfyldt for funktionsperioden",
    ),
    (
        "3.1 Formidle virksomhedernes behov internt",
        "Mål 3.1. A DI Erhvervsklimamåling behandles i alle fagudvalg",
        "Udvalgsbehandling",
        "Oktober 2023",
        "Forventes opfyldt 2023",
    ),
    (
        "3.1 Formidle virksomhedernes behov internt",
        "Mål 3.1. B Årligt dialogmøde med DI Randers-Norddjurs",
        "Dialogmøde afholdes",
        "21. september 2023",
        "Opfyldt for 2023",
    ),
    (
        "3.2 Formidle virksomhedernes behov eksternt",
        "Mål 3.2. To årlige møder i Djurslands Udviklingsråd",
        "Afvikles løbende",
        "31. marts 2023",
        "Forventes opfyldt for 2023",
    ),
    (
        "3.3 Deltagelse i projekter",
        "Mål 3.3. Minimum ét halvårligt projekt, event eller kampagne",
        "Jobmesse og karrieremesse",
        "30. marts 2023",
        "Opfyldt for perioden",
    ),
    (
        "3.4 Politisk betjening",
        "Mål 3.4. A Puljemidler anvendes med størst muligt udbytte",
        "Håndteres ved henvendelse",
        "Løbende driftsopgave",
        "Forventes opfyldt for perioden",
    ),
    (
        "3.4 Politisk betjening",
        "Mål 3.4. B Møde med nationale beslutningstagere",
        "Besøg på Christiansborg",
        "20.12.2022",
        "Forventes opfyldt i 2023",
    ),
    (
        "4.1 Strategiske samarbejder om grøn omstilling",
        "Mål 4.1. To årlige møder per klynge",
        "Food and Bio Cluster, Digital Lead, MADE",
        "14. december 2022",
        "Delvist opfyldt",
    ),
    (
        "4.2 Aktuel viden om bæredygtige tiltag",
        "Mål 4.2. A Kvartalsvise møder med den specialiserede erhvervsservice",
        "Løbende driftsopgave",
        "10. februar 2023",
        "Opfyldt for perioden",
    ),
    (
        "4.2 Aktuel viden om bæredygtige tiltag",
        "Mål 4.2. B Lokale vedvarende energikilder i den grønne omstilling",
        "Dialog med Byg og Miljø",
        "31. marts 2023",
        "Opfyldt for perioden",
    ),
]

# Drangedal's action plan 2024 (seeds 003, 004).
PLAN_HEAD = {
    "programme": "Driv - omstillingsprogram Drangedal",
    "owner": "Drangedal kommune",
    "year": 2024,
    "period_start": dt.date(2022, 1, 1),
    "period_end": dt.date(2027, 12, 31),
    "period_jobs_target": 150,
}
PLAN_AREAS = [
    (1, "Matproduksjon", 500_000, 0, 4),
    (2, "Opplevelsesnæring", 500_000, 0, 4),
    (3, "Næringsrettet tjenesteyting", 500_000, 0, 8),
    (4, "Annet næringsliv", 500_000, 0, 12),
    (5, "Attraktivitet for næringslivet", 750_000, 650_000, None),
    (6, "Kultur og samfunn", 125_000, 50_000, None),
]
PLAN_FINANCING = [
    ("Vestfold og Telemark fylkeskommune", D("0.75"), D(4_000_000), D("0.75")),
    ("Drangedal kommune", D("0.25"), D(1_170_000), D(1)),
    ("Refusjoner", None, D(185_000), D(1)),
]
