"""XML parts read namespace-aware with the standard library, refusing any DOCTYPE (so no entity is ever declared).

OOXML parts never carry a DOCTYPE; refusing one rules out entity expansion and external entities
alike, without another dependency. Elements are named ``{namespace}local``: a prefix (``x:c``) is
only a spelling.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
MAIN_NAMESPACES = frozenset({NS_MAIN, NS_STRICT})
NS_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"


class UnsafeXML(ValueError):
    """A part with a DOCTYPE: it may declare entities, and no OOXML part has one."""


class _Builder(ET.TreeBuilder):
    def doctype(self, name, pubid, system):
        raise UnsafeXML(f"DOCTYPE {name}")


def parse(data: bytes) -> ET.Element:
    """The part's root element; UnsafeXML for a DOCTYPE, ET.ParseError for anything not well-formed."""
    parser = ET.XMLParser(target=_Builder())
    parser.feed(data)
    return parser.close()


def local(tag: str) -> str:
    """An element's name without its namespace."""
    return tag.rpartition("}")[2]


def attr(element: ET.Element, name: str, namespaces: tuple[str, ...] = ()) -> str | None:
    """An attribute without namespace, or the first one found in ``namespaces``."""
    value = element.get(name)
    if value is None:
        for ns in namespaces:
            value = element.get(f"{{{ns}}}{name}")
            if value is not None:
                break
    return value


def new_parser() -> expat.XMLParserType:
    """A streaming expat parser that names elements "namespace local" and refuses a DOCTYPE."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(name, *_):
        raise UnsafeXML(f"DOCTYPE {name}")

    parser.StartDoctypeDeclHandler = refuse
    parser.buffer_text = True
    return parser
