"""Cell formats of the generated workbooks, created once per workbook."""

from __future__ import annotations

from toolkit.spec.fields import FieldType

NAVY = "#1F3A5F"
INPUT_BORDER = "#8EA9C1"
LOCKED_FILL = "#EEF1F4"
COMPUTED_FILL = "#DDE8F3"

DATE_FORMATS = {"da": "dd-mm-yyyy", "nb": "dd.mm.yyyy", "en": "yyyy-mm-dd"}


# How each currency is written after an amount (Danish and Norwegian usage).
CURRENCY_SUFFIX = {"DKK": ' "kr."', "NOK": ' "kr"', "SEK": ' "kr"', "EUR": ' "€"'}


def number_format(ftype: FieldType, lang: str, currency: str = "") -> str | None:
    """Excel number format per field type; separators follow the reader's Excel locale."""
    return {
        FieldType.AMOUNT: "#,##0" + CURRENCY_SUFFIX.get(currency, ""),
        FieldType.INTEGER: "0",
        FieldType.NUMBER: "General",
        FieldType.PERCENT: "0%" if lang == "en" else "0 %",
        FieldType.DATE: DATE_FORMATS[lang],
    }.get(ftype)


class Styles:
    """The formats one workbook uses, keyed by role and field type."""

    def __init__(self, workbook, lang: str, currency: str = ""):
        self._wb = workbook
        self._lang = lang
        self._currency = currency
        self._cache: dict[tuple, object] = {}
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.base = base
        self.title = workbook.add_format({**base, "bold": True, "font_size": 16, "font_color": NAVY})
        self.hint = workbook.add_format({**base, "italic": True, "font_color": "#595959"})
        self.header = workbook.add_format(
            {
                **base,
                "bold": True,
                "font_color": "#FFFFFF",
                "bg_color": NAVY,
                "text_wrap": True,
                "border": 1,
                "border_color": NAVY,
                "valign": "vcenter",
            }
        )
        self.label = workbook.add_format(
            {**base, "bold": True, "bg_color": LOCKED_FILL, "border": 1, "border_color": "#D0D7DE", "text_wrap": True}
        )
        self.text = workbook.add_format({**base, "text_wrap": True})
        self.meta = workbook.add_format({**base, "locked": True})

    def cell(self, ftype: FieldType, role: str, num_format: str | None = None):
        """role: input (unlocked, white), locked (prefilled, grey) or computed (formula, blue)."""
        key = (ftype, role, num_format)
        if key not in self._cache:
            props = dict(self.base)
            props["border"] = 1
            props["border_color"] = INPUT_BORDER if role == "input" else "#C9D3DD"
            if role == "input":
                props["locked"] = False
            else:
                props["bg_color"] = LOCKED_FILL if role == "locked" else COMPUTED_FILL
            if ftype in (FieldType.TEXT, FieldType.CHOICE, FieldType.EMAIL):
                props["text_wrap"] = True
            fmt = num_format or number_format(ftype, self._lang, self._currency)
            if fmt:
                props["num_format"] = fmt
                props["align"] = "right" if ftype != FieldType.DATE else "center"
            self._cache[key] = self._wb.add_format(props)
        return self._cache[key]
