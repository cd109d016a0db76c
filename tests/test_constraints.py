"""Rules the database enforces speak to editors in plain words, never by a constraint's internal name."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, UniqueConstraint

from treatments.photos import BeforeAfterPhoto

pytestmark = pytest.mark.django_db


def constraint_messages(instance):
    """What admin shows an editor for each database rule this unsaved row breaks."""
    try:
        instance.validate_constraints()
    except ValidationError as error:
        return error.messages
    return []


def before_after_photo(treatment, **fields):
    values = {
        "treatment": treatment,
        "before": "photos/a.jpg",
        "after": "photos/b.jpg",
        "skin_type": 3,
        "patient_consent": True,
        "consent_date": datetime.date(2026, 10, 1),
        "consent_recorded_by": "Nurse B. Jones",
        "published": True,
    }
    return BeforeAfterPhoto(**{**values, **fields})


def test_a_valid_before_and_after_photo_breaks_no_rule(treatment):
    assert constraint_messages(before_after_photo(treatment)) == []


def test_a_skin_type_outside_i_to_vi_is_refused_in_plain_words(treatment):
    assert constraint_messages(before_after_photo(treatment, skin_type=7)) == [
        "Choose the skin type: one of types I to VI."
    ]


def test_publishing_without_consent_is_refused_in_plain_words(treatment):
    photo = before_after_photo(treatment, patient_consent=False, consent_date=None, consent_recorded_by="")
    assert constraint_messages(photo) == ["A photo can only be published once the patient's consent is recorded."]


def test_consent_without_its_date_or_recorder_is_refused_in_plain_words(treatment):
    photo = before_after_photo(treatment, published=False, consent_recorded_by="")
    assert constraint_messages(photo) == ["Give the date of consent and who recorded it."]


def missing_messages(model):
    """The constraints of `model` that would show an editor Django's default "Constraint “name” is violated."."""
    return [
        constraint.name
        for constraint in model._meta.constraints
        if isinstance(constraint, CheckConstraint | UniqueConstraint)
        and (
            constraint.violation_error_message == constraint.default_violation_error_message
            or constraint.name in str(constraint.get_violation_error_message())
        )
    ]


def models_with_constraints():
    return [
        pytest.param(model, id=model.__name__)
        for model in apps.get_app_config("treatments").get_models()
        if model._meta.constraints
    ]


@pytest.mark.parametrize("model", models_with_constraints())
def test_every_constraint_has_a_message_that_does_not_name_the_constraint(model):
    assert missing_messages(model) == []
