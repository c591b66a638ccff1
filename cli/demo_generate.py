"""`ecgraph demo generate`: write realistic demo declarations with planted red flags and a truth file."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ecgraph.cli.output import console, print_json

__all__ = ["generate"]


class OutFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def generate(
    declarations: Annotated[int, typer.Option("--declarations", "-n", min=1, help="How many declarations.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed gives the same files.")] = 1,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file; the truth and BODS files go beside it.")] = Path(
        "demo-declarations.jsonl"),
    fmt: Annotated[OutFormat, typer.Option("--format", help="jsonl (nested) or csv (flat, one row per item).")] = OutFormat.jsonl,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Generate demo export declarations with planted red flags, a truth file and BODS ownership chains.

    Real HS codes and CHPL goods, Japanese exporters with valid 法人番号, and consignees/end users that
    include real listed entities with realistic perturbations. `<out>.truth.json` lists which
    declarations carry which planted flag; `<out>.bods.json` holds the ownership chains.
    """
    from ecgraph.demo.declarations import generate as generate_declarations  # reads the catalogue

    summary = generate_declarations(declarations, seed, out, fmt=fmt.value)
    if as_json:
        print_json(summary.__dict__)
        return
    console.print(f"Wrote {summary.records} records ({summary.declarations} declarations + amendments) to "
                  f"{escape(summary.out)}")
    console.print(f"Truth: {escape(summary.truth)}   Ownership (BODS): {escape(summary.bods)}")
    for flag, count in summary.planted.items():
        console.print(f"  {flag:<28} {count}")
