"""`ecgraph search`: an analyst's query against every list, or a whole file of names screened at once."""

from __future__ import annotations

import csv
import json
import sys
from collections import deque
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from ecgraph.cli.output import console, err_console, print_json
from ecgraph.cli.search_index import load_search_index
from ecgraph.graph import load_settings, open_graph
from ecgraph.rules.resolution import (
    InvalidName,
    Match,
    MatchConfig,
    Query,
    ResolutionIndex,
    SearchOptions,
    check_name,
    query_for_names,
    search_many,
)
from ecgraph.schemas.countries import read_countries
from ecgraph.schemas.errors import SourceError

__all__ = ["search"]


class EntityKind(str, Enum):
    org = "org"
    person = "person"
    any = "any"


_TYPES = {"org": "organization", "organization": "organization", "company": "organization",
          "person": "person", "individual": "person", "any": "unknown", "": "unknown"}


def search(
    name: Annotated[str | None, typer.Argument(help="The name to look for (any script).")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", "-f", help="Screen every name in this file: one name a line (.txt), CSV or JSON Lines with "
        "name, country, type columns. Writes one JSON line per input.")] = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="Country of the query as you would write it (RU, Russia, Korea, North, 中国; several: "
        "'Russia; Belarus'), a feature.")] = None,
    kind: Annotated[EntityKind, typer.Option("--type", help="What the name is: org or person.")] = EntityKind.any,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Candidates to show per name.")] = 10,
    lists: Annotated[str | None, typer.Option(
        "--lists", help="Comma-separated list ids to search (e.g. us_trade_csl,custom:watch); default all.")] = None,
    threshold: Annotated[float | None, typer.Option(
        "--threshold", min=0.0, max=1.0, help="Minimum score; overrides ECGRAPH_MATCH_THRESHOLD(S).")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild-index", help="Rebuild the cached index first.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (always JSON Lines with --file).")] = False,
) -> None:
    """Search every list for a name, or screen a file of names (customers, suppliers).

    Each candidate carries the list, the publisher's own identifier (source_id), the matched name, a
    score in [0, 1] and an explanation: which name pair matched, how, and which features (country,
    identifiers, dates, entity type, legal form) agreed or disagreed.

    Examples:

      ecgraph search "Rosoboronexport" --type org

      ecgraph search "ウラジーミル・プーチン" --type person --json

      ecgraph search --file customers.csv --threshold 0.9 > hits.jsonl
    """
    if (name is None) == (file is None):
        raise typer.BadParameter("give either a NAME or --file FILE (not both, not neither)")
    selected = [s.strip() for s in lists.split(",") if s.strip()] if lists else None
    config = MatchConfig.from_env().with_threshold(threshold)
    settings = load_settings()
    with open_graph(settings) as graph:
        index = load_search_index(graph, settings, rebuild=rebuild, quiet=as_json)
    if file is not None:
        _screen_file(index, file, config, limit, selected)
        return
    assert name is not None
    try:
        check_name(name)
    except InvalidName as exc:
        raise typer.BadParameter(str(exc), param_hint="NAME") from None
    query = _query(name, _TYPES[kind.value], country)
    unread = read_countries(country).unread
    if unread:
        err_console.print(f"warning: --country {escape('; '.join(unread))!r} names no country ecgraph reads; "
                          "searching without it", highlight=False)
    matches = index.search(query, threshold=config.threshold, thresholds=config.per_list, limit=limit,
                           lists=selected)
    rows = [_row(index, m) for m in matches]
    if as_json or not sys.stdout.isatty():
        print_json(rows)
    else:
        _print_table(name, rows)


def _query(name: str, entity_type: str, country: str | None) -> Query:
    """The query; its country is read with ecgraph's one reader (`NORTH KOREA` is KP, never a disagreement)."""
    return query_for_names([name], entity_type, countries=list(read_countries(country).codes))


def _row(index: ResolutionIndex, match: Match) -> dict[str, Any]:
    entry = index.entry(match.entry_id) or {"list": "", "source_id": "", "name": ""}
    return {"id": match.entry_id, "list": entry["list"], "source_id": entry["source_id"],
            "name": match.name_pair.matched, "listed_name": entry["name"], "score": match.score,
            "explanation": match.explanation}


def _inputs(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, {name, country, type}) per input record."""
    if not path.is_file():
        raise SourceError("no such file; give a .txt, .csv or .jsonl file of names", source="search --file",
                          file=str(path))
    suffix = path.suffix.lower()
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        if suffix == ".csv":
            reader = csv.DictReader(fh)
            fields = [f.strip().lower() for f in reader.fieldnames or []]
            if "name" not in fields:
                raise SourceError(f"the CSV header has no `name` column (found {fields}); "
                                  "add one, with optional `country` and `type` columns",
                                  source="search --file", file=str(path), line=1)
            for number, row in enumerate(reader, start=2):
                yield number, {k.strip().lower(): v for k, v in row.items() if k}
        elif suffix in (".jsonl", ".json", ".ndjson"):
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, {"error": f"not JSON ({exc.msg})"}
                    continue
                yield number, record if isinstance(record, dict) else {"error": "not a JSON object"}
        else:
            for number, line in enumerate(fh, start=1):
                if line.strip():
                    yield number, {"name": line.rstrip("\r\n")}


def _country_text(value: Any) -> str | None:
    """A file's country cell: text, or a JSON list of texts."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value) if value else None


def _screen_file(index: ResolutionIndex, path: Path, config: MatchConfig, limit: int,
                 lists: list[str] | None) -> None:
    """One JSON line per input, in input order; names are searched on every core (`search_many`)."""
    out = sys.stdout
    # results waiting for their matches, in input order; the workers' feeder may read far ahead of them
    pending: deque[dict[str, Any]] = deque()

    def valid_queries() -> Iterator[Query]:
        for number, record in _inputs(path):
            result: dict[str, Any] = {"line": number, "name": record.get("name")}
            error = record.get("error")
            if not error:
                try:
                    check_name(str(record.get("name") or ""))
                except InvalidName as exc:
                    error = str(exc)
            entity_type = _TYPES.get(str(record.get("type") or "").strip().lower())
            if not error and entity_type is None:
                error = f"type {record.get('type')!r} is not one of org, person"
            if error:
                result.update(error=error, matches=[])
            elif unread := read_countries(_country_text(record.get("country"))).unread:
                result["country_unread"] = list(unread)  # reported beside the matches; searched without it
            pending.append(result)
            if not error:
                yield _query(str(record["name"]), entity_type or "unknown", _country_text(record.get("country")))

    def flush(upto_matches: list[Match] | None) -> None:
        # write every finished result before the next one still waiting for matches
        while pending:
            result = pending[0]
            if "matches" not in result:
                if upto_matches is None:
                    break
                result["matches"] = [_row(index, m) for m in upto_matches]
                upto_matches = None
            out.write(json.dumps(pending.popleft(), ensure_ascii=False) + "\n")

    options = SearchOptions(config.threshold, config.per_list, limit, lists)
    for found in search_many(index, valid_queries(), options):
        flush(found)
    flush(None)


def _print_table(name: str, rows: list[dict[str, Any]]) -> None:
    table = Table(title=f"Matches for {escape(name)}")
    for column in ("score", "list", "source_id", "matched name", "why"):
        table.add_column(column)
    for row in rows:
        why = row["explanation"]["name"]["method"]
        features = ", ".join(f"{f['feature']} {f['result']}" for f in row["explanation"]["features"])
        table.add_row(f"{row['score']:.3f}", escape(row["list"]), escape(row["source_id"]), escape(row["name"]),
                      escape(why + (f"; {features}" if features else "")))
    console.print(table if rows else "no matches at or above the threshold")
