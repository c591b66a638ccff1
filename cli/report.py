"""`ecgraph report ALERT --html`: one self-contained page to send to an experienced officer.

The page needs nothing but itself: CSS inline, label images as data: URIs, and the evidence subgraph
drawn as inline SVG (cli/evidence_picture.py: a layered layout whose captions cannot overlap).
No scripts, no web fonts, no network (a CJK font stack names the Japanese fonts systems have). Every value from the graph is HTML-escaped.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Annotated, Any

import typer

from ecgraph.cli.evidence_picture import FONT_STACK, evidence_svg, list_name, node_title, primary_label
from ecgraph.cli.evidence_text import (
    evidence_rows,
    findings_of,
    group_findings,
    other_findings,
    plain_text,
    risk_summary,
)
from ecgraph.cli.explain_ecommerce import ORDER_COLUMNS, order_row
from ecgraph.cli.output import console, print_json
from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.alerts import alert_by_id, alert_events
from ecgraph.graph.analyst import declaration_overview
from ecgraph.graph.ecommerce import declaration_orders
from ecgraph.schemas.errors import EcgraphError

__all__ = ["evidence_svg", "render_report", "report_command"]  # evidence_svg: re-exported

IMAGE_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "BMP": "image/bmp", "TIFF": "image/tiff"}
MAX_IMAGE_BYTES = 5_000_000  # a report is mailed: larger label images are linked by hash, not embedded

CSS = """
body{font-family:FONTS;margin:2em auto;max-width:60em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;
vertical-align:top;font-size:.9em}th{background:#f4f4f4}.sev{font-weight:bold;padding:.1em .5em;border-radius:.3em;color:#fff}
.CRITICAL{background:#922B21}.HIGH{background:#E74C3C}.MEDIUM{background:#F39C12}.LOW{background:#7F8C8D}
svg{border:1px solid #ddd;background:#fff;max-width:100%;height:auto}img.label{max-width:45%;margin:.3em;border:1px solid #ccc}
.muted{color:#777;font-size:.85em}
""".replace("FONTS", FONT_STACK)


def _image_tag(image: dict[str, Any]) -> str:
    path = Path(str(image.get("path") or ""))
    mime = IMAGE_MIME.get(str(image.get("format") or "").upper())
    if mime is None or not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
        return f'<p class="muted">image {escape(str(image.get("sha256")))} not embedded (missing, too large or unknown format)</p>'
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img class="label" alt="label image {escape(str(image.get("sha256")))}" src="data:{mime};base64,{data}">'


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    if not rows:
        return '<p class="muted">none</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(_text(row.get(c)))}</td>" for c in columns) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return plain_text(value)
    return str(value)


def _why(alert: dict[str, Any]) -> list[str]:
    """One paragraph per party (grouped list matches), resemblances apart; else the rule's explanation."""
    groups = group_findings(findings_of(alert))
    if not groups:
        return [f"<p>{escape(str(alert.get('explanation') or ''))}</p>"]
    out = [f"<p>{escape(group.sentence(with_similar=False))}</p>" for group in groups]
    similar = [group for group in groups if group.similar]
    out += [f'<p class="muted">Not evidence of this alert — {escape(group.declared)} is also similar to '
            f"{escape(group.similar_text())}</p>" for group in similar]
    return out


def _evidence_tables(alert: dict[str, Any], evidence: dict[str, Any]) -> list[str]:
    out = []
    matched = evidence_rows(alert)
    if matched:
        out.append(_table(matched, ["kind", "field", "declaration says", "list says", "list", "score", "how"]))
    others = other_findings(alert)
    if others:
        out.append(_table(others, ["finding", "details"]))
    nodes = [{"kind": primary_label(n), "what": node_title(n),
              "list": list_name(str(n.get("properties", {}).get("list") or "")) if primary_label(n) == "ListEntry" else "",
              "id": n.get("properties", {}).get("id") or n.get("properties", {}).get("key") or ""}
             for n in evidence.get("nodes", [])]
    out.append(_table(nodes, ["kind", "what", "list", "id"]))
    return out


def render_report(alert: dict[str, Any], events: list[dict[str, Any]], overview: dict[str, Any] | None) -> str:
    """The whole HTML page for one alert."""
    evidence = alert.get("evidence") or {"nodes": [], "relationships": []}
    if isinstance(evidence, str):
        evidence = json.loads(evidence)
    severity = str(alert.get("severity", ""))
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           f"<title>ecgraph alert {escape(str(alert['id']))}</title><style>{CSS}</style></head><body>",
           (f"<h1>Alert {escape(str(alert['id']))} "
            f'<span class="sev {escape(severity)}">{escape(severity)}</span></h1>'),
           _table([{"rule": f"{alert.get('rule_id')}.v{alert.get('rule_version')} {alert.get('rule_name') or ''}",
                    "declaration": alert.get("declaration"), "score": alert.get("score"),
                    "status": alert.get("status"), "sources": alert.get("source")}],
                  ["rule", "declaration", "score", "status", "sources"]),
           "<h2>Why</h2>", *_why(alert),
           "<h2>Evidence</h2>", evidence_svg(alert, evidence), *_evidence_tables(alert, evidence)]
    if overview is not None:
        declaration = overview["declaration"]
        risk = overview["risk"]
        out += ["<h2>Declaration</h2>",
                _table([{"number": declaration.get("number"), "date": declaration.get("date"),
                         "destination": overview["destination"], "value": declaration.get("value"),
                         "risk": f"{risk['level'] or ''} {risk['score'] if risk['score'] is not None else ''}",
                         "why": risk_summary(risk["explanation"])}], ["number", "date", "destination", "value", "risk", "why"]),
                _table([{**p, "matches": [f"{m['entry']} {m['name']} ({m['score']:.2f})" for m in p["matches"]]}
                        for p in overview["parties"]], ["role", "name", "country", "matches"]),
                _table(overview["items"], ["seq", "hs_code", "description", "quantity", "unit", "value"])]
        orders = overview.get("orders") or []
        if orders:  # a small-parcel (ECM) declaration: the marketplace orders its parcels carried (issue 20)
            out += ["<h2>E-commerce orders behind this declaration</h2>",
                    _table([order_row(o) for o in orders], ORDER_COLUMNS),
                    *(f'<p class="muted">parcel {escape(str(o["tracking_number"]))} linked by '
                      f'{escape(str(o["link_method"]))}: {escape(str(o["link_explanation"] or ""))}</p>' for o in orders)]
        out += ["<h2>Other alerts on this declaration</h2>",
                _table([a for a in overview["alerts"] if a["id"] != alert["id"]],
                       ["severity", "rule_id", "status", "explanation"])]
        captures = overview["captures"]
        if captures:
            out.append("<h2>Label captures</h2>")
            for capture in captures:
                out.append(f"<p>{escape(capture['id'])}: officer {escape(str(capture.get('officer') or '?'))}, "
                           f"{escape(str(capture.get('captured_at') or ''))}, OCR confidence "
                           f"{escape(str(capture.get('confidence')))}</p>")
                out += [_image_tag(image) for image in capture["images"]]
                out.append(_table(capture["contradictions"], ["field", "on_label"]))
    out += ["<h2>Audit trail</h2>", _table(events, ["at", "analyst", "from", "to", "note"]),
            f'<p class="muted">Generated by ecgraph on {datetime.now(UTC).isoformat(timespec="seconds")}.</p>',
            "</body></html>"]
    return "\n".join(out)


def report_command(
    alert_id: Annotated[str, typer.Argument(help="The alert id (`ecgraph alerts list` shows them).")],
    html: Annotated[bool, typer.Option("--html", help="Write a self-contained HTML page (the default).")] = True,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Where to write (default: alert-<id>.html).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print {alert, path, bytes} after writing.")] = False,
) -> None:
    """Write a self-contained HTML report of an alert to send to an experienced officer: the alert and
    its explanation, a picture of the evidence subgraph, the declaration with its parties and goods, the
    e-commerce orders behind a small-parcel declaration (order, accounts, parcel), label images, and the
    audit trail. No scripts or links to load: it opens anywhere, offline.

    Exit codes: 0 written; 1 no such alert, the file cannot be written, or the database is unreachable;
    2 usage error.

    Examples:

      ecgraph report 3f2a9c… --html

      ecgraph report 3f2a9c… --html --out /tmp/alert.html
    """
    with open_graph(load_settings()) as graph:
        alert = alert_by_id(graph, alert_id)
        if alert is None:
            raise EcgraphError(f"no alert {alert_id!r}; `ecgraph alerts list` shows the ids")
        events = alert_events(graph, alert_id)
        overview = declaration_overview(graph, str(alert.get("declaration")))
        if overview is not None:  # the order, accounts and parcel behind an ECM declaration
            overview["orders"] = declaration_orders(graph, str(alert.get("declaration")))
    page = render_report(dict(alert), [dict(event) for event in events], overview)
    target = out or Path(f"alert-{alert_id}.html")
    try:
        target.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise EcgraphError(f"cannot write the report to {target}: {exc.strerror}; choose another --out") from exc
    if as_json:
        print_json({"alert": alert_id, "path": str(target), "bytes": len(page.encode("utf-8"))})
    else:
        console.print(f"wrote {target} ({len(page.encode('utf-8')) // 1024 + 1} KiB)", highlight=False)
