"""The .xlsm variants: the templates with buttons, a VBA project and a hidden xlwings.conf sheet, and the coordinator.

The VBA is macros/*.bas (one Sub per button, each a single RunPython call)
plus xlwings' standalone module, so the buttons work without the xlwings
add-in. The xlwings.conf sheet tells that module which Python to run
(config.ini [xlwings] python). The .xlsx templates stay as they are for
organisations that block macros; every button is also a command.

With a server (``toolkit xlsm --server URL``) the buttons need no Python on the PC:
macros/ToolkitServer.bas, with the service's address, the municipality's token and
its texts filled in, calls xlwings' RunServerPython (Remote.bas and VBA-Web, taken
from the installed xlwings) for Check and Compute and posts the file for Submit.
Those workbooks have no xlwings.conf sheet: there is no Python to name.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from functools import lru_cache
from pathlib import Path

from toolkit.adapters.excel.build import RELEASED, BuildOptions, Button, build_workbook
from toolkit.config import Config
from toolkit.files import atomic_write, safe_name
from toolkit.i18n import t
from toolkit.spec import SPECS, VERSION
from toolkit.workflows.templates import options_for, submission_prefill, template_path, write_blank_templates

MACROS = Path(__file__).resolve().parent.parent.parent / "macros"
TEMPLATE_MODULE = "ToolkitButtons"
COORDINATOR_MODULE = "ToolkitCoordinator"
SERVER_MODULE = "ToolkitServer"
CONF_SHEET = "xlwings.conf"

# Sub name -> the message key of its caption (toolkit.buttons.messages).
CAPTIONS = {
    "Check": "check",
    "Compute": "compute",
    "Submit": "submit",
    "ComputeSplit": "split",
    "Consolidate": "consolidate",
    "MakeDeck": "deck",
}
# The buttons of each kind, top to bottom on the instructions sheet.
BUTTONS = {
    "submission": ("Check", "Compute", "Submit"),
    "report": ("Check", "Compute", "Submit"),
    "plan": ("Check", "Compute", "Submit"),
    "contract": ("Check", "Compute", "Submit"),
    "split": ("ComputeSplit", "Check"),
}
BUTTON_CELLS = ("B4", "B6", "B8")
_VB_NAME = re.compile(r'^Attribute VB_Name = "([A-Za-z][A-Za-z0-9_]*)"', re.M)
_SERVER_CONST = re.compile(r'^(Private Const (TOOLKIT_[A-Z_]+) As String = )""\r?$', re.M)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,128}$")
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def macro_sources(folder: Path = MACROS) -> dict[str, str]:
    """Module name -> source text of every macros/*.bas, as the files hold it."""
    out = {}
    for path in sorted(folder.glob("*.bas")):
        text = path.read_text(encoding="cp1252")
        m = _VB_NAME.search(text)
        if not m:
            raise ValueError(f'{path}: the first line must be Attribute VB_Name = "<module>"')
        out[m[1]] = text
    return out


@lru_cache(maxsize=16)
def vba_project(module: str, sheets: int, folder: Path = MACROS) -> bytes:
    """vbaProject.bin with ``module`` from macros/ and xlwings' standalone modules; ``sheets`` document modules."""
    from toolkit.adapters.vba.ovba import VBAModule, build_vba_project
    from toolkit.adapters.vba.xlwings_module import xlwings_vba_modules

    modules = [VBAModule(module, macro_sources(folder)[module]), *xlwings_vba_modules()]
    documents = ["ThisWorkbook", *(f"Sheet{i + 1}" for i in range(sheets))]
    return build_vba_project(modules, document_modules=documents)


def server_url(url: str) -> str:
    """The service's address without a trailing /; ToolkitError unless https (http only for this machine)."""
    from urllib.parse import urlsplit

    from toolkit.errors import ToolkitError

    parts = urlsplit(url.strip())
    plain = all(c.isprintable() and not c.isspace() and c not in "\"'" for c in url.strip())
    if not (
        plain
        and parts.netloc
        and not parts.query
        and not parts.fragment
        and "@" not in parts.netloc
        and (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS))
    ):
        raise ToolkitError("buttons.server.bad_url", url=url)
    return url.strip().rstrip("/")


def server_macros(server: str, token: str, lang: str, folder: Path = MACROS) -> str:
    """macros/ToolkitServer.bas with the service's address, the workbook's token ("" for none) and texts in ``lang``."""
    from toolkit.errors import ToolkitError

    if token and not _TOKEN.match(token):
        raise ToolkitError("buttons.server.bad_token", municipality="?")
    values = {
        "TOOLKIT_SERVER": server_url(server),
        "TOOLKIT_TOKEN": token,
        "TOOLKIT_SUBMIT_TITLE": t("buttons.title.submit", lang),
        "TOOLKIT_NO_TOKEN": t("buttons.server.no_token", lang),
        "TOOLKIT_UNREACHABLE": t("buttons.server.unreachable", lang),
        "TOOLKIT_USE_PAGE": t("buttons.server.use_page", lang),
    }
    source = macro_sources(folder)[SERVER_MODULE]
    found = {m[2] for m in _SERVER_CONST.finditer(source)}
    if found != set(values):
        raise ValueError(f"{SERVER_MODULE}.bas: constants {sorted(found)}, expected {sorted(values)}")
    return _SERVER_CONST.sub(lambda m: m[1] + _vba_string(values[m[2]]), source)


def _vba_string(text: str) -> str:
    if any(c in text for c in "\r\n"):
        raise ValueError(f"a VBA string constant holds one line: {text!r}")
    return '"' + text.replace('"', '""') + '"'


@lru_cache(maxsize=512)
def server_vba_project(source: str, sheets: int) -> bytes:
    """vbaProject.bin with the filled ToolkitServer module, xlwings' standalone modules, Remote.bas and VBA-Web."""
    from toolkit.adapters.vba.ovba import VBAModule, build_vba_project
    from toolkit.adapters.vba.xlwings_module import xlwings_remote_modules, xlwings_vba_modules

    modules = [VBAModule(SERVER_MODULE, source), *xlwings_vba_modules(), *xlwings_remote_modules()]
    documents = ["ThisWorkbook", *(f"Sheet{i + 1}" for i in range(sheets))]
    return build_vba_project(modules, document_modules=documents)


def conf_rows(cfg: Config, *, pythonpath: str = "", user_config: str = "") -> list[tuple[str, str]]:
    """The xlwings.conf sheet: keys as xlwings.bas reads them (GetConfig upper-cases the sheet's keys).

    Interpreter_Win: the python.exe RunPython starts (config.ini [xlwings] python; empty = python on
    PATH); %VARS% are expanded by xlwings. PYTHONPATH: extra folders for the toolkit when it is not
    installed into that Python. ADD_WORKBOOK_TO_PYTHONPATH False: the folder the workbook sits in
    (Downloads, a mail attachment folder) is never put on Python's path. TOOLKIT_CONFIG: the
    config.ini the buttons read (the toolkit's own, otherwise).
    """
    rows = [
        ("Interpreter_Win", cfg.python),
        ("Interpreter_Mac", ""),
        ("PYTHONPATH", pythonpath),
        ("ADD_WORKBOOK_TO_PYTHONPATH", "False"),
    ]
    if user_config:
        rows.append(("TOOLKIT_CONFIG", user_config))
    return rows


def buttons_for(kind: str, lang: str) -> list[Button]:
    return [
        Button("sheet.instructions", cell, macro, t(f"buttons.caption.{CAPTIONS[macro]}", lang))
        for cell, macro in zip(BUTTON_CELLS, BUTTONS[kind])
    ]


def xlsm_options(
    cfg: Config,
    kind: str,
    lang: str,
    *,
    municipality: str = "",
    pythonpath: str = "",
    user_config: str = "",
    generated_at: dt.datetime = RELEASED,
    server: str = "",
    token: str = "",
) -> BuildOptions:
    """BuildOptions for the .xlsm of ``kind``: VBA project, buttons, xlwings.conf (with ``server``: the service's)."""

    opts = options_for(cfg, municipality=municipality, generated_at=generated_at)
    opts.lang = lang
    opts.extra_sheets = {} if server else {CONF_SHEET: conf_rows(cfg, pythonpath=pythonpath, user_config=user_config)}
    opts.buttons = buttons_for(kind, lang)
    sheets = 1 + len(SPECS[kind].parts) + 1 + len(opts.extra_sheets) + 1  # instructions, parts, _lists, conf, _meta
    if server:
        opts.vba_project = server_vba_project(server_macros(server, token, lang), sheets)
    else:
        opts.vba_project = vba_project(TEMPLATE_MODULE, sheets)
    return opts


def write_all_templates(
    cfg: Config, folder: Path | None = None, languages: tuple[str, ...] | None = None
) -> list[Path]:
    """The .xlsx templates and their .xlsm twins with buttons, plus the coordinator workbook."""
    return write_blank_templates(cfg, folder, languages) + write_xlsm_templates(cfg, folder, languages)


def write_xlsm_templates(
    cfg: Config, folder: Path | None = None, languages: tuple[str, ...] | None = None, *, server: str = "", **conf
) -> list[Path]:
    """One .xlsm per kind and language beside the .xlsx templates, plus the coordinator workbook.

    With ``server`` the buttons call the service and carry no token (a blank template belongs to
    no municipality: its buttons say so); the coordinator workbook, which runs Python, is not written.
    """
    folder = folder or cfg.templates
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in languages or (cfg.language,):
        for kind in BUTTONS:
            path = template_path(folder, kind, lang, ".xlsm")
            opts = xlsm_options(cfg, kind, lang, server=server, **conf)
            atomic_write(path, lambda fh, s=SPECS[kind], o=opts: build_workbook(s, fh, o))
            written.append(path)
        if not server:
            written.append(write_coordinator(cfg, folder / f"coordinator_{lang}.xlsm", lang, **conf))
    return written


def write_xlsm_submissions(
    cfg: Config,
    folder: Path,
    contract_goals: list[dict],
    municipal_goals: tuple[str, ...],
    generated_at: dt.datetime = RELEASED,
    *,
    server: str = "",
    tokens: dict[str, str] | None = None,
    **conf,
) -> list[Path]:
    """One pre-filled submission .xlsm per municipality (what the municipalities fill in and submit).

    With ``server`` each workbook's buttons call the service with its municipality's token
    (``tokens``: municipality -> token; one for every municipality of the settings).
    """
    from toolkit.errors import ToolkitError

    folder.mkdir(parents=True, exist_ok=True)
    spec = SPECS["submission"]
    written = []
    for name in cfg.municipalities:
        token = (tokens or {}).get(name, "")
        if server and not _TOKEN.match(token):
            raise ToolkitError("buttons.server.bad_token", municipality=name)
        prefill = submission_prefill(cfg, name, contract_goals, municipal_goals)
        opts = xlsm_options(
            cfg,
            "submission",
            cfg.language,
            municipality=name,
            generated_at=generated_at,
            server=server,
            token=token,
            **conf,
        )
        path = folder / f"{spec.kind}_{safe_name(name)}_{cfg.fiscal_year}.xlsm"
        atomic_write(path, lambda fh, p=prefill, o=opts: build_workbook(spec, fh, o, p))
        written.append(path)
    return written


def write_coordinator(cfg: Config, path: Path, lang: str | None = None, **conf) -> Path:
    """The secretariat's coordinator workbook: Consolidate now and Make deck, and a log of the runs."""
    lang = lang or cfg.language
    vba = vba_project(COORDINATOR_MODULE, 3)
    rows = conf_rows(cfg, **conf)
    atomic_write(path, lambda fh: _build_coordinator(fh, cfg, lang, vba, rows))
    return path


def _build_coordinator(target, cfg: Config, lang: str, vba: bytes, conf: list[tuple[str, str]]) -> None:
    import xlsxwriter

    from toolkit.adapters.excel.build import META_SHEET
    from toolkit.adapters.excel.styles import NAVY
    from toolkit.buttons import coordinator as c

    wb = xlsxwriter.Workbook(target, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties(
        {
            "title": t("buttons.sheet.coordinator", lang),
            "author": cfg.region or "toolkit",
            "created": RELEASED,
            "comments": "toolkit coordinator",
        }
    )
    wb.add_vba_project(io.BytesIO(vba), is_stream=True)
    wb.set_vba_name("ThisWorkbook")
    title = wb.add_format({"bold": True, "font_size": 16, "font_color": NAVY})
    header = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": NAVY})
    ws = wb.add_worksheet(t("buttons.sheet.coordinator", lang)[:31])
    ws.set_vba_name("Sheet1")
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.write(0, 0, "toolkit", title)
    ws.write(1, 0, cfg.region)
    for col, width in enumerate((18, 24, 40, 70)):
        ws.set_column(col, col, width)
    lines = dict(zip(("intro", "consolidate", "deck", "where"), c.TEXT_KEYS))
    wrap = wb.add_format({"text_wrap": True, "valign": "vcenter"})
    ws.merge_range(c.TEXT_ROWS - 1, 0, c.TEXT_ROWS - 1, 3, t(lines["intro"], lang), wrap)
    ws.set_row(c.TEXT_ROWS - 1, 32)
    for macro, key in (("Consolidate", "consolidate"), ("MakeDeck", "deck")):
        cell = c.BUTTON_CELLS[macro]
        row = int(cell[1:]) - 1
        ws.set_row(row, 40)
        ws.merge_range(row, 2, row, 3, t(lines[key], lang), wrap)
        ws.insert_button(
            cell, {"macro": macro, "caption": t(f"buttons.caption.{CAPTIONS[macro]}", lang), "width": 150, "height": 32}
        )
    # A path relative to config.ini, so the committed workbook is the same on every machine.
    output = os.path.relpath(cfg.output, cfg.path.parent) if cfg.path else cfg.output
    ws.write(c.LOG_HEADER_ROW - 3, 0, t(lines["where"], lang, output=output))
    ws.write(c.LOG_HEADER_ROW - 2, 0, t("buttons.log.title", lang), wb.add_format({"bold": True}))
    ws.write_row(c.LOG_HEADER_ROW - 1, 0, c.log_headers(lang), header)
    for i, (name, rows, state) in enumerate(
        ((CONF_SHEET, conf, "hide"), (META_SHEET, _coordinator_meta(cfg, lang), "very_hidden"))
    ):
        sheet = wb.add_worksheet(name)
        sheet.set_vba_name(f"Sheet{i + 2}")
        for r, (k, v) in enumerate(rows):
            sheet.write_string(r, 0, k)
            sheet.write_string(r, 1, v)
        getattr(sheet, state)()
        sheet.protect(cfg.password)
    wb.close()


def _coordinator_meta(cfg: Config, lang: str) -> list[tuple[str, str]]:
    from toolkit.buttons.coordinator import KIND

    return [
        ("kind", KIND),
        ("version", VERSION),
        ("language", lang),
        ("municipality", ""),
        ("region", cfg.region),
        ("year", str(cfg.fiscal_year)),
        ("generated_at", RELEASED.isoformat(timespec="seconds")),
        ("generator", "toolkit"),
    ]
