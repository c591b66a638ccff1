"""The one door to Neo4j: a small wrapper over the official driver that every other part goes through.

Reads run with READ routing (so they work against clusters and Aura), writes run in managed
transactions that the driver may retry, so every write function here is idempotent (MERGE, not CREATE)
and consumes its results inside the transaction. Queries are constant strings with `$parameters`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, LiteralString, Self

from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import AuthError, ServiceUnavailable

from ecgraph.graph.local import local_credentials
from ecgraph.graph.settings import Settings
from ecgraph.schemas.errors import DatabaseUnavailable

__all__ = ["Graph", "WriteCounts", "batched", "connect", "open_graph"]


@dataclass
class WriteCounts:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    labels_added: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    def add(self, other: WriteCounts) -> None:
        for name in ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                     "properties_set", "labels_added"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def changed(self) -> bool:
        return any((self.nodes_created, self.nodes_deleted, self.relationships_created,
                    self.relationships_deleted, self.properties_set, self.labels_added))


def batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


class Graph:
    """A connected database: `read`, `write` and batched `write_rows`."""

    def __init__(self, driver: Driver, database: str, uri: str, auth: tuple[str, str] | None = None) -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        self.auth = auth  # (user, password) this graph was opened with, so another process can open it too

    def target(self) -> tuple[str, str, str, str] | None:
        """(uri, user, password, database) to `connect` to the same database from another process; None when
        the graph was opened without a login `connect` knows."""
        return None if self.auth is None else (self.uri, self.auth[0], self.auth[1], self.database)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    def read(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(
            query, parameters_=params, database_=self.database, routing_=RoutingControl.READ
        )
        return [record.data() for record in records]

    def read_values(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        """`read` for queries that return only values (no nodes, relationships or paths): the rows as the
        driver decoded them, without `Record.data()`'s walk over every nested value (most of a big read)."""
        records, _, _ = self.driver.execute_query(
            query, parameters_=params, database_=self.database, routing_=RoutingControl.READ
        )
        return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]

    def read_collected(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        """The rows of a query that returns them as one list of maps (`RETURN collect({…}) AS rows`).

        The driver handles each record as its own message, in Python; one record holding every row is
        decoded in one go by the packstream extension, a fraction of the client's CPU for large reads.
        The server holds the rows until the query ends, so callers read a bounded batch at a time."""
        records, _, _ = self.driver.execute_query(
            query, parameters_=params, database_=self.database, routing_=RoutingControl.READ
        )
        return list(records[0]["rows"]) if records else []

    def write(self, query: LiteralString, **params: Any) -> WriteCounts:
        _, summary, _ = self.driver.execute_query(
            query, parameters_=params, database_=self.database, routing_=RoutingControl.WRITE
        )
        return _counts(summary.counters)

    def write_returning(self, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(
            query, parameters_=params, database_=self.database, routing_=RoutingControl.WRITE
        )
        return [record.data() for record in records]

    def write_rows(
        self, query: LiteralString, rows: Iterable[Mapping[str, Any]], *, batch_size: int = 1000,
        **params: Any,
    ) -> WriteCounts:
        """Run `UNWIND $rows AS row …` once per batch, each batch in its own managed transaction."""
        total = WriteCounts()
        with self.driver.session(database=self.database) as session:
            for chunk in batched(rows, batch_size):
                total.add(session.execute_write(_run_counted, query, {"rows": chunk, **params}))
        return total

    def write_autocommit(self, query: LiteralString, **params: Any) -> WriteCounts:
        """Run in an auto-commit transaction: needed for `CALL { … } IN TRANSACTIONS`."""
        with self.driver.session(database=self.database) as session:
            return _counts(session.run(query, params).consume().counters)

    def write_many(self, statements: Sequence[tuple[LiteralString, Mapping[str, Any]]]) -> WriteCounts:
        """Several statements in one transaction: all land or none do."""
        with self.driver.session(database=self.database) as session:
            return session.execute_write(_run_all, statements)


def _run_counted(tx: ManagedTransaction, query: LiteralString, params: Mapping[str, Any]) -> WriteCounts:
    return _counts(tx.run(query, dict(params)).consume().counters)


def _run_all(tx: ManagedTransaction, statements: Sequence[tuple[LiteralString, Mapping[str, Any]]]) -> WriteCounts:
    total = WriteCounts()
    for query, params in statements:
        total.add(_counts(tx.run(query, dict(params)).consume().counters))
    return total


def _counts(counters: Any) -> WriteCounts:
    return WriteCounts(
        nodes_created=counters.nodes_created,
        nodes_deleted=counters.nodes_deleted,
        relationships_created=counters.relationships_created,
        relationships_deleted=counters.relationships_deleted,
        properties_set=counters.properties_set,
        labels_added=counters.labels_added,
    )


def connection_target(settings: Settings) -> tuple[str, str, str]:
    """(uri, user, password) for these settings: your own Neo4j, or the local managed server."""
    if settings.uri is not None:
        if settings.password is None:
            raise DatabaseUnavailable(settings.uri, "NEO4J_PASSWORD is not set")
        return settings.uri, settings.user, settings.password
    creds = local_credentials(settings, create=False)
    uri = f"bolt://127.0.0.1:{settings.bolt_port}"
    if creds is None:
        raise DatabaseUnavailable(uri, "the local server has not been set up yet")
    return uri, creds.user, creds.password


def open_graph(settings: Settings) -> Graph:
    """Connect and check that the database answers; raises DatabaseUnavailable with what to do."""
    uri, user, password = connection_target(settings)
    return connect(uri, user, password, settings.database)


def connect(uri: str, user: str, password: str, database: str = "neo4j") -> Graph:
    """Connect to `uri` (bolt:// one server, neo4j:// a routing cluster or Aura) and check that it answers."""
    # Server notifications (unknown labels on an empty graph, hints) are for query authors, not analysts.
    driver = GraphDatabase.driver(uri, auth=(user, password), connection_timeout=10,
                                  notifications_min_severity="OFF")
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise DatabaseUnavailable(uri, f"authentication failed for user {user!r}") from exc
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise DatabaseUnavailable(uri, type(exc).__name__) from exc
    return Graph(driver, database, uri, (user, password))
