"""`ecgraph explain DECLARATION`: one declaration with everything that bears on its risk, in one screen."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from ecgraph.cli.evidence_text import alert_summary, risk_summary
from ecgraph.cli.explain_ecommerce import order_facts, show_orders
from ecgraph.cli.output import OutputFormat, choose_format, console, print_json, print_kv, print_rows
from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.analyst import declaration_overview
from ecgraph.graph.ecommerce import declaration_orders
from ecgraph.schemas.errors import EcgraphError

__all__ = ["explain_command"]


def explain_command(
    number: Annotated[str, typer.Argument(help="The declaration number.")],
    as_json: Annotated[bool, typer.Option("--json", help="The whole explanation as one JSON object.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="One CSV row per fact: section, subject, detail.")] = False,
) -> None:
    """Explain a declaration: its risk, alerts, parties with their list matches, goods items with HS codes,
    control-list correlations and classification suggestions, and label captures.

    Exit codes: 0 shown; 1 no such declaration or the database is unreachable; 2 usage error.

    Examples:

      ecgraph explain 52179392938

      ecgraph explain 52179392938 --json | jq '.alerts[].rule_id'
    """
    fmt = choose_format(as_json, as_csv)
    with open_graph(load_settings()) as graph:
        overview = declaration_overview(graph, number)
        if overview is not None:  # e-commerce orders behind a small-parcel declaration (issue 20)
            overview["orders"] = declaration_orders(graph, number)
    if overview is None:
        raise EcgraphError(f"no declaration {number!r} in the graph; `ecgraph ingest declarations FILE` loads them")
    if fmt is OutputFormat.json:
        print_json(overview)
        return
    if fmt is OutputFormat.csv:
        print_rows(list(facts(overview)), ["section", "subject", "detail"], fmt=fmt)
        return
    show(overview)


def facts(overview: dict[str, Any]) -> list[dict[str, Any]]:
    """The explanation flattened to (section, subject, detail) rows for spreadsheets."""
    out: list[dict[str, Any]] = []
    risk = overview["risk"]
    out.append({"section": "risk", "subject": risk["level"] or "not screened", "detail": risk_summary(risk["explanation"])})
    for alert in overview["alerts"]:
        out.append({"section": "alert", "subject": f"{alert['rule_id']} {alert['severity']} {alert['status']}",
                    "detail": alert_summary(alert)})
    for party in overview["parties"]:
        out.append({"section": party["role"].lower(), "subject": party["name"], "detail": party["key"]})
        for match in party["matches"]:
            out.append({"section": "match", "subject": party["name"],
                        "detail": f"{match['entry']} {match['name']} ({match['score']:.2f})"})
    for item in overview["items"]:
        controls = [c["code"] for c in item["correlations"]] + [s["code"] for s in item["suggestions"]]
        out.append({"section": "item", "subject": f"{item['seq']} HS {item['hs_code']}",
                    "detail": f"{item['description']}" + (f" → {', '.join(controls)}" if controls else "")})
    for capture in overview["captures"]:
        out.append({"section": "label", "subject": capture["id"],
                    "detail": "; ".join(f"{c['field']}: {c['on_label']}" for c in capture["contradictions"])})
    out.extend(order_facts(overview.get("orders") or []))
    return out


def show(overview: dict[str, Any]) -> None:
    declaration = overview["declaration"]
    risk = overview["risk"]
    print_kv({"declaration": declaration.get("number"), "date": declaration.get("date"),
              "destination": overview["destination"], "value": declaration.get("value"),
              "risk": f"{risk['level'] or 'not screened'} {risk['score'] if risk['score'] is not None else ''}",
              "why": risk_summary(risk["explanation"])}, fmt=OutputFormat.table, title="declaration")
    print_rows([{**a, "finding": alert_summary(a)} for a in overview["alerts"]],
               ["id", "severity", "rule_id", "status", "finding"], fmt=OutputFormat.table,
               title=f"{len(overview['alerts'])} alerts")
    parties = [{**p, "matches": [f"{m['entry']} {m['name']} ({m['score']:.2f})" for m in p["matches"]]}
               for p in overview["parties"]]
    print_rows(parties, ["role", "name", "country", "key", "matches"], fmt=OutputFormat.table, title="parties")
    items = [{**i, "controls": [f"{c['code']} ({c['source']})" for c in i["correlations"]],
              "suggested": [f"{s['code']} {s['score']:.2f}" for s in i["suggestions"]]} for i in overview["items"]]
    print_rows(items, ["seq", "hs_code", "description", "value", "controls", "suggested"], fmt=OutputFormat.table,
               title="goods items")
    for capture in overview["captures"]:
        contradictions = "; ".join(f"{c['field']}: label says {c['on_label']}" for c in capture["contradictions"])
        console.print(f"label capture {escape(capture['id'])}: {len(capture['images'])} image(s)"
                      + (f", contradicts {escape(contradictions)}" if contradictions else ""))
    show_orders(overview.get("orders") or [])
