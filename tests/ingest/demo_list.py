"""A tiny list source that lives in the tests: the list-loading machinery is tested on it.

Five real-shaped entries in a CSV (`DEMO_CSV`); tests write it (or an edited copy) to a temp folder
and register `DemoList` in `ecgraph.ingest.registry.SOURCES` with monkeypatch.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from ecgraph.ingest import registry
from ecgraph.ingest.records import Address, CountryRef, Identifier, Link, ListEntry, Name
from ecgraph.ingest.source import ListSource, ParseContext, SourceMeta

HEADER = ["id", "name", "type", "country", "aliases", "passport", "address", "linked_to"]
DEMO_CSV = """id,name,type,country,aliases,passport,address,linked_to
1,AERO TECH TRADING LLC,organization,AE,AEROTECH FZE;AERO-TECH,,"Office 12, Dubai",
2,"IVANOV, Petr Sergeevich",person,RU,IVANOV Pyotr,P123456,,1
3,GOLDEN STAR SHIPPING,organization,KP,,,"Pyongyang",
4,OCEAN PEARL,vessel,KP,,,,3
5,SHENZHEN BRIGHT COMPONENTS CO,organization,CN,BRIGHT COMPONENTS,,"Shenzhen, Guangdong",
"""


class DemoList(ListSource):
    id: ClassVar[str] = "zz_demo_list"
    data_url: ClassVar[str] = "http://127.0.0.1:9/demo.csv"  # tests point it at the fixture server

    @property
    def meta(self) -> SourceMeta:
        return SourceMeta(
            id=self.id, title="Demo list", publisher="ecgraph tests", country="ZZ",
            url="http://127.0.0.1/demo", data_urls={"list": self.data_url},
            format="csv", licence="CC0", snapshot={"list": "demo/demo.csv"}, expected_entries=(2, 100),
        )

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["list"]
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            if next(reader, None) != HEADER:
                raise ctx.fail(f"the header is not {','.join(HEADER)}", path, 1)
            for row in reader:
                if len(row) != len(HEADER):
                    raise ctx.fail(f"{len(row)} columns instead of {len(HEADER)}", path, reader.line_num)
                rec = dict(zip(HEADER, row, strict=True))
                if not rec["name"].strip():
                    ctx.reject(path, reader.line_num, ["the name is empty"], rec)
                    continue
                yield ListEntry(
                    source=self.id, source_id=rec["id"], entity_type=rec["type"],  # type: ignore[arg-type]
                    name=rec["name"],
                    names=[Name(a, kind="alias") for a in rec["aliases"].split(";") if a],
                    countries=[CountryRef(rec["country"], "nationality")] if rec["country"] else [],
                    identifiers=[Identifier("passport", rec["passport"])] if rec["passport"] else [],
                    addresses=[Address(rec["address"], country=rec["country"] or None)] if rec["address"] else [],
                    links=[Link("linked_to", rec["linked_to"])] if rec["linked_to"] else [],
                )


def write_demo(folder: Path, text: str = DEMO_CSV) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "demo.csv"
    path.write_text(text, encoding="utf-8")
    return path


def register_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.SOURCES, DemoList.id, DemoList)


def edited(text: str, *, drop: str | None = None, replace: tuple[str, str] | None = None,
           add: str | None = None) -> str:
    """An edited copy of a CSV: drop the line starting with `drop`, replace text, append a line."""
    lines = [line for line in text.splitlines() if drop is None or not line.startswith(drop)]
    out = "\n".join(lines) + "\n"
    if replace:
        assert replace[0] in out, replace[0]
        out = out.replace(*replace)
    if add:
        out += add + "\n"
    return out


__all__ = ["DEMO_CSV", "DemoList", "edited", "register_demo", "write_demo"]
