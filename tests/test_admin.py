import pytest
from django.contrib import admin
from django.urls import reverse

from tests.conftest import admin_form_data, create, make_treatment
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


def test_treatment_form_groups_the_family_and_matching_fields_with_their_help(editor_client, treatment):
    html = editor_client.get(reverse("admin:treatments_treatment_change", args=[treatment.pk])).content.decode()
    for name in ("is_overview", "family", "wounds_skin", "paired_with", "aftercare_steps-0-urgent_en"):
        assert f'name="{name}"' in html, name
    assert "Family: an overview page and its kinds" in html
    assert "How the questionnaire weighs it" in html
    assert "Patients are told to go to an emergency department" in html


def test_treatment_list_filters_by_family_and_shows_short_key_columns(editor_client, treatment):
    overview = create(make_treatment(name="Peels", slug="peels", is_overview=True))
    create(make_treatment(name="Light peel", slug="light-peel", family=overview))
    html = editor_client.get(reverse("admin:treatments_treatment_changelist")).content.decode()
    for query in ("is_overview__exact=1", "wounds_skin__exact=0", f"family__id__exact={overview.pk}"):
        assert query in html, query
    for column in ("column-overview", "column-family", "column-downtime_range", "column-evidence_grade"):
        assert column in html, column


def test_scar_type_form_and_list_show_the_shape(editor_client, scar_type):
    assert (
        'name="shape"'
        in editor_client.get(reverse("admin:treatments_scartype_change", args=[scar_type.pk])).content.decode()
    )
    assert "shape__exact=raised" in editor_client.get(reverse("admin:treatments_scartype_changelist")).content.decode()


def test_a_health_question_cannot_take_the_code_of_none_of_these(editor_client):
    response = editor_client.post(
        reverse("admin:treatments_contraindication_add"),
        {"slug": "none", "name": "None", "question": "None", "explanation": "Why.", "order": 0},
    )
    assert response.status_code == 200
    assert "is kept for the questionnaire&#x27;s answer" in response.content.decode()
