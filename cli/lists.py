"""`ecgraph lists`: what each loaded list holds (version, counts, last delta) and what a version changed."""

from __future__ import annotations

import glob
import json
import re
from collections import Counter
from datetime import UTC, datetime
from difflib import get_close_matches
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from ecgraph.cli.output import OutputFormat, console, print_json, print_rows
from ecgraph.graph import load_settings, open_graph
from ecgraph.graph.lists import list_status, retire_list, version_delta
from ecgraph.schemas.errors import EcgraphError

__all__ = ["app"]

app = typer.Typer(
    help="""Show the loaded lists: current version, fetch time, counts, and per-version deltas.

Examples:

  ecgraph lists status                     # one row per list

  ecgraph lists status --json              # list, version, entries, delisted, fetched_at, last_delta

  ecgraph lists delta us_ofac_sdn          # added / changed (which fields) / removed in the current version

  ecgraph lists delta custom:watch1 --version sha256:0123abcd4567 --json

  ecgraph lists retire custom:watch1       # delist a whole watch list, keeping its history
""",
    no_args_is_help=True,
)


def _plain(value: Any) -> Any:
    """Neo4j temporal values become ISO strings; everything else passes through."""
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@app.command()
def status(
    json_: Annotated[bool, typer.Option("--json", help="Print a JSON array for scripts.")] = False,
) -> None:
    """Each list's current version, fetch time, active and delisted entries, and its last delta."""
    settings = load_settings()
    with open_graph(settings) as graph:
        rows = [_plain(row) for row in list_status(graph)]
    if json_:
        print_json(rows)
        return
    if not rows:
        console.print("No list is loaded yet: run `ecgraph ingest lists`.")
        return
    for row in rows:
        delta = row["last_delta"] or {}
        row["last delta"] = f"+{delta.get('added') or 0} ~{delta.get('changed') or 0} -{delta.get('removed') or 0}"
    print_rows(rows, ("list", "version", "entries", "delisted", "fetched_at", "last delta", "rejects"),
               fmt=OutputFormat.table, title="lists")
    rejected = [row for row in rows if row.get("rejects")]
    if rejected:
        console.print("rejects: records of the publisher's file that were not loaded as entries (each with its "
                      "reason in the rejects file); the rest of the file loaded.", highlight=False)
    for row in rejected:
        found = rejects_file(settings.data_dir, str(row["list"]))
        reasons = _top_reasons(found) if found else []
        what = "; ".join(f"{n} × {reason}" for reason, n in reasons)
        console.print(f"  {escape(str(row['list']))}: {plural(int(row['rejects']), 'record')}"
                      + (f", mostly {escape(what)}" if what else "")
                      + (f" → {escape(str(found))}" if found else ""), highlight=False)


@app.command()
def delta(
    list_id: Annotated[str, typer.Argument(metavar="LIST", help="List id, e.g. us_ofac_sdn or custom:watch1.")],
    version: Annotated[str | None, typer.Option("--version", help="A version label (default: current).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """The entries a version added, changed (naming the fields) and removed (delisted)."""
    with open_graph(load_settings()) as graph:
        found = version_delta(graph, list_id, version)
        if found is None:
            known = [row["list"] for row in list_status(graph)]
            raise EcgraphError(_not_found(list_id, version, known))
    info = _plain(found["version"])
    changes = found["changes"]
    counts = {kind: sum(1 for c in changes if c["change"] == kind) for kind in ("added", "changed", "removed")}
    if json_:
        print_json({"list": list_id, "version": info.get("version"), "loaded_at": info.get("loaded_at"),
                    **counts, "changes": changes})
        return
    console.print(
        f"{escape(list_id)} version {escape(str(info.get('version')))}: "
        f"+{counts['added']} added, ~{counts['changed']} changed, -{counts['removed']} removed", highlight=False,
    )
    print_rows(changes, ("change", "id", "name", "fields"), fmt=OutputFormat.table)


@app.command()
def retire(
    list_id: Annotated[str, typer.Argument(metavar="LIST", help="A custom watch list, e.g. custom:watch1.")],
    json_: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Delist every entry of a watch list at once, keeping its history.

    The list gets one last, empty version: its entries are delisted (never deleted), so past versions,
    deltas and alerts stay readable, screening no longer matches them, and loading the list again
    revives it as a new version. Public lists are not retired: load their current file instead.
    """
    if not list_id.startswith("custom:"):
        raise typer.BadParameter(f"{list_id!r} is not a custom watch list (custom:NAME); a public list follows "
                                 "its publisher: load its current file with `ecgraph ingest lists`",
                                 param_hint="LIST")
    now = datetime.now(UTC)
    with open_graph(load_settings()) as graph:
        known = {row["list"]: row for row in list_status(graph)}
        if list_id not in known:
            raise EcgraphError(_not_found(list_id, None, list(known)))
        if known[list_id].get("retired_on") is not None:
            removed, status = 0, "already_retired"
        else:
            version = f"retired-{now.strftime('%Y%m%dT%H%M%S')}"
            removed = retire_list(graph, list_id, version=version, retired_on=now.date(), loaded_at=now) or 0
            status = "retired"
        retired_on = _plain(known[list_id].get("retired_on")) or now.date().isoformat()
    result = {"list": list_id, "status": status, "delisted": removed, "retired_on": retired_on}
    if json_:
        print_json(result)
    elif status == "already_retired":
        console.print(f"{escape(list_id)} was already retired on {retired_on}; nothing changed.", highlight=False)
    else:
        console.print(f"{escape(list_id)} retired: {removed} entries delisted; its versions and history are kept "
                      "(`ecgraph lists delta` shows them).", highlight=False)


def plural(count: int, noun: str) -> str:
    """`1 record`, `2 records`, `1 company`, `3 companies`."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count:,} {noun[:-1]}ies"
    return f"{count:,} {noun}s"


def rejects_file(data_dir: Path, list_id: str) -> Path | None:
    """The newest rejects file of a list (`<data>/rejects/<list>-<version>.jsonl`)."""
    folder = data_dir / "rejects"
    stems = {list_id, list_id.replace(":", "_"), list_id.replace(":", "-")}
    found = [path for stem in stems for path in folder.glob(f"{glob.escape(stem)}-*.jsonl")]
    return max(found, key=lambda path: path.stat().st_mtime) if found else None


def _top_reasons(path: Path, limit: int = 2, scan: int = 20_000) -> list[tuple[str, int]]:
    """The commonest reasons in a rejects file, cut at the first ':' and numbers as N, so that ids and line
    numbers do not split them."""
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh):
            if number >= scan:
                break
            try:
                reasons = json.loads(line).get("reasons") or []
            except (json.JSONDecodeError, AttributeError):
                continue
            for reason in reasons[:1]:
                counts[re.sub(r"\d+", "N", str(reason).split(":", 1)[0].strip())] += 1
    return counts.most_common(limit)


def _not_found(list_id: str, version: str | None, known: list[str]) -> str:
    if list_id not in known:
        hint = get_close_matches(list_id, known, n=1)
        did_you_mean = f" Did you mean {hint[0]!r}?" if hint else ""
        loaded = ", ".join(known) if known else "none yet (run `ecgraph ingest lists`)"
        return f"list {list_id!r} is not loaded.{did_you_mean} Loaded lists: {loaded}"
    return f"list {list_id!r} has no version {version!r}: see `ecgraph lists status` for the current one"
