"""The list machinery on real registered sources and real files from data/.

The UN Security Council list (1,003 entries) is small enough to load whole; its second version is an
edited copy made here. The CSL and UN records are checked against list_entry.schema.json.
"""

from __future__ import annotations

import re
from itertools import islice
from pathlib import Path

import jsonschema
import pytest

from ecgraph.graph import Graph, Settings
from ecgraph.graph.lists import current_version, version_delta
from ecgraph.ingest.lists import load_list
from ecgraph.ingest.registry import get_source
from ecgraph.ingest.source import ParseContext
from ecgraph.schemas import load_json_schema
from ecgraph.schemas.errors import SourceError

UN = "un_sc_sanctions"
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<CONSOLIDATED_LIST dateGenerated="2026-03-01T00:00:00Z"><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&lol2;</FIRST_NAME>
</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


@pytest.mark.parametrize(("source_id", "count"), [("us_trade_csl", 300), (UN, 1100)])
def test_real_parsed_entries_validate_against_the_json_schema(shared_data: Path, source_id: str, count: int) -> None:
    source = get_source(source_id)
    validator = jsonschema.Draft202012Validator(load_json_schema("list_entry"))
    entries = list(islice(source.parse(source.snapshot_files(shared_data), ParseContext(source_id)), count))
    assert len(entries) >= 300
    for entry in entries:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(entry.to_dict())]
        assert not errors, (entry.id, errors)


def test_a_real_list_loads_reloads_and_an_edited_copy_gives_the_delta(
    graph: Graph, settings: Settings, shared_data: Path, tmp_path: Path
) -> None:
    original = shared_data / "sanctions/un/consolidated.xml"
    first = load_list(graph, UN, file=original, data_dir=settings.data_dir)
    assert (first.status, first.version, first.added, first.rejects) == ("loaded", "2026-02-27", 1003, 0)
    assert load_list(graph, UN, data_dir=settings.data_dir).writes == 0, "the bundled snapshot is the same bytes"
    families = graph.read("MATCH (e:ListEntry {source: $s}) RETURN count(e) AS all, count(CASE WHEN e:UNList "
                          "THEN 1 END) AS un", s=UN)[0]
    assert families["all"] == families["un"] == 1003, "entries carry their list family label for Browser's style"

    text = original.read_text(encoding="utf-8")
    # v2: CDi.001 (ERIC BADEGE, the first individual) is gone, one entity is renamed
    text = re.sub(r"<INDIVIDUAL>\s*<DATAID>6907993</DATAID>.*?</INDIVIDUAL>\s*", "", text, count=1, flags=re.DOTALL)
    entity_name = re.search(r"<ENTITY>.*?<FIRST_NAME>([^<]+)</FIRST_NAME>", text, flags=re.DOTALL)
    assert entity_name is not None
    text = text.replace(f"<FIRST_NAME>{entity_name.group(1)}</FIRST_NAME>",
                        f"<FIRST_NAME>{entity_name.group(1)} RENAMED</FIRST_NAME>", 1)
    edited = tmp_path / "consolidated.xml"
    edited.write_text(text, encoding="utf-8")
    second = load_list(graph, UN, file=edited, data_dir=settings.data_dir)
    assert (second.added, second.changed, second.removed, second.unchanged) == (0, 1, 1, 1001)
    assert second.version == f"2026-02-27+{second.sha256[:8]}"  # type: ignore[index]
    delta = version_delta(graph, UN)
    assert delta is not None
    by_change = {c["change"]: c for c in delta["changes"]}
    assert by_change["removed"]["id"] == f"{UN}:CDi.001"
    assert by_change["changed"]["name"].endswith("RENAMED") and "name" in by_change["changed"]["fields"]
    delisted = graph.read("MATCH (e:ListEntry {id: $id}) RETURN e.status AS s, e.delisted_on AS d",
                          id=f"{UN}:CDi.001")[0]
    assert delisted["s"] == "delisted" and delisted["d"] is not None


def test_an_xml_bomb_or_a_cut_file_is_refused_and_the_previous_version_stays(
    graph: Graph, settings: Settings, shared_data: Path, tmp_path: Path
) -> None:
    original = shared_data / "sanctions/un/consolidated.xml"
    good = load_list(graph, UN, file=original, data_dir=settings.data_dir)
    bomb, cut = tmp_path / "bomb" / "consolidated.xml", tmp_path / "cut" / "consolidated.xml"
    bomb.parent.mkdir()
    cut.parent.mkdir()
    bomb.write_text(BOMB, encoding="utf-8")
    cut.write_bytes(original.read_bytes()[: original.stat().st_size // 2])
    for path in (bomb, cut):
        with pytest.raises(SourceError) as info:
            load_list(graph, UN, file=path, data_dir=settings.data_dir)
        assert UN in str(info.value) and str(path) in str(info.value)
        assert current_version(graph, UN)["version"] == good.version  # type: ignore[index]
        assert graph.read("MATCH (e:ListEntry {status: 'active'}) RETURN count(e) AS n")[0]["n"] == 1003
