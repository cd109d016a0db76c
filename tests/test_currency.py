"""Every cost on the site is in the clinic's one currency (SCARGUIDE_CURRENCY) and says which it is."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.conftest import make_treatment
from treatments.templatetags.facts import cost


def test_a_cost_range_names_the_clinics_currency_and_groups_its_digits(settings):
    settings.CURRENCY = "HKD"
    with translation.override("en"):
        assert cost(make_treatment(cost_min=1500, cost_max=12000)) == "1,500 to 12,000 HKD"
        assert cost(make_treatment(cost_min=800, cost_max=800)) == "800 HKD"


def settings_with(**variables):
    """Start Django in a fresh process with these environment variables, and print its currency."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.CURRENCY)",
        ],
        cwd=django_settings.BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "scarguide.settings",
            "DJANGO_DEBUG": "1",
            **variables,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_currency_is_us_dollars_unless_the_clinic_sets_it():
    assert settings_with().stdout.strip() == "USD"
    assert settings_with(SCARGUIDE_CURRENCY=" hkd ").stdout.strip() == "HKD"


@pytest.mark.django_db
def test_treatment_and_compare_pages_show_costs_in_the_clinics_currency(client, settings, options):
    settings.CURRENCY = "HKD"
    for slug in ("subcision", "microneedling"):
        assert "200 to 700 HKD" in client.get(options[slug].get_absolute_url()).content.decode()
    compared = client.get("/compare/?t=subcision&t=microneedling").content.decode()
    assert compared.count("200 to 700 HKD") == 2


@pytest.mark.parametrize("value", ["dollars", "HK", "HK$", "12A"])
def test_a_currency_that_is_not_a_three_letter_code_stops_the_site_with_a_clear_message(value):
    result = settings_with(SCARGUIDE_CURRENCY=value)
    assert result.returncode != 0
    assert "SCARGUIDE_CURRENCY must be a three-letter currency code such as HKD" in result.stderr
