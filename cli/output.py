"""One way to print results: a rich table on a terminal, JSON (or CSV) for scripts.

Source strings go through `rich.markup.escape` so that list tags like `[SDGT]` survive.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["OutputFormat", "choose_format", "console", "err_console", "print_json", "print_kv", "print_rows"]

console = Console()
err_console = Console(stderr=True)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def choose_format(as_json: bool, as_csv: bool) -> OutputFormat:
    """The format asked for by `--json` / `--csv` flags (a table when neither is given)."""
    if as_json and as_csv:
        err_console.print("usage error: give --json or --csv, not both")
        raise typer.Exit(2)
    return OutputFormat.json if as_json else OutputFormat.csv if as_csv else OutputFormat.table


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def print_rows(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, fmt: OutputFormat, title: str | None = None
) -> None:
    if fmt is OutputFormat.json:
        print_json([dict(r) for r in rows])
        return
    if fmt is OutputFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(escape(_cell(row.get(c))) for c in columns))
    console.print(table)


def print_kv(data: Mapping[str, Any], *, fmt: OutputFormat, title: str | None = None) -> None:
    if fmt is OutputFormat.json:
        print_json(dict(data))
        return
    table = Table(title=title, show_header=False)
    table.add_column("key", style="bold")
    table.add_column("value")
    for key, value in data.items():
        table.add_row(escape(key), escape(_cell(value)))
    console.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=_default)
    return str(value)
