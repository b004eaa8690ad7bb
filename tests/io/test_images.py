"""Case study images: told by their content, never their name, and re-encoded to pixels only."""

import io
import struct
import zlib

import pytest
from PIL import Image

from marmot_monitor.io.images import MAX_SIDE, InvalidImageError, read_image


def saved(tmp_path, image: Image.Image, fmt: str, name: str = "photo", **options):
    path = tmp_path / name
    image.save(path, format=fmt, **options)
    return path


@pytest.mark.parametrize(
    ("fmt", "mode", "kind"),
    [("PNG", "RGB", "image/jpeg"), ("JPEG", "RGB", "image/jpeg"), ("GIF", "P", "image/jpeg"),
     ("WEBP", "RGB", "image/jpeg"), ("PNG", "RGBA", "image/png")],
)  # fmt: skip
def test_each_accepted_kind_is_re_encoded_whatever_its_name(tmp_path, fmt, mode, kind):
    path = saved(tmp_path, Image.new(mode, (60, 40)), fmt, name="not-an-image.txt")
    checked = read_image(path, name="not-an-image.txt")
    assert (checked.content_type, checked.width, checked.height) == (kind, 60, 40)
    assert Image.open(io.BytesIO(checked.data)).size == (60, 40)


def test_metadata_and_trailing_bytes_are_not_kept(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "Secret camera"
    path = saved(tmp_path, Image.new("RGB", (30, 30)), "JPEG", exif=exif)
    path.write_bytes(path.read_bytes() + b"<script>alert(1)</script>")
    checked = read_image(path, name="photo.jpg")
    assert b"Secret camera" not in checked.data
    assert b"<script>" not in checked.data
    assert not Image.open(io.BytesIO(checked.data)).getexif()


def test_a_large_image_is_scaled_to_the_largest_side_allowed(tmp_path):
    path = saved(tmp_path, Image.new("RGB", (MAX_SIDE * 2, 100)), "PNG")
    checked = read_image(path, name="wide.png")
    assert (checked.width, checked.height) == (MAX_SIDE, 50)


def test_a_sideways_phone_photo_is_turned_upright(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    path = saved(tmp_path, Image.new("RGB", (80, 20)), "JPEG", exif=exif)
    assert (
        read_image(path, name="phone.jpg").width,
        read_image(path, name="phone.jpg").height,
    ) == (20, 80)


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` × ``height`` pixels, with one row of data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = zlib.compress(b"\x00" * (width + 1))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


def noise_png() -> bytes:
    """A 200 × 200 PNG of noise (about 40 KB: it hardly compresses)."""
    out = io.BytesIO()
    Image.effect_noise((200, 200), 50).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,type\nPark,green space\n", "photo.png is not an image Marmot Monitor can read: "
         "upload a PNG, JPEG, GIF or WebP image"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "photo.png is not an image"),
        (png_claiming(20_000, 20_000), "photo.png has more pixels than the 40,000,000 "
         "allowed: make it smaller"),
        (png_claiming(7_000, 7_000), "photo.png has more pixels than the 40,000,000 "
         "allowed: make it smaller"),
        (noise_png()[:20_000], "photo.png is damaged or cut short: open it in an image "
         "editor, save it again"),
    ],
    ids=["a CSV", "a PDF", "a decompression bomb", "too many pixels", "a PNG cut short"],
)  # fmt: skip
def test_a_file_that_is_not_a_sound_image_is_refused_saying_why(tmp_path, content, message):
    path = tmp_path / "photo.png"
    path.write_bytes(content)
    with pytest.raises(InvalidImageError) as refused:
        read_image(path, name="photo.png")
    assert str(refused.value).startswith(message)


def test_an_image_kind_that_is_not_accepted_is_named(tmp_path):
    path = saved(tmp_path, Image.new("RGB", (10, 10)), "BMP")
    with pytest.raises(InvalidImageError, match=r"photo\.bmp is a BMP image: upload a PNG"):
        read_image(path, name="photo.bmp")
