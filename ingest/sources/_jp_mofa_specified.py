"""FEFTA "specified entities" lists (輸出等に係る禁止措置の対象となる特定団体), shared by three sources.

MOFA publishes one notice per target (Russia, Belarus, third countries) and METI posts each as a PDF;
every list has its own numbering, designation date and update date, so each is its own source
(`jp_mofa_russia_specified`, `jp_mofa_belarus_specified`, `jp_mofa_third_country_specified`), and they
share this parser. Input: the PDF itself (text via pypdf) or a text extraction of it (`*.pdf.txt`,
as OpenSanctions keeps them), chosen by file name.

Layout of an entry, as printed: `１ 株式会社インテグラル（別称、OAO インテグラル、…）` (number, often in
full-width digits, then the Japanese name with its Japanese aliases), the English name, possibly
`, a.k.a., the following two aliases:` followed by `- alias; and` lines, or (2025 layout) a `別称：`
block of Japanese then Latin aliases separated by `;`, then `所在地：` addresses separated by `; and`.
Lines wrap anywhere. An entry starts only at the next expected number, so `140 Repair Plant JSC`
inside entry ３ is not an entry. The update PDFs carry only the entries added that day (e.g. 560–561
of the Russia list); the highest number is the list's own count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ecgraph.ingest.records import Address, CountryRef, ListEntry, Name
from ecgraph.ingest.source import ListSource, ParseContext
from ecgraph.ingest.workbook import halfwidth
from ecgraph.schemas.errors import SourceError

__all__ = ["SpecifiedEntityList", "read_text", "split_entries"]

KANA = re.compile(r"[\u3040-\u30ff]")
ENTRY_START = re.compile(r"^\s*(\d{1,4})\s+(\S.*)$")
UPDATED = re.compile(r"最終更新日[：:]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
AKA = re.compile(r",?\s*a\.k\.a\.?,?.*$", re.IGNORECASE)
LABEL = re.compile(r"^(所\s*在\s*地|別\s*称)\s*[：:]\s*")  # NFKC turns the full-width colon into ":"
INLINE_CHINESE = re.compile(
    r"^(?P<latin>[^()]*[A-Za-z][^()]*?)\s*\((?P<han>[\u4e00-\u9fff][\u4e00-\u9fff、\s]*)\)$"
)
# "Ruselectronics JSC所在地:…": the .txt loses the line break before a label
MIDLINE_LABEL = re.compile(r"(?<=\S)\s*(?=(?:所\s*在\s*地|別\s*称)\s*[：:])")
# "クロッカス・ナノ・エレクトロニクスCrocus Nano Electronics": the .txt loses the line break between names
GLUED_ENGLISH = re.compile(
    r"^(?P<jp>.*[\u3040-\u30ff\u4e00-\u9fff)」])(?P<en>[A-Z][^\u3040-\u30ff\u4e00-\u9fff\s]*\s[^\u3040-\u30ff\u4e00-\u9fff]*)$"
)
PARENTHESISED = re.compile(r"\([^()]*(?:\)|$)")  # also one a line break left open
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
JP_ALIASES = re.compile(r"^(?P<name>.*?)[（(]別称、(?P<aliases>.*)[）)]$")


def read_text(path: Path, source: str) -> str:
    """The list's text: pypdf's extraction of every page, or the `.txt` extraction as it is."""
    try:
        if path.suffix.lower() == ".pdf":
            reader = PdfReader(path)
            return "\n".join(page.extract_text() or "" for page in reader.pages)
        return path.read_text(encoding="utf-8")
    except (PdfReadError, OSError, UnicodeDecodeError, ValueError) as exc:
        raise SourceError(
            f"cannot read the list ({exc}). Expected the METI/MOFA PDF or its .pdf.txt text extraction.",
            source=source,
            file=str(path),
        ) from exc


def is_japanese_line(line: str) -> bool:
    """Kana anywhere, or kanji outside parentheses (a Chinese name in parentheses ends English lines)."""
    return bool(KANA.search(line)) or bool(CJK.search(PARENTHESISED.sub("", line)))


def glued_start(line: str, expected: int) -> int | None:
    """Where the next entry starts inside a line (text extractions lose line breaks after an address)."""
    match = re.search(rf"(?<=[A-Za-z.)])\s?{expected}\s+(?=\S*[\u3040-\u30ff\u4e00-\u9fff])", line)
    return match.start() if match and match.start() > 0 else None


def split_entries(text: str) -> tuple[list[str], list[tuple[int, int, list[str]]]]:
    """(preamble lines, [(number, line number, body lines)]): entries start at the next expected number."""
    lines = [halfwidth(x).rstrip() for x in text.split("\n")]
    preamble: list[str] = []
    entries: list[tuple[int, int, list[str]]] = []
    for index, line in enumerate(lines, start=1):
        if entries and (glued := glued_start(line, entries[-1][0] + 1)) is not None:
            entries[-1][2].append(line[:glued].strip())  # "…, Belarus7 株式会社…" in the text extraction
            line = line[glued:]
        match = ENTRY_START.match(line)
        if match:
            number = int(match[1])
            expected = entries[-1][0] + 1 if entries else None
            if (expected is None and is_japanese_line(match[2])) or number == expected:
                entries.append((number, index, [match[2].strip()]))
                continue
        if line.strip():
            (entries[-1][2] if entries else preamble).append(line.strip())
    return preamble, entries


def parse_body(source: str, number: int, body: list[str]) -> ListEntry:
    """One entry's lines → ListEntry (names, aliases in both scripts, addresses)."""
    head_jp: list[str] = []
    head_en: list[str] = []
    aliases: list[str] = []
    addresses: list[str] = []
    aka_jp: list[str] = []
    aka_en: list[str] = []
    section = "head"
    lines = [part for line in body for part in MIDLINE_LABEL.split(line) if part.strip()]
    for index, line in enumerate(lines):
        if section == "head" and not head_en and (glued := GLUED_ENGLISH.match(line)):
            head_jp.append(glued["jp"])
            head_en.append(glued["en"])
            continue
        if index == 0:  # the numbered line is the Japanese name, even when it starts in Latin ("BSVT 新技術")
            head_jp.append(line)
            continue
        if match := LABEL.match(line):
            section, line = ("address" if match[1].startswith("所") else "aka"), line[match.end() :]
        elif section in ("head", "dash") and line.startswith("-"):
            section = "dash"
            aliases.append(line.lstrip("- ").strip())
            continue
        if section == "address":
            addresses.append(line)
        elif section == "aka":
            (aka_jp if CJK.search(line) else aka_en).append(line)
        elif section == "dash":
            aliases[-1] += " " + line
        elif is_japanese_line(line) and not head_en:
            head_jp.append(line)
        else:
            head_en.append(line)
    japanese = "".join(head_jp).strip()
    english = re.sub(r"\s+", " ", " ".join(head_en)).strip()
    primary = AKA.sub("", english).strip().rstrip(",").strip() or japanese
    chinese: list[str] = []
    if match := INLINE_CHINESE.match(primary):  # "Ele Technology Co LTD（深圳市易络电子有限公司）"
        primary = match["latin"].strip()
        chinese = [re.sub(r"\s+", "", c) for c in match["han"].split("、") if c.strip()]
    entry = ListEntry(source=source, source_id=str(number), entity_type="organization", name=primary)
    entry.names.extend(Name(c, "original_script", "Hani", "zh") for c in chinese)
    jp_names = []
    if match := JP_ALIASES.match(japanese):
        japanese = match["name"].strip()
        jp_names = [a.strip() for a in re.split(r"、|及び", match["aliases"]) if a.strip()]
    if japanese and japanese != primary:
        entry.names.append(Name(japanese, "original_script", "Jpan", "ja"))
    for text in aliases:
        text = re.sub(r";?\s*(and)?\s*$", "", text).strip().rstrip(".;").strip()
        if text:
            entry.names.append(Name(text, "alias"))
    for text in re.split(r";", " ".join(aka_en)):
        if text := text.strip().rstrip("."):
            entry.names.append(Name(re.sub(r"\s+", " ", text), "alias"))
    jp_names += [t.strip() for t in re.split(r";", "".join(aka_jp)) if t.strip()]
    entry.names.extend(Name(t, "original_script", "Jpan", "ja") for t in jp_names)
    for text in re.split(r";\s*and\s+|;\s*", re.sub(r"\s+", " ", " ".join(addresses))):
        if text := text.strip().rstrip("."):
            entry.addresses.append(Address(full=text))
    return entry


class SpecifiedEntityList(ListSource):
    """Base of the three FEFTA specified-entity sources: the file's role is `pdf`."""

    id: ClassVar[str]
    target_country: ClassVar[str | None] = None  # the country the notice is about (ISO-2), if one

    def version(self, files: dict[str, Path]) -> str:
        """`最終更新日` (last updated) as printed in the list, else the content hash."""
        text = read_text(files["pdf"], self.id)
        if match := UPDATED.search(halfwidth(text)):
            return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
        if files["pdf"].suffix.lower() == ".pdf":  # update annexes print no date: the PDF's own ModDate
            metadata = PdfReader(files["pdf"]).metadata
            modified = str(metadata.get("/ModDate", "")) if metadata else ""
            if match := re.match(r"D:(\d{4})(\d{2})(\d{2})", modified):
                return f"{match[1]}-{match[2]}-{match[3]}"
        return super().version(files)

    def files_from(self, path: Path) -> dict[str, Path]:
        """A PDF or its `.pdf.txt` extraction (`--file x.pdf.txt`) is the list."""
        if path.is_file():
            return {"pdf": path}
        return super().files_from(path)

    def parse(self, files: dict[str, Path], ctx: ParseContext) -> Iterator[ListEntry]:
        path = files["pdf"]
        text = read_text(path, self.id)
        _, entries = split_entries(text)
        if not entries:
            raise SourceError(
                "no numbered entries found (expected lines like `１ 株式会社… ` followed by the "
                "English name). Is this the specified-entity list?",
                source=self.id,
                file=str(path),
            )
        for number, line, body in entries:
            if len(body) < 2:
                ctx.reject(path, line, [f"entry {number} has no English name line"], body)
                continue
            entry = parse_body(self.id, number, body)
            if self.target_country:
                entry.countries.append(CountryRef(self.target_country, "program"))
            yield entry
