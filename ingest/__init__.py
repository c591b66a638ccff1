"""Sources → records → graph rows: fetch the bytes, parse what the source says, map it for `graph/`.

Writes what a source says and nothing more: no matching, no scoring (that is `rules/`).
"""

from __future__ import annotations

__all__: list[str] = []
