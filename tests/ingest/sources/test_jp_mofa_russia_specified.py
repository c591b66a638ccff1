"""jp_mofa_russia_specified: FEFTA specified entities of Russia (外務省告示第八十二号), PDF or text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecgraph.ingest.records import ListEntry, Name
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext

SOURCE = "jp_mofa_russia_specified"


@pytest.fixture(scope="module")
def russia_txt(shared_data: Path) -> tuple[dict[str, ListEntry], ParseContext, str]:
    """The cumulative text extraction (`--file …pdf.txt`): entries 1…561."""
    source = get_source(SOURCE)
    files = source.files_from(
        shared_data / "sanctions/jp_meti/opensanctions_250912_list_russia_tokutei.pdf.txt"
    )
    ctx = ParseContext(SOURCE)
    return {e.source_id: e for e in source.parse(files, ctx)}, ctx, source.version(files)


def test_update_pdf_carries_only_the_two_added_entries(shared_data: Path) -> None:
    source = get_source(SOURCE)
    files = source.snapshot_files(shared_data)
    ctx = ParseContext(SOURCE)
    entries = {e.source_id: e for e in source.parse(files, ctx)}
    assert sorted(entries) == ["560", "561"] and ctx.rejects == []  # 別添④ of 2025-09-12
    assert source.version(files) == "2025-09-12"  # the PDF prints no date: its ModDate
    alfa = entries["560"]
    assert alfa.name == "Alfa Machinery Group"
    # 2025 layout: "別称：AMG 社; 有限会社 AMG" then "LLC Company AMG; Kompaniya AMG"
    assert alfa.names == [
        Name("アルファ・マシナリー・グループ", "original_script", "Jpan", "ja"),
        Name("LLC Company AMG", "alias"),
        Name("Kompaniya AMG", "alias"),
        Name("AMG 社", "original_script", "Jpan", "ja"),
        Name("有限会社 AMG", "original_script", "Jpan", "ja"),
    ]
    assert [a.full for a in alfa.addresses] == [
        "ul. Kuskovskaya, d. 20A, pom. XIIA, komn. 114, Moscow 111141, Russia"
    ]


def test_text_extraction_of_the_cumulative_list(
    russia_txt: tuple[dict[str, ListEntry], ParseContext, str],
) -> None:
    entries, ctx, version = russia_txt
    assert sorted(map(int, entries)) == list(range(1, 562)) and ctx.rejects == []  # numbering 1…561
    assert version == "2025-09-12"  # 最終更新日：2025 年09 月12 日
    fsb = entries["6"]  # "Federal Security Service (FSB), a.k.a., the following one alias:\n-Federalnaya …"
    assert fsb.name == "Federal Security Service (FSB)"
    assert fsb.names == [
        Name("連邦保安庁", "original_script", "Jpan", "ja"),
        Name("Federalnaya Sluzhba Bezopasnosti", "alias"),
    ]
    assert len(fsb.addresses) == 2


def test_text_extraction_glitches_are_repaired(
    russia_txt: tuple[dict[str, ListEntry], ParseContext, str],
) -> None:
    entries = russia_txt[0]
    assert entries["77"].name == "NM-Tekh"  # "…Russia, 184682.77 NMテック": entry glued to an address
    assert (
        entries["57"].name == "Crocus Nano Electronics"
    )  # "クロッカス・ナノ・エレクトロニクスCrocus Nano …"
    assert entries["355"].name == "Ruselectronics JSC"  # "Ruselectronics JSC所在地:…"
    assert len(entries["355"].addresses) == 3


def test_entry_without_english_line_is_rejected_and_the_rest_loads(tmp_path: Path) -> None:
    path = tmp_path / "list.pdf.txt"
    path.write_text(
        "最終更新日：2025年9月12日\n１ 株式会社テスト\n２ 有限会社アルファ\nAlpha LLC\n"
        "所在地：Moscow, Russia\n",
        encoding="utf-8",
    )
    source = get_source(SOURCE)
    ctx = ParseContext(SOURCE)
    entries = list(source.parse(source.files_from(path), ctx))
    assert [e.name for e in entries] == ["Alpha LLC"]
    assert ctx.rejects[0].line == 2 and ctx.rejects[0].reasons == ["entry 1 has no English name line"]
