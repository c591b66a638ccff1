"""Page cache and heap of the managed server for a declaration volume (`ecgraph db tune`).

Neo4j is fastest when the whole store fits the page cache, so the page cache is sized from the store
a volume makes: bytes per declaration measured on a bulk import of generated declarations (store files
and indexes of `data/databases/neo4j` after `ingest declarations --bulk`: 15.4 MB for 2,986
declarations with their versions, parties, addresses and goods items), plus room for the lists and
control lists and 20 % growth. The heap holds query state: screening reads declarations in chunks
with their history, so it grows with the volume, below 31 GB (compressed object pointers).
What the machine has bounds both, leaving memory to the OS and to ecgraph itself.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Sizing", "size_for", "write_sizing"]

BYTES_PER_DECLARATION = 5_200
REFERENCE_DATA_BYTES = 300 * 2**20  # lists, control lists, HS nomenclature
GROWTH = 1.2
MIB = 2**20


@dataclass(frozen=True)
class Sizing:
    declarations: int
    store_bytes: int
    heap: str
    pagecache: str
    machine_bytes: int
    note: str


def _mib(value: int) -> str:
    return f"{value // MIB}m"


def _machine_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def size_for(declarations: int, machine_bytes: int | None = None) -> Sizing:
    """Heap and page cache for `declarations`, bounded by what the machine has."""
    machine = machine_bytes or _machine_bytes()
    store = declarations * BYTES_PER_DECLARATION + REFERENCE_DATA_BYTES
    pagecache = max(512 * MIB, math.ceil(store * GROWTH / (256 * MIB)) * 256 * MIB)
    heap = min(31 * 1024 * MIB, max(1024 * MIB, 1024 * MIB + declarations // 500_000 * 1024 * MIB))
    heap = min(heap, max(1024 * MIB, (machine - 2 * 1024 * MIB) // 2 // (256 * MIB) * 256 * MIB))
    spare = machine - heap - 2 * 1024 * MIB  # the OS, the JVM's own overhead and ecgraph
    note = "the whole store fits the page cache"
    if pagecache > spare:
        pagecache = max(256 * MIB, spare // (256 * MIB) * 256 * MIB)
        note = (f"the store ({store // MIB} MiB) does not fit this machine's memory ({machine // MIB} MiB) "
                "beside the heap: reads will go to disk; more memory or Neo4j on a larger machine helps")
    return Sizing(declarations, store, _mib(heap), _mib(pagecache), machine, note)


_KEY = re.compile(r"^\s*(heap|pagecache)\s*=")


def write_sizing(config_file: Path, sizing: Sizing) -> None:
    """Set `heap` and `pagecache` under [neo4j] in config.toml, keeping everything else as it is."""
    lines = config_file.read_text(encoding="utf-8").splitlines() if config_file.exists() else []
    values = [f'heap = "{sizing.heap}"', f'pagecache = "{sizing.pagecache}"']
    section = next((n for n, line in enumerate(lines) if line.strip() == "[neo4j]"), None)
    if section is None:
        lines += ["", "[neo4j]", *values] if lines else ["[neo4j]", *values]
    else:
        end = next((n for n in range(section + 1, len(lines)) if lines[n].strip().startswith("[")), len(lines))
        body = [line for line in lines[section + 1:end] if not _KEY.match(line)]
        lines = lines[:section + 1] + values + body + lines[end:]
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
