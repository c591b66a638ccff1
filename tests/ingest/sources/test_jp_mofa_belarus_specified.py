"""jp_mofa_belarus_specified: FEFTA specified entities of Belarus (外務省告示第百四号), PDF or text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecgraph.ingest.records import CountryRef, ListEntry, Name
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.ingest.sources._jp_mofa_specified import split_entries
from ecgraph.schemas.errors import SourceError

SOURCE = "jp_mofa_belarus_specified"


@pytest.fixture(scope="module")
def parsed(shared_data: Path) -> tuple[dict[str, ListEntry], ParseContext, str]:
    source = get_source(SOURCE)
    files = source.snapshot_files(shared_data)
    ctx = ParseContext(SOURCE)
    return {e.source_id: e for e in source.parse(files, ctx)}, ctx, source.version(files)


def test_pdf_is_the_complete_list_of_27(parsed: tuple[dict[str, ListEntry], ParseContext, str]) -> None:
    entries, ctx, version = parsed
    assert sorted(map(int, entries)) == list(range(1, 28)) and ctx.rejects == []  # the PDF's numbering
    assert version == "2022-07-05"  # 最終更新日：2022 年07 月05 日
    integral = entries["2"]  # "２ 株式会社インテグラル（別称、OAO インテグラル、…）" with a full-width digit
    assert integral.name == "JSC Integral" and integral.entity_type == "organization"
    assert integral.countries == [CountryRef("BY", "program")]  # the notice's target country
    assert integral.names == [
        Name("株式会社インテグラル", "original_script", "Jpan", "ja"),
        Name("OAO Integral", "alias"),  # "- OAO Integral; and"
        Name("Joint-Stock Company Integral-Holding Managing Company", "alias"),
        Name("OAO インテグラル", "original_script", "Jpan", "ja"),
        Name("株式会社インテグラル=ホールディング・マネージング", "original_script", "Jpan", "ja"),
    ]
    assert [a.full for a in integral.addresses] == [  # "…, Belarus; and 12 Korzhenevskogo Str., …"
        "121A, Kazintsa I.P. Str., Minsk, 220108, Belarus",
        "12 Korzhenevskogo Str., Minsk, 220108, Belarus",
        "137 Brestskaya Str., Pinsk, Brest region, 225710, Belarus",
    ]


def test_a_number_inside_an_entry_does_not_start_an_entry(
    parsed: tuple[dict[str, ListEntry], ParseContext, str],
) -> None:
    entries = parsed[0]
    # entry ３ is printed "株式会社第140 修理工場" / "140 Repair Plant JSC a.k.a., …": 140 is not entry 4
    assert entries["3"].name == "140 Repair Plant JSC"
    assert Name("株式会社第140 修理工場", "original_script", "Jpan", "ja") in entries["3"].names
    # "13 BSVT 新技術": the Japanese line starts in Latin letters
    assert entries["13"].name == "BSVT-New Technologies"


def test_text_extraction_gives_the_same_numbering(shared_data: Path) -> None:
    source = get_source(SOURCE)
    files = source.files_from(shared_data / "sanctions/jp_meti/opensanctions_list_belarus_tokutei.pdf.txt")
    entries = {e.source_id: e for e in source.parse(files, ParseContext(SOURCE))}
    assert sorted(map(int, entries)) == list(range(1, 28)) and source.version(files) == "2022-07-05"
    # "…, Belarus７ 株式会社アガト電子機器工場": the text lost the line break before entry ７
    assert entries["7"].name == "AGAT-Electromechanical Plant OJSC"


def test_a_file_without_entries_or_not_a_pdf_is_a_source_error(tmp_path: Path) -> None:
    source = get_source(SOURCE)
    text = tmp_path / "empty.pdf.txt"
    text.write_text("○ 国際平和のための…\n", encoding="utf-8")
    with pytest.raises(
        SourceError, match=r"jp_mofa_belarus_specified \(.*empty.pdf.txt\): no numbered entries"
    ):
        list(source.parse({"pdf": text}, ParseContext(SOURCE)))
    broken = tmp_path / "list_belarus_tokutei.pdf"
    broken.write_bytes(b"<html>503 Service Unavailable</html>")
    with pytest.raises(SourceError, match=r"list_belarus_tokutei.pdf\): cannot read the list"):
        list(source.parse({"pdf": broken}, ParseContext(SOURCE)))


def test_split_entries_accepts_full_width_numbers() -> None:
    _, entries = split_entries("１ 国防省\nMinistry\n２ 株式会社A\nA JSC\n")
    assert [(n, line) for n, line, _ in entries] == [(1, 1), (2, 3)]
