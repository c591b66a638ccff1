"""Which writing system a name is in (ISO 15924), from its letters: lists rarely say."""

from __future__ import annotations

import unicodedata

__all__ = ["script_of"]

# Unicode character-name prefixes → ISO 15924 code
_PREFIXES = (
    ("LATIN", "Latn"), ("CYRILLIC", "Cyrl"), ("ARABIC", "Arab"), ("GREEK", "Grek"), ("HEBREW", "Hebr"),
    ("CJK", "Hani"), ("HIRAGANA", "Jpan"), ("KATAKANA", "Jpan"), ("HANGUL", "Kore"), ("THAI", "Thai"),
    ("GEORGIAN", "Geor"), ("ARMENIAN", "Armn"), ("DEVANAGARI", "Deva"), ("ETHIOPIC", "Ethi"),
    ("MYANMAR", "Mymr"), ("KHMER", "Khmr"), ("BENGALI", "Beng"), ("TAMIL", "Taml"),
)


def script_of(text: str) -> str | None:
    """The script of the first letter that has one; Japanese kana anywhere makes it `Jpan`."""
    found: str | None = None
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        code = next((code for prefix, code in _PREFIXES if name.startswith(prefix)), None)
        if code == "Jpan":
            return "Jpan"
        if found is None and code is not None:
            found = code
    return found
