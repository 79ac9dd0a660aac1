"""XML from strangers: GPX and TCX are parsed here with the standard library's expat, with
no DOCTYPE (so no entity, internal or external, is ever declared or resolved), a limit on
nesting depth and the size capped before parsing. Whatever else is installed (lxml…)
plays no part.

The tree is built with ElementTree's TreeBuilder, which works without recursion; every
walk over it in the importer is iterative too.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

MAX_DEPTH = 1000  # GPX and TCX nest under 12 levels; a sane margin


class XMLRefused(Exception):
    """The bytes are not XML we read: the message is one sentence for the runner."""


class _Stop(Exception):
    def __init__(self, sentence: str):
        super().__init__(sentence)
        self.sentence = sentence


def parse(data: bytes) -> ET.Element:
    """The root element of ``data``; XMLRefused for broken, hostile or too deep XML."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    depth = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise _Stop(f"its XML is nested more than {MAX_DEPTH} levels deep, which no activity file is")
        builder.start("{" + tag if "}" in tag else tag, attrs)

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end("{" + tag if "}" in tag else tag)

    def doctype(*_args: object) -> None:
        raise _Stop("it declares a DOCTYPE, which GPX and TCX files never do (refused for safety)")

    def entity(*_args: object) -> None:
        raise _Stop("it declares XML entities, which GPX and TCX files never do (refused for safety)")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Stop as stop:
        raise XMLRefused(stop.sentence) from None
    except expat.ExpatError as exc:
        raise XMLRefused(f"it is not well-formed XML ({expat.ErrorString(exc.code)}, line {exc.lineno})") from None
    except LookupError as exc:  # an unknown encoding in the XML declaration
        raise XMLRefused(f"its XML declares an encoding Python does not know ({str(exc)[-40:]})") from None
    except (ValueError, OverflowError, UnicodeError):
        raise XMLRefused("it is not well-formed XML") from None
    root = builder.close()
    if root is None:
        raise XMLRefused("it holds no XML element")
    return root


def local_name(tag: object) -> str:
    """'trkpt' for '{http://www.topografix.com/GPX/1/1}trkpt' (and for 'trkpt')."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
