"""Where the bundled snapshot of real public files (`data/` in the repository) is.

`make demo` and the tests run offline on it. A checkout (editable install) finds it beside the source;
anything else sets ECGRAPH_SNAPSHOT_DIR.
"""

from __future__ import annotations

import os
from pathlib import Path

from ecgraph.schemas.errors import ConfigError

__all__ = ["snapshot_dir"]


def snapshot_dir() -> Path:
    configured = os.environ.get("ECGRAPH_SNAPSHOT_DIR")
    if configured:
        path = Path(configured)
    else:
        path = Path(__file__).resolve().parents[1] / "data"
    if not (path / "PROVENANCE.md").exists():
        raise ConfigError(
            f"the data snapshot was not found at {path}. Run from a checkout of ecgraph, or set "
            "ECGRAPH_SNAPSHOT_DIR to a folder laid out like the repository's data/.",
            setting="ECGRAPH_SNAPSHOT_DIR",
        )
    return path
