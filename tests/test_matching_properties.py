"""Properties of the results contract that hold for any answers, and for any query string."""

import random
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_catalogue
from tests.matching_builders import CONCERNS as CONCERN_FACTS
from tests.matching_builders import SCARS as SCAR_FACTS
from treatments.clinical_facts import Answers, Rule, Suits, TreatmentFacts
from treatments.matching import match

SCARS = ["ice-pick", "boxcar", "rolling", "hypertrophic"]
HEALTH = ["pregnant", "isotretinoin", "active-acne", "keloid", "anticoagulants", "cold-sores", "bovine-collagen"]
FITS = ["first-line", "second-line", "not-suitable"]
QUICK = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

answers = st.builds(
    Answers,
    scars=st.frozensets(st.sampled_from(SCARS), min_size=1),
    severity=st.sampled_from(["mild", "moderate", "severe"]),
    skin_type=st.integers(1, 6),
    downtime=st.integers(0, 60),
    health=st.frozensets(st.sampled_from(HEALTH)),
)


@st.composite
def treatments(draw):
    count = draw(st.integers(1, 12))
    catalogue = []
    for n in range(count):
        low = draw(st.integers(0, 30))
        fits = tuple(
            Suits(scar=scar, fit=draw(st.sampled_from(FITS)), reason=f"Why {scar}.")
            for scar in draw(st.lists(st.sampled_from(SCARS), unique=True))
        )
        rules = tuple(
            Rule(concern=concern, action=draw(st.sampled_from(["avoid", "caution"])), note=f"Note {concern}.")
            for concern in draw(st.lists(st.sampled_from(HEALTH), unique=True))
        )
        catalogue.append(
            TreatmentFacts(
                slug=f"t{n}",
                name=draw(st.sampled_from(["Laser", "Peel", "Filler", "Subcision"])),
                role=draw(st.sampled_from(["structural", "volume", "resurfacing", "raised"])),
                category="needling",
                downtime_min=low,
                downtime_max=low + draw(st.integers(0, 30)),
                sessions_min=1,
                sessions_max=3,
                pain=2,
                pigment_risk=draw(st.sampled_from(["low", "care", "moderate", "high"])),
                evidence=draw(st.sampled_from(["very-low", "low", "low-moderate", "moderate", "high"])),
                wounds_skin=draw(st.booleans()),
                fits=fits,
                rules=rules,
                paired_with=draw(st.sampled_from(["", "", *(f"t{other}" for other in range(count) if other != n)])),
            )
        )
    return catalogue


@QUICK
@given(patient=answers, catalogue=treatments(), seed=st.integers())
def test_every_treatment_appears_exactly_once_with_reasons_whatever_the_order(patient, catalogue, seed):
    result = match(answers=patient, treatments=catalogue, scars=SCAR_FACTS, concerns=CONCERN_FACTS)
    listed = [entry.treatment.slug for entry in (*result.candidates, *result.excluded)]
    assert sorted(listed) == sorted(treatment.slug for treatment in catalogue)
    assert all(entry.reasons() and all(entry.reasons()) for entry in (*result.candidates, *result.excluded))
    shuffled = catalogue[:]
    random.Random(seed).shuffle(shuffled)
    again = match(answers=patient, treatments=shuffled, scars=SCAR_FACTS, concerns=CONCERN_FACTS)
    assert [(c.treatment.slug, c.reasons(), c.cautions()) for c in again.candidates] == [
        (c.treatment.slug, c.reasons(), c.cautions()) for c in result.candidates
    ]
    assert [(e.treatment.slug, e.reasons()) for e in again.excluded] == [
        (e.treatment.slug, e.reasons()) for e in result.excluded
    ]


@QUICK
@given(patient=answers, catalogue=treatments())
def test_the_clinical_invariants_hold_for_any_answers_and_catalogue(patient, catalogue):
    """Whatever the content: nothing held back is a usual first choice; with a keloid tendency no wounding
    option ranks above a gentle one in its group, and no plan step wounds the skin; in skin types IV to VI
    a moderate pigment risk is never a usual first choice; very low evidence never ranks above better
    evidence in its group and is never a plan step; every plan step suits the scars it is for."""
    result = match(answers=patient, treatments=catalogue, scars=SCAR_FACTS, concerns=CONCERN_FACTS)
    keloid = "keloid" in patient.health or "hypertrophic" in patient.scars
    for candidate in result.candidates:
        darker = patient.skin_type >= 4 and candidate.treatment.pigment_risk == "moderate"
        if candidate.over_limit_days or candidate.ask_doctor or darker or (keloid and candidate.treatment.wounds_skin):
            assert candidate.fit == "second-line"
    for group in ("raised", "sunken"):
        ranked = [c for c in result.candidates if c.group == group]
        tiers = [c.tier for c in ranked]
        assert tiers == sorted(tiers)
        very_low = [i for i, c in enumerate(ranked) if c.treatment.evidence == "very-low"]
        others = [i for i, c in enumerate(ranked) if c.treatment.evidence != "very-low"]
        assert not very_low or not others or min(very_low) > max(others)
    for plan in result.plans:
        assert plan.note().startswith("1. ")
        for step in plan.steps:
            for candidate, scars in step.parts():
                assert scars and candidate.treatment.evidence != "very-low"
                assert not (keloid and candidate.treatment.wounds_skin)


def query(patient, seed):
    pairs = [("scar", s) for s in patient.scars] + [("health", h) for h in patient.health]
    pairs += [("severity", patient.severity), ("skin_type", patient.skin_type), ("downtime", patient.downtime)]
    random.Random(seed).shuffle(pairs)
    return urlencode(pairs)


@pytest.fixture
def catalogue(db):
    make_catalogue(6)


@QUICK
@given(patient=answers, seed=st.integers())
def test_json_holds_the_contract_for_any_answers_in_any_order(client, catalogue, patient, seed):
    url = reverse("treatments:results")
    health = frozenset(h for h in patient.health if h in {"pregnant", "anticoagulants"})
    patient = Answers(**{**patient.__dict__, "health": health})
    first = client.get(f"{url}?{query(patient, seed)}&format=json")
    assert first.status_code == 200
    body = first.json()
    entries = body["candidates"] + body["excluded"]
    assert sorted(e["treatment"] for e in entries) == sorted(f"synthetic-{n:04d}" for n in range(1, 7))
    assert all(entry["reasons"] for entry in entries)
    again = client.get(f"{url}?{query(patient, seed + 1)}", headers={"accept": "application/json"})
    assert again.json() == body


KEYS = st.sampled_from(["scar", "severity", "skin_type", "downtime", "health", "format", "step", "t", "x"])
VALUES = st.one_of(
    st.sampled_from(["rolling", "mild", "5", "60", "61", "-1", "json", "xml", "1e9", "99999999999999999999"]),
    st.text(max_size=30),
    st.integers().map(str),
)


query_strings = st.one_of(
    st.lists(st.tuples(KEYS | st.text(max_size=8), VALUES), max_size=12).map(urlencode),
    st.text(max_size=60),
)
accept_headers = st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["application/json", "*/*;q=x", ";;,"]))


@QUICK
@given(qs=query_strings, accept=accept_headers)
def test_results_never_answer_a_server_error_whatever_the_query(client, catalogue, qs, accept):
    headers = {"accept": accept} if accept is not None else {}
    response = client.get(f"{reverse('treatments:results')}?{qs}", headers=headers)
    assert response.status_code in (200, 400), qs


@settings(QUICK, max_examples=60)
@given(qs=query_strings, htmx=st.booleans())
def test_questionnaire_and_compare_never_answer_a_server_error(client, catalogue, qs, htmx):
    headers = {"hx-request": "true"} if htmx else {}
    for name in ("treatments:questionnaire", "treatments:compare"):
        response = client.get(f"{reverse(name)}?{qs}", headers=headers)
        if response.status_code == 302:
            # The questionnaire sends answers without a step to the address of the step to show.
            assert name == "treatments:questionnaire" and response["Location"].startswith(reverse(name)), qs
            response = client.get(response["Location"], headers=headers)
        assert response.status_code in (200, 400), (name, qs)
