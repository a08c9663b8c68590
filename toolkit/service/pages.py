"""The HTML pages: plain, accessible markup that works without JavaScript (the script only adds drag and drop)."""

from __future__ import annotations

import datetime as dt
from html import escape

from toolkit.findings_table import RANK, heading, severity_label
from toolkit.i18n import format_date
from toolkit.service.messages import say


def layout(lang: str, title: str, body: str, *, script: bool = False) -> str:
    js = '<script src="/static/upload.js" defer></script>' if script else ""
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><link rel="stylesheet" href="/static/style.css">{js}</head>'
        f'<body><main id="main"><h1>{escape(title)}</h1>{body}</main></body></html>'
    )


def deadline_line(deadline: dt.date | None, today: dt.date, lang: str) -> str:
    if deadline is None:
        return ""
    days = (deadline - today).days
    if days < 0:
        return say("page.deadline_passed", lang, date=format_date(deadline, lang))
    return say("page.deadline", lang, date=format_date(deadline, lang), days=days)


def _findings_table(findings: list[dict], lang: str) -> str:
    if not findings:
        return f"<p>{escape(say('page.no_findings', lang))}</p>"
    head = "".join(f'<th scope="col">{escape(heading(k, lang))}</th>' for k in ("severity", "sheet", "cell", "message"))
    rows = []
    for f in sorted(findings, key=lambda f: RANK.get(f["severity"], len(RANK))):
        sev = f["severity"]
        rows.append(
            f'<tr class="sev-{escape(sev)}"><td>{escape(severity_label(sev, lang))}</td>'
            f"<td>{escape(f['sheet'])}</td><td>{escape(f['cell'])}</td><td>{escape(f['message'])}</td></tr>"
        )
    return (
        f'<table class="findings" aria-labelledby="result-h">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _history_table(versions, lang: str) -> str:
    if not versions:
        return f"<p>{escape(say('page.no_history', lang))}</p>"
    cols = ("version", "received", "file", "state", "errors", "warnings")
    head = "".join(f'<th scope="col">{escape(say("col." + c, lang))}</th>' for c in cols)
    rows = []
    for v in reversed(versions):
        e = v.entry
        received = e.received_at.astimezone().strftime("%Y-%m-%d %H:%M")
        rows.append(
            f"<tr><td>{v.n}</td><td>{escape(received)}</td><td>{escape(e.file_name)}</td>"
            f"<td>{escape(say('state.' + e.state, lang))}</td><td>{e.errors}</td><td>{e.warnings}</td></tr>"
        )
    return f'<table aria-labelledby="hist-h"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def upload_page(*, lang: str, municipality: str, csrf: str, deadline: str, versions, receipt=None) -> str:
    result = ""
    if receipt is not None:
        css = {"received": "ok", "duplicate": "note"}.get(receipt.status, "bad")
        result = (
            f'<section aria-labelledby="result-h"><h2 id="result-h">{escape(say("page.findings", lang))}</h2>'
            f'<p class="answer {css}" role="status">{escape(receipt.message)}</p>'
            f"{_findings_table(receipt.findings, lang)}</section>"
        )
    form = (
        f'<form method="post" enctype="multipart/form-data" class="upload">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        f'<div class="drop" id="drop"><label for="file">{escape(say("page.file", lang))}</label>'
        f'<input type="file" id="file" name="file" accept=".xlsx,.xlsm" required>'
        f'<p class="hint" id="drop-hint" hidden>{escape(say("page.drop", lang))}</p></div>'
        f'<button type="submit">{escape(say("page.send", lang))}</button></form>'
    )
    body = (
        f'<p>{escape(say("page.intro", lang))}</p><p class="deadline">{escape(deadline)}</p>{form}{result}'
        f'<section aria-labelledby="hist-h"><h2 id="hist-h">{escape(say("page.history", lang))}</h2>'
        f"{_history_table(versions, lang)}</section>"
    )
    return layout(lang, say("page.title", lang, municipality=municipality), body, script=True)


def login_page(*, lang: str, csrf: str, error: str = "") -> str:
    err = f'<p class="answer bad" role="alert">{escape(error)}</p>' if error else ""
    body = (
        f'{err}<form method="post" action="/coordinator/login">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        f'<label for="password">{escape(say("login.password", lang))}</label>'
        f'<input type="password" id="password" name="password" autocomplete="current-password" required>'
        f'<button type="submit">{escape(say("login.submit", lang))}</button></form>'
    )
    return layout(lang, say("login.title", lang), body)


def _count(row: dict) -> dict:
    """Errors and warnings as shown: blank for a municipality that sent nothing (not "0 errors")."""
    missing = row["state"] == "missing"
    return {k: "" if missing else row[k] for k in ("errors", "warnings")}


def dashboard_page(*, lang: str, title: str, rows: list[dict], csrf: str, message: str = "", counts: str = "") -> str:
    cols = ("municipality", "state", "received", "errors", "warnings", "days")
    head = "".join(f'<th scope="col">{escape(say("col." + c, lang))}</th>' for c in cols)
    body_rows = "".join(
        f'<tr class="st-{escape(r["state"])}"><th scope="row">{escape(r["municipality"])}</th>'
        f"<td>{escape(say('state.' + r['state'], lang))}</td><td>{escape(r['received'])}</td>"
        f"<td>{_count(r)['errors']}</td><td>{_count(r)['warnings']}</td><td>{escape(str(r['days']))}</td></tr>"
        for r in rows
    )
    note = f'<p class="answer note" role="status">{escape(message)}</p>' if message else ""
    actions = (
        f'<form method="post" action="/coordinator/consolidate" class="inline">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        f'<button type="submit">{escape(say("dash.consolidate", lang))}</button></form>'
        f'<ul class="downloads">'
        f'<li><a href="/coordinator/download/workbook">{escape(say("dash.workbook", lang))}</a></li>'
        f'<li><a href="/coordinator/download/deck">{escape(say("dash.deck", lang))}</a></li>'
        f'<li><a href="/coordinator/download/reminders">{escape(say("dash.reminders", lang))}</a></li></ul>'
        f'<form method="post" action="/coordinator/logout" class="inline">'
        f'<input type="hidden" name="csrf" value="{escape(csrf)}">'
        f'<button type="submit" class="secondary">{escape(say("dash.signout", lang))}</button></form>'
    )
    body = (
        f'{note}<p>{escape(counts)}</p><nav aria-label="{escape(say("dash.consolidate", lang))}">{actions}</nav>'
        f'<table class="dashboard"><thead><tr>{head}</tr></thead><tbody>{body_rows}</tbody></table>'
    )
    return layout(lang, title, body)
