"""The questionnaire's steps, addresses and choices as patients see them (treatments.questions)."""

import pytest
from django.http import QueryDict

from tests.conftest import make_scar_type
from treatments.forms import AnswersForm
from treatments.models import Contraindication
from treatments.questions import REVIEW, first_to_answer, options, requested_step, shown_step, step_url


def form(query=""):
    scar_types = [make_scar_type(name="Rolling scars", slug="rolling", summary="Soft waves.")]
    concerns = [Contraindication(slug="pregnant", question="I am pregnant", explanation="Some wait.")]
    return AnswersForm(QueryDict(query), scar_types=scar_types, concerns=concerns)


@pytest.mark.parametrize(("raw", "step"), [(None, None), ("", None), ("two", None), ("0", 1), ("3", 3), ("99", REVIEW)])
def test_a_step_from_the_address_stays_between_the_first_and_the_review(raw, step):
    assert requested_step(raw) == step


def test_moving_on_needs_a_valid_answer_to_the_step_left_and_going_back_does_not():
    empty = form()
    assert shown_step(empty, 2, 1) == (1, {"scar": empty.errors["scar"]})
    assert shown_step(empty, 1, 1) == (1, {"scar": empty.errors["scar"]})
    assert shown_step(empty, 1, 2) == (1, {})
    assert shown_step(empty, 3, None) == (3, {})
    assert shown_step(form("scar=rolling"), 2, 1) == (2, {})
    step, errors = shown_step(form("scar=rolling"), REVIEW, 5)
    assert step == REVIEW and set(errors) == {"severity", "skin_type", "downtime"}


def test_the_first_step_to_answer_is_the_first_missing_one_or_the_review():
    assert first_to_answer(form()) == 1
    assert first_to_answer(form("scar=rolling&severity=mild")) == 3
    assert first_to_answer(form("scar=rolling&severity=mild&skin_type=2&downtime=5")) == REVIEW


def test_a_steps_address_carries_the_answers_and_when_checked_its_own_step_as_current():
    answers = form("step=9&scar=rolling&current=4&x=1")
    assert step_url(answers, 2) == "/questionnaire/?scar=rolling&step=2"
    assert step_url(answers, 2, checked=True) == "/questionnaire/?scar=rolling&current=2&step=2"


def test_choices_carry_their_hints_drawings_swatches_and_the_none_of_these_mark():
    answers = form("downtime=7")
    scar = options(answers, "scar")
    assert [(option.hint, option.scar_type.slug) for option in scar] == [("Soft waves.", "rolling")]
    assert [option.swatch for option in options(answers, "skin_type")] == [1, 2, 3, 4, 5, 6]
    downtime = options(answers, "downtime")
    assert [option.choice.data["value"] for option in downtime] == ["0", "2", "5", "7", "10", "21", "60"]
    assert downtime[0].hint == "I need to look the same the next day."
    assert downtime[3].hint == ""
    health = options(answers, "health")
    assert [(option.hint, option.clears_others) for option in health] == [("Some wait.", False), ("", True)]
    assert all(option.hint for option in options(answers, "severity"))
