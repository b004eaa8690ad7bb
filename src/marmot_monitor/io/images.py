"""Images uploaded to case studies: checked by their content and re-encoded.

:func:`read_image` opens a file with Pillow whatever its name says, refuses anything that is
not a PNG, JPEG, GIF or WebP image, an image of more than :data:`MAX_PIXELS` pixels (a
decompression bomb: a small file that expands to gigabytes) and a damaged image, then
draws its first frame afresh, turned upright, at most :data:`MAX_SIDE` pixels a side, as
PNG (when it has transparency) or JPEG. Nothing of the upload but its pixels is kept: no
metadata (camera, place), no comment, no second frame, no trailing bytes.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP", "MPO": "JPEG"}
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000
JPEG_QUALITY = 85

NOT_AN_IMAGE = "is not an image Marmot Monitor can read"
FIX_NOT_AN_IMAGE = "upload a PNG, JPEG, GIF or WebP image"
WRONG_KIND = "is a {kind} image"
TOO_MANY_PIXELS = "has more pixels than the {limit:,} allowed"
FIX_TOO_MANY_PIXELS = "make it smaller (2,000 pixels a side is plenty) and upload it again"
DAMAGED = "is damaged or cut short"
FIX_DAMAGED = "open it in an image editor, save it again, and upload that copy"


class InvalidImageError(ValueError):
    """The file is not an image that may be kept; the message names it, the rule and a fix."""

    def __init__(self, name: str, rule: str, fix: str) -> None:
        super().__init__(f"{name} {rule}: {fix}")


@dataclass(frozen=True)
class CheckedImage:
    """An image as it is kept: its bytes, content type, file ending and size in pixels."""

    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def read_image(path: Path, *, name: str) -> CheckedImage:
    """The image in ``path`` checked and re-encoded; ``name`` is the file's name as the user
    gave it, for messages. Raises :class:`InvalidImageError`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                _check(opened, name)
                opened.seek(0)
                opened.load()
                upright = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        rule = TOO_MANY_PIXELS.format(limit=MAX_PIXELS)
        raise InvalidImageError(name, rule, FIX_TOO_MANY_PIXELS) from error
    except UnidentifiedImageError as error:
        raise InvalidImageError(name, NOT_AN_IMAGE, FIX_NOT_AN_IMAGE) from error
    except (OSError, SyntaxError, ValueError) as error:
        if isinstance(error, InvalidImageError):
            raise
        raise InvalidImageError(name, DAMAGED, FIX_DAMAGED) from error
    return _encoded(upright)


def _check(opened: Image.Image, name: str) -> None:
    if opened.format not in ACCEPTED:
        kind = opened.format or "unknown"
        raise InvalidImageError(name, WRONG_KIND.format(kind=kind), FIX_NOT_AN_IMAGE)
    if opened.width * opened.height > MAX_PIXELS:
        rule = TOO_MANY_PIXELS.format(limit=MAX_PIXELS)
        raise InvalidImageError(name, rule, FIX_TOO_MANY_PIXELS)


def _encoded(image: Image.Image) -> CheckedImage:
    transparent = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if transparent else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if transparent:
        image.save(out, format="PNG", optimize=True)
        kind, extension = "image/png", "png"
    else:
        image.save(out, format="JPEG", quality=JPEG_QUALITY)
        kind, extension = "image/jpeg", "jpg"
    return CheckedImage(out.getvalue(), kind, extension, image.width, image.height)
