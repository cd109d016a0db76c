"""The aftercare page: when to get help, with signs that cannot wait apart from those that mean a call
to the clinic."""

import pytest
from django.urls import reverse

from treatments.models import AftercareStep

pytestmark = pytest.mark.django_db


def help_section(html):
    return html.split('<section class="get-help"')[1].split("</section>")[0]


def test_urgent_signs_say_go_now_and_routine_ones_say_call_the_clinic(client, treatment):
    AftercareStep.objects.filter(treatment=treatment).update(urgent="Bleeding that soaks a pad in minutes")
    AftercareStep.objects.create(
        treatment=treatment, day_from=1, day_to=3, todo="Rest", watch_for="Swelling that keeps growing"
    )
    html = client.get(treatment.get_aftercare_url()).content.decode()
    section = help_section(html)
    urgent = section.split('<div class="get-help__urgent">')[1].split("</div>")[0]
    routine = section.split('<div class="get-help__routine">')[1].split("</div>")[0]
    assert "Get help now" in urgent
    assert "emergency department or call an ambulance" in urgent
    assert "<strong>Day 0:</strong> Bleeding that soaks a pad in minutes" in urgent
    assert "Heavy bleeding" not in urgent
    assert "Call the clinic" in routine and "ambulance" not in routine
    assert "<strong>Day 0:</strong> Heavy bleeding" in routine
    assert "<strong>Days 1 to 3:</strong> Swelling that keeps growing" in routine
    assert section.index("get-help__urgent") < section.index("get-help__routine")


def test_without_urgent_signs_only_the_routine_ones_show(client, treatment):
    html = client.get(treatment.get_aftercare_url()).content.decode()
    assert "get-help__urgent" not in html
    assert "<strong>Day 0:</strong> Heavy bleeding" in help_section(html)


def test_without_any_signs_there_is_no_help_section(client, treatment):
    AftercareStep.objects.filter(treatment=treatment).update(watch_for="")
    html = client.get(treatment.get_aftercare_url()).content.decode()
    assert "get-help" not in html
    assert 'href="#get-help"' not in html


def test_recovery_time_is_in_the_shared_words(client, treatment):
    html = client.get(treatment.get_aftercare_url()).content.decode()
    assert "<strong>Recovery time: </strong>1 to 3 days." in html


def test_an_overview_page_s_aftercare_leads_to_the_aftercare_of_each_of_its_kinds(client, seeded):
    page = client.get(reverse("treatments:aftercare", args=["laser-resurfacing"])).content.decode()
    assert "Aftercare is different for each kind of Laser resurfacing" in page
    for slug in ("non-ablative-fractional-laser", "ablative-fractional-laser"):
        assert reverse("treatments:aftercare", args=[slug]) in page
    assert "has not added an aftercare plan" not in page
    assert reverse("treatments:plan", args=["laser-resurfacing"]) not in page
