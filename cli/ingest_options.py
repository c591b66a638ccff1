"""The options `ingest declarations` and `ingest ecommerce` share: one spelling, one help text, one check.

Both commands read a file format, keep rejects, resume, print JSON and can backfill a new database with
Neo4j's offline importer (`--bulk`); a new ingest command takes these aliases instead of a copy."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the commands import the graph package lazily, when they run
    from ecgraph.graph import Settings

__all__ = [
    "AsJson",
    "Bulk",
    "FormatOption",
    "InputFormat",
    "MaxRejects",
    "Quiet",
    "Rejects",
    "Resume",
    "Workers",
    "check_bulk",
]


class InputFormat(str, Enum):
    auto = "auto"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[InputFormat, typer.Option("--format", help="Input format; auto looks at the suffix.")]
MaxRejects = Annotated[int | None, typer.Option(
    "--max-rejects", help="Exit 1 when more records than this were rejected (the good ones still load).")]
Resume = Annotated[bool, typer.Option(
    "--resume", help="Continue an interrupted load of the same file from its last committed batch.")]
Rejects = Annotated[Path | None, typer.Option(
    "--rejects", help="Rejects file (JSON Lines); default: <file>.<load id>.rejects.jsonl in a rejects folder of "
                      "the data folder (the summary names it).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
Bulk = Annotated[bool, typer.Option(
    "--bulk", help="Backfill a new database with Neo4j's offline importer (server stopped, database not created "
                   "yet): same validation, rejects and graph, many times faster.")]

Workers = Annotated[int | None, typer.Option(
    "--workers", min=1, help="With --bulk: processes each reading and writing a part of the input (default: the "
                             "cores this process may use).")]


def check_bulk(settings: Settings, *, resume: bool) -> None:
    """What `--bulk` cannot do, refused before any work: resume (it imports all or nothing), or import into a
    server ecgraph does not manage."""
    if resume:
        raise typer.BadParameter("--bulk imports all or nothing: run it again instead of --resume", param_hint="--resume")
    if not settings.managed:
        raise typer.BadParameter(f"--bulk imports into the server ecgraph manages; NEO4J_URI points at {settings.uri}: "
                                 "load it online (without --bulk), or run neo4j-admin on that server", param_hint="--bulk")
