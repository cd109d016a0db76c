"""A database that already holds content, staff edits included, is migrated to split treatment families without losing them."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from treatments.models import Treatment

BEFORE = [("treatments", "0009_vocabulary")]
STAFF_SUMMARY = "Our clinic's own words about laser, written in admin."


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def database_before_the_split(transactional_db):
    """The content as it was before families: combined laser and peel rows, one edited by staff."""
    apps = migrate(BEFORE)
    Treatment = apps.get_model("treatments", "Treatment")
    common = {
        "category": "energy",
        "role": "resurfacing",
        "how_it_works": "How it works.",
        "session": "A session.",
        "preparation": "Avoid the sun\nStop retinoids",
        "side_effects": "Redness\nSwelling",
        "downtime_min_days": 1,
        "downtime_max_days": 10,
        "sessions_min": 1,
        "sessions_max": 6,
        "interval_min_weeks": 4,
        "interval_max_weeks": 8,
        "pain": 3,
        "cost_min": 100,
        "cost_max": 4000,
        "currency": "USD",
        "pigment_risk": "moderate",
        "pigment_note": "Care in darker skin.",
        "evidence": "moderate",
        "evidence_note": "Some trials.",
        "results_timeline": "Months.",
        "results_last": "Years.",
        "reviewed_on": datetime.date(2026, 11, 21),
        "reviewed_by": "ScarGuide clinical content team",
    }
    Treatment.objects.create(
        name="Fractional laser resurfacing", slug="laser-resurfacing", summary=STAFF_SUMMARY, **common
    )
    Treatment.objects.create(
        name="Chemical peel", slug="chemical-peel", summary="Peels.", **{**common, "category": "peel"}
    )
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_migrating_and_seeding_keeps_the_staff_edit_and_adds_the_kinds(database_before_the_split, client):
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    call_command("seed_content", verbosity=0)

    laser = Treatment.objects.get(slug="laser-resurfacing")
    assert laser.summary == STAFF_SUMMARY, "the staff edit is kept"
    assert laser.is_overview and Treatment.objects.get(slug="chemical-peel").is_overview
    assert laser.reviewed_by == "", "the starter content no longer claims a clinician reviewed it"
    assert set(laser.variants.values_list("slug", flat=True)) == {
        "non-ablative-fractional-laser",
        "ablative-fractional-laser",
    }
    body = client.get(
        reverse("treatments:results") + "?scar=boxcar&severity=mild&skin_type=2&downtime=14&format=json"
    ).json()
    listed = [entry["treatment"] for entry in body["candidates"] + body["excluded"]]
    assert "laser-resurfacing" not in listed and "chemical-peel" not in listed, "overview pages are not matched"
    assert "ablative-fractional-laser" in listed and "light-chemical-peel" in listed
    assert client.get(laser.get_absolute_url()).status_code == 200, "the old address still answers"


def test_the_pigment_precaution_changes_starter_values_and_keeps_what_staff_chose(transactional_db):
    """Skin types IV to VI: TCA CROSS becomes low risk and steroid injections a precaution, unless staff set
    the value themselves."""
    apps = migrate([("treatments", "0016_constraint_messages_name_the_fields")])
    Treatment = apps.get_model("treatments", "Treatment")
    common = {
        "category": "injection",
        "role": "structural",
        "downtime_min_days": 0,
        "downtime_max_days": 7,
        "sessions_min": 1,
        "sessions_max": 4,
        "interval_min_weeks": 2,
        "interval_max_weeks": 4,
        "pain": 2,
        "cost_min": 100,
        "cost_max": 400,
        "evidence": "moderate",
        "reviewed_on": datetime.date(2026, 11, 21),
    }
    Treatment.objects.create(name="TCA CROSS", slug="tca-cross", pigment_risk="moderate", **common)
    Treatment.objects.create(name="Steroid injections", slug="steroid-injection", pigment_risk="high", **common)
    Treatment.objects.create(name="Light peel", slug="light-chemical-peel", pigment_risk="low", **common)
    try:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        risks = dict(Treatment.objects.values_list("slug", "pigment_risk"))
        assert risks == {"tca-cross": "low", "steroid-injection": "high", "light-chemical-peel": "care"}
        migrate([("treatments", "0016_constraint_messages_name_the_fields")])
        risks = dict(Treatment.objects.values_list("slug", "pigment_risk"))
        assert risks == {"tca-cross": "moderate", "steroid-injection": "high", "light-chemical-peel": "low"}
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
