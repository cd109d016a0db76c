"""Files for the photo tests: real images made with Pillow, and the bad inputs the admin must refuse."""

import functools
import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (51.0, 30.0, 12.5),
    ExifTags.GPS.GPSLongitudeRef: "W",
    ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
}


def photo(width=1600, height=1200, fmt="JPEG", orientation=None, gps=False, mode="RGB"):
    """A photo-like image (a gradient with a red left half), optionally with a phone's EXIF tags."""
    image = Image.linear_gradient("L").resize((width, height)).convert(mode)
    image.paste("red" if mode == "RGB" else (255, 0, 0, 255), (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.Base.GPSInfo] = GPS
    out = io.BytesIO()
    image.save(out, fmt, exif=exif, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


def text_renamed_jpg():
    return b"Appointments for Monday\nMrs A. Patient, 09:00\n"


def truncated_jpeg():
    data = photo(800, 600)
    return data[: len(data) // 2]


@functools.cache
def png_bomb(side=20000):
    """A valid 1-bit PNG about 50 KB long that decodes to 20000 x 20000 pixels."""
    rows = (b"\0" + b"\0" * (side // 8)) * side

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
SVG_PLAIN = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>'


def gif():
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "blue").save(out, "GIF")
    return out.getvalue()


def jpeg_zip_polyglot():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("payload.html", "<script>alert(1)</script>")
    return photo(400, 300) + archive.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def processed(width=1600, height=1200, **kwargs):
    """An upload as the admin form hands it to the model: already checked and cleaned."""
    from treatments import pictures
    from treatments.photos import PictureUpload

    return PictureUpload(pictures.process(photo(width, height, **kwargs), max_bytes=10**8, max_pixels=10**8))
