"""The starter content's results, read as a dermatologist would: raised scars, dark skin and severity."""

import pytest
from django.urls import reverse

from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def results(client, **answers):
    query = {"severity": "moderate", "skin_type": 3, "downtime": 10, "format": "json", **answers}
    response = client.get(reverse("treatments:results"), query)
    assert response.status_code == 200, response.content
    return response.json()


def wounding():
    return set(Treatment.objects.filter(wounds_skin=True).values_list("slug", flat=True))


@pytest.mark.parametrize("skin_type", [1, 3, 4, 6])
@pytest.mark.parametrize("scars", [["hypertrophic"], ["hypertrophic", "rolling", "boxcar"]])
@pytest.mark.parametrize("more", [{}, {"health": ["anticoagulants"], "downtime": 0}, {"health": ["cold-sores"]}])
def test_steroid_injections_come_first_for_raised_scars_in_every_skin_type(client, seeded, skin_type, scars, more):
    """Sections 3 and 8: intralesional steroid is the first option for raised scars; in skin types IV to VI
    its lighter patches are a precaution (section 6), and neither that nor a bruising caution ranks a
    less-studied option above it."""
    body = results(client, scar=scars, skin_type=skin_type, **more)
    raised = [c["treatment"] for c in body["candidates"] if c["group"] == "raised"]
    assert raised[0] == "steroid-injection"
    first = next(c for c in body["candidates"] if c["treatment"] == "steroid-injection")
    assert first["fit"] == "first-line"


@pytest.mark.parametrize("skin_type", [2, 5])
@pytest.mark.parametrize("downtime", [0, 10, 60])
@pytest.mark.parametrize("scars", [["hypertrophic"], ["hypertrophic", "ice-pick"], ["rolling"]])
def test_no_plan_step_wounds_the_skin_of_someone_who_forms_raised_scars(client, seeded, skin_type, downtime, scars):
    """Issue rule and section 8: with raised scars (or a tendency to form them) a dermatologist plans
    treatment; no suggested plan cuts, needles or burns the skin, not even excision followed by steroid."""
    body = results(client, scar=scars, skin_type=skin_type, downtime=downtime, health=["keloid"])
    steps = {slug for plan in body["combinations"] for step in plan["steps"] for slug in step["treatments"]}
    assert not steps & wounding()
    assert "keloid-excision" not in steps


@pytest.mark.parametrize("skin_type", [4, 5, 6])
def test_in_dark_skin_tca_cross_ranks_high_for_ice_picks_and_ablative_laser_is_no_usual_first_choice(
    client, seeded, skin_type
):
    """Section 8, skin type IV-VI modifiers: rank CROSS (with priming) higher; demote fractional CO2 (doctor
    decides, section 6 "R")."""
    body = results(client, scar=["ice-pick"], skin_type=skin_type)
    order = [c["treatment"] for c in body["candidates"]]
    assert order[0] == "tca-cross"
    assert order.index("tca-cross") < order.index("surgery")
    mild = results(client, scar=["boxcar"], severity="mild", skin_type=skin_type)
    laser = next(c for c in mild["candidates"] if c["treatment"] == "ablative-fractional-laser")
    assert laser["fit"] == "second-line"
    assert any("doctor decides" in caution for caution in laser["cautions"])


def severity_words(candidate):
    return [
        r for r in candidate["reasons"] if r.startswith(("For mild scars", "For moderate scars", "For severe scars"))
    ]


@pytest.mark.parametrize("scars", [["ice-pick"], ["ice-pick", "boxcar"]])
@pytest.mark.parametrize("downtime", [5, 10])
def test_for_ice_picks_crossing_or_punching_comes_before_surface_treatment_never_called_enough(
    client, seeded, scars, downtime
):
    """Sections 1, 3 and 8: resurfacing alone does not reach the base of an ice pick scar, so it is never
    "often enough", and the usual first choices for ice picks rank above it even when held back."""
    body = results(client, scar=scars, severity="mild", skin_type=2, downtime=downtime)
    for candidate in body["candidates"]:
        assert not any(r.endswith("is often enough.") for r in candidate["reasons"]), candidate["treatment"]
    if scars == ["ice-pick"]:
        order = [c["treatment"] for c in body["candidates"]]
        assert sorted(order[:2]) == ["surgery", "tca-cross"], order
    for plan in body["combinations"]:
        assert "dermal-fillers" not in [slug for step in plan["steps"] for slug in step["treatments"]]


def test_severity_praise_is_for_sunken_scars_and_never_for_wounding_a_keloid_prone_patient(client, seeded):
    raised_only = results(client, scar=["hypertrophic"], severity="mild", skin_type=2, downtime=1)
    assert not any(severity_words(c) for c in raised_only["candidates"])
    keloid = results(client, scar=["rolling"], severity="mild", skin_type=2, health=["keloid"])
    for candidate in keloid["candidates"]:
        if candidate["treatment"] in wounding():
            assert not severity_words(candidate), candidate["treatment"]
    usual = results(client, scar=["boxcar"], severity="mild", skin_type=2)
    assert any(severity_words(c) for c in usual["candidates"]), "the praise is still given where it belongs"
