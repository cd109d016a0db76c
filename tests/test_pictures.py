"""Uploaded photos: the Pillow checks and clean-up, and the admin refusing every bad file."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import ExifTags, Image

from tests import photo_files
from treatments import pictures
from treatments.photos import BeforeAfterPhoto

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}


def refusal(data, **limits):
    with pytest.raises(ValidationError) as caught:
        pictures.process(data, **{**LIMITS, **limits})
    return caught.value


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (photo_files.text_renamed_jpg(), "not_an_image"),
        (photo_files.truncated_jpeg(), "damaged"),
        (photo_files.SVG_WITH_SCRIPT, "svg"),
        (photo_files.SVG_PLAIN, "svg"),
        (photo_files.gif(), "gif"),
        (photo_files.jpeg_zip_polyglot(), "archive"),
        (b"", "empty"),
    ],
    ids=["text-renamed-jpg", "truncated-jpeg", "svg-with-script", "svg", "gif", "jpeg-zip-polyglot", "empty"],
)
def test_process_refuses_files_that_are_not_safe_photos(data, code):
    assert refusal(data).code == code


def test_process_refuses_a_png_that_decodes_to_20000_by_20000_pixels():
    data = photo_files.png_bomb()
    assert len(data) < 100_000
    assert refusal(data).code in {"too_many_pixels", "too_many_pixels_unknown"}


def test_process_refuses_more_pixels_than_the_limit_with_the_size_in_the_message():
    error = refusal(photo_files.photo(1200, 1000), max_pixels=1_000_000)
    assert error.code == "too_many_pixels"
    assert "1200 × 1000 pixels; the limit is 1 megapixels" in error.messages[0]


def test_process_refuses_a_file_over_the_size_limit():
    error = refusal(photo_files.photo(800, 600), max_bytes=10_000)
    assert error.code == "too_big"
    assert "the limit is 9.8\xa0KB" in error.messages[0]


def test_a_phone_jpeg_with_gps_comes_out_with_no_metadata_at_all():
    data = photo_files.photo(gps=True)
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo), "the input carries GPS"

    picture = pictures.process(data, **LIMITS)

    for output in [picture.original, *picture.renditions.values()]:
        image = Image.open(io.BytesIO(output))
        assert len(image.getexif()) == 0
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)
        assert b"PhoneMaker" not in output


def test_the_exif_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned; the stored pixels are landscape, the photo is portrait.
    picture = pictures.process(photo_files.photo(800, 600, orientation=6), **LIMITS)
    image = Image.open(io.BytesIO(picture.original))
    assert (picture.width, picture.height) == image.size == (600, 800)
    red, green, blue = image.getpixel((300, 10))
    assert red > 200 and green < 60 and blue < 60, "the red half is now on top"


def test_the_original_is_resized_and_webp_copies_made_at_the_promised_widths():
    picture = pictures.process(photo_files.photo(2400, 1800), **LIMITS)
    assert (picture.width, picture.height, picture.extension) == (2000, 1500, "jpg")
    assert sorted(picture.renditions) == [480, 960, 1440]
    for width, data in picture.renditions.items():
        image = Image.open(io.BytesIO(data))
        assert image.format == "WEBP"
        assert image.size == (width, round(1500 * width / 2000))


def test_a_small_photo_is_never_enlarged():
    picture = pictures.process(photo_files.photo(400, 300), **LIMITS)
    assert (picture.width, picture.height) == (400, 300)
    assert list(picture.renditions) == [400]


def test_png_and_webp_photos_are_accepted_and_transparency_is_kept():
    assert pictures.process(photo_files.photo(600, 400, fmt="WEBP"), **LIMITS).extension == "jpg"
    picture = pictures.process(photo_files.photo(600, 400, fmt="PNG", mode="RGBA"), **LIMITS)
    assert picture.extension == "png"


# The admin form: every bad file is refused with a message, and nothing is saved.


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media):
    return sorted(path.name for path in media.rglob("*") if path.is_file()) if media.exists() else []


def before_after_form(treatment, scar_type, *, before, after=None, **fields):
    return {
        "treatment": treatment.pk,
        "before": before,
        "before_alt": "Cheek with rolling scars before treatment.",
        "after": after or photo_files.upload(photo_files.photo(800, 600)),
        "after_alt": "The same cheek, smoother, three months later.",
        "skin_type": 5,
        "scar_types": [scar_type.pk],
        "patient_consent": "on",
        "consent_date": "2026-10-01",
        "consent_recorded_by": "Nurse B. Jones",
        "published": "on",
        **fields,
    }


def unrecorded_consent_form(treatment, scar_type):
    """A valid pair of photos whose consent has no date and no one who recorded it."""
    before = photo_files.upload(photo_files.photo(800, 600))
    return before_after_form(treatment, scar_type, before=before, consent_date="", consent_recorded_by="")


def post_before_after(client, data):
    return client.post(reverse("admin:treatments_beforeafterphoto_add"), data)


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (lambda: photo_files.upload(photo_files.text_renamed_jpg()), "not a JPEG, PNG or WebP image"),
        (lambda: photo_files.upload(photo_files.truncated_jpeg()), "damaged or incomplete"),
        (lambda: photo_files.upload(photo_files.png_bomb(), "scan.png", "image/png"), "megapixels"),
        (lambda: photo_files.upload(photo_files.SVG_WITH_SCRIPT, "a.svg", "image/svg+xml"), "SVG drawings"),
        (lambda: photo_files.upload(photo_files.SVG_PLAIN, "a.svg", "image/svg+xml"), "SVG drawings"),
        (lambda: photo_files.upload(photo_files.gif(), "a.gif", "image/gif"), "GIF files are not accepted"),
        (lambda: photo_files.upload(photo_files.jpeg_zip_polyglot()), "hides a ZIP archive"),
    ],
    ids=["text-renamed-jpg", "truncated-jpeg", "png-20000x20000", "svg-with-script", "svg", "gif", "jpeg-zip"],
)
def test_admin_refuses_a_bad_file_with_a_clear_message_and_saves_nothing(
    admin_client, treatment, scar_type, media, make_upload, message
):
    response = post_before_after(admin_client, before_after_form(treatment, scar_type, before=make_upload()))
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["before"][0]
    assert not BeforeAfterPhoto.objects.exists()
    assert stored_files(media) == []
    assert '<img src="/media/' not in response.content.decode(), "no preview of a photo that was not stored"


def test_admin_refuses_a_file_over_the_size_limit(admin_client, treatment, scar_type, media, settings):
    settings.PICTURE_MAX_BYTES = 20_000
    big = photo_files.upload(photo_files.photo(1600, 1200))
    assert big.size > 20_000
    response = post_before_after(admin_client, before_after_form(treatment, scar_type, before=big))
    assert "the limit is 19.5\xa0KB" in response.context["adminform"].form.errors["before"][0]
    assert not BeforeAfterPhoto.objects.exists()
    assert stored_files(media) == []


def test_admin_refuses_to_publish_a_before_after_photo_without_consent(admin_client, treatment, scar_type, media):
    data = unrecorded_consent_form(treatment, scar_type)
    del data["patient_consent"]
    form = post_before_after(admin_client, data).context["adminform"].form
    assert "cannot be published: the patient's consent to publication is not recorded" in form.errors["published"][0]
    assert not BeforeAfterPhoto.objects.exists()
    assert stored_files(media) == []


def test_the_database_refuses_a_published_photo_without_consent(treatment):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        BeforeAfterPhoto.objects.create(
            treatment=treatment, before="photos/a.jpg", after="photos/b.jpg", skin_type=3, published=True
        )


def test_consent_needs_a_date_and_who_recorded_it(admin_client, treatment, scar_type, media):
    data = unrecorded_consent_form(treatment, scar_type)
    form = post_before_after(admin_client, data).context["adminform"].form
    assert form.errors["consent_date"] == ["Give the date the patient signed the consent form."]
    assert "consent_recorded_by" in form.errors
    assert not BeforeAfterPhoto.objects.exists()


def test_admin_stores_a_consented_pair_with_clean_copies(admin_client, treatment, scar_type, media):
    data = before_after_form(treatment, scar_type, before=photo_files.upload(photo_files.photo(1600, 1200, gps=True)))
    response = post_before_after(admin_client, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    pair = BeforeAfterPhoto.objects.get()
    assert pair.consent_date == datetime.date(2026, 10, 1)
    assert (pair.before_width, pair.before_height) == (1600, 1200)
    assert pair.before.name.startswith("photos/") and pair.before.name.endswith(".jpg")
    names = stored_files(media)
    stem = pair.before.name.rsplit("/", 1)[1].removesuffix(".jpg")
    assert [name for name in names if name.startswith(stem)] == [
        f"{stem}-1440w.webp",
        f"{stem}-480w.webp",
        f"{stem}-960w.webp",
        f"{stem}.jpg",
    ]
    with Image.open(pair.before.path) as stored:
        assert len(stored.getexif()) == 0
