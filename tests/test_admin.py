import pytest
from django.contrib import admin
from django.urls import reverse

from tests.conftest import admin_form_data
from treatments.models import Treatment

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [model for model in admin.site._registry if model._meta.app_label == "treatments"]


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_content_editor_can_open_every_changelist_and_add_page(editor_client, treatment, model):
    opts = model._meta
    assert editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    add = editor_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == (403 if opts.model_name == "seededrow" else 200)


def test_content_editor_cannot_manage_users_or_groups(editor_client):
    for name in ("auth_user_changelist", "auth_group_changelist", "auth_user_add"):
        assert editor_client.get(reverse(f"admin:{name}")).status_code == 403


def test_treatment_admin_page_has_inlines_and_view_on_site(editor_client, treatment):
    html = editor_client.get(reverse("admin:treatments_treatment_change", args=[treatment.pk])).content.decode()
    for text in ("Fit for each scar type", "Aftercare timeline", "Health rules", "View on site"):
        assert text in html


def test_editor_saves_a_treatment_through_admin(editor_client, treatment):
    url = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    response = editor_client.get(url)
    data = admin_form_data(response)
    data.update({"sources": [s.pk for s in treatment.sources.all()], "reviewed_on": "2026-11-20"})
    data["downtime_max_days"] = 5
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert Treatment.objects.get(pk=treatment.pk).downtime_max_days == 5
