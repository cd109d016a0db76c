"""Photos staff upload, checked and cleaned with Pillow before anything is stored.

`process` is pure: the uploaded bytes in, a `Picture` out (the photo re-encoded from its pixels
alone, upright, at most ORIGINAL_MAX_SIDE pixels, plus WebP copies at RENDITION_WIDTHS), or a
ValidationError whose message tells an editor what to do. Nothing of the uploaded file survives
but its pixels: no EXIF (so no GPS position or camera serial), no comments, no ICC profile (colours
are converted to sRGB first), and nothing appended after the image data.
"""

import io
import struct
import warnings
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPTED_TYPES = "image/jpeg,image/png,image/webp"
ORIGINAL_MAX_SIDE = 2000
RENDITION_WIDTHS = (480, 960, 1440)
JPEG_QUALITY = 85
WEBP_QUALITY = 80

MESSAGES = {
    "empty": _("The file is empty. Choose the photo again."),
    "too_big": _("This file is %(size)s; the limit is %(limit)s. Export a smaller copy of the photo and upload that."),
    "archive": _(
        "This file hides a ZIP archive inside the image, so it is refused. Open the photo in a photo app "
        "and export it again as JPEG, PNG or WebP."
    ),
    "svg": _(
        "SVG drawings and web pages are not accepted, because they can carry scripts. Upload a photo "
        "as JPEG, PNG or WebP."
    ),
    "gif": _("GIF files are not accepted. Save the picture as JPEG, PNG or WebP and upload that."),
    "heic": _(
        "This is an HEIC photo, the iPhone's own format. Export it as JPEG first, or set the iPhone "
        "camera to 'Most Compatible'."
    ),
    "not_an_image": _(
        "This file is not a JPEG, PNG or WebP image. Renaming a file does not change what is inside it: "
        "open it in a photo app and export it as JPEG."
    ),
    "damaged": _(
        "This image is damaged or incomplete, perhaps because it was not fully copied. Export it again "
        "and upload the new copy."
    ),
    "too_many_pixels": _(
        "This picture is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels. "
        "Export a smaller copy (2000 pixels wide is plenty)."
    ),
    "too_many_pixels_unknown": _("This picture has far too many pixels; the limit is %(limit)s megapixels."),
}


def refuse(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def too_big(size, limit):
    return refuse("too_big", size=filesizeformat(size), limit=filesizeformat(limit))


@dataclass(frozen=True)
class Picture:
    original: bytes
    extension: str
    width: int
    height: int
    renditions: dict  # width in pixels -> WebP bytes


def rendition_widths(width):
    """The WebP widths kept for a photo this wide: never larger than the photo itself."""
    return [w for w in RENDITION_WIDTHS if w <= width] or [width]


def rendition_name(name, width):
    """'photos/ab12.jpg' -> 'photos/ab12-480w.webp'."""
    return f"{name.rsplit('.', 1)[0]}-{width}w.webp"


def process(data, *, max_bytes, max_pixels):
    """Check, clean and resize an uploaded photo; raise ValidationError if it is not a safe photo."""
    if not data:
        raise refuse("empty")
    if len(data) > max_bytes:
        raise too_big(len(data), max_bytes)
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise refuse("archive")
    image = _decode(data, max_pixels)
    image = _clean(image)
    original, extension = _encode_original(image)
    renditions = {width: _encode_webp(image, width) for width in rendition_widths(image.width)}
    return Picture(original, extension, image.width, image.height, renditions)


def _decode(data, max_pixels):
    """Open the bytes as JPEG, PNG or WebP only, refusing decompression bombs before decoding pixels."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
                _check_pixels(probe.size, max_pixels)
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            # A JPEG can be decoded straight at 1/2, 1/4 or 1/8 size: much faster for large phone photos.
            image.draft(image.mode, _fitted(image.size, ORIGINAL_MAX_SIDE))
            image.load()
        except UnidentifiedImageError:
            raise _unknown_format(data) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise refuse("too_many_pixels_unknown", limit=max_pixels // 1_000_000) from None
        except (OSError, SyntaxError, ValueError, EOFError, struct.error):
            raise refuse("damaged") from None
    return image


def _check_pixels(size, max_pixels):
    width, height = size
    if width * height > max_pixels:
        raise refuse("too_many_pixels", width=width, height=height, limit=max_pixels // 1_000_000)


def _fitted(size, side):
    """The size that fits within side x side, keeping the shape."""
    width, height = size
    ratio = min(1, side / max(width, height))
    return max(1, round(width * ratio)), max(1, round(height * ratio))


def _unknown_format(data):
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"gif8"):
        return refuse("gif")
    if head.startswith(b"<") or b"<svg" in head:
        return refuse("svg")
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heif"):
        return refuse("heic")
    return refuse("not_an_image")


def _clean(image):
    """Upright, sRGB, at most ORIGINAL_MAX_SIDE, and a fresh image holding nothing but pixels."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    image = _to_srgb(image, mode)
    image.thumbnail((ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE), Image.Resampling.LANCZOS)
    return Image.frombytes(mode, image.size, image.tobytes())


def _to_srgb(image, mode):
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
            return converted.convert(mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return image.convert(mode)


def _encode_original(image):
    out = io.BytesIO()
    if image.mode == "RGBA":
        image.save(out, "PNG", optimize=True)
        return out.getvalue(), "png"
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue(), "jpg"


def _encode_webp(image, width):
    if width < image.width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    return out.getvalue()
