"""Streaming, defended XML reading for list sources.

Publishers' XML is parsed with defusedxml's iterparse: entity declarations (billion laughs,
quadratic blow-up) and external references are refused, not expanded. Every parse problem becomes a
SourceError naming the source, the file and the line, so the previous version stays in force.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ecgraph.ingest.source import ParseContext

__all__ = ["iter_elements", "local_name", "root_attributes", "text_of"]


def local_name(tag: str) -> str:
    """`{namespace}entity` → `entity`: tags are matched by local name, whatever the namespace URI."""
    return tag.rsplit("}", 1)[-1]


def text_of(element: Element | None) -> str | None:
    """Element text with whitespace collapsed (UN texts hold newlines); None when empty."""
    if element is None or element.text is None:
        return None
    text = " ".join(element.text.split())
    return text or None


def iter_elements(stream: IO[bytes], names: set[str], ctx: ParseContext, file: str) -> Iterator[Element]:
    """Yield each complete element whose local name is in `names`, then free it (streaming)."""
    try:
        for _event, element in SafeET.iterparse(stream, events=("end",), forbid_dtd=False):
            if local_name(element.tag) in names:
                yield element
                element.clear()
    except DefusedXmlException as exc:
        raise ctx.fail(f"refused unsafe XML ({exc}); the file is not a genuine publisher download", file,
                       getattr(exc, "line", None) or getattr(exc, "lineno", None)) from exc
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise ctx.fail(f"malformed XML ({exc.msg if hasattr(exc, 'msg') else exc}); download the file again",
                       file, line) from exc
    except (LookupError, UnicodeError) as exc:  # an encoding declaration Python does not know, bad bytes
        raise ctx.fail(f"unreadable XML text ({exc}); download the file again", file, None) from exc


def root_attributes(stream: IO[bytes], ctx: ParseContext, file: str) -> dict[str, str]:
    """Attributes of the root element (e.g. UN `dateGenerated`), read without parsing the rest."""
    try:
        for _event, element in SafeET.iterparse(stream, events=("start",), forbid_dtd=False):
            return dict(element.attrib)
    except DefusedXmlException as exc:
        raise ctx.fail(f"refused unsafe XML ({exc}); the file is not a genuine publisher download", file) from exc
    except ParseError as exc:
        raise ctx.fail(f"malformed XML ({exc})", file, exc.position[0] if exc.position else None) from exc
    except (LookupError, UnicodeError) as exc:
        raise ctx.fail(f"unreadable XML text ({exc})", file, None) from exc
    return {}
