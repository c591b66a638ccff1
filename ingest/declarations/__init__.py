"""Export declarations: read (JSON Lines, flat CSV), validate, map and load them; generate demo data.

Streaming throughout: memory holds one batch whatever the file size. Bad records go to a rejects
file with every reason; good ones load; re-loading is idempotent; `--resume` continues a killed load.
"""

from __future__ import annotations

from ecgraph.ingest.declarations.csv_flat import COLUMNS, declaration_to_rows, read_csv
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.load import LoadResult, detect_format, load_file
from ecgraph.ingest.declarations.map import content_hash, normalise_name, party_key
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.validate import PARTY_ROLES, is_valid_corporate_number, validate_declaration

__all__ = [
    "COLUMNS",
    "PARTY_ROLES",
    "LoadResult",
    "SourceRecord",
    "content_hash",
    "declaration_to_rows",
    "detect_format",
    "is_valid_corporate_number",
    "load_file",
    "normalise_name",
    "party_key",
    "read_csv",
    "read_jsonl",
    "validate_declaration",
]
