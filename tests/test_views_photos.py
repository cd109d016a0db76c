"""Photos on the public pages: srcset pointing at real copies, and the consented before and after gallery."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from PIL import Image

from tests import photo_files
from tests.conftest import create, make_scar_type
from treatments.photos import BeforeAfterPhoto, ScarTypePhoto, TreatmentPhoto

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_pair(treatment, scar_type, *, skin_type=5, published=True, consent=True, description="", size=(800, 600)):
    pair = BeforeAfterPhoto.objects.create(
        treatment=treatment,
        before=photo_files.processed(*size),
        before_alt=f"Before, skin type {skin_type}.",
        after=photo_files.processed(*size),
        after_alt=f"After, skin type {skin_type}.",
        skin_type=skin_type,
        patient_consent=consent,
        consent_date=datetime.date(2026, 10, 1) if consent else None,
        consent_recorded_by="Nurse B. Jones" if consent else "",
        published=published,
        description=description,
    )
    pair.scar_types.add(scar_type)
    return pair


def imgs(html):
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<img [^>]*>", html)]


def media_file(media, url):
    return Path(media, url.removeprefix("/media/"))


def test_scar_page_serves_its_photo_with_srcset_pointing_at_the_promised_widths(client, scar_type, media):
    ScarTypePhoto.objects.create(
        scar_type=scar_type, image=photo_files.processed(1600, 1200), alt_text="Cheek with rolling scars."
    )
    html = client.get(scar_type.get_absolute_url()).content.decode()
    [img] = [tag for tag in imgs(html) if tag["alt"] == "Cheek with rolling scars."]
    assert (img["width"], img["height"], img["loading"], img["decoding"]) == ("1600", "1200", "lazy", "async")
    assert img["sizes"]
    candidates = [candidate.split() for candidate in img["srcset"].split(", ")]
    assert [width for _url, width in candidates] == ["480w", "960w", "1440w"]
    for url, width in candidates:
        with Image.open(media_file(media, url)) as copy:
            assert (copy.format, f"{copy.width}w") == ("WEBP", width)
    assert media_file(media, img["src"]).exists()


def test_treatment_page_shows_its_photo(client, treatment):
    TreatmentPhoto.objects.create(
        treatment=treatment, image=photo_files.processed(600, 400), alt_text="A clinician using a subcision needle."
    )
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert 'alt="A clinician using a subcision needle."' in html


def test_gallery_shows_only_published_and_consented_pairs(client, treatment, scar_type):
    make_pair(treatment, scar_type, skin_type=5, description="Three sessions.")
    make_pair(treatment, scar_type, skin_type=2, published=False)
    make_pair(treatment, scar_type, skin_type=3, published=False, consent=False)

    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Before, skin type 5." in html
    assert "Three sessions." in html
    assert "Brown skin that very rarely burns (type V)" in html
    assert "Before, skin type 2." not in html
    assert "Before, skin type 3." not in html


def test_gallery_filters_for_skin_like_the_patients(client, treatment, scar_type):
    make_pair(treatment, scar_type, skin_type=5)
    make_pair(treatment, scar_type, skin_type=1)

    html = client.get(treatment.get_absolute_url(), {"skin": 5}).content.decode()
    assert "Before, skin type 5." in html
    assert "Before, skin type 1." not in html

    html = client.get(treatment.get_absolute_url(), {"skin": 6}).content.decode()
    assert "No before and after photos of this skin type yet." in html


def test_gallery_filter_answers_htmx_with_the_gallery_only(client, treatment, scar_type):
    make_pair(treatment, scar_type, skin_type=4)
    response = client.get(
        treatment.get_absolute_url(), {"skin": 4}, headers={"HX-Request": "true", "HX-Target": "gallery-results"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="gallery-results"')
    assert "Before, skin type 4." in html


def test_a_bad_skin_filter_gets_a_clear_message(client, treatment):
    response = client.get(treatment.get_absolute_url(), {"skin": "9"})
    assert response.status_code == 400
    assert "Choose a skin type from the list." in response.content.decode()


def test_gallery_is_left_out_while_there_are_no_photos(client, treatment):
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Before and after photos" not in html
    assert 'id="gallery"' not in html
    assert 'name="skin"' not in html


def test_treatment_page_with_photos_stays_within_its_query_budget(
    client, treatment, scar_type, django_assert_max_num_queries
):
    for skin_type in (1, 3, 5):
        make_pair(treatment, scar_type, skin_type=skin_type)
    TreatmentPhoto.objects.create(treatment=treatment, image=photo_files.processed(600, 400), alt_text="A needle.")
    with django_assert_max_num_queries(12):
        assert client.get(treatment.get_absolute_url()).status_code == 200


# Photos narrower than the smallest copy (480 px) get one WebP copy at their own width.
SIZES = pytest.mark.parametrize("size", [(800, 600), (300, 200)], ids=["800px", "300px"])


@SIZES
def test_deleting_a_photo_deletes_every_file_made_from_it(
    treatment, scar_type, media, django_capture_on_commit_callbacks, size
):
    pair = make_pair(treatment, scar_type, size=size)
    assert any(media.rglob("*.webp"))
    with django_capture_on_commit_callbacks(execute=True):
        pair.delete()
    assert not [path for path in media.rglob("*") if path.is_file()]


@SIZES
def test_replacing_a_photo_deletes_every_old_file(scar_type, media, django_capture_on_commit_callbacks, size):
    photo = ScarTypePhoto.objects.create(scar_type=scar_type, image=photo_files.processed(*size), alt_text="A.")
    old_stem = Path(photo.image.name).stem
    with django_capture_on_commit_callbacks(execute=True):
        photo.image = photo_files.processed(500, 400)
        photo.save()
    assert not list(media.rglob(f"{old_stem}*"))
    assert Path(photo.image.path).exists()
    assert sorted(path.name.rsplit("-", 1)[-1] for path in media.rglob("*.webp")) == ["480w.webp"]


def test_staff_upload_a_phone_photo_on_the_scar_type_page_and_patients_see_it(admin_client, client, media):
    scar_type = create(make_scar_type(name="Ice pick", slug="ice-pick"))
    fields = {
        "name_en": scar_type.name,
        "slug": scar_type.slug,
        "shape": "sunken",
        "order": 1,
        "summary_en": scar_type.summary,
        "description_en": scar_type.description,
        "how_to_recognise_en": scar_type.how_to_recognise,
        "stretch_test_en": scar_type.stretch_test,
        "published": "on",
        "reviewed_on": "2026-11-01",
        "reviewed_by": "Dr Test",
        "photos-TOTAL_FORMS": 1,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
        "photos-0-image": photo_files.upload(photo_files.photo(3000, 4000, gps=True, orientation=6)),
        "photos-0-alt_text": "Temple with brown skin and three deep ice pick scars.",
        "photos-0-order": 0,
    }
    response = admin_client.post(reverse("admin:treatments_scartype_change", args=[scar_type.pk]), fields)
    assert response.status_code == 302, response.context and response.context["inline_admin_formsets"][0].formset.errors

    photo = scar_type.photos.get()
    assert (photo.width, photo.height) == (2000, 1500), "turned upright, then resized"
    with Image.open(photo.image.path) as stored:
        assert len(stored.getexif()) == 0
    html = client.get(scar_type.get_absolute_url()).content.decode()
    assert 'alt="Temple with brown skin and three deep ice pick scars."' in html
    assert photo.image.url in html

    change_page = admin_client.get(reverse("admin:treatments_scartype_change", args=[scar_type.pk])).content.decode()
    assert photo.image.thumbnail_url in change_page, "editors see a thumbnail"


def test_content_editors_may_manage_photos():
    codenames = set(
        Permission.objects.filter(group__name="Content editor", codename__contains="photo").values_list(
            "codename", flat=True
        )
    )
    for model in ("scartypephoto", "treatmentphoto", "beforeafterphoto"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= codenames
