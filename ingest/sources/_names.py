"""Small helpers every list parser needs: whitespace, `;`-lists, and a name → id index for links."""

from __future__ import annotations

import re

__all__ = ["NameIndex", "clean", "split_list"]

_SPACE = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Collapse runs of whitespace (incl. the newlines of multi-line cells) and trim."""
    return _SPACE.sub(" ", text or "").strip()


def split_list(text: str | None, sep: str = ";") -> list[str]:
    """Split a publisher's multi-value cell; drops empties and the CSL's `A; and B` joiner."""
    values = []
    for part in (text or "").split(sep):
        part = clean(part)
        if part.startswith("and "):
            part = part[4:].strip()
        if part:
            values.append(part)
    return values


class NameIndex:
    """Primary name → source id, to turn a source's "Linked To: NAME" into a link to its own entry.

    A name that two entries share is ambiguous and resolves to nothing (no guessing).
    """

    def __init__(self) -> None:
        self._ids: dict[str, str | None] = {}
        self._primary: set[str] = set()

    @staticmethod
    def _key(name: str) -> str:
        return clean(name).rstrip(".").casefold()

    def add(self, name: str, source_id: str) -> None:
        key = self._key(name)
        self._primary.add(key)
        if key in self._ids and self._ids[key] != source_id:
            self._ids[key] = None
        else:
            self._ids[key] = source_id

    def add_fallback(self, name: str, source_id: str) -> None:
        """Index the name only if no primary entry holds it (e.g. the SSI copy of an SDN entry)."""
        if self._key(name) not in self._primary:
            self.add(name, source_id)

    def resolve(self, name: str) -> str | None:
        return self._ids.get(self._key(name))
