"""Content-addressed store of label images: the original bytes, never altered, under their SHA-256.

    <root>/images/ab/abcdef….jpg        the original file, byte for byte
    <root>/images/ab/abcdef….json       what we know about it: size, format, EXIF time and place

Files are 0600 in 0700 folders: a label shows who ships what to whom. Storing the same bytes twice changes nothing. Files that are empty, too large, not images or
unreadable raise ImageRejected (with the reason), and `intake.py` keeps them aside in quarantine.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from ecgraph.schemas.errors import ConfigError, SourceError

__all__ = ["FORMATS", "ImageRejected", "ImageStore", "StoredImage", "check_image", "max_bytes", "max_pixels"]

SOURCE = "labels"
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "TIFF": ".tif", "BMP": ".bmp"}


def max_bytes() -> int:
    """Largest accepted file (ECGRAPH_LABEL_MAX_BYTES, default 25 MB: a glasses still is ~1–5 MB)."""
    return _whole_number("ECGRAPH_LABEL_MAX_BYTES", 25 * 1024 * 1024)


def max_pixels() -> int:
    """Largest accepted image (ECGRAPH_LABEL_MAX_PIXELS, default 50 megapixels): guards OCR memory."""
    return _whole_number("ECGRAPH_LABEL_MAX_PIXELS", 50_000_000)


def _whole_number(variable: str, default: int) -> int:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{variable}={raw!r} is not a whole number", setting=variable) from None


class ImageRejected(SourceError):
    """A file that cannot be a label capture; `reason` is one short phrase for the quarantine note."""

    def __init__(self, path: Path, reason: str, hint: str) -> None:
        super().__init__(f"{reason}. {hint}", source=SOURCE, file=str(path))
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class StoredImage:
    sha256: str
    path: str
    original_name: str
    bytes: int
    format: str
    width: int
    height: int
    exif: dict[str, Any] = field(default_factory=dict)

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        exif = row.pop("exif")
        row.update({f"exif_{k}": v for k, v in exif.items()})
        return row


def check_image(path: Path) -> tuple[str, int, int, dict[str, Any]]:
    """(format, width, height, exif) of an acceptable image; ImageRejected says why one is not."""
    if not path.is_file():
        raise ImageRejected(path, "not a file", "Give the path of an image file.")
    size = path.stat().st_size
    if size == 0:
        raise ImageRejected(
            path, "empty file (0 bytes)", "The upload was probably interrupted: send it again."
        )
    if size > max_bytes():
        raise ImageRejected(
            path,
            f"file too large ({size} bytes > {max_bytes()})",
            "Send a smaller capture or raise ECGRAPH_LABEL_MAX_BYTES.",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                fmt, (width, height) = str(image.format), image.size
                if width * height > max_pixels():
                    raise ImageRejected(
                        path,
                        f"image too large ({width}x{height} pixels)",
                        "Send a smaller capture or raise ECGRAPH_LABEL_MAX_PIXELS.",
                    )
                exif = _exif(image)
                image.load()  # decodes every byte: a truncated or corrupt file fails here
    except ImageRejected:
        raise
    except Image.DecompressionBombError as exc:
        raise ImageRejected(path, "image too large (decompression bomb)", "Send a smaller capture.") from exc
    except UnidentifiedImageError as exc:
        raise ImageRejected(
            path, "not an image Pillow can read", f"Send a {', '.join(FORMATS)} file."
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(path, f"unreadable image ({exc})", "The file is damaged: send it again.") from exc
    if fmt not in FORMATS:
        raise ImageRejected(path, f"unsupported image format {fmt}", f"Send a {', '.join(FORMATS)} file.")
    return fmt, width, height, exif


class ImageStore:
    """Images under `root/images`, addressed by the SHA-256 of their bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str, fmt: str) -> Path:
        return self.root / "images" / sha256[:2] / f"{sha256}{FORMATS[fmt]}"

    def add(self, path: Path) -> tuple[StoredImage, bool]:
        """Store a copy of `path` (checked first); (the stored image, whether it was new)."""
        fmt, width, height, exif = check_image(path)
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_for(digest, fmt)
        meta_file = target.with_suffix(".json")
        for folder in (self.root, self.root / "images", target.parent):  # 0700, also for older stores
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(folder, 0o700)
        if target.exists() and meta_file.exists():
            for kept in (target, meta_file):
                os.chmod(kept, 0o600)
            return StoredImage(**json.loads(meta_file.read_text())), False
        partial = target.with_name(target.name + ".part")
        _write_private(partial, data)
        partial.replace(target)  # atomic: a crash never leaves a half-written original
        stored = StoredImage(
            sha256=digest,
            path=str(target),
            original_name=path.name,
            bytes=target.stat().st_size,
            format=fmt,
            width=width,
            height=height,
            exif=exif,
        )
        meta_partial = meta_file.with_name(meta_file.name + ".part")
        _write_private(meta_partial, json.dumps(asdict(stored), ensure_ascii=False, indent=1).encode("utf-8"))
        meta_partial.replace(meta_file)
        return stored, True


def _write_private(path: Path, data: bytes) -> None:
    """A new 0600 file (labels show who ships what to whom: the store is the owner's alone)."""
    path.unlink(missing_ok=True)  # a leftover from a crash, possibly made with an older mode
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _exif(image: Image.Image) -> dict[str, Any]:
    """Capture time, place and camera from EXIF where present (absent keys are left out)."""
    exif = image.getexif()
    found: dict[str, Any] = {}
    if not exif:
        return found
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    stamp = sub.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
    if stamp:
        try:
            found["captured_at"] = datetime.strptime(str(stamp).strip("\0 "), "%Y:%m:%d %H:%M:%S").isoformat()
        except ValueError:
            found["captured_at_raw"] = str(stamp)
    for tag, key in ((ExifTags.Base.Make, "camera_make"), (ExifTags.Base.Model, "camera_model")):
        if exif.get(tag):
            found[key] = str(exif[tag]).strip("\0 ")
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    if gps and 2 in gps and 4 in gps:
        try:
            found["gps_lat"] = _degrees(gps[2], gps.get(1, "N"))
            found["gps_lon"] = _degrees(gps[4], gps.get(3, "E"))
        except (TypeError, ValueError, ZeroDivisionError):
            pass
    return found


def _degrees(value: Any, ref: Any) -> float:
    d, m, s = (float(part) for part in value)
    degrees = d + m / 60 + s / 3600
    return round(-degrees if str(ref).upper() in ("S", "W") else degrees, 7)
