"""Rule quality on the independent scenario set (benchmarks/data/rule_scenarios), dev and sealed side by side.

The scenario set was written from the legal texts, the real lists and the rule catalogue by someone who
never read ecgraph's code (README.md beside it). This loads the bundled control lists and the lists the set
draws parties from, each split's declarations and BODS ownership, matches parties, screens, and compares
the alerts with truth.csv:

- recall: planted declarations on which at least one expected clause fired (an alert of that rule at
  MEDIUM or above; LOW is score only, catalogue §0.1), overall and per clause;
- false alerts: negatives (hard and plain) with any alert at MEDIUM or above, overall and per rule;
- beside them, the generator-planted numbers: the project's own generator (`ecgraph demo generate`) with
  its truth file, recall and precision per planted flag (what tests/rules/engine/test_demo_truth.py pins).

Tune on dev only: `--splits dev` loads nothing of sealed. The sealed split is only ever read here.

    python -m benchmarks.rules_scenarios                       # throwaway Neo4j, dev + sealed + generator
    python -m benchmarks.rules_scenarios --splits dev --no-generator
    python -m benchmarks.rules_scenarios --use-current         # the server ECGRAPH_* / NEO4J_* point at
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks._server import throwaway_server
from ecgraph.cli.demo import CUMULATIVE_FILES
from ecgraph.demo.declarations import generate
from ecgraph.graph import Graph, apply_schema, load_settings, open_graph
from ecgraph.graph.alerts import alerts_for_declarations, list_alerts
from ecgraph.graph.ownership import write_ownership
from ecgraph.ingest.controls.load import load_all_controls
from ecgraph.ingest.declarations.load import load_file
from ecgraph.ingest.declarations.map import party_key
from ecgraph.ingest.lists import load_list
from ecgraph.ingest.ownership import parse_bods
from ecgraph.ingest.snapshot import snapshot_dir
from ecgraph.rules.engine import screen
from ecgraph.rules.resolution import screen_parties

DATA = Path(__file__).resolve().parent / "data" / "rule_scenarios"
# the lists the scenario set draws its parties from (README "How the cases were written")
LISTS = ("us_trade_csl", "un_sc_sanctions", "us_dod_1260h", "jp_meti_end_user_list", "jp_mofa_russia_specified",
         "jp_mofa_belarus_specified", "jp_mofa_third_country_specified", "jp_mof_asset_freeze")
ALERTING = ("MEDIUM", "HIGH", "CRITICAL")
OPEN = ["open", "in_review", "escalated"]
# the generator's planted flags and the rule that must report each (tests/rules/engine/test_demo_truth.py)
GENERATOR_FLAGS = {
    "PS01_LISTED_PARTY": "PS-01", "PS02_SHARED_ADDRESS": "PS-02", "PS05_NETWORK_NEIGHBOUR": "PS-05",
    "CL04_CHPL_TO_HUB": "CL-04", "RF02_INTERMEDIARY_END_USER": "RF-02", "RF07_VAGUE_DESCRIPTION": "RF-07",
    "RF08_SPLIT_SHIPMENT": "RF-08", "RF09_ECOMMERCE_PARCEL": "RF-09", "RF12_LATE_AMENDMENT": "RF-12",
}


@dataclass
class Truth:
    kind: str
    expected: set[str]
    note: str


@dataclass
class SplitResult:
    planted: int = 0
    recalled: int = 0
    any_alert: int = 0
    negatives: int = 0
    false_alerts: int = 0
    per_clause: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # [found, expected]
    per_rule_false: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)
    clause_misses: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    loud_negatives: list[str] = field(default_factory=list)


def read_truth(split: str) -> dict[str, Truth]:
    with (DATA / split / "truth.csv").open(encoding="utf-8", newline="") as handle:
        return {row["declaration_number"]: Truth(row["kind"], {c for c in row["expected_clauses"].split(";") if c},
                                                 row["note"]) for row in csv.DictReader(handle)}


_FORMS = {"limited": "ltd", "l l c": "llc", "company": "co", "corporation": "corp", "incorporated": "inc",
          "f z e": "fze", "f z c o": "fzco", "f z c": "fzc"}


def _fold(name: str) -> str:
    """Lower case, punctuation as space, and one spelling per legal form (Limited = Ltd, L.L.C. = LLC)."""
    folded = " " + " ".join(re.sub(r"[^\w]+", " ", name.lower()).split()) + " "
    for long, short in _FORMS.items():
        folded = folded.replace(f" {long} ", f" {short} ")
    return folded.strip()


def link_bods_to_declared(split: str, facts: Any) -> int:
    """The adapter the set needs: BODS names an intermediary "Silver Crane Trading Limited" while the
    declaration writes "Silver Crane Trading Ltd", and ecgraph keys a party by its written name and country
    (a registry number would join them in production). Re-key each BODS entity to the declared party with
    the same name up to punctuation and legal-form spelling, in the same country."""
    declared: dict[tuple[str, str], str] = {}
    for line in (DATA / split / "declarations.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for role in ("consignee", "end_user", "notify_party", "freight_forwarder", "exporter"):
            party = record.get(role)
            if party and party.get("name"):
                declared[(_fold(party["name"]), party.get("country") or "")] = party_key(party)
    renamed: dict[str, str] = {}
    for party in facts.parties.values():
        key = declared.get((_fold(party["name"]), party.get("country") or ""))
        if key and key != party["key"]:
            renamed[party["key"]] = key
            party["key"] = key
    for edge in facts.edges:
        edge["owner"], edge["owned"] = renamed.get(edge["owner"], edge["owner"]), renamed.get(edge["owned"], edge["owned"])
    for seat in facts.officers:
        seat["officer"], seat["company"] = renamed.get(seat["officer"], seat["officer"]), renamed.get(seat["company"], seat["company"])
    for ident in facts.identifiers:
        ident["party"] = renamed.get(ident["party"], ident["party"])
    return len(renamed)


def load_split(graph: Graph, split: str, state: Path) -> None:
    """Declarations as they are; BODS ownership through the ownership loader, its entities joined to the
    declared parties by the adapter above."""
    report = load_file(graph, DATA / split / "declarations.jsonl", state_dir=state / split)
    print(f"  {split}: declarations {report.counts}", flush=True)
    facts = parse_bods(DATA / split / "ownership.bods.json")
    linked = link_bods_to_declared(split, facts)
    write_ownership(graph, list(facts.parties.values()), facts.edges, facts.officers, facts.identifiers)
    print(f"  {split}: ownership {len(facts.parties)} parties ({linked} joined to declared parties), "
          f"{len(facts.edges)} edges, {len(facts.rejects)} rejected", flush=True)


def score_split(graph: Graph, truth: dict[str, Truth]) -> SplitResult:
    fired: dict[str, dict[str, str]] = defaultdict(dict)  # declaration -> rule -> severity (alerting only)
    for alert in alerts_for_declarations(graph, sorted(truth), OPEN):
        if alert["severity"] in ALERTING:
            fired[alert["declaration"]][alert["rule_id"]] = alert["severity"]
    result = SplitResult()
    for number, t in sorted(truth.items()):
        rules = fired.get(number, {})
        if t.kind == "planted":
            result.planted += 1
            result.any_alert += bool(rules)
            hit = bool(t.expected & set(rules))
            result.recalled += hit
            if not hit:
                result.misses.append(f"{number} expected {sorted(t.expected)} fired {sorted(rules)}: {t.note[:110]}")
            for clause in t.expected:
                result.per_clause[clause][1] += 1
                result.per_clause[clause][0] += clause in rules
                if clause not in rules:
                    result.clause_misses[clause].append(f"{number} fired {sorted(rules)}: {t.note[:140]}")
        else:
            result.negatives += 1
            result.false_alerts += bool(rules)
            for rule in rules:
                result.per_rule_false[rule] += 1
            if rules:
                result.loud_negatives.append(f"{number} ({t.kind}) fired {sorted(rules)}: {t.note[:110]}")
    return result


def generator_numbers(graph: Graph, work: Path, declarations: int, seed: int) -> dict[str, tuple[float, float, int]]:
    """flag -> (recall, precision, planted) on the project's own generated world."""
    out = work / "generated.jsonl"
    generate(declarations, seed, out)
    load_file(graph, out, state_dir=work / "state-generated")
    facts = parse_bods(Path(f"{out}.bods.json"))
    write_ownership(graph, list(facts.parties.values()), facts.edges, facts.officers, facts.identifiers)
    screen_parties(graph, cache_dir=work / "cache")
    screen(graph, mode="all")
    truth = json.loads(Path(f"{out}.truth.json").read_text(encoding="utf-8"))
    fired: dict[str, set[str]] = defaultdict(set)
    for alert in list_alerts(graph, statuses=["open"], limit=1_000_000):
        fired[alert["rule_id"]].add(alert["declaration"])
    numbers = {}
    for flag, rule in GENERATOR_FLAGS.items():
        planted = set(truth["flags"].get(flag, []))
        found = fired[rule] & {str(n) for n in load_numbers(out)}
        recall = len(planted & found) / len(planted) if planted else 0.0
        precision = len(planted & found) / len(found) if found else 0.0
        numbers[flag] = (recall, precision, len(planted))
    return numbers


def load_numbers(path: Path) -> set[str]:
    return {json.loads(line)["declaration_number"] for line in path.read_text(encoding="utf-8").splitlines() if line}


def pct(a: int, b: int) -> str:
    return f"{a / b:6.3f} ({a}/{b})" if b else "     – (0/0)"


def report(results: dict[str, SplitResult], show_misses: bool) -> None:
    splits = list(results)
    print("\n== scenario set: " + " | ".join(splits) + " ==")
    print(f"{'':34}" + "".join(f"{s:>22}" for s in splits))
    print(f"{'recall (expected clause fired)':34}" + "".join(f"{pct(r.recalled, r.planted):>22}" for r in results.values()))
    print(f"{'recall (any alert)':34}" + "".join(f"{pct(r.any_alert, r.planted):>22}" for r in results.values()))
    print(f"{'false-alert rate of negatives':34}" + "".join(f"{pct(r.false_alerts, r.negatives):>22}" for r in results.values()))
    clauses = sorted({c for r in results.values() for c in r.per_clause} | {c for r in results.values() for c in r.per_rule_false})
    print("\nper rule: recall of planted declarations expecting it | negatives it alerted on")
    print(f"{'rule':8}" + "".join(f"{s + ' recall':>20}{s + ' false':>14}" for s in splits))
    for clause in clauses:
        line = f"{clause:8}"
        for r in results.values():
            found, expected = r.per_clause.get(clause, [0, 0])
            line += f"{pct(found, expected):>20}{r.per_rule_false.get(clause, 0):>14}"
        print(line)
    if show_misses:
        for split, r in results.items():
            print(f"\n{split}: planted declarations missed ({len(r.misses)})")
            for miss in r.misses:
                print("  " + miss)
            for clause, missed in sorted(r.clause_misses.items()):
                print(f"{split}: {clause} not fired on {len(missed)} planted declarations expecting it")
                for miss in missed:
                    print("    " + miss)
            print(f"{split}: negatives with an alert ({len(r.loud_negatives)})")
            for loud in r.loud_negatives:
                print("  " + loud)


@contextmanager
def server(use_current: bool) -> Iterator[tuple[Graph, Path]]:
    if use_current:
        settings = load_settings()
        with open_graph(settings) as graph:
            yield graph, settings.data_dir
    else:
        with throwaway_server(heap="1g", pagecache="512m") as bench, bench.graph() as graph:
            yield graph, bench.settings.data_dir


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--splits", default="dev,sealed", help="comma-separated: dev, sealed")
    parser.add_argument("--use-current", action="store_true", help="use the configured server instead of a throwaway one")
    parser.add_argument("--no-generator", action="store_true", help="skip the generator-planted numbers")
    parser.add_argument("--generated", type=int, default=800, help="declarations the generator makes")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--misses", action="store_true", help="print each missed planted case and loud negative")
    args = parser.parse_args(argv)
    splits = [s for s in args.splits.split(",") if s]
    started = time.perf_counter()
    with server(args.use_current) as (graph, data_dir), tempfile.TemporaryDirectory(prefix="ecg-scenarios-") as tmp:
        work = Path(tmp)
        apply_schema(graph)
        load_all_controls(graph)
        for source in LISTS:
            # the MOFA PDFs are update notices; the cumulative lists are the text extractions beside them,
            # loaded as `ecgraph demo run` loads them (cli/demo.py CUMULATIVE_FILES)
            cumulative = CUMULATIVE_FILES.get(source)
            loaded = load_list(graph, source, data_dir=data_dir, file=snapshot_dir() / cumulative if cumulative else None)
            print(f"  list {source} version {loaded.version} loaded", flush=True)
        for split in splits:
            load_split(graph, split, work)
        screen_parties(graph, cache_dir=work / "cache")
        screen(graph, mode="all")
        results = {split: score_split(graph, read_truth(split)) for split in splits}
        generated = None if args.no_generator else generator_numbers(graph, work, args.generated, args.seed)
    report(results, args.misses)
    if generated is not None:
        print(f"\n== generator-planted ({args.generated} declarations, seed {args.seed}; same graph) ==")
        print(f"{'flag':28}{'rule':8}{'recall':>10}{'precision':>11}{'planted':>9}")
        for flag, (recall, precision, planted) in generated.items():
            print(f"{flag:28}{GENERATOR_FLAGS[flag]:8}{recall:10.3f}{precision:11.3f}{planted:9d}")
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
