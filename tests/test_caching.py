"""Public pages come from the cache, and an edit made any way shows on the very next request."""

import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import admin_form_data, create, make_treatment
from treatments.models import Source, Suitability, Treatment

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient():
    return Client()


def edit_in_admin(editor_client, obj, **changes):
    url = reverse(f"admin:treatments_{obj._meta.model_name}_change", args=[obj.pk])
    data = admin_form_data(editor_client.get(url))
    data.update(changes)
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors


def test_admin_edit_shows_on_the_public_page_at_once(patient, editor_client, treatment):
    assert "A short summary." in patient.get(treatment.get_absolute_url()).content.decode()
    edit_in_admin(editor_client, treatment, summary_en="Frees tethered scars from below.")
    html = patient.get(treatment.get_absolute_url()).content.decode()
    assert "Frees tethered scars from below." in html
    assert "A short summary." not in html


def test_admin_inline_edit_shows_on_the_public_page_at_once(patient, editor_client, treatment, scar_type):
    assert "Frees the bands." in patient.get(scar_type.get_absolute_url()).content.decode()
    edit_in_admin(editor_client, treatment, **{"suitabilities-0-reason_en": "Cuts the fibrous bands."})
    html = patient.get(scar_type.get_absolute_url()).content.decode()
    assert "Cuts the fibrous bands." in html
    assert "Frees the bands." not in html


def test_admin_delete_removes_the_page_at_once(patient, editor_client, treatment):
    assert "Subcision" in patient.get(reverse("treatments:treatment_list")).content.decode()
    url = reverse("admin:treatments_treatment_delete", args=[treatment.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert "Subcision" not in patient.get(reverse("treatments:treatment_list")).content.decode()
    assert patient.get(treatment.get_absolute_url()).status_code == 404


def test_unpublishing_from_the_admin_list_hides_the_page_at_once(patient, editor_client, treatment):
    assert patient.get(treatment.get_absolute_url()).status_code == 200
    data = {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-0-id": treatment.pk,
        "_save": "Save",
    }
    assert editor_client.post(reverse("admin:treatments_treatment_changelist"), data).status_code == 302
    assert patient.get(treatment.get_absolute_url()).status_code == 404


def test_many_to_many_change_shows_at_once(patient, treatment):
    assert "Jacob CI" not in patient.get(treatment.get_aftercare_url()).content.decode()
    treatment.sources.add(Source.objects.create(key="jacob-2001", citation="Jacob CI et al. 2001."))
    assert "Jacob CI" in patient.get(treatment.get_aftercare_url()).content.decode()


def test_seed_content_shows_at_once(patient, treatment, tmp_path):
    assert "Laser resurfacing" not in patient.get(reverse("treatments:treatment_list")).content.decode()
    laser = make_treatment(name="Laser resurfacing", slug="laser-resurfacing", reviewed_on="2026-11-01")
    fixture = tmp_path / "content.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "treatments.treatment",
                    "fields": {
                        field.name: str(getattr(laser, field.attname))
                        for field in Treatment._meta.concrete_fields
                        if not field.primary_key and getattr(laser, field.attname) is not None
                    },
                }
            ]
        )
    )
    call_command("seed_content", str(fixture), verbosity=0)
    assert "Laser resurfacing" in patient.get(reverse("treatments:treatment_list")).content.decode()


def test_cached_page_answers_a_revalidation_with_304_until_the_content_changes(patient, treatment):
    url = treatment.get_absolute_url()
    first = patient.get(url)
    etag = first["ETag"]
    assert patient.get(url, headers={"if-none-match": etag}).status_code == 304
    Suitability.objects.filter(treatment=treatment).update(reason="Changed without signals")
    assert patient.get(url, headers={"if-none-match": etag}).status_code == 304
    create(make_treatment())
    changed = patient.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Changed without signals" in changed.content.decode()


def test_public_pages_let_browsers_and_cdns_store_them_but_revalidate(patient, treatment):
    response = patient.get(reverse("treatments:treatment_list"))
    assert response["ETag"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "no-cache"}
    assert "HX-Request" in response["Vary"]


def test_htmx_fragment_and_full_page_are_cached_apart(patient, treatment):
    url = reverse("treatments:treatment_list")
    full = patient.get(url)
    fragment = patient.get(url, headers={"hx-request": "true"})
    assert "<html" in full.content.decode()
    assert "<html" not in fragment.content.decode()
    assert full["ETag"] != fragment["ETag"]


def test_staff_see_drafts_and_never_a_cached_page(patient, editor_client, treatment):
    draft = create(make_treatment(name="Draft peel", slug="draft-peel", published=False))
    list_url = reverse("treatments:treatment_list")
    assert "Draft peel" not in patient.get(list_url).content.decode()
    staff = editor_client.get(list_url)
    assert "Draft peel" in staff.content.decode()
    assert "no-store" in staff["Cache-Control"]
    assert "ETag" not in staff
    assert "Draft peel" not in patient.get(list_url).content.decode()
    assert patient.get(draft.get_absolute_url()).status_code == 404


def test_baseline_ping_is_never_cached(patient):
    response = patient.get(reverse("ping"))
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


def test_history_revert_in_admin_shows_at_once(patient, editor_client, treatment):
    edit_in_admin(editor_client, treatment, summary_en="A summary that was a mistake.")
    assert "A summary that was a mistake." in patient.get(treatment.get_absolute_url()).content.decode()
    first = treatment.history.earliest("history_date")
    url = reverse("admin:treatments_treatment_simple_history", args=[treatment.pk, first.history_id])
    response = editor_client.post(url, admin_form_data(editor_client.get(url)))
    assert response.status_code == 302
    html = patient.get(treatment.get_absolute_url()).content.decode()
    assert "A short summary." in html
    assert "A summary that was a mistake." not in html


def test_results_are_kept_by_no_browser_or_proxy_and_follow_admin_edits(patient, editor_client, treatment):
    url = reverse("treatments:results") + "?scar=rolling&severity=moderate&skin_type=3&downtime=14"
    response = patient.get(url)
    assert "Frees the bands." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    edit_in_admin(editor_client, treatment, **{"suitabilities-0-reason_en": "Cuts the fibrous bands."})
    assert "Cuts the fibrous bands." in patient.get(url).content.decode()


def test_compare_page_is_public_and_revalidated(patient, treatment):
    other = create(make_treatment())
    response = patient.get(reverse("treatments:compare") + f"?t={treatment.slug}&t={other.slug}")
    assert response.status_code == 200
    assert response["ETag"]
    assert "public" in response["Cache-Control"]
