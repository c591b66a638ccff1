"""`ecgraph classify`: which control entries a goods description may fall under, and why."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from ecgraph.cli.output import OutputFormat, console, print_json, print_rows
from ecgraph.graph import load_settings, open_graph

__all__ = ["classify"]


def classify(
    description: Annotated[str | None, typer.Argument(help="Goods description, English or Japanese.",
                                                      show_default=False)] = None,
    hs: Annotated[str | None, typer.Option("--hs", help="Declared HS code (6–9 digits, dots allowed).")] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many suggestions.")] = 5,
    all_items: Annotated[bool, typer.Option("--all-items", help="Classify every goods item in the graph and write "
                                            "SUGGESTED_CONTROL edges (the step after ingest).")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON, for scripts.")] = False,
) -> None:
    """Suggest control entries for a goods description, each with a score and its reasons (matching technical
    terms, HS correlation, label evidence). A suggestion is for an analyst to check, never a classification.

    Examples:

      ecgraph classify "5-axis CNC milling machine" --hs 845961

      ecgraph classify "周波数変換器" --json

      ecgraph classify --all-items          # every goods item in the graph, written as suggestions
    """
    if all_items == bool(description):
        raise typer.BadParameter("give a DESCRIPTION, or --all-items (not both)")
    with open_graph(load_settings()) as graph:
        if all_items:
            from ecgraph.rules.classify import classify_items  # spaCy: loaded only when used

            run = classify_items(graph, limit=min(limit, 3))
            info = {"items": run.items, "items_with_suggestions": run.items_with_suggestions,
                    "suggestions": run.suggestions, "classifier_version": run.classifier_version}
            if json_:
                print_json(info)
            else:
                console.print(f"{run.items} goods items, {run.items_with_suggestions} with suggestions, "
                              f"{run.suggestions} SUGGESTED_CONTROL edges written ({run.classifier_version})")
            return
        assert description is not None
        from ecgraph.rules.classify import (  # spaCy: loaded only when used
            CLASSIFIER_VERSION,
            build_classifier,
        )

        classifier = build_classifier(graph)
    suggestions = classifier.classify(description, hs, limit=limit)
    vague = classifier.vague(description)
    if json_:
        print_json({"description": description, "hs_code": hs, "classifier_version": CLASSIFIER_VERSION,
                    "vague_description": vague, "suggestions": [s.as_dict() for s in suggestions]})
        return
    if vague:
        console.print(f"[yellow]vague description[/] ({escape(', '.join(vague))}): ask for what the goods are")
    if not suggestions:
        console.print(f"no control entry suggested for {escape(description)!r}")
        return
    rows = [{"rank": i, "entry": f"{s.list_id}:{s.code}", "score": f"{s.score:.2f}", "text": s.text[:60],
             "reasons": [r.detail for r in s.reasons]} for i, s in enumerate(suggestions, start=1)]
    print_rows(rows, ("rank", "entry", "score", "text", "reasons"), fmt=OutputFormat.table,
               title="suggested control entries (check, never final)")

