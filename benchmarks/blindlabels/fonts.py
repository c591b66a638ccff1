"""Installed fonts this generator may use: none of the project's nine development fonts.

Each label draws one font set (body, heading, code, Japanese) and one print process (ink, dot-matrix,
thermal), so a reader tuned on the development fonts meets new letter shapes here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = ("/usr/share/fonts/truetype", "/usr/share/fonts/opentype")

# The development fonts of ecgraph's own generator: never used here (issue #18's sealed split).
FORBIDDEN = frozenset({
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "FreeSans.ttf", "LiberationSerif-Regular.ttf",
    "DejaVuSansCondensed.ttf", "DejaVuSansMono.ttf", "FreeMonoBold.ttf", "NotoSansCJK-Regular.ttc", "ipag.ttf",
})


@dataclass(frozen=True)
class Font:
    """A font file with a stable name and the kind of letter it draws."""

    name: str
    file: str
    kind: str  # serif | sans | condensed | mono | ja_gothic | ja_mincho
    index: int = 0


FONTS: tuple[Font, ...] = (
    Font("dejavu_serif", "DejaVuSerif.ttf", "serif"),
    Font("free_serif", "FreeSerif.ttf", "serif"),
    Font("free_serif_bold", "FreeSerifBold.ttf", "serif"),
    Font("liberation_serif_bold", "LiberationSerif-Bold.ttf", "serif"),
    Font("liberation_sans", "LiberationSans-Regular.ttf", "sans"),
    Font("liberation_sans_bold", "LiberationSans-Bold.ttf", "sans"),
    Font("free_sans_bold", "FreeSansBold.ttf", "sans"),
    Font("dejavu_sans_oblique", "DejaVuSans-Oblique.ttf", "sans"),
    Font("liberation_sans_narrow", "LiberationSansNarrow-Regular.ttf", "condensed"),
    Font("liberation_sans_narrow_bold", "LiberationSansNarrow-Bold.ttf", "condensed"),
    Font("dejavu_serif_condensed", "DejaVuSerifCondensed.ttf", "condensed"),
    Font("dejavu_sans_condensed_bold", "DejaVuSansCondensed-Bold.ttf", "condensed"),
    Font("liberation_mono", "LiberationMono-Regular.ttf", "mono"),
    Font("liberation_mono_bold", "LiberationMono-Bold.ttf", "mono"),
    Font("free_mono", "FreeMono.ttf", "mono"),
    Font("inconsolata", "Inconsolata.otf", "mono"),
    Font("dejavu_sans_mono_bold", "DejaVuSansMono-Bold.ttf", "mono"),
    Font("ipa_mincho", "ipam.ttf", "ja_mincho"),
    Font("ipa_pmincho", "ipamp.ttf", "ja_mincho"),
    Font("ipa_pgothic", "ipagp.ttf", "ja_gothic"),
    Font("vl_gothic", "VL-Gothic-Regular.ttf", "ja_gothic"),
    Font("vl_pgothic", "VL-PGothic-Regular.ttf", "ja_gothic"),
    Font("noto_sans_cjk_bold", "NotoSansCJK-Bold.ttc", "ja_gothic"),
    Font("noto_serif_cjk", "NotoSerifCJK-Regular.ttc", "ja_mincho"),
    Font("noto_serif_cjk_bold", "NotoSerifCJK-Bold.ttc", "ja_mincho"),
)
assert not FORBIDDEN & {f.file for f in FONTS}


@cache
def font_path(file: str) -> Path:
    """Find an installed font file; fail naming the Debian packages that provide them."""
    for root in FONT_DIRS:
        hits = sorted(Path(root).rglob(file))
        if hits:
            return hits[0]
    raise FileNotFoundError(f"font {file} not installed; install fonts-dejavu-extra fonts-liberation "
                            "fonts-freefont-ttf fonts-inconsolata fonts-noto-cjk fonts-ipafont-mincho fonts-vlgothic")


@lru_cache(maxsize=512)
def load(name: str, px: int) -> ImageFont.FreeTypeFont:
    font = next(f for f in FONTS if f.name == name)
    return ImageFont.truetype(str(font_path(font.file)), px, index=font.index)


@dataclass(frozen=True)
class FontSet:
    """The fonts and print process of one label."""

    body: str
    head: str
    code: str
    ja: str
    process: str  # ink | dotmatrix | thermal

    def as_dict(self) -> dict[str, str]:
        return {"body": self.body, "head": self.head, "code": self.code, "jp": self.ja, "process": self.process}


def _of(rng: random.Random, *kinds: str) -> str:
    return rng.choice([f.name for f in FONTS if f.kind in kinds])


def pick_fontset(rng: random.Random, process: str | None = None) -> FontSet:
    """Draw a coherent font set; dot-matrix and thermal prints use plain mono/sans faces."""
    if process is None:
        process = rng.choices(("ink", "dotmatrix", "thermal"), weights=(66, 14, 20))[0]
    if process == "dotmatrix":
        mono = _of(rng, "mono")
        return FontSet(mono, mono, mono, _of(rng, "ja_gothic"), process)
    body = _of(rng, "serif", "sans", "condensed", "mono")
    head = _of(rng, "sans", "condensed", "serif")
    code = rng.choice((body, _of(rng, "mono", "condensed", "sans")))
    return FontSet(body, head, code, _of(rng, "ja_gothic", "ja_mincho"), process)
