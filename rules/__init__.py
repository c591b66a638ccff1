"""Entity resolution and the rule engine: read the graph, write matches, links and alerts.

Never imports `ingest/`; rule packs are data (`rules/packs/*.yaml`).
"""

from __future__ import annotations

__all__: list[str] = []
