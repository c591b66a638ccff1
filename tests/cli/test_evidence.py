"""Evidence, not dumps (issue 17): one sentence per party, matched fields side by side, resemblances to
other listed names apart, and an evidence picture whose captions cannot overlap."""

from __future__ import annotations

import json
from itertools import combinations
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ecgraph.cli.display_names import MAX_DISPLAY_CHARS, address_display, display_name
from ecgraph.cli.evidence_picture import FONT_SIZE, RADIUS, evidence_svg, text_width
from ecgraph.cli.evidence_text import alert_summary, evidence_rows, group_findings, other_findings
from ecgraph.cli.lists import plural


def finding(listed: str, lst: str, source_id: str, score: float, method: str = "exact") -> dict[str, Any]:
    match = json.dumps({"name": {"query": "BANK ROSSIYA", "matched": listed, "method": method}})
    return {"role": "CONSIGNEE", "declared": "BANK ROSSIYA", "party_country": "RU", "listed": listed, "list": lst,
            "source_id": source_id, "score": score, "match": match, "party_key": "p1", "entry_id": f"{lst}:{source_id}"}


BANK = {"explanation": "one clause per list …", "matched": json.dumps({"findings": [
    finding("BANK ROSSIYA", "us_ofac_sdn", "16681", 1.0),
    finding("BANK ROSSIYA", "us_trade_csl", "16681", 1.0),
    finding("Bank Rossiya", "gb_ofsi_consolidated", "14177", 0.99, "token_sort+rarity"),
    finding("BANK ROSSII SHIPPING", "eu_oj_sanctions", "77", 0.86, "spelling_variant"),
]})}


def test_one_sentence_per_party_names_every_list_once() -> None:
    summary = alert_summary(BANK)
    assert summary.count("BANK ROSSIYA matches") == 1
    assert summary.startswith("consignee BANK ROSSIYA matches 3 lists: OFAC SDN 16681, US CSL 16681, UK OFSI 14177")
    assert "(exact name; scores 0.99–1.00)" in summary  # the same name in another case is the same name


def test_weak_matches_to_other_names_are_said_apart_never_as_evidence() -> None:
    [party] = group_findings(json.loads(BANK["matched"])["findings"])
    assert [f["list"] for f in party.evidence] == ["us_ofac_sdn", "us_trade_csl", "gb_ofsi_consolidated"]
    assert [f["listed"] for f in party.similar] == ["BANK ROSSII SHIPPING"]
    assert "also similar to BANK ROSSII SHIPPING (EU sanctions 77, 0.86)" in alert_summary(BANK)
    rows = evidence_rows(BANK)
    assert [r["kind"] for r in rows] == ["evidence"] * 3 + ["also similar"]
    assert rows[0] == {"kind": "evidence", "field": "consignee", "declaration says": "BANK ROSSIYA (RU)",
                       "list says": "BANK ROSSIYA", "list": "OFAC SDN 16681", "score": "1.00", "how": "exact name"}


def test_other_rules_keep_their_explanation_and_read_as_field_and_details() -> None:
    alert = {"explanation": "total embargo: destined_to KP",
             "matched": json.dumps({"findings": [{"field": "destined_to KP", "group": "JP_TOTAL_EMBARGO"}]})}
    assert alert_summary(alert) == "total embargo: destined_to KP"
    assert other_findings(alert) == [{"finding": "destined_to KP", "details": "group JP_TOTAL_EMBARGO"}]
    assert "{" not in other_findings(alert)[0]["details"]


def test_plurals_read_as_english() -> None:
    assert [plural(1, "company"), plural(3, "company"), plural(3944, "record"), plural(2, "day")] == [
        "1 company", "3 companies", "3,944 records", "2 days"]


def _caption_boxes(svg: str) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, text) of each caption line, from the SVG's own coordinates."""
    import re

    boxes = []
    for x, y, size, text in re.findall(r'<text class="caption" x="([\d.]+)" y="([\d.]+)"[^>]*?(?:font-size="(\d+)")?'
                                       r'[^>]*>([^<]*)</text>', svg):
        font = float(size or FONT_SIZE)
        # a line box as browsers measure it: about 0.95 em above the baseline, 0.25 em below
        boxes.append((float(x), float(y) - 0.95 * font, float(x) + text_width(text, font), float(y) + 0.25 * font, text))
    return boxes


NAMES = st.text(alphabet=st.sampled_from("ABCDEFGH ijklmn 北辰テクノロジー株式会社"), min_size=1, max_size=80)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Party", "ListEntry", "GoodsItem", "Address", "HSCode"]), NAMES),
                min_size=1, max_size=14))
def test_no_two_captions_of_the_evidence_picture_overlap(nodes: list[tuple[str, str]]) -> None:
    evidence = {"nodes": [{"element_id": str(i), "labels": [label], "properties": {"name": name, "list": "us_ofac_sdn"}}
                          for i, (label, name) in enumerate(nodes)],
                "relationships": [{"start": "0", "end": str(i), "type": "MATCHES", "score": 0.9}
                                  for i in range(1, len(nodes))]}
    svg = evidence_svg({"severity": "HIGH", "rule_id": "PS-01"}, evidence)
    boxes = _caption_boxes(svg)
    assert len(boxes) >= len(nodes)
    for a, b in combinations(boxes, 2):
        overlap_x = min(a[2], b[2]) - max(a[0], b[0])
        overlap_y = min(a[3], b[3]) - max(a[1], b[1])
        assert overlap_x <= 0 or overlap_y <= 0, (a, b)
    width = float(svg.split('width="', 1)[1].split('"', 1)[0])
    assert all(box[2] <= width for box in boxes) and all(box[0] >= RADIUS for box in boxes)


@given(st.text(min_size=1, max_size=120))
def test_display_names_are_short_and_never_empty(name: str) -> None:
    short = display_name(name)
    assert short
    assert sum(2 if "\u3000" <= ch <= "\u9fff" else 1 for ch in short) <= 2 * MAX_DISPLAY_CHARS


def test_display_names_drop_legal_forms_and_keep_the_name() -> None:
    assert display_name("Hoeryong Shipping Co Ltd") == "Hoeryong Shipping"
    assert display_name("北辰テクノロジー株式会社") == "北辰テクノロジー"
    assert display_name("BANK ROSSIYA CO., LTD.") == "BANK ROSSIYA"


def test_an_address_caption_says_where_it_is() -> None:
    assert address_display("108, Pongnam-dong, Pyongchon-guyok, Pyongyang, KP") == "Pyongyang, KP"
    assert address_display("12 Tigran Mets Avenue, Yerevan, AM") == "Yerevan, AM"
