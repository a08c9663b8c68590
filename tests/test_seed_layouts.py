"""The seeds' tables typed in as published: merged sub-goals and continuation lines read as the reader meant them."""

from __future__ import annotations

import pytest
from seed_tables import NORDDJURS_AS_PUBLISHED, NORDDJURS_COLUMNS

from toolkit.adapters.excel import records
from toolkit.core.fulfilment import status_counts
from toolkit.core.model import Status
from toolkit.workflows.validate import validate_file

NORDDJURS = {Status.ACHIEVED: 9, Status.EXPECTED: 6, Status.PARTLY: 1, Status.NOT_ACHIEVED: 0, Status.NOT_REPORTED: 0}


def published() -> list[dict]:
    return [dict(zip(NORDDJURS_COLUMNS, line)) for line in NORDDJURS_AS_PUBLISHED]


@pytest.fixture
def norddjurs_report(make_workbook, seed):
    """Seed 000 typed line by line with openpyxl into the real report template."""
    form, _ = seed("report")
    return make_workbook("report", form, {"tblReport": published()}, typed=True, name="Afrapportering Norddjurs.xlsx")


@pytest.fixture
def norddjurs_submission(make_workbook, seed):
    """Seed 000 typed line by line into a Norddjurs submission's fulfilment sheet."""
    form, tables = seed("submission")
    form.update({"municipality": "Norddjurs", "contact_email": "erhverv@norddjurs.dk"})
    tables["tblReport"] = published()
    return make_workbook(
        "submission", form, tables, typed=True, municipality="Norddjurs", name="Indberetning Norddjurs 2019.xlsx"
    )


def test_the_seed_fixture_is_every_line_of_the_published_table():
    assert len(NORDDJURS_AS_PUBLISHED) == 25
    assert sum(1 for line in NORDDJURS_AS_PUBLISHED if line[4]) == 16
    assert sum(1 for line in NORDDJURS_AS_PUBLISHED if not line[0]) == 15


@pytest.mark.parametrize("which", ("norddjurs_report", "norddjurs_submission"))
def test_norddjurs_typed_as_published_gives_16_goals_9_6_1_and_no_errors(request, cfg, which):
    report = validate_file(request.getfixturevalue(which), cfg)
    assert [f for f in report.findings if f.severity == "error"] == []
    rows = records.report_rows(report.document)
    assert len(rows) == 16
    assert status_counts(r.status_text for r in rows) == NORDDJURS


def test_a_blank_sub_goal_continues_the_one_above_and_continuation_lines_join_their_goal(norddjurs_report, cfg):
    rows = records.report_rows(validate_file(norddjurs_report, cfg).document)
    goal = dict(
        zip(
            (
                "1.1",
                "1.2.A",
                "1.2.B",
                "2.1.A",
                "2.1.B",
                "2.2.A",
                "2.2.B",
                "3.1.A",
                "3.1.B",
                "3.2.",
                "3.3.",
                "3.4.A",
                "3.4.B",
                "4.1.",
                "4.2.A",
                "4.2.B",
            ),
            rows,
        )
    )
    assert all(g.goal_text.startswith(f"Mål {no.rstrip('AB').rstrip('.')}.") for no, g in goal.items())
    assert goal["1.2.B"].sub_goal == "1.2 Viden og analyser"
    assert goal["1.2.B"].met_by.endswith("evalueringsskema udsendt til alle\nkontaktpersoner i september 2023.")
    assert goal["2.2.B"].goal_text.endswith(
        "grøn omstilling i løbet af erhvervsplanens funktionsperiode 2022–2024. Kan ske i regi af DUR."
    )
    assert goal["3.3."].met_by.count("\n") == 4 and "Karrieremesse for højtuddannede" in goal["3.3."].met_by
    assert goal["3.3."].when.split("\n")[1:3] == ["22. august 2022", "30. marts 2023"]
    assert goal["4.2.A"].goal_text.endswith("aktuel viden om bæredygtige forretnings tiltag.")
    assert goal["4.2.B"].sub_goal == "4.2. Aktuel viden om bæredygtige tiltag"


def test_nothing_typed_is_lost_when_lines_are_joined(norddjurs_report, cfg):
    rows = records.report_rows(validate_file(norddjurs_report, cfg).document)
    typed = " ".join(c for line in NORDDJURS_AS_PUBLISHED for c in line[1:]).split()
    kept = " ".join(f"{r.goal_text} {r.met_by} {r.when} {r.status_text}" for r in rows).split()
    assert sorted(kept) == sorted(typed)


@pytest.mark.parametrize(
    "lang, words",
    (
        ("da", "fortsættelse af rækken ovenover (række 7)"),
        ("nb", "fortsettelse av raden over (rad 7)"),
        ("en", "continuation of the row above (row 7)"),
    ),
)
def test_every_joined_line_gets_an_info_finding_naming_its_cell(norddjurs_report, cfg, lang, words):
    import dataclasses

    report = validate_file(norddjurs_report, dataclasses.replace(cfg, language=lang))
    joined = [f for f in report.findings if f.rule == "layout.joined_line"]
    assert len(joined) == 9 and {f.severity for f in joined} == {"info"}
    first = joined[0]
    assert (first.file, first.sheet, first.cell) == ("Afrapportering Norddjurs.xlsx", "Målopfyldelse", "C8")
    assert words in first.message
