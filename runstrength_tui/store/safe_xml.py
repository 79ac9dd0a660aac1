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


def parse(data: bytes, flat: frozenset[str] = frozenset()) -> ET.Element:
    """The root element of ``data``; XMLRefused for broken, hostile or too deep XML.

    Elements whose local name is in ``flat`` (track points) are kept as one childless
    element whose attributes are its own plus the first text of each element inside it,
    by local name: ``<trkpt lat=".." lon=".."><time>T</time><extensions>…<hr>140</hr>``
    becomes ``<trkpt lat=".." lon=".." time="T" hr="140"/>``. That keeps memory and time
    per point small (a long GPX has hundreds of thousands)."""
    tree = _FlatTree(flat)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = tree.start
    parser.EndElementHandler = tree.end
    parser.CharacterDataHandler = tree.text
    parser.StartDoctypeDeclHandler = _doctype
    parser.EntityDeclHandler = _entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
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
    root = tree.builder.close()
    if root is None:
        raise XMLRefused("it holds no XML element")
    return root


def _doctype(*_args: object) -> None:
    raise _Stop("it declares a DOCTYPE, which GPX and TCX files never do (refused for safety)")


def _entity(*_args: object) -> None:
    raise _Stop("it declares XML entities, which GPX and TCX files never do (refused for safety)")


class _FlatTree:
    """expat's handlers building the tree, with the ``flat`` elements kept flat (see parse)."""

    __slots__ = ("builder", "depth", "flat", "inner", "record")

    def __init__(self, flat: frozenset[str]) -> None:
        self.builder = ET.TreeBuilder()
        self.flat = flat
        self.depth = 0
        self.record: dict[str, str] | None = None  # the flat element being read
        self.inner: list[tuple[str, list[str]]] = []  # (local name, text parts) of elements inside it

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Stop(f"its XML is nested more than {MAX_DEPTH} levels deep, which no activity file is")
        if self.record is not None:
            self.inner.append((local_name(tag), []))
        elif self.flat and local_name(tag) in self.flat:
            self.record = {local_name(k): v for k, v in attrs.items()}
        else:
            self.builder.start("{" + tag if "}" in tag else tag, attrs)

    def end(self, tag: str) -> None:
        self.depth -= 1
        record = self.record
        if self.inner:
            name, parts = self.inner.pop()
            text = "".join(parts).strip()
            if text and record is not None and name not in record:
                record[name] = text
        elif record is not None:
            full = "{" + tag if "}" in tag else tag
            self.builder.start(full, record)
            self.builder.end(full)
            self.record = None
        else:
            self.builder.end("{" + tag if "}" in tag else tag)

    def text(self, data: str) -> None:
        if self.inner:
            self.inner[-1][1].append(data)
        elif self.record is None:
            self.builder.data(data)


def local_name(tag: object) -> str:
    """'trkpt' for '{http://www.topografix.com/GPX/1/1}trkpt' (and for 'trkpt')."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
