"""HS 2022, the CHPL, item-16 prefixes, country groups, indicator terms and dual-use CSV lists parse
with the counts PROVENANCE.md and RULES_DATA.md state, and refuse what they do not recognise."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ecgraph.ingest.controls.catchall_hs import catch_all_correlations, parse_catchall_hs
from ecgraph.ingest.controls.chpl import parse_chpl
from ecgraph.ingest.controls.country_groups import parse_country_groups
from ecgraph.ingest.controls.eu_dual_use import parse_code, parse_dual_use_csv
from ecgraph.ingest.controls.hs_nomenclature import parse_hs
from ecgraph.ingest.controls.indicator_terms import parse_indicator_terms
from ecgraph.schemas.errors import SourceError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eu_dual_use"


def test_hs_2022_is_a_tree_of_6940_rows_plus_21_sections(shared_data: Path) -> None:
    records = parse_hs(shared_data / "controls" / "hs")
    levels = Counter(r.level for r in records)
    assert len(records) - levels["section"] == 6940
    assert levels == {"subheading": 5613, "heading": 1229, "chapter": 97, "section": 21, "total": 1}
    by_code = {r.code: r for r in records}
    assert by_code["01"].parent == "I" and by_code["0101"].parent == "01"  # leading zeros kept
    assert by_code["I"].description == "live animals; animal products"  # sections.csv has a BOM
    assert by_code["99"].parent == "TOTAL"  # Comtrade's "not specified" chapter hangs under the root


def test_chpl_has_50_codes_in_six_tiers_and_agrees_with_chpl_hs(shared_data: Path) -> None:
    controls = shared_data / "controls"
    record, correlations = parse_chpl(controls / "chpl" / "chpl_2024-02.csv", controls / "chpl_hs.csv")
    assert record.version == "2024-02"
    assert Counter(c.tier for c in correlations) == {"1": 4, "2": 5, "3.A": 16, "3.B": 9, "4.A": 11, "4.B": 5}
    assert [e.code for e in record.entries] == ["1", "2", "3.A", "3.B", "4.A", "4.B"]


def test_chpl_cross_check_catches_a_disagreement(shared_data: Path, tmp_path: Path) -> None:
    controls = shared_data / "controls"
    other = tmp_path / "chpl_hs.csv"
    other.write_text((controls / "chpl_hs.csv").read_text(encoding="utf-8").replace("854231,1,", "854231,2,"),
                     encoding="utf-8")
    with pytest.raises(SourceError, match="disagrees"):
        parse_chpl(controls / "chpl" / "chpl_2024-02.csv", other)


def test_item_16_prefixes_keep_their_condition(shared_data: Path) -> None:
    prefixes = parse_catchall_hs(shared_data / "controls" / "jp_catchall_16_1_hs.csv")
    assert len(prefixes) == 17
    correlations = {c.hs_code: c for c in catch_all_correlations(prefixes, "jp_etco")}
    assert correlations["8542"].entry_code == "16(1)-8" and correlations["8542"].exclude == ["854290"]
    assert "only parts of goods of 880260 or 8806" in (correlations["8807"].condition or "")


def test_country_groups_and_indicator_terms(shared_data: Path) -> None:
    members = parse_country_groups(shared_data / "controls" / "country_groups.csv")
    assert len(members) == 160 and len({m.group for m in members}) == 18
    assert sum(m.group == "JP_GROUP_A" for m in members) == 27
    terms = parse_indicator_terms(shared_data / "controls" / "indicator_terms.csv")
    assert len(terms) == 356 and len({t.id for t in terms}) == 356


def test_an_unknown_indicator_category_names_its_line(shared_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "indicator_terms.csv"
    path.write_text("term,lang,category,weight,match,source\narmy,en,MILITARY,0.6,word,x\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"line 2\).*MILITARY"):
        parse_indicator_terms(path)


def test_eu_codes_read_as_category_group_and_regime() -> None:
    code = parse_code("3A001.a.1")
    assert code is not None
    assert (code.category, code.group, code.number, code.subitems, code.regime) == ("3", "A", "001", ("a", "1"), "WA")
    assert parse_code("1C350") and parse_code("1C350").regime == "AG"  # type: ignore[union-attr]
    assert parse_code("9A101").regime == "MTCR"  # type: ignore[union-attr]
    assert parse_code("0B001").regime == "NSG"  # type: ignore[union-attr]
    assert parse_code("3.A.1.a.1").regime == "WA"  # type: ignore[union-attr]
    assert parse_code("3X001") is None and parse_code("EAR99") is None


def test_eu_dual_use_fixture_builds_a_tree() -> None:
    record, rejects = parse_dual_use_csv(FIXTURES / "eu_dual_use_annex_i_2024-09-05.csv")
    assert rejects == []
    assert (record.list_id, record.version) == ("eu_dual_use_annex_i", "2024-09-05")
    entries = record.by_code()
    assert entries["3A001.a.1"].parent_code == "3A001.a" and entries["3A001.a.1"].level == 5
    assert entries["3A001"].parent_code == "3A" and entries["3A"].parent_code == "3"
    assert entries["3"].text_en == "Electronics"


def test_bad_dual_use_rows_go_to_rejects_and_good_ones_load(tmp_path: Path) -> None:
    path = tmp_path / "wa_dual_use_list_2024-12.csv"
    path.write_text("code,text\n3.A.1,Electronic items\n3.A.1.a,General purpose integrated circuits\n"
                    "3.A.9.z,orphan\nXYZ,not a code\n3.A.2,\n", encoding="utf-8")
    record, rejects = parse_dual_use_csv(path)
    assert [e.code for e in record.entries] == ["3", "3.A", "3.A.1", "3.A.1.a"]
    assert [(r.line, r.code) for r in rejects] == [(4, "3.A.9.z"), (5, "XYZ"), (6, "3.A.2")]
    assert "parent 3.A.9 is not in the file" in rejects[0].reasons[0]


def test_a_dual_use_file_must_say_list_and_version_in_its_name(tmp_path: Path) -> None:
    path = tmp_path / "annex.csv"
    path.write_text("code,text\n3A001,x\n", encoding="utf-8")
    with pytest.raises(SourceError, match="<list_id>_<version>.csv"):
        parse_dual_use_csv(path)
