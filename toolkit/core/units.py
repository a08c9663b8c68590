"""The words and marks around a typed amount: thousands and millions, currency, ',-' and footnote marks."""

from __future__ import annotations

import re
from decimal import Decimal

THOUSAND, MILLION, BILLION = Decimal(1000), Decimal(10**6), Decimal(10**9)

# Currency written with a number; "kr" is the kroner of whichever country the workbook is for.
CURRENCIES = {
    "kr": "kr",
    "kroner": "kr",
    "krone": "kr",
    "kronor": "kr",
    "dkk": "DKK",
    "nok": "NOK",
    "sek": "SEK",
    "eur": "EUR",
    "€": "EUR",
    "euro": "EUR",
    "usd": "USD",
    "$": "USD",
    "gbp": "GBP",
    "£": "GBP",
}
# A scale word by itself or before a currency: "500 t.kr.", "2,5 mio.", "1 mia. kr", "500'" (Norwegian 500 000).
_SCALES = {
    "tusind": THOUSAND,
    "tusinde": THOUSAND,
    "tusen": THOUSAND,
    "1000": THOUSAND,
    "i1000": THOUSAND,
    "'": THOUSAND,
    "’": THOUSAND,
    "mio": MILLION,
    "mill": MILLION,
    "million": MILLION,
    "millioner": MILLION,
    "millions": MILLION,
    "mia": BILLION,
    "mrd": BILLION,
    "milliard": BILLION,
    "milliarder": BILLION,
}
# One letter is a scale only right before a currency (t.kr., tkr., kNOK, MNOK, mkr): alone, "500 t"
# may be tonnes or hours and "500 m" metres, so it is refused, never guessed.
_LETTERS = {"t": THOUSAND, "k": THOUSAND, "m": MILLION}

_UNIT = re.compile(
    r"(?P<scale>"
    + "|".join(sorted(map(re.escape, [*_SCALES, *_LETTERS]), key=len, reverse=True))
    + r")?(?P<currency>"
    + "|".join(sorted(map(re.escape, CURRENCIES), key=len, reverse=True))
    + r")?"
)
# The number itself: digits, '.' and ',' marks, and spaces or apostrophes only between digits ("1 800", "1'000").
_NUMBER = re.compile(r"[+\-\u2212]?\d(?:[\d.,]|[\s\u00a0\u202f\u2009'’](?=\d))*")
_WHOLE_KRONER = re.compile(r"^,\s*[-\u2013\u2014]{1,2}")  # "4.000.000,-", "1.170.000,–": no øre
_FOOTNOTE = re.compile(r"\s*\*+$")  # "185.000,- *", "500.000*"


class UnitError(ValueError):
    """A number with a word or mark around it whose meaning can't be known for sure (``unit`` says which)."""

    def __init__(self, text: str, unit: str):
        super().__init__(text)
        self.unit = unit


def split_units(text: str) -> tuple[str, Decimal, str | None]:
    """``"2,5 mio. kr."`` -> ("2,5", 1000000, "kr"); the bare number, its factor and the currency written.

    Raises UnitError for a word or mark after the number that is not one of the
    known ones (``"48 t"``, ``"500 k"``), and ValueError when there is no number
    or an unknown word before it (``"ca. 50"``).
    """
    s = _FOOTNOTE.sub("", text.strip())
    m = _NUMBER.search(s)
    if m is None:
        raise ValueError(text)
    number, before, after = m[0], s[: m.start()], s[m.end() :]
    while number[-1] in ".,":  # "4.000.000,-": the ',' belongs to the ',-'
        number, after = number[:-1], number[-1] + after
    after = _WHOLE_KRONER.sub("", after)
    try:
        factor_before, currency_before = _unit(before, text)
    except UnitError:
        raise ValueError(text) from None  # "ca. 50": a word before the number is no unit
    factor_after, currency_after = _unit(after, text)
    if (factor_before != 1 and factor_after != 1) or (
        currency_before and currency_after and currency_before != currency_after
    ):
        raise UnitError(text, f"{before.strip()} … {after.strip()}")
    return number, factor_before * factor_after, currency_before or currency_after


def _unit(words: str, text: str) -> tuple[Decimal, str | None]:
    key = re.sub(r"[\s.()\u00a0\u202f\u2009]+", "", words).casefold()
    key = _WHOLE_KRONER.sub("", key)  # "kr. 500,-" as well as "500,- kr."
    if not key:
        return Decimal(1), None
    m = _UNIT.fullmatch(key)
    if m is None or (m["scale"] in _LETTERS and not m["currency"]):
        raise UnitError(text, words.strip())
    scale = m["scale"]
    factor = _SCALES.get(scale) or _LETTERS.get(scale) or Decimal(1)
    return factor, CURRENCIES[m["currency"]] if m["currency"] else None
