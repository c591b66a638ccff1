"""Declarations load: ecgraph (validating every record) vs Neo4j's own LOAD CSV, same data, same run.

    .venv/bin/python -m benchmarks.declarations_load [--declarations 100000] [--seed 42] [--batch-size 2000]

Generates the declarations once (cached under /tmp/ecgraph-bench), starts a throwaway Neo4j of its
own, then loads into a clean graph: (1) `ecgraph` from the JSON Lines file, (2) `ecgraph` from the
flat CSV, (3) `LOAD CSV … CALL { … } IN TRANSACTIONS` of the same CSV building the same nodes and
relationships (without validation, normalised keys or history). Prints declarations/s and ratios.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from benchmarks._server import throwaway_server
from ecgraph.demo.declarations import generate
from ecgraph.graph import Graph, apply_schema
from ecgraph.graph.declarations import count_declarations
from ecgraph.ingest.declarations import load_file

CACHE = Path("/tmp/ecgraph-bench")

LOAD_CSV = """
LOAD CSV WITH HEADERS FROM $url AS row
CALL (row) {
  MERGE (d:Declaration {number: row.declaration_number})
  SET d.version = toInteger(row.version), d.date = date(row.declaration_date), d.destination = row.destination_country,
      d.value = toFloat(row.invoice_value), d.currency = row.currency, d.transport_mode = row.transport_mode,
      d.port_of_loading = row.port_of_loading, d.invoice_number = row.invoice_number
  MERGE (c:Country {iso2: row.destination_country})
  MERGE (d)-[:DESTINED_TO]->(c)
  MERGE (x:Party {key: CASE WHEN row.exporter_corporate_number <> '' THEN 'jpcn:' + row.exporter_corporate_number
                       ELSE 'name:' + toLower(row.exporter_name) + '|' + row.exporter_country END})
  ON CREATE SET x.name = row.exporter_name, x.country = row.exporter_country
  MERGE (d)-[:EXPORTER]->(x)
  MERGE (y:Party {key: 'name:' + toLower(row.consignee_name) + '|' + coalesce(row.consignee_country, '')})
  ON CREATE SET y.name = row.consignee_name, y.country = row.consignee_country
  MERGE (d)-[:CONSIGNEE]->(y)
  FOREACH (_ IN CASE WHEN row.consignee_address <> '' THEN [1] ELSE [] END |
    MERGE (a:Address {id: 'csv:' + toLower(row.consignee_address)}) ON CREATE SET a.raw = row.consignee_address
    MERGE (y)-[:LOCATED_AT]->(a))
  FOREACH (_ IN CASE WHEN row.declarant_name <> '' THEN [1] ELSE [] END |
    MERGE (p:Party {key: 'jpcn:' + row.declarant_corporate_number}) ON CREATE SET p.name = row.declarant_name
    MERGE (d)-[:DECLARANT]->(p))
  FOREACH (_ IN CASE WHEN row.end_user_name <> '' THEN [1] ELSE [] END |
    MERGE (p:Party {key: 'name:' + toLower(row.end_user_name) + '|' + coalesce(row.end_user_country, '')})
    ON CREATE SET p.name = row.end_user_name
    MERGE (d)-[:END_USER]->(p))
  FOREACH (_ IN CASE WHEN row.notify_party_name <> '' THEN [1] ELSE [] END |
    MERGE (p:Party {key: 'name:' + toLower(row.notify_party_name) + '|' + coalesce(row.notify_party_country, '')})
    ON CREATE SET p.name = row.notify_party_name
    MERGE (d)-[:NOTIFY_PARTY]->(p))
  FOREACH (_ IN CASE WHEN row.freight_forwarder_name <> '' THEN [1] ELSE [] END |
    MERGE (p:Party {key: 'jpcn:' + row.freight_forwarder_corporate_number}) ON CREATE SET p.name = row.freight_forwarder_name
    MERGE (d)-[:FORWARDER]->(p))
  MERGE (i:GoodsItem {id: row.declaration_number + ':' + row.item_seq})
  SET i.seq = toInteger(row.item_seq), i.hs_code = row.hs_code, i.description = row.description,
      i.quantity = toFloat(row.quantity), i.unit = row.unit, i.net_kg = toFloat(row.net_weight_kg),
      i.value = toFloat(row.item_value), i.origin = row.origin_country
  MERGE (d)-[:HAS_ITEM]->(i)
  MERGE (h:HSCode {code: left(row.hs_code, 6)})
  MERGE (i)-[:CLASSIFIED_AS]->(h)
} IN TRANSACTIONS OF 2000 ROWS
"""


def _wipe(graph: Graph) -> None:
    """Empty the graph in small transactions (relationships first: dense nodes would blow the memory pool)."""
    graph.write_autocommit("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS")
    graph.write_autocommit("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS")
    apply_schema(graph)


def _files(n: int, seed: int, *, flat_too: bool = True) -> tuple[Path, Path]:
    """The generated JSON Lines file and its flat CSV twin (generated only with `flat_too`)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    jsonl, flat = CACHE / f"declarations-{n}-s{seed}.jsonl", CACHE / f"declarations-{n}-s{seed}.csv"
    for path, fmt in ((jsonl, "jsonl"), (flat, "csv"))[:2 if flat_too else 1]:
        if not path.exists():
            started = time.perf_counter()
            generate(n, seed, path, fmt=fmt)
            print(f"generated {path} in {time.perf_counter() - started:.1f}s", flush=True)
    return jsonl, flat


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--declarations", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each loader; the median is reported")
    parser.add_argument("--loaders", default="jsonl,csv,loadcsv", help="which loaders to run (comma-separated)")
    args = parser.parse_args(argv)
    jsonl, flat = _files(args.declarations, args.seed)
    records = sum(1 for _ in jsonl.open("rb"))
    wanted = set(args.loaders.split(","))
    timings: dict[str, list[float]] = {"ecgraph jsonl": [], "ecgraph csv": [], "LOAD CSV": []}
    with (throwaway_server(prefix="ecgraph-bench-declarations-", import_dir=True) as bench,
          bench.graph() as graph):
        # LOAD CSV reads only the server's confined import folder; its file URLs are relative to it.
        assert bench.server.import_dir is not None
        shutil.copy(flat, bench.server.import_dir / "declarations.csv")
        csv_url = "file:///declarations.csv"
        for _ in range(args.repeat):
            if "loadcsv" in wanted:  # first, on the fresh database
                _wipe(graph)
                started = time.perf_counter()
                graph.write_autocommit(LOAD_CSV, url=csv_url)
                timings["LOAD CSV"].append(time.perf_counter() - started)
                print(f"LOAD CSV: {timings['LOAD CSV'][-1]:.1f}s {count_declarations(graph)}", flush=True)
            for name, path, fmt in (("ecgraph jsonl", jsonl, "jsonl"), ("ecgraph csv", flat, "csv")):
                if fmt not in wanted:
                    continue
                _wipe(graph)
                result = load_file(graph, path, state_dir=bench.home / "state", fmt=fmt, batch_size=args.batch_size)
                timings[name].append(result.seconds)
                print(f"{name}: {result.seconds:.1f}s {result.counts} {count_declarations(graph)}", flush=True)
    timings = {k: v for k, v in timings.items() if v}
    baseline = statistics.median(timings["LOAD CSV"]) if "LOAD CSV" in timings else float("nan")
    print(f"\n{records:,} declaration records ({args.declarations:,} declarations + amendments), "
          f"batch size {args.batch_size}, median of {args.repeat}")
    print(f"{'loader':<16}{'seconds':>10}{'decl/s':>10}{'vs LOAD CSV':>14}")
    for name, values in timings.items():
        seconds = statistics.median(values)
        print(f"{name:<16}{seconds:>10.1f}{records / seconds:>10,.0f}{baseline / seconds:>13.2f}x")


if __name__ == "__main__":
    main()
