"""Read config.ini into a typed Config; every error names the key and the line."""

from __future__ import annotations

import configparser
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from toolkit.core.numbers import NotADate, NotANumber, parse_date, parse_number
from toolkit.errors import ConfigError
from toolkit.i18n import LANGUAGES


@dataclass
class Config:
    """The settings of one installation; paths are absolute."""

    path: Path
    language: str = "da"
    region: str = ""
    council: str = ""
    hub: str = ""
    fiscal_year: int = 2019
    currency: str = "DKK"
    deadline: dt.date | None = None
    templates: Path = Path("workbook_templates")
    inbox: tuple[Path, ...] = ()
    archive: Path = Path("archive")
    output: Path = Path("output")
    ledger: Path = Path("output/ledger.sqlite")
    ledger_url: str = ""  # a PostgreSQL ledger (postgresql+psycopg://...); empty: the SQLite file ``ledger``
    deck_template: Path | None = None
    password: str = ""
    max_file_mb: int = 50
    max_uncompressed_mb: int = 300
    settle_seconds: float = 2.0
    schedule_times: tuple[str, ...] = ()
    schedule_rush_minutes: int = 15
    schedule_rush_days: int = 7
    python: str = ""
    split_total: Decimal | None = None
    split_unit: Decimal = Decimal(1)
    split_periods: int = 1
    split_key_date: dt.date | None = None
    municipalities: dict[str, Decimal] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)
    # [smtp]: the server `toolkit reminders --send` mails through; the password is never stored here.
    smtp_host: str = ""
    smtp_port: int | None = None  # None: 587 (starttls), 465 (ssl), 25 (none)
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_password_env: str = ""
    smtp_password_file: Path | None = None
    smtp_from: str = ""
    smtp_reply_to: str = ""
    smtp_subjects: dict[str, str] = field(default_factory=dict)  # language -> subject template
    smtp_interval_days: int = 7
    smtp_timeout_seconds: float = 30.0
    server_host: str = "127.0.0.1"
    server_port: int = 8080
    server_public_url: str = "http://127.0.0.1:8080"
    server_max_upload_mb: int = 20
    server_rate_per_minute: int = 30
    server_coordinator_password: str = ""  # "scrypt$n$r$p$salt$hash" (toolkit tokens hash-password)
    server_proxy_user_header: str = ""  # trust this header from the reverse proxy as the signed-in coordinator
    server_secret_file: Path | None = None  # the signing secret (else env TOOLKIT_SECRET)

    @property
    def ledger_target(self) -> Path | str:
        """Where the ledger is: the PostgreSQL URL of ``[ledger] url``, else the SQLite file (read-only)."""
        return self.ledger_url or self.ledger


def _text(v: str) -> str:
    return v


def _language(v: str) -> str:
    if v not in LANGUAGES:
        raise ValueError("one of da, nb, en")
    return v


def _int(v: str) -> int:
    if not re.fullmatch(r"\d+", v):
        raise ValueError("a whole number")
    return int(v)


def _float(v: str) -> float:
    try:
        return float(parse_number(v))
    except NotANumber:
        raise ValueError("a number") from None


def _date(v: str) -> dt.date | None:
    if not v:
        return None
    try:
        return parse_date(v)
    except NotADate:
        raise ValueError("a date such as 2020-03-01") from None


def _amount(v: str) -> Decimal | None:
    if not v:
        return None
    try:
        d = parse_number(v)
    except NotANumber:
        raise ValueError("an amount such as 36792000") from None
    if d < 0:
        raise ValueError("an amount of 0 or more")
    return d


def _positive(v: str) -> int:
    n = _int(v)
    if n < 1:
        raise ValueError("a whole number of 1 or more")
    return n


def _currency(v: str) -> str:
    if v not in ("DKK", "NOK", "EUR", "SEK"):
        raise ValueError("DKK, NOK, EUR or SEK")
    return v


def _email(v: str) -> str:
    if v and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", v):
        raise ValueError("an e-mail address such as sekretariat@kkr-midtjylland.dk")
    return v


def _port(v: str) -> int | None:
    if not v:
        return None
    n = _int(v)
    if not 1 <= n <= 65535:
        raise ValueError("a port number from 1 to 65535")
    return n


def _security(v: str) -> str:
    if v not in ("starttls", "ssl", "none"):
        raise ValueError("starttls, ssl or none")
    return v


def _env_name(v: str) -> str:
    if v and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", v):
        raise ValueError("the name of an environment variable such as TOOLKIT_SMTP_PASSWORD")
    return v


_SUBJECT_FIELDS = {"municipality", "deadline", "year", "region"}


def _subject(v: str) -> str:
    import string

    try:
        names = {f for _, f, _, _ in string.Formatter().parse(v) if f is not None}
    except ValueError:
        names = {"{"}
    if not names <= _SUBJECT_FIELDS:
        raise ValueError("a subject whose {placeholders} are among " + ", ".join(sorted(_SUBJECT_FIELDS)))
    return v


def _times(v: str) -> tuple[str, ...]:
    out = tuple(x.strip() for x in v.split(",") if x.strip())
    for x in out:
        if not re.fullmatch(r"(mon|tue|wed|thu|fri|sat|sun|weekdays|daily) ([01]\d|2[0-3]):[0-5]\d", x):
            raise ValueError("a comma-separated list such as 'weekdays 06:00, mon 12:00'")
    return out


def _url(v: str) -> str:
    if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", v):
        raise ValueError("an address such as https://indberetning.example.dk")
    return v.rstrip("/")


def _password_hash(v: str) -> str:
    if v and not re.fullmatch(r"scrypt\$\d+\$\d+\$\d+\$[0-9a-f]+\$[0-9a-f]+", v):
        raise ValueError("empty, or a hash made by `toolkit tokens hash-password` (never the password itself)")
    return v


def _header(v: str) -> str:
    if v and not re.fullmatch(r"[A-Za-z0-9-]+", v):
        raise ValueError("empty, or a header name such as X-Remote-User")
    return v


# section -> key -> (attribute, parser); "path" keys are resolved against the file's folder.
# section -> key -> (Config attribute, a converter or the name of a path kind _convert knows)
_SCHEMA: dict[str, dict[str, tuple[str, str | Callable[[str], object]]]] = {
    "general": {
        "language": ("language", _language),
        "region": ("region", _text),
        "council": ("council", _text),
        "hub": ("hub", _text),
        "fiscal_year": ("fiscal_year", _int),
        "currency": ("currency", _currency),
        "deadline": ("deadline", _date),
    },
    "paths": {
        "templates": ("templates", "path"),
        "inbox": ("inbox", "paths"),
        "archive": ("archive", "path"),
        "output": ("output", "path"),
        "ledger": ("ledger", "path"),
        "deck_template": ("deck_template", "file"),
    },
    "ledger": {"url": ("ledger_url", "ledger_url")},
    "protection": {"password": ("password", _text)},
    "limits": {
        "max_file_mb": ("max_file_mb", _int),
        "max_uncompressed_mb": ("max_uncompressed_mb", _int),
        "settle_seconds": ("settle_seconds", _float),
    },
    "schedule": {
        "times": ("schedule_times", _times),
        "rush_minutes": ("schedule_rush_minutes", _int),
        "rush_days": ("schedule_rush_days", _int),
    },
    "xlwings": {"python": ("python", _text)},
    "smtp": {
        "host": ("smtp_host", _text),
        "port": ("smtp_port", _port),
        "security": ("smtp_security", _security),
        "user": ("smtp_user", _text),
        "password_env": ("smtp_password_env", _env_name),
        "password_file": ("smtp_password_file", "optional_path"),
        "from": ("smtp_from", _email),
        "reply_to": ("smtp_reply_to", _email),
        "subject_da": ("smtp_subjects", "subject"),
        "subject_nb": ("smtp_subjects", "subject"),
        "subject_en": ("smtp_subjects", "subject"),
        "interval_days": ("smtp_interval_days", _int),
        "timeout_seconds": ("smtp_timeout_seconds", _float),
    },
    "server": {
        "host": ("server_host", _text),
        "port": ("server_port", _positive),
        "public_url": ("server_public_url", _url),
        "max_upload_mb": ("server_max_upload_mb", _positive),
        "rate_limit_per_minute": ("server_rate_per_minute", _positive),
        "coordinator_password_hash": ("server_coordinator_password", _password_hash),
        "proxy_user_header": ("server_proxy_user_header", _header),
        "secret_file": ("server_secret_file", "file"),
    },
    "split": {
        "total": ("split_total", _amount),
        "unit": ("split_unit", lambda v: Decimal(_positive(v))),
        "periods": ("split_periods", _positive),
        "key_date": ("split_key_date", _date),
    },
}
_FREE_SECTIONS = ("municipalities", "contacts")

# Settings that are figures of the consolidation (what year, what currency, what is billed): a missing one is
# an error naming it, never a default figure (a missing total once fell back to the 2019 grant).
REQUIRED = (
    ("general", "fiscal_year"),
    ("general", "currency"),
    ("split", "total"),
    ("split", "unit"),
    ("split", "periods"),
)


def _line_numbers(text: str) -> dict[tuple[str, str | None], int]:
    """(section, key) -> 1-based line; key None for the section header."""
    lines: dict[tuple[str, str | None], int] = {}
    section = ""
    for n, raw in enumerate(text.splitlines(), start=1):
        s = raw.strip()
        if not s or s[0] in "#;":
            continue
        if m := re.fullmatch(r"\[([^\]]+)\]", s):
            section = m[1].strip().lower()
            lines.setdefault((section, None), n)
        elif "=" in s and not raw[0].isspace():
            lines.setdefault((section, s.split("=", 1)[0].strip().lower()), n)
    return lines


def load_config(path: str | Path) -> Config:
    """Read and check ``config.ini``; raises ConfigError naming the key and line."""
    path = Path(path).resolve()
    if not path.is_file():
        raise ConfigError("config.missing_file", path=str(path))
    text = path.read_text(encoding="utf-8-sig")
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=(";", "#"))
    # Keep municipality names as written; typeshed declares optionxform a method, the documented idiom replaces it.
    parser.optionxform = str  # type: ignore[method-assign, assignment]
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        line = getattr(exc, "lineno", 0)
        raise ConfigError("config.syntax", path=str(path), line=line, detail=exc.message.splitlines()[0]) from None
    lines = _line_numbers(text)
    cfg = Config(path=path)
    base = path.parent
    allowed_sections = ", ".join([*_SCHEMA, *_FREE_SECTIONS])
    given: set[tuple[str, str]] = set()
    for section in parser.sections():
        key_s = section.lower()
        if key_s in _FREE_SECTIONS:
            continue
        if key_s not in _SCHEMA:
            raise ConfigError(
                "config.unknown_section",
                path=str(path),
                line=lines.get((key_s, None), 0),
                section=section,
                allowed=allowed_sections,
            )
        for key, value in parser.items(section):
            line = lines.get((key_s, key.lower()), 0)
            if key_s == "smtp" and key.lower() == "password":
                raise ConfigError("config.smtp_password_in_file", path=str(path), line=line)
            spec = _SCHEMA[key_s].get(key.lower())
            if spec is None:
                raise ConfigError(
                    "config.unknown_key",
                    path=str(path),
                    line=line,
                    key=key,
                    section=section,
                    allowed=", ".join(_SCHEMA[key_s]),
                )
            attr, conv = spec
            if value.strip():
                given.add((key_s, key.lower()))
            if conv == "subject":  # subject_da, subject_nb, subject_en: one dict by language
                if value.strip():
                    cfg.smtp_subjects[key.lower()[-2:]] = _convert(_subject, value.strip(), base, path, line, key)
                continue
            setattr(cfg, attr, _convert(conv, value.strip(), base, path, line, key))
    if parser.has_section("municipalities"):
        for name, value in parser.items("municipalities"):
            line = lines.get(("municipalities", name.lower()), 0)
            try:
                weight = parse_number(value)
                if weight < 0:
                    raise NotANumber(value)
            except NotANumber:
                raise ConfigError(
                    "config.bad_value",
                    path=str(path),
                    line=line,
                    key=name,
                    value=value,
                    expected="a key value that is a number, 0 or more",
                ) from None
            cfg.municipalities[name.strip()] = weight
    if parser.has_section("contacts"):
        for name, value in parser.items("contacts"):
            line = lines.get(("contacts", name.lower()), 0)
            if name.strip() not in cfg.municipalities:
                raise ConfigError(
                    "config.unknown_key",
                    path=str(path),
                    line=line,
                    key=name,
                    section="contacts",
                    allowed="the municipalities of [municipalities]",
                )
            if value.strip() and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value.strip()):
                raise ConfigError(
                    "config.bad_value", path=str(path), line=line, key=name, value=value, expected="an e-mail address"
                )
            cfg.contacts[name.strip()] = value.strip()
    for section, key in REQUIRED:
        if (section, key) not in given:
            raise ConfigError("config.missing_key", path=str(path), key=key, section=section)
    if not cfg.municipalities:
        raise ConfigError(
            "config.missing_key", path=str(path), key="<municipality> = <key value>", section="municipalities"
        )
    if not cfg.inbox:
        cfg.inbox = (base / "inbox",)
    _check_smtp(cfg, path)
    if cfg.ledger_url and not cfg.ledger_url.startswith(_PG):
        cfg.ledger, cfg.ledger_url = Path(cfg.ledger_url), ""  # [ledger] url names a SQLite file
    return cfg


def _check_smtp(cfg: Config, path: Path) -> None:
    """What can be told from [smtp] alone; whether the password and the server are there is told when sending."""
    if cfg.smtp_user and bool(cfg.smtp_password_env) == bool(cfg.smtp_password_file):
        raise ConfigError("config.smtp_password_source", path=str(path))
    if cfg.smtp_user and cfg.smtp_security == "none":
        raise ConfigError("config.smtp_plain_login", path=str(path))


_PG = "postgresql+psycopg://"


def _ledger_url(value: str, base: Path) -> str:
    """A path or sqlite:///path (relative to the config's folder) as an absolute path; postgresql:// with the
    psycopg 3 driver."""
    if not value:
        return ""
    scheme, sep, rest = value.partition("://")
    if not sep:
        return str((base / value).resolve())
    if scheme.lower() in ("postgresql", "postgres", "postgresql+psycopg") and rest:
        return _PG + rest
    if scheme.lower() == "sqlite" and rest.startswith("/") and rest[1:]:
        return str((base / rest[1:]).resolve())
    raise ValueError("a file path, sqlite:///path/ledger.sqlite or postgresql://user@host:5432/database")


def _convert(conv, value: str, base: Path, path: Path, line: int, key: str):
    if conv == "path":
        return (base / value).resolve()
    if conv == "ledger_url":
        try:
            return _ledger_url(value, base)
        except ValueError as exc:
            raise ConfigError(
                "config.bad_value", path=str(path), line=line, key=key, value=value, expected=str(exc)
            ) from None
    if conv == "paths":
        return tuple((base / p.strip()).resolve() for p in value.split(",") if p.strip())
    if conv == "optional_path":  # checked when used, so that other commands run where the file is not
        return (base / value).resolve() if value else None
    if conv == "file":
        if not value:
            return None
        target = (base / value).resolve()
        if not target.is_file():
            raise ConfigError("config.file_not_found", path=str(path), line=line, key=key, target=str(target))
        return target
    try:
        return conv(value)
    except ValueError as exc:
        raise ConfigError(
            "config.bad_value", path=str(path), line=line, key=key, value=value, expected=str(exc)
        ) from None


def default_config_path() -> Path:
    """config.ini in the current folder, else the one beside the package (the project's)."""
    here = Path.cwd() / "config.ini"
    if here.is_file():
        return here
    return Path(__file__).resolve().parent.parent / "config.ini"
