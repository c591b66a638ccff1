"""`ecgraph demo`: the end-to-end job `make demo` runs on the bundled snapshot of real public data.

Start the database, load every list source and the control lists from `data/`, generate demo
declarations with planted red flags (once, deterministic by seed), load them and their ownership
statements, screen, and show the alerts with the Browser URL. Re-running changes nothing and is fast
where the sources allow it (same list versions write nothing; loaded declarations are unchanged).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ecgraph.cli.db import start as db_start
from ecgraph.cli.display_names import update_display_names
from ecgraph.cli.evidence_text import alert_summary
from ecgraph.cli.output import console, err_console
from ecgraph.graph import ensure_schema, load_settings, local_credentials, local_server, open_graph

# The MOFA PDFs in the snapshot are update notices carrying only the latest additions (Russia: entries
# 560-561; third countries: 48-56); the demo screens against the cumulative lists, which the snapshot
# holds as text extractions beside them (data/PROVENANCE.md).
CUMULATIVE_FILES = {
    "jp_mofa_russia_specified": "sanctions/jp_meti/opensanctions_250912_list_russia_tokutei.pdf.txt",
    "jp_mofa_third_country_specified": "sanctions/jp_meti/opensanctions_250912_list_daisangoku_tokutei.pdf.txt",
}

app = typer.Typer(
    help="""The demonstration job: start the database, load the bundled real data, screen, show the alerts.

Examples:

  ecgraph demo run                         # what `make demo` runs

  ecgraph demo run --declarations 5000     # a bigger generated workload

  ecgraph demo generate -n 1000 --seed 7 --out demo.jsonl
""",
    no_args_is_help=True,
)


def _step(title: str, started: float) -> None:
    err_console.print(f"[green]✓[/] {title} [dim]({time.perf_counter() - started:.1f} s)[/]", highlight=False)


@app.command()
def run(
    start_server: Annotated[bool, typer.Option("--start/--no-start", help="Start the local server first.")] = True,
    declarations: Annotated[int, typer.Option(help="How many demo declarations to generate (once).")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the demo generator.")] = 7,
    show: Annotated[int, typer.Option(help="How many alerts to print.")] = 15,
) -> None:
    """Load the bundled data, generate and load demo declarations, screen, and print the alerts."""
    # imported here: every `ecgraph` command would otherwise pay for loading all of ingest and the rules
    from ecgraph.graph.alerts import list_alerts
    from ecgraph.graph.lists import name_index_filled_after
    from ecgraph.graph.ownership import write_ownership
    from ecgraph.graph.reference import count_countries, write_countries
    from ecgraph.ingest.controls.load import load_all_controls
    from ecgraph.ingest.declarations.load import load_file
    from ecgraph.ingest.lists import load_list
    from ecgraph.ingest.ownership import parse_bods
    from ecgraph.ingest.reference import country_rows
    from ecgraph.ingest.registry import SOURCES
    from ecgraph.ingest.snapshot import snapshot_dir
    from ecgraph.rules.engine import new_and_rematched, screen
    from ecgraph.rules.resolution import screen_parties

    settings = load_settings()
    if start_server and settings.managed:
        db_start()
    with open_graph(settings) as graph:
        ensure_schema(graph)
        t = time.perf_counter()
        write_countries(graph, country_rows())
        _step(f"reference data: {count_countries(graph)} countries", t)
        with name_index_filled_after(graph):  # a first load fills the name search index once, at the end
            for source_id in SOURCES:
                t = time.perf_counter()
                cumulative = CUMULATIVE_FILES.get(source_id)
                report = load_list(graph, source_id, data_dir=settings.data_dir,
                                   file=snapshot_dir() / cumulative if cumulative else None)
                _step(f"list {source_id}: version {report.version} {getattr(report, 'status', '')}", t)
        t = time.perf_counter()
        load_all_controls(graph)
        _step("control lists, HS 2022, CHPL, country groups, indicator terms", t)
        demo_dir = settings.data_dir / "demo"
        from ecgraph.demo.declarations import GENERATOR
        from ecgraph.demo.declarations import generate as generate_declarations

        # the generator's version in the name: a newer generator never reuses an older one's file
        out = demo_dir / f"declarations-{declarations}-seed{seed}-{GENERATOR.rsplit('.', 1)[-1]}.jsonl"
        t = time.perf_counter()
        if not out.exists():
            generate_declarations(declarations, seed, out)
        loaded = load_file(graph, out, state_dir=demo_dir / "state")
        _step(f"declarations {escape(str(out))}: {loaded.counts}", t)
        from ecgraph.cli.demo_ecommerce import link_ecommerce_demo, load_ecommerce_demo, show_ecommerce_alerts

        load_ecommerce_demo(graph, settings, demo_dir, seed)
        t = time.perf_counter()
        from ecgraph.rules.classify import classify_items  # spaCy: loaded only when used

        classified = classify_items(graph)
        _step(f"classification: {classified.items_with_suggestions} of {classified.items} goods items have "
              f"candidate control entries", t)
        t = time.perf_counter()
        facts = parse_bods(Path(str(out) + ".bods.json"))
        write_ownership(graph, list(facts.parties.values()), facts.edges, facts.officers, facts.identifiers)
        _step(f"ownership statements: {len(facts.edges)} edges", t)
        t = time.perf_counter()
        matched = screen_parties(graph, cache_dir=settings.index_dir)
        _step(f"party screening: {matched.matched_parties} parties match list entries", t)
        link_ecommerce_demo(graph, settings)
        t = time.perf_counter()
        screening = screen(graph, mode="new", declarations=new_and_rematched(graph, matched.parties_changed))
        _step(f"rules: {screening.declarations} declarations screened", t)
        t = time.perf_counter()
        shortened = update_display_names(graph)
        _step(f"short captions for Neo4j Browser: {shortened} parties and list entries", t)
        alerts = list_alerts(graph, statuses=["open", "in_review", "escalated"], limit=100_000)
    by_severity = Counter(a["severity"] for a in alerts)
    console.print(f"\n[bold]{len(alerts)} open alerts[/]: " + ", ".join(
        f"{sev} {by_severity[sev]}" for sev in ("CRITICAL", "HIGH", "MEDIUM", "LOW") if by_severity[sev]))
    for alert in alerts[:show]:
        console.print(f"  [bold]{alert['severity']:<8}[/] {alert['rule_id']}  {alert['declaration']}  "
                      f"{escape(alert_summary(alert))}", highlight=False)
    with open_graph(settings) as graph:
        show_ecommerce_alerts(graph)
    console.print("\nNext: `ecgraph alerts list`, `ecgraph alerts show ID`, `ecgraph rules list`.")
    if settings.managed:
        server = local_server(settings, resolve=False)
        creds = local_credentials(settings, create=False)
        console.print(f"Neo4j Browser: {server.browser_url}  (bolt://localhost:{server.bolt_port}, user "
                      f"{creds.user if creds else 'neo4j'}, password {creds.password if creds else '?'})")


from ecgraph.cli.demo_generate import generate as _generate

app.command("generate")(_generate)
