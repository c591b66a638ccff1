"""`ecgraph screen --cluster ADDRESS`: party matching on a Dask cluster, everything else as in one process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ecgraph.cli.output import err_console
from ecgraph.rules.resolution import Match, Query, ResolutionIndex, SearchOptions
from ecgraph.rules.resolution.distributed import ClusterRun, connect_cluster, search_on_cluster
from ecgraph.rules.resolution.screen import Search

__all__ = ["cluster_search"]


def cluster_search(address: str | None, quiet: bool) -> Search | None:
    """The search function for `screen_parties`: None (this machine) without an address.

    The scheduler is reached once here, before anything is read or written, so a wrong address fails
    at once with its name rather than after the index was loaded.
    """
    if address is None:
        return None
    connect_cluster(address).close()

    def search(index: ResolutionIndex, queries: Iterable[Query], options: SearchOptions) -> Iterator[list[Match]]:
        run = ClusterRun(address)
        yield from search_on_cluster(address, index, queries, options, run)
        if not quiet:
            lost = (f"; {len(run.workers_lost)} worker(s) lost during the run, their tasks ran again elsewhere"
                    if run.workers_lost else "")
            again = f"; {run.resubmitted} task(s) submitted again after KilledWorker" if run.resubmitted else ""
            err_console.print(f"cluster {address}: {run.tasks} matching tasks on {run.workers_at_start} "
                              f"worker(s){lost}{again}")

    return search
