"""The fast subset of the fuzz soak (issue 16): a few hundred inputs per parser, none escapes as an
unhandled exception (`make soak` runs 10^5 per parser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.fuzz_parsers import PARSERS, fuzz_parser


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_no_input_escapes_a_parser_unhandled(name: str, tmp_path: Path) -> None:
    report = fuzz_parser(PARSERS[name], 300, tmp_path)
    assert report.inputs == 300
    assert report.unhandled == [], report.unhandled[0]
