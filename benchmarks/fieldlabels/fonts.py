"""Installed font faces by short name, and cached loading at a pixel size."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

_TT = "/usr/share/fonts/truetype"
_OT = "/usr/share/fonts/opentype"

# name -> (file, face index in a collection). Only Debian font packages listed in the Makefile.
FACES: dict[str, tuple[str, int]] = {
    "dejavu_sans": (f"{_TT}/dejavu/DejaVuSans.ttf", 0),
    "dejavu_sans_bold": (f"{_TT}/dejavu/DejaVuSans-Bold.ttf", 0),
    "dejavu_sans_light": (f"{_TT}/dejavu/DejaVuSans-ExtraLight.ttf", 0),
    "dejavu_sans_condensed": (f"{_TT}/dejavu/DejaVuSansCondensed.ttf", 0),
    "dejavu_sans_condensed_bold": (f"{_TT}/dejavu/DejaVuSansCondensed-Bold.ttf", 0),
    "dejavu_serif": (f"{_TT}/dejavu/DejaVuSerif.ttf", 0),
    "dejavu_serif_condensed_bold": (f"{_TT}/dejavu/DejaVuSerifCondensed-Bold.ttf", 0),
    "dejavu_mono": (f"{_TT}/dejavu/DejaVuSansMono.ttf", 0),
    "dejavu_mono_bold": (f"{_TT}/dejavu/DejaVuSansMono-Bold.ttf", 0),
    "liberation_sans": (f"{_TT}/liberation/LiberationSans-Regular.ttf", 0),
    "liberation_sans_bold": (f"{_TT}/liberation/LiberationSans-Bold.ttf", 0),
    "liberation_narrow": (f"{_TT}/liberation/LiberationSansNarrow-Regular.ttf", 0),
    "liberation_narrow_bold": (f"{_TT}/liberation/LiberationSansNarrow-Bold.ttf", 0),
    "liberation_serif": (f"{_TT}/liberation/LiberationSerif-Regular.ttf", 0),
    "liberation_serif_bold": (f"{_TT}/liberation/LiberationSerif-Bold.ttf", 0),
    "liberation_serif_italic": (f"{_TT}/liberation/LiberationSerif-Italic.ttf", 0),
    "liberation_mono": (f"{_TT}/liberation/LiberationMono-Regular.ttf", 0),
    "liberation_mono_bold": (f"{_TT}/liberation/LiberationMono-Bold.ttf", 0),
    "free_sans": (f"{_TT}/freefont/FreeSans.ttf", 0),
    "free_sans_bold": (f"{_TT}/freefont/FreeSansBold.ttf", 0),
    "free_sans_oblique": (f"{_TT}/freefont/FreeSansOblique.ttf", 0),
    "free_serif": (f"{_TT}/freefont/FreeSerif.ttf", 0),
    "free_serif_bold": (f"{_TT}/freefont/FreeSerifBold.ttf", 0),
    "free_serif_italic": (f"{_TT}/freefont/FreeSerifItalic.ttf", 0),
    "free_mono": (f"{_TT}/freefont/FreeMono.ttf", 0),
    "free_mono_bold": (f"{_TT}/freefont/FreeMonoBold.ttf", 0),
    "inconsolata": (f"{_TT}/inconsolata/Inconsolata.otf", 0),
    "noto_sans_jp": (f"{_OT}/noto/NotoSansCJK-Regular.ttc", 0),
    "noto_sans_jp_bold": (f"{_OT}/noto/NotoSansCJK-Bold.ttc", 0),
    "noto_mono_jp": (f"{_OT}/noto/NotoSansCJK-Regular.ttc", 5),
    "noto_serif_jp": (f"{_OT}/noto/NotoSerifCJK-Regular.ttc", 0),
    "noto_serif_jp_bold": (f"{_OT}/noto/NotoSerifCJK-Bold.ttc", 0),
    "ipa_gothic": (f"{_OT}/ipafont-gothic/ipag.ttf", 0),
    "ipa_pgothic": (f"{_OT}/ipafont-gothic/ipagp.ttf", 0),
    "ipa_mincho": (f"{_OT}/ipafont-mincho/ipam.ttf", 0),
    "vl_gothic": (f"{_TT}/vlgothic/VL-Gothic-Regular.ttf", 0),
}

JAPANESE_FACES = frozenset(
    {"noto_sans_jp", "noto_sans_jp_bold", "noto_mono_jp", "noto_serif_jp", "noto_serif_jp_bold",
     "ipa_gothic", "ipa_pgothic", "ipa_mincho", "vl_gothic"}
)

# Faces grouped by look, so designs pick "a condensed face" rather than a file.
LATIN_SANS = ("dejavu_sans", "liberation_sans", "free_sans", "dejavu_sans_light")
LATIN_SANS_BOLD = ("dejavu_sans_bold", "liberation_sans_bold", "free_sans_bold")
LATIN_CONDENSED = ("dejavu_sans_condensed", "liberation_narrow", "liberation_narrow_bold",
                   "dejavu_sans_condensed_bold")
LATIN_SERIF = ("dejavu_serif", "liberation_serif", "free_serif", "liberation_serif_bold", "free_serif_bold",
               "dejavu_serif_condensed_bold")
LATIN_MONO = ("dejavu_mono", "liberation_mono", "free_mono", "inconsolata", "dejavu_mono_bold",
              "liberation_mono_bold", "free_mono_bold")
LATIN_HAND = ("free_serif_italic", "liberation_serif_italic", "free_sans_oblique")
JP_GOTHIC = ("noto_sans_jp", "noto_sans_jp_bold", "ipa_gothic", "ipa_pgothic", "vl_gothic", "noto_mono_jp")
JP_MINCHO = ("noto_serif_jp", "noto_serif_jp_bold", "ipa_mincho")


def missing_faces() -> list[str]:
    """Faces whose font file is not installed (run `make system-deps` to install them)."""
    return sorted(name for name, (path, _) in FACES.items() if not Path(path).exists())


@lru_cache(maxsize=512)
def load(name: str, px: int) -> ImageFont.FreeTypeFont:
    """The face `name` at `px` pixels, cached: designs ask for the same few sizes again and again."""
    path, index = FACES[name]
    return ImageFont.truetype(path, px, index=index)


def covers_japanese(name: str) -> bool:
    """Whether the face has kana and kanji."""
    return name in JAPANESE_FACES
