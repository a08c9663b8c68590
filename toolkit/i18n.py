"""Messages and number formats in Danish (da), Norwegian bokmål (nb) and English (en).

Each module keeps its own catalogue next to the code that uses it and registers
it here; ``t`` looks a key up. A test walks every catalogue and fails when a key
lacks one of the three languages.
"""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

LANGUAGES = ("da", "nb", "en")

_CATALOGUE: dict[str, dict[str, str]] = {}


def register(messages: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Add a module's messages; a key registered twice with other texts is a bug."""
    for key, texts in messages.items():
        if key in _CATALOGUE and _CATALOGUE[key] != texts:
            raise ValueError(f"message key {key!r} registered twice")
        _CATALOGUE[key] = texts
    return messages


def register_table(prefix: str, table: dict[str, tuple[str, str, str]]) -> dict[str, dict[str, str]]:
    """Register ``{key: (da, nb, en)}`` under ``prefix.key``: the compact form most catalogues use."""
    return register({f"{prefix}.{k}": dict(zip(LANGUAGES, texts, strict=True)) for k, texts in table.items()})


def catalogue() -> dict[str, dict[str, str]]:
    return dict(_CATALOGUE)


def t(key: str, lang: str, /, **params) -> str:
    """The message ``key`` in ``lang``, filled with ``params``; English when a text is missing."""
    texts = _CATALOGUE.get(key)
    if texts is None:
        return key if not params else f"{key} {params}"
    text = texts.get(lang) or texts["en"]
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


_SEPARATORS = {  # (thousands, decimal) as each language writes them
    "da": (".", ","),
    "nb": ("\u00a0", ","),
    "en": (",", "."),
}


def format_number(value, lang: str, decimals: int = 0) -> str:
    """``36792`` -> ``36.792`` (da), ``36 792`` (nb), ``36,792`` (en); rounds half up."""
    if value is None:
        return ""
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    thousands, point = _SEPARATORS[lang]
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + thousands.join(groups)
    return out + point + frac if frac else out


def format_value(value, lang: str, max_decimals: int = 4) -> str:
    """A message parameter as the language writes it: a number with the decimals it has (at most
    ``max_decimals``), a date as format_date, anything else as str. Integers are left alone (years)."""
    if isinstance(value, (Decimal, float)) and not isinstance(value, bool):
        d = Decimal(str(value))
        if not d.is_finite():
            return str(value)
        decimals = 0 if d == d.to_integral_value() else min(max_decimals, max(0, -d.normalize().as_tuple().exponent))
        return format_number(d, lang, decimals)
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date(), lang)} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


def format_percent(fraction, lang: str, decimals: int = 0) -> str:
    """``Decimal('0.7')`` -> ``70 %`` (da, nb) or ``70%`` (en)."""
    if fraction is None:
        return ""
    number = format_number(Decimal(str(fraction)) * 100, lang, decimals)
    return number + ("%" if lang == "en" else "\u00a0%")


_MONTHS = {
    "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
           "september", "oktober", "november", "december"],
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def month_names(lang: str) -> list[str]:
    return list(_MONTHS[lang])


def format_date(value: dt.date | None, lang: str) -> str:
    """``5. februar 2021`` (da, nb) or ``5 February 2021`` (en)."""
    if value is None:
        return ""
    month = _MONTHS[lang][value.month - 1]
    if lang == "en":
        return f"{value.day} {month} {value.year}"
    return f"{value.day}. {month} {value.year}"
