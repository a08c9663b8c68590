import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.fulfilment import status_counts
from toolkit.core.model import Status
from toolkit.core.status import STATUS_CHOICES, normalise_status, status_label

# The 16 status texts of Norddjurs' report, October 2023 (seed 000), in order.
NORDDJURS = [
    "Opfyldt for 2023",
    "Opfyldt for perioden",
    "Forventes opfyldt for 2023",
    "Opfyldt for perioden",
    "Opfyldt for perioden",
    "Opfyldt i 2023",
    "Forventes opfyldt for funktionsperioden",
    "Forventes opfyldt 2023",
    "Opfyldt for 2023",
    "Forventes opfyldt for 2023",
    "Opfyldt for perioden",
    "Forventes opfyldt for perioden",
    "Forventes opfyldt i 2023",
    "Delvist opfyldt",
    "Opfyldt for perioden",
    "Opfyldt for perioden",
]


def test_norddjurs_report_reads_as_9_achieved_6_expected_1_partly():
    statuses = [normalise_status(text) for text in NORDDJURS]
    assert None not in statuses
    assert status_counts(statuses) == {
        Status.ACHIEVED: 9,
        Status.EXPECTED: 6,
        Status.PARTLY: 1,
        Status.NOT_ACHIEVED: 0,
        Status.NOT_REPORTED: 0,
    }


@pytest.mark.parametrize(
    "text, status",
    [
        ("Opfyldt for 2023", Status.ACHIEVED),
        ("Opfyldt for perioden", Status.ACHIEVED),
        ("Opfyldt i 2023", Status.ACHIEVED),
        ("oppnådd", Status.ACHIEVED),
        ("Achieved", Status.ACHIEVED),
        ("Forventes opfyldt for 2023", Status.EXPECTED),
        ("Forventes opfyldt for perioden", Status.EXPECTED),
        ("Forventes opfyldt i 2023", Status.EXPECTED),
        ("Forventes opfyldt for funktionsperioden", Status.EXPECTED),
        ("Forventes opfyldt 2023", Status.EXPECTED),
        ("forventes oppnådd", Status.EXPECTED),
        ("Delvist opfyldt", Status.PARTLY),
        ("delvis oppnådd", Status.PARTLY),
        ("partly achieved", Status.PARTLY),
        ("Ikke opfyldt", Status.NOT_ACHIEVED),
        ("ikke oppnådd", Status.NOT_ACHIEVED),
        ("not achieved", Status.NOT_ACHIEVED),
        ("Ikke afrapporteret", Status.NOT_REPORTED),
        ("ikke rapportert", Status.NOT_REPORTED),
        ("not reported", Status.NOT_REPORTED),
    ],
)
def test_status_variants_in_three_languages_map_to_their_meaning(text, status):
    assert normalise_status(text) is status


@pytest.mark.parametrize(
    "text, status",
    [
        ("  OPFYLDT   FOR\u00a02023 ", Status.ACHIEVED),
        ("opfyldt.", Status.ACHIEVED),
        ("Ikke opfyldt for 2023", Status.NOT_ACHIEVED),
        ("Delvist opfyldt i 2023", Status.PARTLY),
        ("Opfyldt for perioden 2022–2024", Status.ACHIEVED),
        ("Opfyldt (2023)", Status.ACHIEVED),
        ("Expected in 2023", Status.EXPECTED),
        ("Not achieved for the period", Status.NOT_ACHIEVED),
        ("forventes oppnådd i 2024", Status.EXPECTED),
        ("not_reported", Status.NOT_REPORTED),
    ],
)
def test_status_reading_ignores_case_spaces_and_trailing_year_or_period(text, status):
    assert normalise_status(text) is status


@pytest.mark.parametrize(
    "text",
    [
        "opfyldt?",
        "måske",
        "",
        "   ",
        "2023",
        "for 2023",
        "ikke helt opfyldt",
        "opfyldt ikke",
        "næsten opfyldt",
        "Løbende driftsopgave",
        "forventes",
        "ikke",
        "delvist?",
        None,
        1,
    ],
)
def test_status_that_cannot_be_told_for_sure_gives_none(text):
    assert normalise_status(text) is None


@pytest.mark.parametrize("achieved", ["opfyldt", "oppnådd", "Opfyldt for 2023"])
def test_ikke_wins_over_opfyldt(achieved):
    assert normalise_status(f"ikke {achieved}") is Status.NOT_ACHIEVED


def test_status_labels_are_the_canonical_dropdown_texts():
    assert STATUS_CHOICES["da"] == [
        "Opfyldt",
        "Forventes opfyldt",
        "Delvist opfyldt",
        "Ikke opfyldt",
        "Ikke afrapporteret",
    ]
    assert STATUS_CHOICES["nb"] == ["Oppnådd", "Forventes oppnådd", "Delvis oppnådd", "Ikke oppnådd", "Ikke rapportert"]
    assert STATUS_CHOICES["en"] == ["Achieved", "Expected", "Partly achieved", "Not achieved", "Not reported"]
    assert status_label(Status.PARTLY, "nb") == "Delvis oppnådd"


@pytest.mark.parametrize("lang", ["da", "nb", "en"])
def test_every_dropdown_text_reads_back_as_its_status(lang):
    for status in Status:
        assert normalise_status(status_label(status, lang)) is status
        assert normalise_status(status_label(status, lang).upper()) is status
        assert normalise_status(status.value) is status


@given(st.text(max_size=40))
def test_status_reading_never_fails_and_never_accepts_a_question(text):
    result = normalise_status(text)
    assert result is None or isinstance(result, Status)
    if "?" in text:
        assert result is None


@pytest.mark.parametrize(
    "text, status",
    [
        ("Ej opfyldt", Status.NOT_ACHIEVED),
        ("Ej nået", Status.NOT_ACHIEVED),
        ("Ikke opnået", Status.NOT_ACHIEVED),
        ("Ikke oppnådd", Status.NOT_ACHIEVED),
        ("ikkje oppnådd", Status.NOT_ACHIEVED),
        ("Ikke nådd", Status.NOT_ACHIEVED),
        ("Ikke oppfylt i 2024", Status.NOT_ACHIEVED),
        ("ikkje nådd", Status.NOT_ACHIEVED),
        ("Oppfylt", Status.ACHIEVED),
        ("Delvis oppfylt", Status.PARTLY),
        ("Delvist nået", Status.PARTLY),
        ("Forventes nået i 2023", Status.EXPECTED),
        ("Forventast oppnådd", Status.EXPECTED),
        ("Ej afrapporteret", Status.NOT_REPORTED),
    ],
)
def test_common_wordings_of_the_four_meanings_are_recognised(text, status):
    assert normalise_status(text) is status


@pytest.mark.parametrize("text", ["Ej helt opfyldt", "Ikke helt oppnådd", "Opfyldt/ikke opfyldt", "Ja", "Nej", "OK"])
def test_genuinely_ambiguous_wordings_are_still_refused(text):
    assert normalise_status(text) is None


def test_compute_says_which_statuses_were_counted_as_not_reported_and_where(make_workbook, seed):
    from toolkit.adapters.excel.read import read_workbook
    from toolkit.buttons import messages as _messages  # noqa: F401  registers the section texts
    from toolkit.buttons.computed import sections

    form, tables = seed("report")
    tables["tblReport"][1]["status"] = "Ej opfyldt"  # recognised now
    tables["tblReport"][3]["status"] = "Ej helt opfyldt"  # can't be told: listed with its cell
    doc = read_workbook(make_workbook("report", form, tables, typed=True))
    counted, unread = sections(doc, "da")
    assert dict(counted.rows[:5])["Ikke opfyldt"] == 1 and dict(counted.rows[:5])["Ikke afrapporteret"] == 1
    assert unread.rows == [["Målopfyldelse", "E8", "Ej helt opfyldt"]]
