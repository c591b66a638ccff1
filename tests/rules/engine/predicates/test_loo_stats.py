"""RF-06's leave-one-out statistics from a summary: the robust z of a value against the other values of its
sample, equal — to the last bit — to sorting the others and taking their median and MAD of logs."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from ecgraph.rules.engine.predicates.loo_stats import SUMMARY_SIZE, robust_z_without, summarise


def _by_sorting_the_others(sample: list[float], value: float) -> tuple[float, float, float]:
    others = sorted(sample)
    others.remove(value)
    logs = sorted(math.log(v) for v in others)
    centre = statistics.median(logs)
    mad = statistics.median(sorted(abs(v - centre) for v in logs)) or 1e-9
    return (math.log(value) - centre) / (1.4826 * mad), math.exp(centre), mad


def _samples(seed: int) -> list[list[float]]:
    rng = random.Random(seed)
    samples = []
    for _ in range(400):
        n = rng.randint(2, 60)
        kind = rng.randrange(3)
        if kind == 0:  # many ties: the left-out value shares its rank with others
            samples.append([float(rng.randint(1, 5)) for _ in range(n)])
        elif kind == 1:  # unit values as declared: log-normal, two decimals
            samples.append([round(rng.lognormvariate(6, 1.2), 2) for _ in range(n)])
        else:  # a few price points, some items at a multiple
            samples.append([rng.choice([10.0, 20.0, 35.5]) * rng.choice([1.0, 1.0, 3.3]) for _ in range(n)])
    return samples


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_value_is_judged_against_the_others_exactly_as_sorting_them_would(seed: int) -> None:
    for sample in _samples(seed):
        summary = summarise(sample)
        assert len(summary) == SUMMARY_SIZE
        for value in set(sample):
            assert robust_z_without(summary, len(sample), value) == _by_sorting_the_others(sample, value)


def test_an_outlier_stands_out_and_a_typical_value_does_not() -> None:
    sample = [100.0 + i for i in range(40)] + [5_000.0]
    summary = summarise(sample)
    assert robust_z_without(summary, len(sample), 5_000.0)[0] > 3.5
    assert abs(robust_z_without(summary, len(sample), 120.0)[0]) < 1.0


def test_the_order_of_the_values_does_not_matter_and_one_value_leaves_nothing_to_compare() -> None:
    sample = [3.0, 1.0, 2.0, 8.0, 5.0]
    assert summarise(sample) == summarise(sorted(sample))
    assert summarise([7.0]) == []
