"""The fonts the label generator prints with, and which split may use each.

Every font comes from a Debian package the Makefile installs (`FONT_PACKAGES`). The `dev2` split
(once the sealed split) prints with faces the `dev` split never sees, in every style (sans, serif, condensed,
monospace, Japanese gothic and mincho), so a reader tuned on development text meets new glyph shapes.
Dot-matrix and thermal printing are render modes (`render.py`) applied to a monospace or sans face.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

__all__ = ["FONTS", "Font", "fonts_for", "load"]

_TT = Path("/usr/share/fonts/truetype")
_OT = Path("/usr/share/fonts/opentype")


@dataclass(frozen=True)
class Font:
    """A face: its name, file (and index in a collection), style, script and split."""

    name: str
    path: Path
    style: str  # sans | serif | condensed | mono | ja_gothic | ja_mincho
    split: str  # dev | dev2
    index: int = 0

    @property
    def japanese(self) -> bool:
        return self.style.startswith("ja_")


FONTS: tuple[Font, ...] = (
    # development
    Font("dejavu_sans", _TT / "dejavu/DejaVuSans.ttf", "sans", "dev"),
    Font("dejavu_sans_bold", _TT / "dejavu/DejaVuSans-Bold.ttf", "sans", "dev"),
    Font("freesans", _TT / "freefont/FreeSans.ttf", "sans", "dev"),
    Font("liberation_serif", _TT / "liberation/LiberationSerif-Regular.ttf", "serif", "dev"),
    Font("dejavu_sans_condensed", _TT / "dejavu/DejaVuSansCondensed.ttf", "condensed", "dev"),
    Font("dejavu_mono", _TT / "dejavu/DejaVuSansMono.ttf", "mono", "dev"),
    Font("freemono_bold", _TT / "freefont/FreeMonoBold.ttf", "mono", "dev"),
    Font("noto_sans_jp", _OT / "noto/NotoSansCJK-Regular.ttc", "ja_gothic", "dev", 0),
    Font("ipa_gothic", _OT / "ipafont-gothic/ipag.ttf", "ja_gothic", "dev"),
    # dev2: never used by the dev split
    Font("liberation_sans", _TT / "liberation/LiberationSans-Regular.ttf", "sans", "dev2"),
    Font("liberation_sans_bold", _TT / "liberation/LiberationSans-Bold.ttf", "sans", "dev2"),
    Font("dejavu_serif", _TT / "dejavu/DejaVuSerif.ttf", "serif", "dev2"),
    Font("freeserif", _TT / "freefont/FreeSerif.ttf", "serif", "dev2"),
    Font("liberation_narrow", _TT / "liberation/LiberationSansNarrow-Regular.ttf", "condensed", "dev2"),
    Font("liberation_mono", _TT / "liberation/LiberationMono-Regular.ttf", "mono", "dev2"),
    Font("inconsolata", _TT / "inconsolata/Inconsolata.otf", "mono", "dev2"),
    Font("vl_gothic", _TT / "vlgothic/VL-Gothic-Regular.ttf", "ja_gothic", "dev2"),
    Font("ipa_mincho", _OT / "ipafont-mincho/ipam.ttf", "ja_mincho", "dev2"),
    Font("noto_serif_jp", _OT / "noto/NotoSerifCJK-Regular.ttc", "ja_mincho", "dev2", 0),
)


def fonts_for(split: str, japanese: bool) -> list[Font]:
    """The faces a split prints Latin (or Japanese) text with."""
    return [font for font in FONTS if font.split == split and font.japanese == japanese]


@lru_cache(maxsize=512)
def load(font: Font, size: int) -> ImageFont.FreeTypeFont:
    """The face at `size` px; a missing file names the Debian package set to install."""
    if not font.path.exists():
        raise FileNotFoundError(f"{font.path} is missing: run `make system-deps` (installs FONT_PACKAGES)")
    return ImageFont.truetype(str(font.path), size, index=font.index)
