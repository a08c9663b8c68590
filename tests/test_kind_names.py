"""Users see a template kind by its name in their language ("Kommunal indberetning"), never `submission`."""

import openpyxl
import pytest
from test_consolidate_cli import project  # noqa: F401  the fixture: an inbox and a config file

from toolkit.adapters.excel.build import BuildOptions, build_workbook
from toolkit.cli import main
from toolkit.config import load_config
from toolkit.errors import ReadError
from toolkit.spec import SPECS
from toolkit.spec.labels import kind_title
from toolkit.workflows.consolidate.workbook import output_path
from toolkit.workflows.costsplit import compute_split_workbook

INTERNAL = ("submission", "contract", "report", "plan", "split")


@pytest.mark.parametrize(
    "lang, name", [("da", "Kommunal indberetning"), ("nb", "Kommunal innrapportering"), ("en", "Municipal submission")]
)
def test_a_kind_has_a_name_in_each_language(lang, name):
    assert kind_title("submission", lang) == name
    assert kind_title("contract", "da") == "Resultatkontrakt"


def test_history_names_the_kind_in_the_users_language(project, capsys):  # noqa: F811
    main(["--config", project, "consolidate", "--settle", "0", "--no-progress"])
    capsys.readouterr()
    assert main(["--config", project, "history", "horsens"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all("Kommunal indberetning" in line for line in lines)
    assert not any(f" {word} " in line for line in lines for word in INTERNAL)


def test_the_files_sheet_names_the_kind_in_the_users_language(project):  # noqa: F811
    main(["--config", project, "consolidate", "--settle", "0", "--no-progress"])
    ws = openpyxl.load_workbook(output_path(load_config(project)))["Filer"]
    header = next(r for r in ws.iter_rows(values_only=True) if "Type" in r)
    column = header.index("Type")
    kinds = {r[column] for r in ws.iter_rows(values_only=True) if r[column] and r != header}
    assert kinds == {"Kommunal indberetning"}


def test_an_error_names_the_kind_in_the_users_language(tmp_path):
    path = tmp_path / "kontrakt.xlsx"
    build_workbook(SPECS["contract"], str(path), BuildOptions(lang="da"))
    with pytest.raises(ReadError) as exc:
        compute_split_workbook(path)
    assert "'Resultatkontrakt'" in exc.value.message("da") and "contract" not in exc.value.message("da")
    assert "'Municipal submission'" not in exc.value.message("en") and "'Results contract'" in exc.value.message("en")
