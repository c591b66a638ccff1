"""The one name normaliser: the forms ingest stores and the form rules compare, built from the same steps.

Every form starts with `fold` (NFKC, Unicode case folding) and turns what is not a letter or digit into
single spaces. Three outputs, each documented where it is used:
- `name_key`: the store form of declaration and account names and of every address (`Party.key`
  `name:<name_key>|CC`, `Address.id`, `name_norm`): `_` is a separator too.
- `list_key`: the store form of list address ids (`Address.id` of list addresses) and of the address
  comparison of rule PS-02 v1: as `name_key` but `_` is kept, as these were built. The two store forms
  stay apart because changing either would change keys of graphs already loaded.
- `normalize_name`: the compare form of entity resolution (below): apostrophes joined, dotted
  initialisms joined, control characters dropped.

NFKC folds full-width and compatibility forms (`ＡＢＣ１` → `abc1`), case folding is Unicode-aware
(`ß` → `ss`), punctuation and symbols become spaces, control and format characters vanish, and digits
are kept (`3M`, `Plant 101` are names). The result is always a string of single-space separated tokens,
possibly empty; `check_name` is the gate that turns unusable input into a clear error.
"""

from __future__ import annotations

import re
import unicodedata

from ecgraph.schemas.errors import EcgraphError

__all__ = ["MAX_NAME_CHARS", "InvalidName", "check_name", "fold", "list_key", "name_key", "normalize_name", "tokens"]

# Longer than any real name on any list (the longest CSL name is ~300 chars); anything beyond is
# a pasted paragraph or binary junk, and comparing it would only cost time.
MAX_NAME_CHARS = 1000

# Apostrophes inside words are dropped rather than split on: O'Brien → obrien, Qur'an → quran.
_JOINERS = frozenset("'’ʼ`´ʻ")
# Dotted initialisms are one token: S.A. → sa, C.V. → cv, U.S.A. → usa (but `A. Yaskin` keeps its space).
_INITIALISM_DOT = re.compile(r"(?<=\b\w)\.(?=\w\b)")
# A white circle next to a Han numeral is the zero 〇 typed with the symbol that looks like it (第七○二研究所):
# kept as the digit, not dropped as a symbol.
_HAN_ZERO = re.compile("(?<=[〇零一二三四五六七八九十百千ニ○◯])[○◯]|[○◯](?=[〇零一二三四五六七八九十百千ニ○◯])")


_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """NFKC (full-width and compatibility forms to their plain letters) then Unicode case folding."""
    return unicodedata.normalize("NFKC", text).casefold()


def list_key(text: str) -> str:
    """`Al-Qa'ida  Org.` -> `al qa ida org`: folded, every run of non-word characters one space, `_` kept."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def name_key(text: str) -> str:
    """`ACME Co.,_Ltd` -> `acme co ltd`: folded, every run of non-word characters and `_` one space."""
    return " ".join(_NON_WORD.sub(" ", fold(text)).replace("_", " ").split())


class InvalidName(EcgraphError):
    """A name that cannot be screened (empty, too long, binary)."""


def _char_class(char: str) -> str:
    """'k' keep, 'j' join (drop), 's' space."""
    if char in _JOINERS:
        return "j"
    category = unicodedata.category(char)
    if category[0] in "LN":
        return "k"
    if "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef":
        return "j"  # variation selectors pick a glyph of the same character (𠀀󠄀): nothing to compare
    if category[0] == "M":  # combining marks stay with their letter (Devanagari, Arabic vowel signs)
        return "k"
    if category in ("Cf", "Cc", "Co", "Cs", "Cn"):
        return "j" if category == "Cf" else "s"
    return "s"


def normalize_name(text: str) -> str:
    """Compare form of a name: NFKC, casefold, punctuation → space, digits kept, spaces squashed."""
    if not text:
        return ""
    text = _INITIALISM_DOT.sub("", fold(text[: MAX_NAME_CHARS * 2]))
    text = _HAN_ZERO.sub("〇", text)
    out: list[str] = []
    for char in text:
        kind = _char_class(char)
        if kind == "k":
            out.append(char)
        elif kind == "s":
            out.append(" ")
    # casefold may produce decomposed sequences (e.g. 'İ' → 'i̇'): recompose so the result is stable.
    return " ".join(unicodedata.normalize("NFKC", "".join(out)).split())


def tokens(text: str) -> list[str]:
    """Tokens of an already normalised name."""
    return text.split()


def check_name(text: str, *, field: str = "name") -> str:
    """Raise InvalidName unless `text` is a screenable name; returns the normalised form."""
    if not isinstance(text, str):
        raise InvalidName(f"{field}: expected text, got {type(text).__name__}")
    if "\x00" in text:
        raise InvalidName(f"{field}: contains NUL bytes: looks like binary data, not a name")
    if len(text) > MAX_NAME_CHARS:
        raise InvalidName(
            f"{field}: {len(text)} characters is longer than any listed name (limit {MAX_NAME_CHARS}); "
            "pass one name, not a paragraph"
        )
    normalized = normalize_name(text)
    if not normalized:
        raise InvalidName(f"{field}: {text!r} has no letters or digits to match on; give a name")
    return normalized
