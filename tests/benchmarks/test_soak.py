"""The fast subset of the crash soak (issue 16): one trial of each kind on a small load, on a throwaway
server of its own (Neo4j itself is killed in one): nothing lost, nothing duplicated."""

from __future__ import annotations

import pytest

from benchmarks.soak import KINDS, run_soak

pytestmark = pytest.mark.neo4j


def test_one_crash_trial_of_each_kind_loses_and_duplicates_nothing() -> None:
    report = run_soak(trials=len(KINDS), declarations=60, seed=16, latency=False)
    assert [t["kind"] for t in report["trials"]] == list(KINDS)
    assert report["baseline"]["declarations"] > 0 and report["baseline"]["alerts"] > 0
    assert report["lost"] == 0 and report["duplicated"] == 0, report["trials"]
