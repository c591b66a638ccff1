"""The resolution benchmark's evaluation set (issue 9) measures what it says it measures."""

from __future__ import annotations

from benchmarks.resolution_eval import EvalQuery, EvalSet


def test_a_withheld_name_is_removed_from_every_entry_that_prints_it() -> None:
    # one company on two lists: the query must not find the other list's copy of its own name
    data = EvalSet(entries=[
        {"id": "csl:1", "entity_type": "organization",
         "names": [{"value": "POLY TECHNOLOGIES, INC"}, {"value": "保利科技有限公司"}]},
        {"id": "meti:7", "entity_type": "organization",
         "names": [{"value": "Poly Technologies Inc."}, {"value": "保利科技有限公司 "}]},
        {"id": "ofac:9", "entity_type": "organization", "names": [{"value": "Other Name"}]},
    ], withheld=[EvalQuery("保利科技有限公司", "chinese", "csl:1", "organization", "保利科技有限公司")])
    held = {e["id"]: [n["value"] for n in e["names"]] for e in data.withheld_entries()}
    assert held == {"csl:1": ["POLY TECHNOLOGIES, INC"], "meti:7": ["Poly Technologies Inc."],
                    "ofac:9": ["Other Name"]}
    assert [n["value"] for n in data.entries[1]["names"]][1] == "保利科技有限公司 "  # the full index keeps it
