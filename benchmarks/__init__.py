"""Speed, memory and quality benchmarks: `python -m benchmarks` runs all, `python -m benchmarks.<name>` one.

Each prints medians and ratios against a baseline measured in the same run (machines are shared and noisy).
"""
