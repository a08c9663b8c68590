"""Test helper: a workbook rewritten as tools built on the Open XML SDK write it, SpreadsheetML under an ``x:`` prefix."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def prefixed(data: bytes, prefix: str = "x") -> bytes:
    """``data`` with every SpreadsheetML part re-serialised by ElementTree, its main namespace under ``prefix``.

    Other namespaces keep the prefixes the part declared; every other part is copied as it is.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith((".xml", ".rels")):
                body = _with_prefix(body, prefix)
            dst.writestr(info.filename, body)
    return out.getvalue()


def _with_prefix(body: bytes, prefix: str) -> bytes:
    declared = {}
    for _event, (name, uri) in ET.iterparse(io.BytesIO(body), events=("start-ns",)):
        declared.setdefault(uri, name)
    if NS_MAIN not in declared:
        return body
    for uri, name in declared.items():
        if name and uri != NS_MAIN:
            ET.register_namespace(name, uri)
    ET.register_namespace(prefix, NS_MAIN)
    root = ET.fromstring(body)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
