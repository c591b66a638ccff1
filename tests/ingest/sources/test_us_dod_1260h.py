"""us_dod_1260h: DoD Section 1260H Chinese military companies (OpenSanctions' curated CSV)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ecgraph.ingest.records import ListEntry
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "us_dod_1260h"


def parse(path: Path) -> tuple[list[ListEntry], ParseContext]:
    source = get_source("us_dod_1260h")
    ctx = ParseContext(source.id)
    return list(source.parse({"csv": path}, ctx)), ctx


def test_bundled_file_gives_one_entry_per_row(shared_data: Path) -> None:
    source = get_source("us_dod_1260h")
    entries, ctx = parse(source.snapshot_files(shared_data)["csv"])
    assert len(entries) == 397 and len({e.source_id for e in entries}) == 397
    assert ctx.rejects == [] and ctx.warnings == []
    assert sum(1 for e in entries if any(d.kind == "delisted" for d in e.dates)) == 21
    assert sum(1 for e in entries if e.links) == 197  # every row with a Parent Name
    assert "parent_unresolved" not in Counter(k for e in entries for k in e.extra)


def test_clean_name_is_the_name_and_the_printed_one_is_kept() -> None:
    entries, _ = parse(FIXTURES / "sanctions.csv")
    avic = entries[0]
    assert avic.name == "Aviation Industry Corporation of China Ltd."
    assert avic.extra["name_as_printed"] == "Aviation Industry Corporation of China Ltd. (AVIC)*"
    assert [(n.value, n.kind) for n in avic.names] == [("AVIC", "alias")]
    assert [(d.kind, d.value) for d in avic.dates] == [("listed", "2021-06-03")]
    assert avic.entity_type == "organization" and avic.programs == ["US-DOD-1260H"]


def test_end_date_is_a_delisting() -> None:
    entries, _ = parse(FIXTURES / "sanctions.csv")
    megvii = next(e for e in entries if e.name == "Beijing Megvii Technology Co., Ltd.")
    assert [(d.kind, d.value) for d in megvii.dates] == [("listed", "2024-01-31"), ("delisted", "2025-01-07")]


def test_each_release_is_its_own_listing_and_parents_link_within_the_release() -> None:
    entries, _ = parse(FIXTURES / "sanctions.csv")
    avic_2021, avic_2025 = (e for e in entries if e.name == "Aviation Industry Corporation of China Ltd.")
    assert avic_2021.source_id != avic_2025.source_id
    zemic_2021 = next(e for e in entries if e.name.startswith("Zhonghang") and e.dates[0].value == "2021-06-03")
    assert [(l.kind, l.target_source_id) for l in zemic_2021.links] == [("owned_by", avic_2021.source_id)]
    # "… of China Ltd" (no final dot) still finds AVIC's 2025 listing
    aerospace = next(e for e in entries if e.name == "AVIC Aerospace Systems Co., Ltd.")
    assert [l.target_source_id for l in aerospace.links] == [avic_2025.source_id]
    # 2026 row spelt "… of China, Ltd." with no 2026 AVIC row here: the latest earlier listing
    chengdu = next(e for e in entries if e.name == "AVIC Chengdu Aircraft Co., Ltd.")
    assert [l.target_source_id for l in chengdu.links] == [avic_2025.source_id]
    assert [(n.value, n.kind) for n in chengdu.names] == [
        ("Zhonghang Electronic Measuring Instruments Company Limited", "previous"), ("ZEMIC", "previous")]
    hesai = next(e for e in entries if e.name == "Hesai Technology Co., Ltd.")
    assert hesai.remarks[0].startswith("Hesai Technology Co., Ltd. was previously identified")


def test_a_file_with_another_header_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "sanctions.csv"
    path.write_text("Name,Start\nACME,2021-01-01\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"us_dod_1260h \(.*sanctions\.csv, line 1\): unexpected header"):
        parse(path)


def test_a_row_without_a_start_date_is_rejected_and_the_rest_loads(tmp_path: Path) -> None:
    text = (FIXTURES / "sanctions.csv").read_text(encoding="utf-8")
    path = tmp_path / "sanctions.csv"
    path.write_text(text.replace(",2024-01-31,2025-01-07,", ",,2025-01-07,", 1), encoding="utf-8")
    entries, ctx = parse(path)
    assert len(entries) == 7
    assert (ctx.rejects[0].line, ctx.rejects[0].reasons) == (4, ["Start date '' is not a date"])
