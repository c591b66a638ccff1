"""`ecgraph rules`: the rule catalogue as the analyst sees it — active or not, and why."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from ecgraph.cli.output import OutputFormat, console, print_json, print_kv, print_rows
from ecgraph.graph import ensure_schema, load_settings, open_graph
from ecgraph.rules.engine import evaluate, load_rules, rule_states
from ecgraph.rules.engine.predicates import PREDICATES
from ecgraph.schemas.errors import EcgraphError

app = typer.Typer(
    help="""The rule packs (rules/packs/*.yaml): list them, read one, try one on a declaration.

Examples:

  ecgraph rules list                 # every rule, active or inactive with the missing input named

  ecgraph rules show PS-01           # rationale, legal source, parameters and logic

  ecgraph rules test CL-04 EX-000123 # what the rule finds on one declaration (writes nothing)

  ecgraph rules conformance          # rewrite rules/CONFORMANCE.md (catalogue clause → rule → test)
""",
    no_args_is_help=True,
)

Fmt = Annotated[OutputFormat, typer.Option("--format", "-f", help="table, json or csv.")]


@app.command("list")
def list_rules(fmt: Fmt = OutputFormat.table, json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List every rule with its severity, version and whether the graph holds its inputs."""
    rules = load_rules()
    with open_graph(load_settings()) as graph:
        ensure_schema(graph)
        states = rule_states(graph, rules)
    rows = [{"id": s.rule.id, "version": s.rule.version, "severity": s.rule.severity, "name": s.rule.name,
             "active": s.active, "status": s.reason, "pack": s.rule.pack} for s in states]
    print_rows(rows, ["id", "version", "severity", "active", "status", "name"],
               fmt=OutputFormat.json if json_ else fmt, title="ecgraph rules")


def _find(rule_id: str):  # type: ignore[no-untyped-def]
    rules = {r.id: r for r in load_rules()}
    if rule_id not in rules:
        from difflib import get_close_matches

        hint = get_close_matches(rule_id.upper(), rules, n=1)
        raise EcgraphError(f"no rule {rule_id!r}" + (f"; did you mean {hint[0]}?" if hint else "")
                           + f" Rules: {', '.join(sorted(rules))}")
    return rules[rule_id]


@app.command()
def show(rule_id: str, json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show one rule: rationale, sources, parameters, inputs and logic."""
    rule = _find(rule_id)
    data = {"id": rule.id, "version": rule.version, "name": rule.name, "severity": rule.severity,
            "rationale": rule.rationale, "source": list(rule.source), "requires": list(rule.requires),
            "params": rule.params, "logic": rule.cypher or f"predicate {rule.predicate}",
            "file": f"{rule.file}:{rule.line}"}
    if json_:
        print_json(data)
    else:
        print_kv({**data, "params": json.dumps(rule.params, ensure_ascii=False)}, fmt=OutputFormat.table,
                 title=f"{rule.id} {rule.name}")


@app.command()
def test(rule_id: str, declaration: str, json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Run one rule on one declaration and print what it finds, without writing an alert."""
    rule = _find(rule_id)
    with open_graph(load_settings()) as graph:
        state = rule_states(graph, [rule])[0]
        if not state.active:
            console.print(f"{rule.id} is inactive: {state.reason}")
            raise typer.Exit(code=1)
        hits, suppressed = evaluate(graph, rule, [declaration], PREDICATES)
    if json_:
        print_json([{"declaration": h.declaration, "severity": h.severity, "score": h.score,
                     "explanation": h.explanation, "evidence": h.evidence, "matched": h.matched} for h in hits])
        return
    if not hits:
        console.print(f"{rule.id} does not fire on {declaration}" + (f" ({suppressed} suppressed)" if suppressed else ""))
        return
    for hit in hits:
        print_kv({"severity": hit.severity, "score": hit.score, "explanation": hit.explanation,
                  "evidence nodes": len(hit.evidence["nodes"])}, fmt=OutputFormat.table, title=f"{rule.id} on {declaration}")


REPO = Path(__file__).resolve().parents[1]


def default_catalogue() -> Path:
    """rules-domain.md: $ECGRAPH_CATALOGUE, else shared/docs/ beside the checkout (or its parent)."""
    if os.environ.get("ECGRAPH_CATALOGUE"):
        return Path(os.environ["ECGRAPH_CATALOGUE"])
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "docs" / "rules-domain.md").exists():
            return base / "shared" / "docs" / "rules-domain.md"
    raise EcgraphError("rules-domain.md not found beside the checkout (shared/docs/); give --catalogue PATH "
                       "or set ECGRAPH_CATALOGUE")


def conformance_text(catalogue: Path) -> str:
    from ecgraph.rules.engine.conformance import conformance_markdown, parse_clauses, spec_tests

    clauses = parse_clauses(catalogue.read_text(encoding="utf-8"))
    if not clauses:
        raise EcgraphError(f"{catalogue}: no clause rows (| PS-01 | name | severity |) in its summary table")
    return conformance_markdown(clauses, load_rules(), spec_tests(REPO / "tests"))


@app.command()
def conformance(
    catalogue: Annotated[Path | None, typer.Option(help="rules-domain.md (default: shared/docs beside the checkout).")] = None,
    output: Annotated[Path, typer.Option(help="Where to write the table.")] = REPO / "rules" / "CONFORMANCE.md",
    check: Annotated[bool, typer.Option("--check", help="Only compare with the file; exit 1 when it is stale.")] = False,
) -> None:
    """Write rules/CONFORMANCE.md: every catalogue clause → rule and version → spec test, or the input it lacks."""
    text = conformance_text(catalogue or default_catalogue())
    if check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            console.print(f"{output} is stale: run `ecgraph rules conformance`")
            raise typer.Exit(code=1)
        console.print(f"{output} is current")
        return
    output.write_text(text, encoding="utf-8")
    console.print(f"wrote {output}")
