"""`ecgraph alerts`: list, read and triage alerts; clear false-positive matches so they stay cleared."""

from __future__ import annotations

import getpass
import json
from collections.abc import Mapping
from typing import Annotated, Any

import typer
from rich.markup import escape

from ecgraph.cli.evidence_text import alert_summary, evidence_rows, other_findings
from ecgraph.cli.output import OutputFormat, console, err_console, print_json, print_kv, print_rows
from ecgraph.graph import ensure_schema, load_settings, open_graph
from ecgraph.graph.alerts import (
    ALERT_STATUSES,
    TRANSITIONS,
    add_suppression,
    alert_by_id,
    alert_events,
    lift_suppression,
    list_suppressions,
    pair_fingerprints,
    set_alert_status,
)
from ecgraph.graph.analyst import alert_page
from ecgraph.schemas.errors import EcgraphError

PAGE_SIZE = 200

app = typer.Typer(
    help="""Alerts raised by the rules: what fired, why, and what the analyst decided.

Examples:

  ecgraph alerts list --status open --severity CRITICAL,HIGH

  ecgraph alerts show 3f2a…                      # explanation, evidence, audit trail

  ecgraph alerts triage 3f2a… escalated --note "consignee confirmed as MEU entity"

  ecgraph alerts clear-match 3f2a… --note "different company, other city"   # false positive, remembered
""",
    no_args_is_help=True,
)


def _split(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def alert_json(alert: Mapping[str, Any]) -> dict[str, Any]:
    """The stable JSON shape scripts rely on (evidence and matched decoded)."""
    out = dict(alert)
    for key in ("evidence", "matched", "params"):
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


@app.command("list")
def list_command(
    status: Annotated[str | None, typer.Option(help="Comma-separated: " + ", ".join(ALERT_STATUSES))] = None,
    severity: Annotated[str | None, typer.Option(help="Comma-separated: CRITICAL, HIGH, MEDIUM, LOW")] = None,
    declaration: Annotated[str | None, typer.Option(help="Only this declaration.")] = None,
    rule: Annotated[str | None, typer.Option(help="Only this rule id.")] = None,
    page: Annotated[int, typer.Option(min=1, help="Which page of --limit alerts to show.")] = 1,
    limit: Annotated[int, typer.Option(min=1, help="Alerts per page.")] = PAGE_SIZE,
    all_: Annotated[bool, typer.Option("--all", help="Every alert, in one listing.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="One object per alert, with evidence.")] = False,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    csv_: Annotated[bool, typer.Option("--csv", help="Same as --format csv.")] = False,
) -> None:
    """List alerts, most severe first, a page at a time; the footer says how many there are in all.

    Each alert reads as one sentence per party ("consignee X matches 3 lists: OFAC SDN 19574, …").
    """
    fmt = OutputFormat.csv if csv_ else fmt
    as_json = json_ or fmt is OutputFormat.json
    skip = 0 if all_ else (page - 1) * limit
    with open_graph(load_settings()) as graph:
        ensure_schema(graph)
        total, alerts = alert_page(graph, skip=skip, limit=None if all_ else limit, full=as_json,
                                   statuses=_split(status), severities=_split(severity and severity.upper()),
                                   declaration=declaration, rule_id=rule)
    if as_json:
        print_json([alert_json(a) for a in alerts])
        return
    rows = [{**a, "finding": alert_summary(a)} for a in alerts]
    first, last = skip + 1, skip + len(alerts)
    shown = f"showing {first}–{last} of {total}" if alerts else f"none of {total} on page {page}"
    # CSV keeps the rule's own explanation column that spreadsheets and scripts already read
    last_column = "finding" if fmt is OutputFormat.table else "explanation"
    print_rows(rows, ["id", "severity", "score", "rule_id", "declaration", "status", last_column], fmt=fmt,
               title=f"{total} alerts" if fmt is OutputFormat.table else None)
    if fmt is OutputFormat.table or last < total:
        more = f"; --all or --page {page + 1}" if last < total else ""
        err_console.print(f"{shown}{more}", highlight=False)


@app.command()
def show(alert_id: str, json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show one alert: what was found (one sentence per party), the matched fields side by side with
    scores, the evidence nodes and the audit trail."""
    with open_graph(load_settings()) as graph:
        alert = alert_by_id(graph, alert_id)
        if alert is None:
            raise EcgraphError(f"no alert {alert_id!r}; `ecgraph alerts list` shows the ids")
        events = alert_events(graph, alert_id)
    data = alert_json(alert)
    data["events"] = events
    if json_:
        print_json(data)
        return
    evidence = data.get("evidence") or {"nodes": [], "relationships": []}
    print_kv({"id": data["id"], "rule": f"{data['rule_id']}.v{data['rule_version']} {data.get('rule_name', '')}",
              "declaration": data["declaration"], "severity": data["severity"], "score": data["score"],
              "status": data["status"], "finding": alert_summary(alert),
              "evidence": f"{len(evidence['nodes'])} nodes, {len(evidence['relationships'])} relationships "
                          f"(`ecgraph report {data['id']}` draws them)",
              "sources": data.get("source")}, fmt=OutputFormat.table, title="alert")
    rows = evidence_rows(alert)
    if rows:
        print_rows(rows, ["kind", "field", "declaration says", "list says", "list", "score", "how"],
                   fmt=OutputFormat.table, title="matched fields")
    others = other_findings(alert)
    if others:
        print_rows(others, ["finding", "details"], fmt=OutputFormat.table, title="findings")
    for event in events:
        console.print(f"  {escape(str(event['at']))}  {escape(str(event['analyst']))}: {event['from']} → "
                      f"{event['to']}  {escape(str(event.get('note') or ''))}", highlight=False)


@app.command()
def triage(
    alert_id: str,
    status: Annotated[str, typer.Argument(help="in_review, cleared, escalated or open")],
    note: Annotated[str, typer.Option(help="Why (kept in the audit trail).")] = "",
    analyst: Annotated[str, typer.Option(help="Who decides (default: your login).")] = "",
) -> None:
    """Move an alert along its lifecycle; every change is kept with analyst, time and note."""
    who = analyst or getpass.getuser()
    with open_graph(load_settings()) as graph:
        alert = alert_by_id(graph, alert_id)
        if alert is None:
            raise EcgraphError(f"no alert {alert_id!r}; `ecgraph alerts list` shows the ids")
        allowed = TRANSITIONS.get(alert["status"], set())
        if status not in allowed:
            raise EcgraphError(f"an alert in status {alert['status']!r} can move to {', '.join(sorted(allowed))}, "
                               f"not {status!r}")
        before = set_alert_status(graph, alert_id, status, who, note)
    console.print(f"{alert_id}: {before} → {status} ({who})")


@app.command("clear-match")
def clear_match(
    alert_id: str,
    note: Annotated[str, typer.Option(help="Why this party is not that list entry.")],
    analyst: Annotated[str, typer.Option(help="Who decides (default: your login).")] = "",
) -> None:
    """Clear an alert as a false positive and remember it: the same party/entry pairs stay suppressed
    in later runs until either side changes (`ecgraph alerts suppressions` lists them)."""
    who = analyst or getpass.getuser()
    with open_graph(load_settings()) as graph:
        alert = alert_by_id(graph, alert_id)
        if alert is None:
            raise EcgraphError(f"no alert {alert_id!r}")
        findings = json.loads(alert.get("matched") or "{}").get("findings", [])
        pairs = [{"party": f["party_key"], "entry": f["entry_id"]} for f in findings if f.get("party_key") and f.get("entry_id")]
        if not pairs:
            raise EcgraphError(f"alert {alert_id} ({alert['rule_id']}) is not about a party/list-entry match; "
                               "use `ecgraph alerts triage ID cleared` instead")
        for fp in pair_fingerprints(graph, pairs):
            add_suppression(graph, party=fp["party"], entry=fp["entry"], party_fp=fp["party_fp"],
                            entry_fp=fp["entry_fp"], analyst=who, note=note, alert=alert_id)
        if alert["status"] != "cleared":
            set_alert_status(graph, alert_id, "cleared", who, f"false positive: {note}")
    console.print(f"{alert_id}: cleared; {len(pairs)} party/entry pair(s) suppressed until either side changes")


@app.command()
def suppressions(json_: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List analysts' match decisions (active and lifted)."""
    with open_graph(load_settings()) as graph:
        rows = list_suppressions(graph)
    print_rows(rows, ["party", "entry", "active", "analyst", "at", "note"],
               fmt=OutputFormat.json if json_ else OutputFormat.table, title="suppressed matches")


@app.command()
def unsuppress(
    party: str, entry: str,
    note: Annotated[str, typer.Option(help="Why the decision is reversed.")] = "",
    analyst: Annotated[str, typer.Option()] = "",
) -> None:
    """Reverse a match decision: the pair is screened again in the next run."""
    with open_graph(load_settings()) as graph:
        n = lift_suppression(graph, party=party, entry=entry, analyst=analyst or getpass.getuser(), note=note)
    if not n:
        raise EcgraphError(f"no suppression for party {party!r} and entry {entry!r}")
    console.print(f"suppression of {party} ~ {entry} lifted")
