"""Control-list sources: the Export Trade Control Order (e-Gov XML), HS 2022, the CHPL, item-16 HS
prefixes, country groups, indicator terms and EU / Wassenaar dual-use lists in a documented CSV layout.

One module per source (parse → records); `map` turns records into graph rows; `load` orchestrates.
"""

from __future__ import annotations

from ecgraph.ingest.controls.load import ControlsLoadReport, load_all_controls, load_control_file

__all__ = ["ControlsLoadReport", "load_all_controls", "load_control_file"]
