"""Static files are served with hashed names and cached by browsers for a year."""

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return Client()


@pytest.mark.django_db
def test_pages_link_static_files_by_hashed_name(collected, treatment):
    html = collected.get(reverse("treatments:home")).content.decode()
    stylesheet = static("css/site.css")
    assert stylesheet != "/static/css/site.css"
    assert f'href="{stylesheet}"' in html
    assert f'src="{static("js/htmx.min.js")}"' in html


def test_hashed_static_files_are_cached_for_a_year_and_never_revalidated(collected):
    response = collected.get(static("css/site.css"), headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "immutable" in cache_control
    assert "public" in cache_control
    assert int(cache_control.split("max-age=")[1].split(",")[0]) >= 365 * 24 * 60 * 60
    assert response["Content-Encoding"] == "gzip"
