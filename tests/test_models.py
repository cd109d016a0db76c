import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.conftest import create, make_scar_type, make_treatment
from treatments.models import AftercareStep, Suitability

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"downtime_min_days": 10, "downtime_max_days": 5},
        {"downtime_min_days": 0, "downtime_max_days": 400},
        {"sessions_min": 0, "sessions_max": 2},
        {"sessions_min": 4, "sessions_max": 2},
        {"interval_min_weeks": 8, "interval_max_weeks": 4},
        {"pain": 0},
        {"pain": 4},
        {"cost_min": 900, "cost_max": 100},
        {"pigment_risk": "unknown"},
        {"evidence": "excellent"},
    ],
)
def test_database_rejects_impossible_treatment_facts(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_treatment(**fields).save()


def test_full_clean_explains_impossible_facts_to_editors():
    treatment = make_treatment(downtime_min_days=10, downtime_max_days=5)
    with pytest.raises(ValidationError) as raised:
        treatment.full_clean()
    assert raised.value.messages == ["'Downtime from (days)' must not be more than 'downtime up to (days)'."]
    assert "downtime_min_lte_max" not in str(raised.value)


def test_one_suitability_per_treatment_and_scar_type():
    treatment, scar_type = create(make_treatment()), create(make_scar_type())
    Suitability.objects.create(treatment=treatment, scar_type=scar_type, fit="first-line", reason="Fits.")
    with pytest.raises(IntegrityError), transaction.atomic():
        Suitability.objects.create(treatment=treatment, scar_type=scar_type, fit="second-line", reason="Again.")


def test_suitability_fit_must_be_a_known_value():
    treatment, scar_type = create(make_treatment()), create(make_scar_type())
    with pytest.raises(IntegrityError), transaction.atomic():
        Suitability.objects.create(treatment=treatment, scar_type=scar_type, fit="best", reason="No.")


def test_aftercare_step_cannot_end_before_it_starts():
    treatment = create(make_treatment())
    with pytest.raises(IntegrityError), transaction.atomic():
        AftercareStep.objects.create(treatment=treatment, day_from=5, day_to=2, todo="Rest")


@pytest.mark.parametrize(
    ("day_from", "day_to", "label"),
    [
        (0, 0, "Day 0"),
        (1, 3, "Days 1 to 3"),
        (4, 10, "Days 4 to 10"),
        (14, 56, "Weeks 2 to 8"),
        (8, 28, "Weeks 2 to 4"),
    ],
)
def test_aftercare_label_counts_days_then_weeks(day_from, day_to, label):
    assert AftercareStep(day_from=day_from, day_to=day_to).label == label


def test_preparation_is_split_into_points():
    treatment = make_treatment(preparation="- No tanning for 4 weeks\n\n• Stop retinoids\n")
    assert treatment.preparation_points == ["No tanning for 4 weeks", "Stop retinoids"]
