"""Every error answers in the site's style (JSON for programs), and a malformed or oversized address gets a 400."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from scarguide.errors import server_error
from tests.conftest import ANSWERS

pytestmark = pytest.mark.django_db

FOOTER = "gives general information, not a diagnosis or medical advice"


def too_many_parameters(settings):
    return "&".join(f"scar=rolling&n{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS))


@pytest.mark.parametrize("debug", [False, True], ids=["production", "make-run"])
def test_more_parameters_than_django_allows_get_the_400_page_on_every_page(client, public_pages, settings, debug):
    settings.DEBUG = debug
    query = too_many_parameters(settings)
    for name, url in public_pages.items():
        response = client.get(f"{url.split('?')[0]}?{query}")
        assert response.status_code == 400, name
        html = response.content.decode()
        assert "We could not read that address" in html and FOOTER in html, name


def test_more_parameters_than_django_allows_get_a_json_error_for_programs(client, settings):
    url = f"{reverse('treatments:results')}?{too_many_parameters(settings)}"
    for response in (client.get(f"{url}&format=json"), client.get(url, headers={"accept": "application/json"})):
        assert response.status_code == 400
        (message,) = response.json()["errors"]["__all__"]
        assert "too long or has something wrong" in message


def test_a_bad_host_header_gets_the_400_page(client):
    response = client.get(reverse("treatments:home"), HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "We could not read that address" in response.content.decode()


def test_a_page_that_does_not_exist_answers_json_to_programs(client):
    response = client.get(f"/no-such-page/?{ANSWERS}&format=json")
    assert response.status_code == 404
    assert response.json() == {"errors": {"__all__": ["The page may have moved, or the address may have a typo."]}}


def test_staff_without_permission_get_the_403_page(client, editor):
    editor.groups.clear()
    client.force_login(editor)
    response = client.get(reverse("admin:treatments_treatment_changelist"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot open this page" in html and FOOTER in html


def test_a_server_error_answers_in_the_site_style():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong on our side" in html and FOOTER in html


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_the_sites_own_403_page_in_the_patients_language():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "someone", "password": "secret"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "This form could not be sent" in page and 'class="site-header"' in page
    chinese = client.post("/zh-hant/questionnaire/", {"scar": "rolling"})
    assert chinese.status_code == 403 and "無法傳送這份表格" in chinese.content.decode()
