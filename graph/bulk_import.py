"""Typed CSV files for Neo4j's offline importer, and the importer itself (`neo4j-admin database import full`).

Why files per signature: the importer gives each column one type and reads an empty field as "no
property", while the online loader stores `255` as an integer and `255.5` as a float and leaves null
properties unset. So every distinct (property, type) set of a label gets its own file with its own
header, and each row lands with exactly the types and properties a Cypher `SET` would have given it.

The importer runs on the managed server's own jars and JDK (`LocalServer.java()`, the same class path
as the server) against a stopped server and a database that does not exist yet: it refuses anything
else, and so do we, first, with a message that says what to do. Started by root, it runs as the server's
user (graph/server_account.py), reading the CSVs through links in the server's own folder, which that
user can reach (the files themselves may lie in root's folders).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ecgraph.graph.server import LocalServer
from ecgraph.schemas.errors import ServerError
from ecgraph.schemas.private_files import open_private

__all__ = ["BulkFiles", "Date", "DateTime", "ImportReport", "check_importable", "run_import"]

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: never part of a name, a description or a JSON record


class Date(str):
    """A string the importer stores as a Cypher DATE (as `date(row.x)` does online)."""


class DateTime(str):
    """A string the importer stores as a Cypher DATETIME (as `datetime()` does online)."""


_SCALARS: dict[type, str] = {bool: "boolean", int: "long", float: "double", str: "string", Date: "date",
                             DateTime: "datetime"}


def _type_of(value: Any) -> str:
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return scalar
    if isinstance(value, list):
        inner = {_type_of(v) for v in value} or {"string"}
        if inner == {"long", "double"}:
            inner = {"double"}
        if len(inner) != 1:
            raise ValueError(f"a list property mixes types {sorted(inner)}: Neo4j stores homogeneous lists only")
        return inner.pop() + "[]"
    raise ValueError(f"no importer type for {type(value).__name__} value {value!r}")


def _raw(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int or type(value) is float:
        return repr(value)
    return str(value)


def _field(value: Any) -> str:
    """One CSV field: strings quoted (so "" stays an empty string), numbers and booleans bare."""
    kind = type(value)
    if kind is str or kind is Date or kind is DateTime:
        text: str = value
        return '"' + text.replace('"', '""') + '"' if '"' in text else '"' + text + '"'
    if kind is list:
        return _quote(ARRAY_DELIMITER.join(_raw(v) for v in value))
    return _raw(value)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _text(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if '"' in text else '"' + text + '"'


# `_field` for a value of a known type, without asking its type again (a node plan knows each column's)
_FORMATS: dict[type, Callable[[Any], str]] = {str: _text, Date: _text, DateTime: _text, int: repr, float: repr,
                                              bool: _raw}


@dataclass
class BulkFiles:
    """Rows in, one CSV per (label or type, property signature) out, ready for `run_import`."""

    folder: Path
    nodes: dict[tuple[str, tuple[tuple[str, str], ...]], Path] = field(default_factory=dict)
    relationships: dict[tuple[str, tuple[tuple[str, str], ...]], Path] = field(default_factory=dict)
    multiline: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    _open: dict[Path, IO[str]] = field(default_factory=dict)
    _node_plans: dict[tuple[Any, ...], tuple[IO[str], tuple[tuple[str, Callable[[Any], str]], ...]]] = field(
        default_factory=dict)
    _plain_relationships: dict[tuple[str, str, str], IO[str]] = field(default_factory=dict)

    def node(self, label: str, key: str, props: Mapping[str, Any]) -> None:
        """One node of `label`, identified by its `key` property (also its importer id within the label)."""
        types: tuple[Any, ...] = tuple(map(type, props.values()))
        if list in types:  # a list's column type is its items' type: part of the plan's key
            types = tuple(_type_of(v) if kind is list else kind for kind, v in zip(types, props.values(), strict=True))
        plan = self._node_plans.get((label, key, tuple(props), types))
        if plan is None:
            plan = self._node_plan(label, key, props, types)
        out, columns = plan
        self._row(out, ",".join([write(props[k]) for k, write in columns]))
        self.counts[label] = self.counts.get(label, 0) + 1

    def _node_plan(self, label: str, key: str, props: Mapping[str, Any],
                   types: tuple[Any, ...]) -> tuple[IO[str], tuple[tuple[str, Callable[[Any], str]], ...]]:
        """Which file a node of these properties (and value types; a list's by its items) goes to, and its
        fields in column order; kept per (property names, value types)."""
        names = sorted(k for k, v in props.items() if v is not None and k != key)
        values = [props[k] for k in names]
        signature = tuple(zip(names, [_SCALARS.get(type(v)) or _type_of(v) for v in values], strict=True))
        path = self.nodes.get((label, signature))
        out = self._open[path] if path is not None else self._file(
            self.nodes, "nodes", label, signature, [f"{key}:ID({label})", *(f"{k}:{t}" for k, t in signature)])
        plan = (out, tuple((k, _FORMATS.get(type(props[k]), _field)) for k in (key, *names)))
        self._node_plans[(label, key, tuple(props), types)] = plan
        return plan

    def relationship(self, rel_type: str, start: tuple[str, str], end: tuple[str, str],
                     props: Mapping[str, Any] | None = None) -> None:
        """One relationship from the node (label, id) `start` to the node (label, id) `end`."""
        items = sorted((k, v) for k, v in props.items() if v is not None) if props else []
        if items:
            # the signature of a relationship file includes its end labels: importer ids live in one space per label
            signature = (("", start[0]), ("", end[0]), *((k, _type_of(v)) for k, v in items))
            out = self._relationship_file(rel_type, signature)
        else:
            plain = self._plain_relationships.get((rel_type, start[0], end[0]))
            out = plain if plain is not None else self._relationship_file(rel_type, (("", start[0]), ("", end[0])))
        start_id, end_id = start[1], end[1]
        line = ('"' + (start_id.replace('"', '""') if '"' in start_id else start_id) + '","'
                + (end_id.replace('"', '""') if '"' in end_id else end_id) + '"')
        self._row(out, line + "," + ",".join([_field(v) for _, v in items]) if items else line)
        self.counts[rel_type] = self.counts.get(rel_type, 0) + 1

    def _relationship_file(self, rel_type: str, signature: tuple[tuple[str, str], ...]) -> IO[str]:
        path = self.relationships.get((rel_type, signature))
        start, end = signature[0][1], signature[1][1]
        out = self._open[path] if path is not None else self._file(
            self.relationships, "rels", rel_type, signature,
            [f":START_ID({start})", f":END_ID({end})", *(f"{k}:{t}" for k, t in signature[2:])])
        if len(signature) == 2:
            self._plain_relationships[(rel_type, start, end)] = out
        return out

    def _file(self, index: dict[tuple[str, tuple[tuple[str, str], ...]], Path], kind: str, name: str,
              signature: tuple[tuple[str, str], ...], header: list[str]) -> IO[str]:
        path = index.get((name, signature))
        if path is None:
            path = index[(name, signature)] = self.folder / f"{kind}-{name}-{len(index):03d}.csv"
            self._open[path] = open_private(path, "w", newline="")  # declarations' and orders' parties
            self._open[path].write(",".join(header) + "\n")
        return self._open[path]

    def absorb(self, part: BulkFiles) -> None:
        """Append the rows of another, closed set of files (a worker's part) to the files of the same signature."""
        for index, kind in ((part.nodes, "nodes"), (part.relationships, "rels")):
            mine = self.nodes if kind == "nodes" else self.relationships
            for (name, signature), path in index.items():
                with path.open("rb") as rows:
                    header = rows.readline().decode().rstrip("\n").split(",")
                    out = self._open[mine[(name, signature)]] if (name, signature) in mine else self._file(
                        mine, kind, name, signature, header)
                    out.flush()
                    shutil.copyfileobj(rows, out.buffer, 1 << 20)  # type: ignore[attr-defined]
        for name, count in part.counts.items():
            self.counts[name] = self.counts.get(name, 0) + count
        self.multiline = self.multiline or part.multiline

    def _row(self, out: IO[str], line: str) -> None:
        if not self.multiline and ("\n" in line or "\r" in line):
            self.multiline = True
        out.write(line + "\n")

    def close(self) -> None:
        for handle in self._open.values():
            handle.close()
        self._open.clear()
        self._node_plans.clear()
        self._plain_relationships.clear()


@dataclass(frozen=True)
class ImportReport:
    seconds: float
    output: str


def check_importable(server: LocalServer, database: str = "neo4j") -> None:
    """The importer's own conditions, checked first: the server stopped, the database not there yet."""
    if server.state().running:
        raise ServerError(f"the Neo4j server in {server.home} is running: the offline importer needs it stopped. "
                          "Run `ecgraph db stop`, then the bulk load again (or load online, without --bulk).")
    store = server.home / "data" / "databases" / database
    if store.exists():
        raise ServerError(f"database {database!r} already exists in {store}: --bulk is for an empty or new database "
                          "only. Load into it online (without --bulk), or move that data folder away to start afresh.")


def run_import(server: LocalServer, files: BulkFiles, *, database: str = "neo4j", heap: str = "1g") -> ImportReport:
    """Run `neo4j-admin database import full` into a new database of the stopped managed server."""
    check_importable(server, database)
    files.close()
    server.write_config()
    java, lib = server.java(), server.jvm_lib()
    stage = _stage(server, files)
    args = [
        java, f"-Xmx{heap}", "-cp", f"{lib}/*", f"-Dbasedir={server.home}",
        "org.neo4j.server.startup.Neo4jAdminCommand", "database", "import", "full", database,
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}", "--id-type=string",
        f"--multiline-fields={'true' if files.multiline else 'false'}", f"--report-file={stage.report}",
        *(f"--nodes={label}={stage.paths[path]}"
          for (label, _), path in sorted(files.nodes.items(), key=lambda kv: str(kv[1]))),
        *(f"--relationships={rel}={stage.paths[path]}"
          for (rel, _), path in sorted(files.relationships.items(), key=lambda kv: str(kv[1]))),
    ]
    started = time.perf_counter()
    try:
        proc = subprocess.run(args, capture_output=True, text=True, check=False,  # failure explained below
                              **server.jvm_options())
    finally:
        stage.finish(files.folder / "import.report")
    output = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        raise ServerError(f"neo4j-admin database import failed (exit {proc.returncode}): {_tail(output)}",
                          log=str(files.folder / "import.report"))
    return ImportReport(round(time.perf_counter() - started, 3), output)


@dataclass
class _Stage:
    """Where the importer reads its CSVs and writes its report: the files themselves, or links to them."""

    paths: dict[Path, Path]
    report: Path
    folder: Path | None = None

    def finish(self, report: Path) -> None:
        if self.folder is None:
            return
        if self.report.exists():
            shutil.copyfile(self.report, report)
        shutil.rmtree(self.folder, ignore_errors=True)


def _stage(server: LocalServer, files: BulkFiles) -> _Stage:
    """Without a separate server user the importer reads the files where they are; with one, through a
    folder of the server's own that it can reach (hard links, or copies across file systems)."""
    every = [*files.nodes.values(), *files.relationships.values()]
    account = server.account()
    if account is None:
        return _Stage({p: p for p in every}, files.folder / "import.report")
    folder = server.home / "run" / "bulk-import"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700)
    paths: dict[Path, Path] = {}
    for source in every:
        staged = paths[source] = folder / source.name
        try:
            os.link(source, staged)
        except OSError:
            shutil.copyfile(source, staged)
        os.chown(staged, -1, account.gid)  # root's file, readable by the server's group only
        os.chmod(staged, 0o640)
    os.chown(folder, account.uid, account.gid)
    return _Stage(paths, folder / "import.report", folder)


def _tail(text: str, lines: int = 15) -> str:
    kept: Iterable[str] = text.splitlines()[-lines:]
    return "\n".join(kept)
