"""The compare form of a name lives in `ecgraph.schemas.names` (one normaliser for ingest and rules);
this module keeps the resolution package's import path."""

from __future__ import annotations

from ecgraph.schemas.names import MAX_NAME_CHARS, InvalidName, check_name, normalize_name, tokens

__all__ = ["MAX_NAME_CHARS", "InvalidName", "check_name", "normalize_name", "tokens"]
