"""The fast subset of the crash soak (issue 16): one crash trial (kill -9 of an ingest, then --resume) on a
small load, on a throwaway server of its own: nothing lost, nothing duplicated (`make soak` runs >= 20,
Neo4j and screening kills included)."""

from __future__ import annotations

import random

import pytest

from benchmarks.soak import draw_target, run_soak, trial_plan

pytestmark = pytest.mark.neo4j


def test_the_trial_plan_mixes_kinds_as_asked() -> None:
    assert trial_plan(4) == ["ingest", "screening", "neo4j", "ingest"]
    assert sorted(trial_plan(0, "ingest:3,screening:2,neo4j:1")) == ["ingest"] * 3 + ["neo4j"] + ["screening"] * 2


def test_a_kill_target_is_always_mid_load() -> None:
    rng = random.Random(1)
    for total in (1, 2, 7, 300):
        targets = {draw_target(rng, total) for _ in range(500)}
        assert min(targets) >= 1 and max(targets) <= max(1, total - 1)


def test_one_crash_trial_lands_mid_load_and_loses_and_duplicates_nothing() -> None:
    report = run_soak(trials=1, declarations=80, seed=16, latency=False, attempts=6, batch_size=5)
    assert {t["kind"] for t in report["trials"]} == {"ingest"}
    assert report["baseline"]["declarations"] > 0 and report["baseline"]["alerts"] > 0
    # the kill is triggered by progress, and whether it landed is read from the graph: some versions, not all
    assert report["landed_trials"] == 1 and report["trials"][-1]["landed"], report["trials"]
    assert report["attempts"] == len(report["trials"]) and report["landed"] == 1
    assert report["lost"] == 0 and report["duplicated"] == 0, report["trials"]
