"""The index on disk: numpy arrays and string tables in one file, memory-mapped and read only where a search looks.

`ecgraph search` scores a few dozen of ~47,000 entries, so it should not pay for reading all of them.
Unmarshalling the whole 50 MB index (every form, key and token weight as a Python object) took ~0.7 s
of every search; here loading maps the file and reads a short header, and a look-up decodes only the
strings and records it touches. Mappings (blocking keys, token rarities, identifiers) are stored as
sorted string tables searched by bisection, so nothing is hashed at load time either. Values come back
exactly as they were saved (strings, float64, int32), so a loaded index answers as the built one does.

Layout: MAGIC, the header length (8 bytes, little endian), the header (marshal: metadata and, per
section, its dtype, byte offset and item count), then the sections, each 8-byte aligned.
"""

from __future__ import annotations

import marshal
import mmap
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

import numpy as np

__all__ = ["BlobTable", "IndexFile", "IndexWriter", "SortedMapping", "StringTable"]

MAGIC = b"ECGIDX04"
_ALIGN = 8
V = TypeVar("V")


class StringTable(Sequence[str]):
    """Strings stored as one UTF-8 buffer and their end offsets; `table[rows]` with an index array gives a
    numpy object array, as the in-memory index's arrays of forms do."""

    def __init__(self, data: memoryview | bytes, ends: np.ndarray) -> None:
        self._data = data
        self._ends = ends  # int64, one per string: where it ends; it starts where the previous one ends

    def __len__(self) -> int:
        return len(self._ends)

    def _bounds(self, number: int) -> tuple[int, int]:
        return (int(self._ends[number - 1]) if number else 0), int(self._ends[number])

    def string(self, number: int) -> str:
        start, end = self._bounds(number)
        return str(self._data[start:end], "utf-8")

    @overload
    def __getitem__(self, number: int) -> str: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[str]: ...
    @overload
    def __getitem__(self, number: np.ndarray) -> np.ndarray: ...
    def __getitem__(self, number: Any) -> Any:
        if isinstance(number, np.ndarray):
            found = np.empty(len(number), dtype=object)
            found[:] = [self.string(n) for n in number.tolist()]
            return found
        if isinstance(number, slice):
            return [self.string(n) for n in range(*number.indices(len(self)))]
        if number < 0:
            number += len(self)
        if not 0 <= number < len(self):
            raise IndexError(number)
        return self.string(number)

    def tolist(self) -> list[str]:
        """Every string (what many searches share decodes them all once: `ResolutionIndex.prepare_bulk_search`)."""
        text = str(self._data[:int(self._ends[-1]) if len(self._ends) else 0], "utf-8")
        if text.isascii():  # one byte a character: cut the decoded text where the bytes end
            ends = self._ends.tolist()
            return [text[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]
        return [self.string(n) for n in range(len(self))]

    def raw(self) -> tuple[bytes, np.ndarray]:
        return bytes(self._data[:int(self._ends[-1]) if len(self._ends) else 0]), np.asarray(self._ends)

    @classmethod
    def of(cls, values: Iterable[str]) -> StringTable:
        encoded = [v.encode("utf-8") for v in values]
        ends = np.cumsum([len(e) for e in encoded], dtype=np.int64) if encoded else np.zeros(0, dtype=np.int64)
        return cls(b"".join(encoded), ends)


class BlobTable(Sequence[Any]):
    """Records stored as marshal blobs (a StringTable of bytes), decoded on first use and kept."""

    def __init__(self, data: memoryview | bytes, ends: np.ndarray, decode: Callable[[Any], Any]) -> None:
        self._table = StringTable(data, ends)
        self._decode = decode
        self._decoded: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._table)

    def __getitem__(self, number: Any) -> Any:
        if not isinstance(number, int):
            raise TypeError("a BlobTable is read one record at a time")
        if number < 0:
            number += len(self)
        value = self._decoded.get(number)
        if value is None:
            if not 0 <= number < len(self):
                raise IndexError(number)
            start, end = self._table._bounds(number)
            value = self._decoded[number] = self._decode(marshal.loads(self._table._data[start:end]))
        return value

    @property
    def decoded(self) -> int:
        """How many records have been decoded so far (a search decodes the few it scores)."""
        return len(self._decoded)

    def blob(self, number: int) -> bytes:
        start, end = self._table._bounds(number)
        return bytes(self._table._data[start:end])


class SortedMapping(Mapping[str, V]):
    """A read-only str -> value mapping over sorted keys (a StringTable) and a value per key, found by bisection."""

    def __init__(self, keys: StringTable, value: Callable[[int], V]) -> None:
        self._keys = keys
        self._value = value

    def _position(self, key: object) -> int:
        if not isinstance(key, str):
            return -1
        position = bisect_left(self._keys, key)
        return position if position < len(self._keys) and self._keys.string(position) == key else -1

    def __getitem__(self, key: str) -> V:
        position = self._position(key)
        if position < 0:
            raise KeyError(key)
        return self._value(position)

    def get(self, key: str, default: Any = None) -> Any:
        position = self._position(key)
        return default if position < 0 else self._value(position)

    def __contains__(self, key: object) -> bool:
        return self._position(key) >= 0

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys.tolist())

    def to_dict(self) -> dict[str, V]:
        return {key: self._value(n) for n, key in enumerate(self._keys.tolist())}


class IndexWriter:
    """Collects sections and writes the file atomically (a reader never sees half a file)."""

    def __init__(self, meta: Mapping[str, Any]) -> None:
        self.meta = dict(meta)
        self._sections: dict[str, np.ndarray | bytes] = {}

    def array(self, name: str, values: np.ndarray) -> None:
        self._sections[name] = np.ascontiguousarray(values)

    def strings(self, name: str, values: StringTable | Iterable[str]) -> None:
        table = values if isinstance(values, StringTable) else StringTable.of(values)
        data, ends = table.raw()
        self._sections[f"{name}.data"] = data
        self._sections[f"{name}.ends"] = ends.astype(np.int64)

    def blobs(self, name: str, values: Iterable[bytes]) -> None:
        blobs = list(values)
        self._sections[f"{name}.data"] = b"".join(blobs)
        self._sections[f"{name}.ends"] = (np.cumsum([len(b) for b in blobs], dtype=np.int64) if blobs
                                          else np.zeros(0, dtype=np.int64))

    def mapping(self, name: str, items: Iterable[tuple[str, Any]], dtype: type | str) -> None:
        """A str -> number mapping, sorted by key."""
        ordered = sorted(items)
        self.strings(f"{name}.keys", (k for k, _ in ordered))
        self.array(f"{name}.values", np.asarray([v for _, v in ordered], dtype=dtype))

    def lists(self, name: str, items: Iterable[tuple[str, Sequence[int]]]) -> None:
        """A str -> list of int32 mapping, sorted by key (values in CSR layout)."""
        ordered = sorted(items)
        self.strings(f"{name}.keys", (k for k, _ in ordered))
        self.array(f"{name}.ends", np.cumsum([len(v) for _, v in ordered], dtype=np.int64) if ordered
                   else np.zeros(0, dtype=np.int64))
        self.array(f"{name}.values", np.asarray([x for _, v in ordered for x in v], dtype=np.int32))

    def write(self, path: Path) -> None:
        layout: dict[str, tuple[str, int, int]] = {}
        offset = 0
        for name, section in self._sections.items():
            size = section.nbytes if isinstance(section, np.ndarray) else len(section)
            dtype = section.dtype.str if isinstance(section, np.ndarray) else "bytes"
            count = len(section)
            layout[name] = (dtype, offset, count)
            offset += size + (-size % _ALIGN)
        header = marshal.dumps({"meta": self.meta, "sections": layout})
        header += b"\0" * (-(len(MAGIC) + 8 + len(header)) % _ALIGN)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            fh.write(MAGIC + len(header).to_bytes(8, "little") + header)
            for section in self._sections.values():
                raw = section.tobytes() if isinstance(section, np.ndarray) else section
                fh.write(raw + b"\0" * (-len(raw) % _ALIGN))
        tmp.replace(path)


class IndexFile:
    """A written index, memory-mapped: sections are views of the mapping, read from disk as they are touched."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as fh:
            if fh.read(len(MAGIC)) != MAGIC:
                raise ValueError(f"{path} is not an index file of this version")
            size = int.from_bytes(fh.read(8), "little")
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        start = len(MAGIC) + 8
        header = marshal.loads(self._map[start:start + size])
        self.meta: dict[str, Any] = header["meta"]
        self._layout: dict[str, tuple[str, int, int]] = header["sections"]
        self._base = start + size
        self._view = memoryview(self._map)

    def array(self, name: str) -> np.ndarray:
        dtype, offset, count = self._layout[name]
        return np.frombuffer(self._map, dtype=np.dtype(dtype), count=count, offset=self._base + offset)

    def _bytes(self, name: str) -> memoryview:
        _, offset, count = self._layout[name]
        return self._view[self._base + offset:self._base + offset + count]

    def strings(self, name: str) -> StringTable:
        return StringTable(self._bytes(f"{name}.data"), self.array(f"{name}.ends"))

    def blobs(self, name: str, decode: Callable[[Any], Any]) -> BlobTable:
        return BlobTable(self._bytes(f"{name}.data"), self.array(f"{name}.ends"), decode)

    def mapping(self, name: str, convert: Callable[[Any], V]) -> SortedMapping[V]:
        values = self.array(f"{name}.values")
        return SortedMapping(self.strings(f"{name}.keys"), lambda n: convert(values[n]))

    def lists(self, name: str) -> SortedMapping[list[int]]:
        ends, values = self.array(f"{name}.ends"), self.array(f"{name}.values")

        def value(n: int) -> list[int]:
            start = int(ends[n - 1]) if n else 0
            return values[start:int(ends[n])].tolist()  # type: ignore[no-any-return]

        return SortedMapping(self.strings(f"{name}.keys"), value)
