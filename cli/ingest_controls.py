"""`ecgraph ingest controls`: control lists, HS 2022, the CHPL, item-16 prefixes, country groups, terms."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ecgraph.cli.output import OutputFormat, err_console, print_json, print_rows
from ecgraph.graph import ensure_schema, load_settings, open_graph
from ecgraph.ingest.controls import ControlsLoadReport, load_all_controls, load_control_file

__all__ = ["controls"]

COLUMNS = ("source", "version", "counts", "delta", "file")


def controls(
    file: Annotated[list[Path] | None, typer.Option(
        "--file", help="Load only this file (repeatable): an e-Gov ETCO .xml, chpl_YYYY-MM.csv, "
        "jp_catchall_16_1_hs.csv, country_groups.csv, indicator_terms.csv, an HS folder, or a dual-use list "
        "<list_id>_<version>.csv.", show_default=False)] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the load report as JSON, for scripts.")] = False,
) -> None:
    """Load the control lists and their reference data from the bundled snapshot (data/controls) or --file.

    A newer version of a list (e.g. an amended Export Trade Control Order XML, whose version is the date in
    its e-Gov file name) loads beside the older one with a delta of added, changed and removed entries.
    Re-running changes nothing.

    Examples:

      ecgraph ingest controls

      ecgraph ingest controls --file data/controls/jp/324CO0000000378_20260214_507CO0000000376.xml

      ecgraph ingest controls --file eu_dual_use_annex_i_2024-09-05.csv --json
    """
    with open_graph(load_settings()) as graph:
        ensure_schema(graph)
        if file:
            report = ControlsLoadReport()
            for path in file:
                one = load_control_file(graph, path)
                report.sources += one.sources
                report.deltas.update(one.deltas)
                report.rejects += one.rejects
        else:
            report = load_all_controls(graph)
    if json_:
        print_json({"sources": report.sources, "deltas": report.deltas, "rejects": report.rejects})
        return
    print_rows([_row(s) for s in report.sources], COLUMNS, fmt=OutputFormat.table, title="control loads")
    for reject in report.rejects:
        err_console.print(f"rejected {reject['file']}:{reject['line']} {reject['code']}: {'; '.join(reject['reasons'])}",
                          highlight=False, markup=False)


def _row(source: dict[str, Any]) -> dict[str, Any]:
    rest = {k: v for k, v in source.items() if k not in ("source", "file", "version", "delta")}
    delta = source.get("delta")
    return {"source": source["source"], "version": source.get("version"), "file": Path(source["file"]).name,
            "counts": ", ".join(f"{k} {v}" for k, v in rest.items()),
            "delta": ", ".join(f"{k} {v}" for k, v in delta.items()) if delta else ""}
