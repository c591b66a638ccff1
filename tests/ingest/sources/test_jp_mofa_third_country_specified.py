"""jp_mofa_third_country_specified: FEFTA specified entities outside Russia and Belarus, PDF or text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecgraph.ingest.records import ListEntry, Name
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext

SOURCE = "jp_mofa_third_country_specified"


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> tuple[dict[str, ListEntry], ParseContext, str]:
    source = get_source(SOURCE)
    files = source.snapshot_files(shared_data)
    ctx = ParseContext(SOURCE)
    return {e.source_id: e for e in source.parse(files, ctx)}, ctx, source.version(files)


def test_update_pdf_carries_entries_48_to_56(parsed: tuple[dict[str, ListEntry], ParseContext, str]) -> None:
    entries, ctx, version = parsed
    assert sorted(map(int, entries)) == list(range(48, 57)) and ctx.rejects == []  # 別添⑤ of 2025-09-12
    assert version == "2025-09-12"


def test_alias_block_of_the_2025_layout(parsed: tuple[dict[str, ListEntry], ParseContext, str]) -> None:
    eastech = parsed[0][
        "49"
    ]  # 別称：イーステック・エレクトロニクス; シェンジェン・イースト・テクノロジー・\nリミテッド; …
    assert eastech.name == "Eastech Electronics Limited"
    assert Name("Shenzhen Yitai Technology Co Ltd", "alias") in eastech.names
    assert (
        Name("シェンジェン・イースト・テクノロジー・リミテッド", "original_script", "Jpan", "ja")
        in eastech.names
    )
    assert len(eastech.addresses) == 2 and eastech.countries == []  # no single target country


def test_chinese_names_in_parentheses_even_over_two_lines(
    parsed: tuple[dict[str, ListEntry], ParseContext, str],
) -> None:
    assert parsed[0]["48"].names[0] == Name("深圳市易络电子有限公司", "original_script", "Hani", "zh")
    qisu = parsed[0][
        "53"
    ]  # "Hong Kong Qisu Electronic Technology Co Ltd（香港旗速電子有限公司、香港旗速\n電子科技有限公司）"
    assert qisu.name == "Hong Kong Qisu Electronic Technology Co Ltd"
    assert qisu.names[:2] == [
        Name("香港旗速電子有限公司", "original_script", "Hani", "zh"),
        Name("香港旗速電子科技有限公司", "original_script", "Hani", "zh"),
    ]


def test_text_extraction_holds_the_list_from_entry_1(shared_data: Path) -> None:
    source = get_source(SOURCE)
    path = shared_data / "sanctions/jp_meti/opensanctions_250912_list_daisangoku_tokutei.pdf.txt"
    files = source.files_from(path)
    entries = {e.source_id: e for e in source.parse(files, ParseContext(SOURCE))}
    assert sorted(map(int, entries)) == list(range(1, 57)) and source.version(files) == "2025-09-12"
    assert entries["1"].name == "Tako LLC" and Name("Taco LLC", "alias") in entries["1"].names
