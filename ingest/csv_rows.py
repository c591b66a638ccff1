"""CSV files, read one way: curated list files, control data and analysts' watch lists alike. What differs
is the policy, a parameter:

- the header: `exact` (these columns in this order: curated lists) or by name (every documented column
  present, no unknown one, `optional` ones allowed: control data);
- a row of the wrong width: `reject` it with its line (curated lists; the rest still load), or, by name,
  ignore surplus cells (control data);
- the encodings tried in order (`decode_text`): UTF-8 with or without BOM, and Shift_JIS (cp932) where
  Excel on Japanese Windows writes "CSV" (watch lists); publishers' files are plain UTF-8 (`("utf-8",)`);
- no header row at all (`header_row=False`: OFAC's legacy files), `header` then names the columns;
- rows passed over silently (`skip`: blank lines, OFAC's Ctrl-Z end-of-file line);
- what the user should do, added to a header error (`hint`) or an encoding error (`advice`).

Every error is a `SourceError` naming the source, the file and, where known, the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ecgraph.schemas.errors import SourceError

__all__ = ["ENCODING_NAMES", "csv_rows", "decode_text"]

ENCODING_NAMES = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp932": "Shift_JIS"}


def decode_text(raw: bytes, encodings: Sequence[str], *, source: str, path: Path,
                advice: str = "save the file as CSV UTF-8") -> str:
    """The file's text in the first encoding that reads it; otherwise an error naming them all."""
    for encoding in encodings[:-1]:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return raw.decode(encodings[-1])
    except UnicodeDecodeError as exc:
        names = " nor ".join(ENCODING_NAMES.get(e, e) for e in encodings)
        lead = "neither " if len(encodings) > 1 else "not "
        raise SourceError(f"{lead}{names} text ({exc.reason} at byte {exc.start})" + (f"; {advice}" if advice else ""),
                          source=source, file=str(path), line=raw.count(b"\n", 0, exc.start) + 1) from exc


def csv_rows(path: Path, *, source: str, header: Sequence[str], optional: Sequence[str] = (), exact: bool = False,
             reject: Callable[[int, list[str], str], None] | None = None,
             encodings: Sequence[str] = ("utf-8-sig",), header_row: bool = True,
             skip: Callable[[list[str]], bool] | None = None, hint: str = "",
             advice: str = "save the file as CSV UTF-8") -> Iterator[tuple[int, dict[str, str]]]:
    """(line the row starts on, row by column) for each data row. With `exact` (implied when there is no
    header row), the header must be `header` in order and a row of another width goes to `reject` (line,
    cells, reason); otherwise the header is checked by name and values are stripped."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot open: {exc.strerror}", source=source, file=str(path)) from exc
    text = decode_text(raw, encodings, source=source, path=path, advice=advice)
    reader = csv.reader(io.StringIO(text, newline=""))
    exact = exact or not header_row
    try:
        found: list[str] = list(header)
        if header_row:
            found = next(reader, [])
            _check_header(found, header, optional, exact, source, path, hint)
        start = reader.line_num + 1
        for cells in reader:
            if skip is not None and skip(cells):
                pass
            elif exact and len(cells) != len(header):
                if reject is None:
                    raise SourceError(f"{len(cells)} fields, expected {len(header)}", source=source, file=str(path),
                                      line=start)
                reject(start, cells, f"{len(cells)} fields, expected {len(header)}")
            elif exact:
                yield start, dict(zip(header, cells, strict=True))
            elif cells:
                yield reader.line_num, {k: (cells[i] if i < len(cells) else "").strip() for i, k in enumerate(found)}
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(f"unreadable CSV ({exc})", source=source, file=str(path), line=reader.line_num) from exc


def _check_header(found: list[str], header: Sequence[str], optional: Sequence[str], exact: bool, source: str,
                  path: Path, hint: str) -> None:
    if exact:
        if found != list(header):
            raise SourceError(f"unexpected header {found!r}; expected {', '.join(header)}" + (f". {hint}" if hint else ""),
                              source=source, file=str(path), line=1)
        return
    missing = [c for c in header if c not in found]
    unknown = [c for c in found if c not in header and c not in optional]
    if missing or unknown:
        raise SourceError(
            f"header is {found}; expected {list(header)}"
            + (f" (optional: {list(optional)})" if optional else "")
            + (f"; missing {missing}" if missing else "") + (f"; unknown {unknown}" if unknown else "")
            + (f". {hint}" if hint else ""),
            source=source, file=str(path), line=1,
        )
