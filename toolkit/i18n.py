"""Messages and number formats in Danish (da), Norwegian bokmål (nb) and English (en).

The messages live in gettext catalogues, one per language:
``toolkit/locale/{da,nb,en}/LC_MESSAGES/toolkit.po`` (for translators, e.g. in Poedit),
compiled to ``toolkit.mo`` beside them (what ``t`` reads, with the standard library's
``gettext``). The msgids are stable keys such as ``buttons.title.check``; the English
catalogue holds the source text. ``tools/to_gettext.py`` merges and compiles them.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

LANGUAGES = ("da", "nb", "en")
DOMAIN = "toolkit"
LOCALE_DIR = Path(__file__).with_name("locale")


@dataclass(frozen=True)
class Phrase:
    """A parameter that is itself a message, said in the language the message is said in (e.g. a kind's name)."""

    key: str


class UnknownMessage(LookupError):
    """A key that is in no catalogue: a bug, never shown to a user as a bare key."""


def catalogue_path(lang: str, suffix: str = ".mo") -> Path:
    """Where the catalogue of ``lang`` lives (``.po`` for translators, ``.mo`` compiled)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


@functools.cache
def _translations(lang: str) -> gettext.GNUTranslations:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; one of {', '.join(LANGUAGES)}")
    with open(catalogue_path(lang), "rb") as fp:
        translations = gettext.GNUTranslations(fp)
    if lang != "en":  # a text missing in da or nb shows in English (a test keeps all three complete)
        translations.add_fallback(_translations("en"))
    return translations


def t(key: str, lang: str, /, **params) -> str:
    """The message ``key`` in ``lang``, filled with ``params``; an unknown key raises UnknownMessage."""
    text = _translations(lang).gettext(key)
    if text == key:
        raise UnknownMessage(key)
    params = {k: t(v.key, lang) if isinstance(v, Phrase) else v for k, v in params.items()}
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def catalogue() -> dict[str, dict[str, str]]:
    """Every message as ``{key: {lang: text}}``, read from the .po files (for tests and tools, not at run time)."""
    from babel.messages.pofile import read_po  # the .po parser is needed by tests and tools only

    out: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        with open(catalogue_path(lang, ".po"), "rb") as fp:
            for message in read_po(fp):
                if isinstance(message.id, str) and message.id:  # no plural forms in this catalogue
                    out.setdefault(message.id, {})[lang] = str(message.string)
    return out


# The CLDR locale each language is written in; British English writes dates day first ("5 February 2021").
LOCALES = {"da": "da_DK", "nb": "nb_NO", "en": "en_GB"}

# Babel is imported where a number or date is formatted, not at the top: a button click that formats
# nothing (and the handlers' import) stays light. bench/bench_click.py measures both.


def _quantized(value, decimals: int) -> Decimal:
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(d) if d == 0 else d  # no "-0"


def _fraction_digits(decimals: int) -> str:
    return "." + "0" * decimals if decimals else ""


def format_number(value, lang: str, decimals: int = 0) -> str:
    """``36792`` -> ``36.792`` (da), ``36 792`` (nb, a no-break space), ``36,792`` (en); rounds half up."""
    if value is None:
        return ""
    from babel.numbers import format_decimal

    return format_decimal(
        _quantized(value, decimals), format="#,##0" + _fraction_digits(decimals), locale=LOCALES[lang]
    )


def format_value(value, lang: str, max_decimals: int = 4) -> str:
    """A message parameter as the language writes it: a number with the decimals it has (at most
    ``max_decimals``), a date as format_date, anything else as str. Integers are left alone (years)."""
    if isinstance(value, (Decimal, float)) and not isinstance(value, bool):
        d = Decimal(str(value))
        if not d.is_finite():
            return str(value)
        exponent = d.normalize().as_tuple().exponent
        assert isinstance(exponent, int)  # a finite Decimal's exponent is a number
        decimals = 0 if d == d.to_integral_value() else min(max_decimals, max(0, -exponent))
        return format_number(d, lang, decimals)
    if isinstance(value, dt.datetime):
        return f"{format_date(value.date(), lang)} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


def format_percent(fraction, lang: str, decimals: int = 0) -> str:
    """``Decimal('0.7')`` -> ``70 %`` (da, nb; a no-break space) or ``70%`` (en), as CLDR writes them."""
    if fraction is None:
        return ""
    from babel import Locale
    from babel.numbers import format_percent as cldr_percent

    locale = Locale.parse(LOCALES[lang])
    pattern = locale.percent_formats[None].pattern.replace("#,##0", "#,##0" + _fraction_digits(decimals), 1)
    return cldr_percent(_quantized(Decimal(str(fraction)) * 100, decimals) / 100, format=pattern, locale=locale)


def month_names(lang: str) -> list[str]:
    """The months as ``lang`` writes them in a date: ``januar`` ... (da, nb), ``January`` ... (en)."""
    from babel.dates import get_month_names

    return list(get_month_names("wide", locale=LOCALES[lang]).values())


def format_date(value: dt.date | None, lang: str) -> str:
    """``5. februar 2021`` (da, nb) or ``5 February 2021`` (en): CLDR's long date."""
    if value is None:
        return ""
    from babel.dates import format_date as cldr_date

    return cldr_date(value, format="long", locale=LOCALES[lang])
