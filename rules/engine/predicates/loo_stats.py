"""A sample's leave-one-out median and MAD of logs, from 17 numbers instead of the sample.

RF-06 judges an item against the other items of its HS prefix: the median and the median absolute
deviation of their log values, the item itself left out. Keeping every value and recomputing both for
each item made a run read every stored value of every prefix it touched — at a million declarations
nearly all eleven million of them, two minutes of server time, even for a run over a thousand
declarations after a list update.

Leaving one value out of a sorted sample of n changes only which neighbours sit at the middle: the
median of the n − 1 others is one of three values, depending on whether the left-out value lies below,
among or above the middle ones. For each of those three centres the MAD is, the same way, one of a few
order statistics of the n deviations, depending on where the left-out value's own deviation falls. So a
group is summarised by the two middle logs and, per centre, the centre and four order statistics of the
deviations (`summarise`), and `robust_z_without` picks the case for a value of the group: the same
floats, by the same operations, as sorting the n − 1 others — checked against that in the tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = ["SUMMARY_SIZE", "robust_z_without", "summarise"]

SUMMARY_SIZE = 17  # the two middle logs, then (centre, four deviation order statistics) for three cases
_BELOW, _AMONG, _ABOVE = 0, 1, 2  # where the left-out value's rank lies against the middle ranks


def _middle(m: int) -> tuple[int, int]:
    """The indices whose values make the median of m sorted values (equal when m is odd)."""
    return (m // 2, m // 2) if m % 2 else (m // 2 - 1, m // 2)


def _median_of(m: int, lower: float, upper: float) -> float:
    """statistics.median of m sorted values whose middle ones are `lower` and `upper` (the same floats)."""
    return float(lower) if m % 2 else (float(lower) + float(upper)) / 2


def summarise(values: Sequence[float]) -> list[float]:
    """The leave-one-out summary of a sample of positive values (empty below two values: nothing is left)."""
    logs = np.sort(np.array([math.log(v) for v in values], dtype=np.float64))
    n = len(logs)
    if n < 2:
        return []
    m = n - 1
    a, b = _middle(m)
    summary = [float(logs[a]), float(logs[b])]
    kth = sorted({a, a + 1, b, b + 1})
    for case in (_BELOW, _AMONG, _ABOVE):
        # the others' middle values: a left-out value at or below index a shifts both up by one; one above b
        # shifts neither; one between them (m even) shifts only the upper
        lower = logs[a + 1] if case == _BELOW else logs[a]
        upper = logs[b] if case == _ABOVE else logs[b + 1]
        centre = _median_of(m, lower, upper)
        deviations = np.partition(np.abs(logs - centre), kth)
        summary += [centre, float(deviations[a]), float(deviations[a + 1]), float(deviations[b]),
                    float(deviations[b + 1])]
    return summary


def robust_z_without(summary: Sequence[float], count: int, value: float) -> tuple[float, float, float]:
    """(z, median, MAD of logs) of `value` against the other `count` − 1 values of its summarised sample.

    `value` must be one of the sample's values (the statistics are built from every item, the judged one
    included); the result equals `robust_z` over the sample with one copy of `value` removed."""
    m = count - 1
    x = math.log(value)
    # the left-out value's index is the number of smaller values: above b when the b-th is smaller, etc.
    case = _ABOVE if summary[1] < x else _AMONG if summary[0] < x else _BELOW
    centre, dev_a, dev_a1, dev_b, dev_b1 = summary[2 + 5 * case: 7 + 5 * case]
    own = abs(x - centre)  # the left-out deviation: the others' k-th is the k-th of all, or the next one
    lower = dev_a if dev_a < own else dev_a1
    upper = dev_b if dev_b < own else dev_b1
    mad = _median_of(m, lower, upper) or 1e-9
    return (x - centre) / (1.4826 * mad), math.exp(centre), mad
