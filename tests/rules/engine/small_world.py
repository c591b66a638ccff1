"""Small hand-made worlds for rule tests: export declarations in the loader's JSON shape, loaded for real,
and the CLI calls a screening test makes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from ecgraph.cli.app import app
from ecgraph.graph import Graph
from ecgraph.ingest.declarations.load import load_file

runner = CliRunner()

HORSES = ("010121000", "Pure-bred breeding horses", 50000.0)  # goods no rule cares about


def export_declaration(number: str, consignee: str, country: str, address: str | None = None,
                       item: tuple[str, str, float] = HORSES) -> dict[str, Any]:
    """One export from a Kobe exporter by air to `consignee` in `country`, with one goods item."""
    hs_code, description, value = item
    return {
        "declaration_number": number, "version": 1, "declaration_date": "2026-10-01", "declaration_type": "EX",
        "exporter": {"name": "Shinsei Denki Co., Ltd.", "country": "JP", "corporate_number": "8785219552958",
                     "address": "3-14-12 Chuo-ku, Kobe, Hyogo"},
        "consignee": {"name": consignee, "country": country,
                      "address": address or f"{number[-2:]} Harbour Road, {country}"},
        "destination_country": country, "port_of_loading": "JPTYO", "transport_mode": "air",
        "invoice_number": f"INV-{number}", "currency": "JPY", "ecommerce": False, "invoice_value": value,
        "items": [{"seq": 1, "hs_code": hs_code, "description": description, "quantity": 1, "unit": "PCE",
                   "net_weight_kg": 5.0, "value": value, "origin_country": "JP"}],
    }


def load_declarations(graph: Graph, folder: Path, declarations: list[dict[str, Any]]) -> None:
    path = folder / "declarations.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in declarations), encoding="utf-8")
    assert load_file(graph, path, state_dir=folder / "state").counts["rejected"] == 0


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def cli_json(*args: str) -> Any:
    """Run `ecgraph ARGS --json` and return its parsed output (the command must succeed)."""
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def alerts_by_declaration(rule: str, statuses: str = "open,in_review,escalated") -> dict[str, dict[str, Any]]:
    return {a["declaration"]: a for a in cli_json("alerts", "list", "--rule", rule, "--status", statuses)}
