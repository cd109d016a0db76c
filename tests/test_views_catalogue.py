import pytest
from django.urls import reverse

from tests.conftest import make_catalogue
from treatments.models import ScarType, Treatment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (reverse("treatments:home"), "Learn your scar type"),
        (reverse("treatments:scar_list"), "Rolling"),
        (reverse("treatments:scar_detail", args=["rolling"]), "stretch test"),
        (reverse("treatments:treatment_list"), "Subcision"),
        (reverse("treatments:treatment_detail", args=["subcision"]), "Frees the bands."),
        (reverse("treatments:aftercare", args=["subcision"]), "Heavy bleeding"),
    ],
)
def test_public_pages_show_content_notice_and_review_date(
    client, treatment, url, expected, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert "not a diagnosis or medical advice" in html
    if "treatments/" in url or "scars/" in url:
        assert "Last reviewed" in html


def test_treatment_page_shows_every_fact(client, treatment):
    html = client.get(treatment.get_absolute_url()).content.decode()
    for text in (
        "1 to 3 days",
        "3 to 6",
        "4 to 6 weeks apart",
        "Mild",
        "200 to 700 USD",
        "Low",
        "Moderate",
        "Weeks to months.",
        "Years.",
        "Vempati",
        "Blood thinners",
        "Bruises.",
    ):
        assert text in html, text


def test_seeded_catalogue_pages_all_answer(client, seeded, django_assert_max_num_queries):
    for treatment in Treatment.objects.all():
        for url in (treatment.get_absolute_url(), treatment.get_aftercare_url()):
            with django_assert_max_num_queries(8):
                assert client.get(url).status_code == 200, url
    for scar_type in ScarType.objects.all():
        with django_assert_max_num_queries(8):
            assert client.get(scar_type.get_absolute_url()).status_code == 200


def test_unpublished_treatment_is_404_to_the_public_and_visible_to_staff(client, admin_client, treatment):
    Treatment.objects.filter(pk=treatment.pk).update(published=False)
    for url in (treatment.get_absolute_url(), treatment.get_aftercare_url()):
        assert client.get(url).status_code == 404
        assert admin_client.get(url).status_code == 200
    assert "Subcision" not in client.get(reverse("treatments:treatment_list")).content.decode()
    assert "Subcision" not in client.get(reverse("treatments:scar_detail", args=["rolling"])).content.decode()
    assert "Draft" in admin_client.get(treatment.get_absolute_url()).content.decode()


def test_unpublished_scar_type_is_404_to_the_public_and_visible_to_staff(client, admin_client, scar_type):
    ScarType.objects.filter(pk=scar_type.pk).update(published=False)
    assert client.get(scar_type.get_absolute_url()).status_code == 404
    assert admin_client.get(scar_type.get_absolute_url()).status_code == 200


def test_unknown_page_is_a_styled_404(client, db):
    response = client.get("/treatments/no-such-thing/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("downtime=abc", "Enter a whole number of days"),
        ("downtime=-4", "greater than or equal to 0"),
        ("downtime=99999999999999999999", "less than or equal to 365"),
        ("scar=spots", "Choose a scar type from the list"),
        ("pain=9", "Choose mild, moderate or marked"),
        ("pain=%00", "Choose mild, moderate or marked"),
    ],
)
def test_bad_filter_values_get_a_clear_message(client, treatment, query, message):
    response = client.get(reverse("treatments:treatment_list") + "?" + query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_filters_narrow_the_list(client, treatment):
    url = reverse("treatments:treatment_list")
    assert "Subcision" in client.get(url, {"scar": "rolling", "downtime": 3, "pain": 1}).content.decode()
    assert "Subcision" not in client.get(url, {"downtime": 2}).content.decode()


def test_filter_htmx_request_gets_only_the_results_fragment(client, treatment):
    response = client.get(reverse("treatments:treatment_list"), {"scar": "rolling"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html and "Subcision" in html


def test_treatment_list_shows_24_a_page_and_its_links_keep_the_filters(client, db):
    make_catalogue(30)
    url = reverse("treatments:treatment_list")
    first = client.get(url, {"pain": 3})
    html = first.content.decode()
    shown = html.count('class="card treatment-card"')
    total = Treatment.objects.filter(pain__lte=3).count()
    assert shown == 24
    assert f"{total} treatments" in html
    assert 'href="?pain=3&amp;page=2"' in html
    second = client.get(url, {"pain": 3, "page": 2}).content.decode()
    assert second.count('class="card treatment-card"') == total - 24
    assert 'href="?pain=3&amp;page=1"' in second
