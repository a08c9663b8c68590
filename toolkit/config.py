"""Read config.ini into a typed Config; every error names the key and the line."""
from __future__ import annotations

import configparser
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from toolkit.errors import ConfigError
from toolkit.i18n import LANGUAGES, register
from toolkit.core.numbers import NotADate, NotANumber, parse_date, parse_number

register({
    "config.missing_file": {
        "da": "Konfigurationsfilen {path} findes ikke. Kopiér config.ini fra projektet eller angiv stien med --config.",
        "nb": "Konfigurasjonsfilen {path} finnes ikke. Kopier config.ini fra prosjektet eller oppgi stien med --config.",
        "en": "The configuration file {path} does not exist. Copy config.ini from the project or give its path with --config."},
    "config.syntax": {
        "da": "{path}, linje {line}: filen kan ikke læses ({detail}). Ret linjen.",
        "nb": "{path}, linje {line}: filen kan ikke leses ({detail}). Rett linjen.",
        "en": "{path}, line {line}: the file can't be read ({detail}). Correct the line."},
    "config.unknown_section": {
        "da": "{path}, linje {line}: ukendt afsnit [{section}]. Gyldige afsnit: {allowed}.",
        "nb": "{path}, linje {line}: ukjent seksjon [{section}]. Gyldige seksjoner: {allowed}.",
        "en": "{path}, line {line}: unknown section [{section}]. Valid sections: {allowed}."},
    "config.unknown_key": {
        "da": "{path}, linje {line}: ukendt nøgle '{key}' i [{section}]. Gyldige nøgler: {allowed}.",
        "nb": "{path}, linje {line}: ukjent nøkkel '{key}' i [{section}]. Gyldige nøkler: {allowed}.",
        "en": "{path}, line {line}: unknown key '{key}' in [{section}]. Valid keys: {allowed}."},
    "config.bad_value": {
        "da": "{path}, linje {line}: '{key}' = '{value}' er ugyldig: {expected}.",
        "nb": "{path}, linje {line}: '{key}' = '{value}' er ugyldig: {expected}.",
        "en": "{path}, line {line}: '{key}' = '{value}' is not valid: {expected}."},
    "config.missing_key": {
        "da": "{path}: nøglen '{key}' i [{section}] mangler. Tilføj den.",
        "nb": "{path}: nøkkelen '{key}' i [{section}] mangler. Legg den til.",
        "en": "{path}: the key '{key}' in [{section}] is missing. Add it."},
    "config.file_not_found": {
        "da": "{path}, linje {line}: '{key}' peger på {target}, som ikke findes.",
        "nb": "{path}, linje {line}: '{key}' peker på {target}, som ikke finnes.",
        "en": "{path}, line {line}: '{key}' points to {target}, which does not exist."},
})


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


def _times(v: str) -> tuple[str, ...]:
    out = tuple(x.strip() for x in v.split(",") if x.strip())
    for x in out:
        if not re.fullmatch(r"(mon|tue|wed|thu|fri|sat|sun|weekdays|daily) ([01]\d|2[0-3]):[0-5]\d", x):
            raise ValueError("a comma-separated list such as 'weekdays 06:00, mon 12:00'")
    return out


# section -> key -> (attribute, parser); "path" keys are resolved against the file's folder.
_SCHEMA = {
    "general": {
        "language": ("language", _language), "region": ("region", _text),
        "council": ("council", _text), "hub": ("hub", _text),
        "fiscal_year": ("fiscal_year", _int), "currency": ("currency", _currency),
        "deadline": ("deadline", _date),
    },
    "paths": {
        "templates": ("templates", "path"), "inbox": ("inbox", "paths"),
        "archive": ("archive", "path"), "output": ("output", "path"),
        "ledger": ("ledger", "path"), "deck_template": ("deck_template", "file"),
    },
    "ledger": {"url": ("ledger_url", "ledger_url")},
    "protection": {"password": ("password", _text)},
    "limits": {
        "max_file_mb": ("max_file_mb", _int), "max_uncompressed_mb": ("max_uncompressed_mb", _int),
        "settle_seconds": ("settle_seconds", _float),
    },
    "schedule": {
        "times": ("schedule_times", _times), "rush_minutes": ("schedule_rush_minutes", _int),
        "rush_days": ("schedule_rush_days", _int),
    },
    "xlwings": {"python": ("python", _text)},
    "split": {
        "total": ("split_total", _amount), "unit": ("split_unit", lambda v: Decimal(_positive(v))),
        "periods": ("split_periods", _positive), "key_date": ("split_key_date", _date),
    },
}
_FREE_SECTIONS = ("municipalities", "contacts")

# Settings that are figures of the consolidation (what year, what currency, what is billed): a missing one is
# an error naming it, never a default figure (a missing total once fell back to the 2019 grant).
REQUIRED = (("general", "fiscal_year"), ("general", "currency"),
            ("split", "total"), ("split", "unit"), ("split", "periods"))


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
    parser.optionxform = str  # keep municipality names as written
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
            raise ConfigError("config.unknown_section", path=str(path), line=lines.get((key_s, None), 0),
                              section=section, allowed=allowed_sections)
        for key, value in parser.items(section):
            line = lines.get((key_s, key.lower()), 0)
            spec = _SCHEMA[key_s].get(key.lower())
            if spec is None:
                raise ConfigError("config.unknown_key", path=str(path), line=line, key=key,
                                  section=section, allowed=", ".join(_SCHEMA[key_s]))
            attr, conv = spec
            if value.strip():
                given.add((key_s, key.lower()))
            setattr(cfg, attr, _convert(conv, value.strip(), base, path, line, key))
    if parser.has_section("municipalities"):
        for name, value in parser.items("municipalities"):
            line = lines.get(("municipalities", name.lower()), 0)
            try:
                weight = parse_number(value)
                if weight < 0:
                    raise NotANumber(value)
            except NotANumber:
                raise ConfigError("config.bad_value", path=str(path), line=line, key=name, value=value,
                                  expected="a key value that is a number, 0 or more") from None
            cfg.municipalities[name.strip()] = weight
    if parser.has_section("contacts"):
        for name, value in parser.items("contacts"):
            line = lines.get(("contacts", name.lower()), 0)
            if name.strip() not in cfg.municipalities:
                raise ConfigError("config.unknown_key", path=str(path), line=line, key=name, section="contacts",
                                  allowed="the municipalities of [municipalities]")
            if value.strip() and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value.strip()):
                raise ConfigError("config.bad_value", path=str(path), line=line, key=name, value=value,
                                  expected="an e-mail address")
            cfg.contacts[name.strip()] = value.strip()
    for section, key in REQUIRED:
        if (section, key) not in given:
            raise ConfigError("config.missing_key", path=str(path), key=key, section=section)
    if not cfg.municipalities:
        raise ConfigError("config.missing_key", path=str(path), key="<municipality> = <key value>",
                          section="municipalities")
    if not cfg.inbox:
        cfg.inbox = (base / "inbox",)
    if cfg.ledger_url and not cfg.ledger_url.startswith(_PG):
        cfg.ledger, cfg.ledger_url = Path(cfg.ledger_url), ""  # [ledger] url names a SQLite file
    return cfg


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
            raise ConfigError("config.bad_value", path=str(path), line=line, key=key, value=value,
                              expected=str(exc)) from None
    if conv == "paths":
        return tuple((base / p.strip()).resolve() for p in value.split(",") if p.strip())
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
        raise ConfigError("config.bad_value", path=str(path), line=line, key=key, value=value,
                          expected=str(exc)) from None


def default_config_path() -> Path:
    """config.ini in the current folder, else the one beside the package (the project's)."""
    here = Path.cwd() / "config.ini"
    if here.is_file():
        return here
    return Path(__file__).resolve().parent.parent / "config.ini"
