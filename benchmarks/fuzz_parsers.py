"""Fuzz every parser a stranger's bytes reach (issue 16): 0 unhandled exceptions is the figure to keep.

Each parser gets inputs from hypothesis: a real seed file (committed fixtures) cut, spliced with random
bytes and with bytes flipped, plus wholly random bytes. "Handled" means the parser's documented outcome:
records it yields (bad ones carrying reasons, or rejected through `ParseContext.reject`) or its
documented error type (`SourceError` for a file whose structure is wrong, `QueryRefused` for Cypher).
Anything else is an unhandled exception and is printed with the input that raised it.

    python -m benchmarks.fuzz_parsers --examples 100000      # the soak figure (make soak)
    python -m benchmarks.fuzz_parsers --examples 300         # what make test runs
"""

from __future__ import annotations

import argparse
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ecgraph.graph.read_only import QueryRefused, _scan
from ecgraph.ingest.declarations.csv_flat import read_csv
from ecgraph.ingest.declarations.jsonl import read_jsonl
from ecgraph.ingest.declarations.map import content_hash
from ecgraph.ingest.declarations.source_record import SourceRecord
from ecgraph.ingest.declarations.validate import validate_declaration
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError

__all__ = ["PARSERS", "FuzzReport", "fuzz_parser", "main"]

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def _declarations(reader: Callable[[Path], Iterator[SourceRecord]]) -> Callable[[Path], None]:
    def parse(path: Path) -> None:
        for source in reader(path):
            if source.record is not None and not source.reasons and not validate_declaration(source.record):
                content_hash(source.record)

    return parse


def _list_source(source_id: str, role: str) -> Callable[[Path], None]:
    def parse(path: Path) -> None:
        for _ in get_source(source_id).parse({role: path}, ParseContext(source_id)):
            pass

    return parse


def _cypher(path: Path) -> None:
    _scan(path.read_bytes().decode("utf-8", "replace"))


def _seed_declarations(fmt: str) -> bytes:
    from ecgraph.demo.declarations import generate

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"seed.{fmt}"
        generate(5, 7, out, fmt=fmt)
        return out.read_bytes()


@dataclass(frozen=True)
class Parser:
    name: str
    parse: Callable[[Path], None]
    seed: Callable[[], bytes]
    handled: tuple[type[BaseException], ...] = (SourceError,)


PARSERS: dict[str, Parser] = {
    "declarations_jsonl": Parser("declarations_jsonl", _declarations(read_jsonl), lambda: _seed_declarations("jsonl")),
    "declarations_csv": Parser("declarations_csv", _declarations(read_csv), lambda: _seed_declarations("csv")),
    "os_ftm": Parser("os_ftm", _list_source("os_ftm", "entities"),
                     lambda: (FIXTURES / "os_ftm" / "sample.ftm.json").read_bytes()),
    "un_sc_sanctions": Parser("un_sc_sanctions", _list_source("un_sc_sanctions", "xml"),
                              lambda: (FIXTURES / "un_sc_sanctions" / "consolidated.xml").read_bytes()[:40_000]),
    "us_trade_csl": Parser("us_trade_csl", _list_source("us_trade_csl", "csv"),
                           lambda: (FIXTURES / "us_trade_csl" / "consolidated.csv").read_bytes()[:40_000]),
    "cypher_scan": Parser("cypher_scan", _cypher,
                          lambda: (FIXTURES / "cypher_attacks" / "payloads.jsonl").read_bytes(), (QueryRefused,)),
}


@dataclass
class FuzzReport:
    parser: str
    inputs: int = 0
    handled_errors: int = 0
    unhandled: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    """A seed cut, spliced and flipped; or random bytes."""
    n = len(seed)

    def splice(cut: int, length: int, insert: bytes) -> bytes:
        return seed[:cut] + insert + seed[cut + length:]

    def flip(positions: list[int], value: int) -> bytes:
        data = bytearray(seed)
        for p in positions:
            data[p % n] = value
        return bytes(data)

    return st.one_of(
        st.integers(0, n).map(lambda k: seed[:k]),
        st.builds(splice, st.integers(0, n), st.integers(0, 64), st.binary(max_size=64)),
        st.builds(flip, st.lists(st.integers(0, max(n - 1, 0)), min_size=1, max_size=8), st.integers(0, 255)),
        st.binary(max_size=512),
    )


def fuzz_parser(parser: Parser, examples: int, workdir: Path, budget_seconds: float | None = None) -> FuzzReport:
    """`examples` inputs (in rounds of at most 2,000 fresh hypothesis examples), or as many as fit in
    `budget_seconds`: the report says exactly how many ran."""
    report = FuzzReport(parser.name)
    seed = parser.seed()
    path = workdir / f"{parser.name}.input"
    strategy = _mutations(seed)

    def one(data: bytes) -> None:
        report.inputs += 1
        path.write_bytes(data)
        try:
            parser.parse(path)
        except parser.handled:
            report.handled_errors += 1
        except Exception:  # noqa: BLE001 - counting what escapes is the point
            if len(report.unhandled) < 20:
                report.unhandled.append(f"{data[:200]!r}\n{traceback.format_exc(limit=4)}")
            else:
                report.unhandled.append("…")

    started = time.perf_counter()
    while report.inputs < examples:
        if budget_seconds is not None and time.perf_counter() - started > budget_seconds:
            break
        round_size = min(2000, examples - report.inputs)
        run = settings(max_examples=round_size, database=None, deadline=None,
                       suppress_health_check=list(HealthCheck), phases=(Phase.generate,))(given(strategy)(one))
        run()
    report.seconds = round(time.perf_counter() - started, 1)
    return report


def main(argv: list[str] | None = None) -> list[FuzzReport]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--examples", type=int, default=100_000, help="inputs per parser")
    parser.add_argument("--parsers", default=",".join(PARSERS), help="which parsers (comma-separated)")
    parser.add_argument("--budget-seconds", type=float, default=None,
                        help="stop each parser after this long (the report gives the inputs that ran)")
    args = parser.parse_args(argv)
    reports = []
    with tempfile.TemporaryDirectory(prefix="ecgraph-fuzz-") as tmp:
        print(f"{'parser':<20}{'inputs':>10}{'handled err':>13}{'unhandled':>11}{'seconds':>9}{'inputs/s':>10}")
        for name in args.parsers.split(","):
            report = fuzz_parser(PARSERS[name], args.examples, Path(tmp), args.budget_seconds)
            reports.append(report)
            rate = report.inputs / max(report.seconds, 1e-9)
            print(f"{report.parser:<20}{report.inputs:>10}{report.handled_errors:>13}{len(report.unhandled):>11}"
                  f"{report.seconds:>9.1f}{rate:>10.0f}", flush=True)
            for failure in report.unhandled[:3]:
                print("  unhandled:", failure)
    return reports


if __name__ == "__main__":
    main()
