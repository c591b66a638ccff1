"""`ecgraph schema`: the graph model (schemas/model/*.yaml) as the analyst and the developer read it."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ecgraph.cli.output import OutputFormat, console, print_json, print_rows
from ecgraph.schemas.graph_model import ElementSpec, load_graph_model

Fmt = Annotated[OutputFormat, typer.Option("--format", "-f", help="table, json or csv.")]


def _rows(label: str, spec: ElementSpec) -> list[dict[str, Any]]:
    ends = f"({'|'.join(spec.edge.source)})->({'|'.join(spec.edge.target)})" if spec.edge else ""
    head = {"element": label, "kind": "relationship" if spec.edge else "node", "ends": ends,
            "written_by": spec.written_by, "description": " ".join(spec.description.split())}
    if not spec.properties:
        return [head | {"property": "", "type": "", "required": ""}]
    return [head | {"property": key, "type": prop.type, "required": "yes" if key in spec.required else "",
                    "property_description": prop.description}
            for key, prop in spec.properties.items()]


def schema_command(
    element: Annotated[str | None, typer.Argument(help="One label or relationship type, e.g. Alert or MATCHES.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Hold the connected database to the model.")] = False,
    fmt: Fmt = OutputFormat.table,
    json_: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """Print the graph model: every node label and relationship type with its properties.

    The model is code (schemas/model/*.yaml, validated on load); tests hold every Cypher statement to
    it, and --check holds a live database to it (exit 1 on anything undeclared).

    Examples:

      ecgraph schema                 # every label and relationship type

      ecgraph schema Alert           # one of them, with each property's meaning

      ecgraph schema --check         # does the database hold anything the model does not declare?
    """
    model = load_graph_model()
    if check:
        _check(model)
        return
    specs = [(label, spec) for label, spec in model.nodes.items()]
    specs += [(label, spec) for label, group in model.relationships.items() for spec in group]
    if element is not None:
        specs = [(label, spec) for label, spec in specs if label.lower() == element.lower()]
        if not specs:
            from difflib import get_close_matches

            names = sorted(model.nodes) + sorted(model.relationships)
            hint = get_close_matches(element, names, n=1)
            raise typer.BadParameter(f"no label or relationship type {element!r}"
                                     + (f"; did you mean {hint[0]}?" if hint else ""), param_hint="ELEMENT")
    rows = [row for label, spec in sorted(specs, key=lambda item: (item[1].is_edge, item[0]))
            for row in _rows(label, spec)]
    out = OutputFormat.json if json_ else fmt
    if out is OutputFormat.json:
        print_json(rows)
        return
    columns = ["element", "kind", "ends", "property", "type", "required"]
    if element is not None:  # one element: its meaning, then each property's
        columns = ["property", "type", "required", "property_description"]
        console.print(f"[bold]{rows[0]['element']}[/bold] {rows[0]['ends']}  {rows[0]['description']}")
    print_rows(rows, columns, fmt=out, title="ecgraph graph model (schemas/model/)")


def _check(model: Any) -> None:
    from ecgraph.graph import ensure_schema, load_settings, open_graph
    from ecgraph.graph.model_check import check_graph_against_model

    with open_graph(load_settings()) as graph:
        ensure_schema(graph)
        drift = check_graph_against_model(graph, model)
    if drift:
        for item in drift:
            console.print(f"[red]✗[/red] {item}")
        console.print(f"{len(drift)} thing(s) in the database are not in schemas/model/: declare them there.")
        raise typer.Exit(1)
    console.print("✓ the database holds only what schemas/model/ declares")
