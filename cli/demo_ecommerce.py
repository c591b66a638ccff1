"""The e-commerce part of `ecgraph demo run`: an operator feed behind the demo's small-parcel declarations.

Kept apart from cli/demo.py so the demo job only calls three functions: load the feed (generated once,
deterministic by seed), link it after party screening, and show its alerts with their order evidence.
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.markup import escape

from ecgraph.cli.output import console, err_console
from ecgraph.graph.connection import Graph
from ecgraph.graph.settings import Settings

__all__ = ["DEMO_ORDERS", "link_ecommerce_demo", "load_ecommerce_demo", "show_ecommerce_alerts"]

DEMO_ORDERS = 400


def _step(title: str, started: float) -> None:
    err_console.print(f"[green]✓[/] {title} [dim]({time.perf_counter() - started:.1f} s)[/]", highlight=False)


def load_ecommerce_demo(graph: Graph, settings: Settings, demo_dir: Path, seed: int) -> None:
    """Generate (once) and load the demo operator's ECM declarations and order feed."""
    from ecgraph.demo.ecommerce import DEMO_GENERATOR, OPERATOR, generate_feed
    from ecgraph.ingest.declarations.load import load_file
    from ecgraph.ingest.ecommerce import ContactHasher, load_or_create_key, load_orders

    started = time.perf_counter()
    out = demo_dir / f"orders-{DEMO_ORDERS}-seed{seed}-{DEMO_GENERATOR.rsplit('.', 1)[-1]}.jsonl"
    declarations = out.with_name(out.name + ".declarations.jsonl")
    if not out.exists() or not declarations.exists():
        generate_feed(DEMO_ORDERS, seed, out)
    loaded = load_file(graph, declarations, state_dir=demo_dir / "state")
    hasher = ContactHasher(load_or_create_key(settings.config_dir))
    orders = load_orders(graph, out, operator=OPERATOR, hasher=hasher, state_dir=demo_dir / "state")
    _step(f"e-commerce feed {escape(str(out))}: ECM declarations {loaded.counts}, orders {orders.counts}", started)


def link_ecommerce_demo(graph: Graph, settings: Settings) -> None:
    from ecgraph.rules.ecommerce import link_ecommerce

    started = time.perf_counter()
    report = link_ecommerce(graph, settings.index_dir)
    p, a, i = report.parcels, report.accounts, report.items
    _step(f"e-commerce links: {p.by_tracking + p.by_evidence} parcels → declarations ({p.by_evidence} by evidence), "
          f"{a.matched_to_lists} accounts match list entries, {i.with_controls} items have control candidates",
          started)


def show_ecommerce_alerts(graph: Graph, show: int = 5) -> None:
    """Print e-commerce alerts with the order, buyer account and parcel on their evidence."""
    from ecgraph.graph.ecommerce import ecommerce_alerts

    alerts = ecommerce_alerts(graph, limit=1000)
    by_rule: dict[str, int] = {}
    for alert in alerts:
        by_rule[alert["rule_id"]] = by_rule.get(alert["rule_id"], 0) + 1
    console.print(f"\n[bold]{len({a['id'] for a in alerts})} e-commerce alerts[/] (rules/packs/ecommerce.yaml): "
                  + ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items())))
    seen: set[str] = set()
    for alert in alerts:
        if alert["rule_id"] in seen or len(seen) >= show:
            continue
        seen.add(alert["rule_id"])
        console.print(f"  [bold]{alert['severity']:<8}[/] {alert['rule_id']}  declaration {alert['declaration']}  "
                      f"order {escape(str(alert['order']))}  buyer {escape(str(alert['account']))}  "
                      f"parcel {alert['parcel']}\n           {escape(alert['explanation'][:160])}", highlight=False)
    if alerts:
        console.print(f"  `ecgraph explain {alerts[0]['declaration']}` shows the order, accounts and parcel.")
