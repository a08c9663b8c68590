from pathlib import Path

import pytest

from toolkit.config import REQUIRED, load_config
from toolkit.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_config_has_the_19_midtjylland_municipalities():
    cfg = load_config(ROOT / "config.ini")
    assert len(cfg.municipalities) == 19
    assert {"Aarhus", "Samsø", "Ringkøbing-Skjern"} <= set(cfg.municipalities)
    assert cfg.language in ("da", "nb", "en")
    assert cfg.ledger.is_absolute()


def _write(tmp_path, text):
    path = tmp_path / "config.ini"
    path.write_text(text, encoding="utf-8")
    return path


BASE = "[general]\nlanguage = da\n[municipalities]\nAarhus = 340421\n"
# The settings that are figures and must be given (REQUIRED), for configs that are otherwise minimal.
FIGURES = "[general]\nfiscal_year = 2019\ncurrency = DKK\n[split]\ntotal = 36792000\nunit = 1000\nperiods = 12\n"


@pytest.mark.parametrize(
    "text, key, line",
    [
        ("[general]\nlanguage = sv\n[municipalities]\nAarhus = 1\n", "config.bad_value", 2),
        ("[general]\nlanguag = da\n[municipalities]\nAarhus = 1\n", "config.unknown_key", 2),
        ("[general]\nfiscal_year = tyve\n[municipalities]\nAarhus = 1\n", "config.bad_value", 2),
        ("[generel]\nlanguage = da\n", "config.unknown_section", 1),
        (BASE + "Horsens = mange\n", "config.bad_value", 5),
        (BASE + "[paths]\ndeck_template = nowhere.pptx\n", "config.file_not_found", 6),
        (BASE + "[contacts]\nViborg = x@y.dk\n", "config.unknown_key", 6),
        (BASE + "[contacts]\nAarhus = not-an-address\n", "config.bad_value", 6),
        (BASE + "[split]\nperiods = 0\n", "config.bad_value", 6),
        (BASE + "[split]\ntotal = mange\n", "config.bad_value", 6),
        (BASE + "[ledger]\nurl = mysql://db/toolkit\n", "config.bad_value", 6),
        (BASE + "[ledger]\nurl = sqlite://\n", "config.bad_value", 6),
    ],
)
def test_config_errors_name_the_key_and_line(tmp_path, text, key, line):
    with pytest.raises(ConfigError) as exc:
        load_config(_write(tmp_path, text))
    assert exc.value.key == key
    assert exc.value.params.get("line") == line
    for lang in ("da", "nb", "en"):
        msg = exc.value.message(lang)
        assert str(line) in msg and "{" not in msg


def test_missing_config_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "nope.ini")
    assert "nope.ini" in exc.value.message("da")


def test_paths_are_resolved_against_the_config_folder(tmp_path):
    cfg = load_config(
        _write(tmp_path, FIGURES + "[municipalities]\nAarhus = 340421\n[paths]\ninbox = a, b\noutput = out\n")
    )
    assert cfg.inbox == (tmp_path / "a", tmp_path / "b")
    assert cfg.output == tmp_path / "out"


LEDGER = FIGURES + "[municipalities]\nAarhus = 340421\n[paths]\nledger = out/l.sqlite\n"


@pytest.mark.parametrize(
    "url, file, pg",
    [
        ("", "out/l.sqlite", ""),  # no [ledger] url: [paths] ledger, as before
        ("data/ledger.sqlite", "data/ledger.sqlite", ""),
        ("sqlite:///data/ledger.sqlite", "data/ledger.sqlite", ""),
        ("postgresql://toolkit@db:5432/toolkit", "out/l.sqlite", "postgresql+psycopg://toolkit@db:5432/toolkit"),
        ("postgres://toolkit@db/toolkit", "out/l.sqlite", "postgresql+psycopg://toolkit@db/toolkit"),
    ],
)
def test_the_ledger_is_a_file_or_a_postgresql_url(tmp_path, url, file, pg):
    cfg = load_config(_write(tmp_path, LEDGER + f"[ledger]\nurl = {url}\n"))
    assert (cfg.ledger, cfg.ledger_url) == (tmp_path / file, pg)
    assert cfg.ledger_target == (pg or tmp_path / file)


def test_an_absolute_sqlite_url_is_that_file(tmp_path):
    cfg = load_config(_write(tmp_path, LEDGER + f"[ledger]\nurl = sqlite:///{tmp_path}/abs.sqlite\n"))
    assert cfg.ledger == tmp_path / "abs.sqlite"


def test_the_shipped_config_keeps_the_embedded_sqlite_ledger():
    cfg = load_config(ROOT / "config.ini")
    assert cfg.ledger_url == "" and cfg.ledger_target == cfg.ledger


def test_shipped_key_values_reproduce_the_published_2019_billing():
    from toolkit.data.midtjylland import PUBLISHED_2019
    from toolkit.workflows.templates import cost_shares

    cfg = load_config(ROOT / "config.ini")
    assert {k: v / 1000 for k, v in cost_shares(cfg).items()} == PUBLISHED_2019
    assert cfg.split_periods == 12 and cfg.split_unit == 1000


@pytest.mark.parametrize("section, key", REQUIRED)
def test_a_missing_figure_is_an_error_naming_the_key_never_a_default(tmp_path, section, key):
    text = FIGURES.replace(f"{key} = ", f";{key} = ") + "[municipalities]\nAarhus = 340421\n"
    with pytest.raises(ConfigError) as exc:
        load_config(_write(tmp_path, text))
    assert exc.value.key == "config.missing_key"
    assert (exc.value.params["section"], exc.value.params["key"]) == (section, key)
    for lang in ("da", "nb", "en"):
        assert f"'{key}'" in exc.value.message(lang) and f"[{section}]" in exc.value.message(lang)


def test_an_empty_split_total_is_missing_too(tmp_path):
    text = FIGURES.replace("total = 36792000", "total =") + "[municipalities]\nAarhus = 340421\n"
    with pytest.raises(ConfigError) as exc:
        load_config(_write(tmp_path, text))
    assert exc.value.params["key"] == "total"


def test_the_consolidation_names_a_missing_split_total_instead_of_billing_the_2019_grant(project_cfg):
    import dataclasses

    from toolkit.workflows.consolidate.costsplit import cost_split

    src = cost_split(dataclasses.replace(project_cfg, split_total=None), {})
    assert src.lines == [] and src.total is None
    assert src.problem is not None and src.problem.params["key"] == "total"
    assert "36792" not in src.problem.message("en").replace(".", "").replace(",", "")
