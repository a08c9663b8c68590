"""[smtp] in config.ini: every key checked, errors name the key, and the password never stands in the file."""

from pathlib import Path

import pytest

from toolkit.config import load_config
from toolkit.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (
    "[general]\nfiscal_year = 2019\ncurrency = DKK\n[split]\ntotal = 36792000\nunit = 1000\nperiods = 12\n"
    "[municipalities]\nAarhus = 340421\n"
)  # 9 lines: [smtp] is line 10


def _load(tmp_path, smtp: str):
    path = tmp_path / "config.ini"
    path.write_text(MINIMAL + "[smtp]\n" + smtp, encoding="utf-8")
    return load_config(path)


def test_the_shipped_config_sends_nothing_until_a_host_is_set():
    cfg = load_config(ROOT / "config.ini")
    assert cfg.smtp_host == "" and cfg.smtp_security == "starttls" and cfg.smtp_interval_days == 7


def test_smtp_settings_are_read(tmp_path, monkeypatch):
    cfg = _load(
        tmp_path,
        "host = smtp.example.dk\nport = 2525\nsecurity = ssl\nuser = kkr\npassword_env = KKR_PW\n"
        "from = sekretariat@kkr-midtjylland.dk\nreply_to = erhverv@kkr-midtjylland.dk\n"
        "subject_nb = Påminnelse til {municipality}\ninterval_days = 3\ntimeout_seconds = 10\n",
    )
    assert (cfg.smtp_host, cfg.smtp_port, cfg.smtp_security, cfg.smtp_user) == ("smtp.example.dk", 2525, "ssl", "kkr")
    assert cfg.smtp_password_env == "KKR_PW" and cfg.smtp_from == "sekretariat@kkr-midtjylland.dk"
    assert cfg.smtp_subjects == {"nb": "Påminnelse til {municipality}"} and cfg.smtp_interval_days == 3


def test_a_password_file_is_resolved_against_the_config_folder(tmp_path):
    cfg = _load(tmp_path, "user = kkr\npassword_file = secret/smtp.txt\n")
    assert cfg.smtp_password_file == tmp_path / "secret" / "smtp.txt"


@pytest.mark.parametrize(
    "smtp, key, line",
    [
        ("password = hemmelig\n", "config.smtp_password_in_file", 11),
        ("security = tls\n", "config.bad_value", 11),
        ("port = 70000\n", "config.bad_value", 11),
        ("from = sekretariatet\n", "config.bad_value", 11),
        ("host = x\nreply_to = a@b\n", "config.bad_value", 12),
        ("password_env = KKR-PW\n", "config.bad_value", 11),
        ("subject_da = Husk {kommune}\n", "config.bad_value", 11),
        ("interval_days = en uge\n", "config.bad_value", 11),
        ("hots = smtp.example.dk\n", "config.unknown_key", 11),
    ],
)
def test_smtp_errors_name_the_key_and_line(tmp_path, smtp, key, line):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, smtp)
    assert exc.value.key == key and exc.value.params.get("line") == line
    for lang in ("da", "nb", "en"):
        msg = exc.value.message(lang)
        assert str(line) in msg and not any(f"{{{p}}}" in msg for p in ("path", "line", "key", "value", "expected"))


def test_the_password_in_config_ini_is_refused_without_repeating_it(tmp_path):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, "password = hemmelig\n")
    assert "hemmelig" not in exc.value.message("da") and "password_env" in exc.value.message("da")


@pytest.mark.parametrize(
    "smtp, key",
    [
        ("user = kkr\n", "config.smtp_password_source"),
        ("user = kkr\npassword_env = A\npassword_file = b.txt\n", "config.smtp_password_source"),
        ("user = kkr\nsecurity = none\npassword_env = A\n", "config.smtp_plain_login"),
    ],
)
def test_a_login_needs_one_password_source_and_encryption(tmp_path, smtp, key):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, smtp)
    assert exc.value.key == key and "[smtp]" in exc.value.message("en")
