"""The modifiers of the clinical basis (docs/clinical-basis.md, sections 4, 6 and 8): skin types IV to VI,
recovery time, severity and evidence, one test per rule, with no database."""

import pytest

from tests.matching_builders import facts, only, patient, run, slugs, suits, words
from treatments.matching import (
    TIER_USUAL,
    TIER_VERY_LOW_EVIDENCE,
    downtime_limit,
    evidence_weight,
    recovery_fit,
    severity_modifier,
    skin_type_modifier,
)
from treatments.wording import sentence

# Skin type IV to VI (section 8, skin type modifiers; section 6)


def test_lighter_skin_types_are_not_changed_by_pigment_risk():
    """Section 8: the pigment modifiers apply to Fitzpatrick IV to VI only."""
    assert skin_type_modifier(facts(pigment_risk="high"), patient(skin_type=3)) == skin_type_modifier(
        facts(pigment_risk="low"), patient(skin_type=1)
    )


@pytest.mark.parametrize(
    ("risk", "excluded", "score"),
    [("high", True, 0), ("moderate", False, -1), ("care", False, 0), ("low", False, 1)],
)
def test_darker_skin_rules_out_high_pigment_risk_demotes_moderate_and_favours_low(risk, excluded, score):
    """Section 8: for types IV-VI exclude deep peels, full ablation, dermabrasion; demote CO2 and medium peels
    (doctor decides: never a usual first choice); a precaution (section 6 "P") only shows its advice."""
    finding = skin_type_modifier(facts(pigment_risk=risk, pigment_note="Prime the skin."), patient(skin_type=5))
    assert bool(finding.excludes) is excluded
    assert finding.score == score
    assert bool(finding.holds_back) is (risk == "moderate")
    if risk in ("moderate", "care"):
        assert words(finding.cautions)[0].endswith("Prime the skin.")


# Recovery time (section 8, downtime tolerance): one rule for the results and the treatment list


@pytest.mark.parametrize(
    ("low", "high", "limit", "over"),
    [(0, 0, 0, 0), (1, 3, 3, 0), (1, 3, 2, 1), (3, 10, 7, 3), (5, 10, 2, -3), (0, 2, 0, 2)],
)
def test_recovery_fit_says_fits_may_go_over_or_too_long(low, high, limit, over):
    """Section 8: above the limit is ruled out; when only the longest usual recovery is, it says by how much."""
    assert recovery_fit(low, high, limit) == over


def test_recovery_longer_than_the_limit_is_ruled_out_saying_by_how_much():
    """Section 8: drop anything above the limit but show it as ruled out because of recovery time."""
    finding = downtime_limit(facts(downtime_min=5, downtime_max=10), patient(downtime=2))
    assert words(finding.excludes) == [
        "Recovery usually takes 5 to 10 days. That is at least 3 days more than the 2 days you can accept."
    ]


def test_recovery_that_may_go_over_the_limit_is_never_a_usual_first_choice_and_says_by_how_much():
    """Section 8: a longer usual recovery than the patient accepts does not rank as a usual first choice."""
    result = run(facts(downtime_min=3, downtime_max=10, fits=(suits("rolling", "first-line"),)), downtime=7)
    (candidate,) = result.candidates
    assert candidate.fit == "second-line" and candidate.over_limit_days == 3
    assert "Recovery usually takes 3 to 10 days. That may be up to 3 days more than the 7 days you can accept." in (
        candidate.cautions()
    )


def test_a_usual_first_choice_held_back_by_recovery_still_ranks_above_options_that_are_only_second_choices():
    """Sections 3 and 8: subcision is a first choice for rolling scars; going 3 days over the limit holds it
    back from the badge, not below a light peel that only ever helps a little."""
    subcision = facts(
        "subcision", role="structural", downtime_min=3, downtime_max=10, fits=(suits("rolling", "first-line"),)
    )
    peel = facts("peel", evidence="low", fits=(suits("rolling", "second-line"),), downtime_max=3)
    result = run(peel, subcision, downtime=7, severity="moderate")
    assert slugs(result.candidates) == ["subcision", "peel"]
    assert {c.fit for c in result.candidates} == {"second-line"}


def test_going_a_week_or_more_over_the_limit_costs_more_than_a_few_days():
    """Section 8 (design choice of the weights): the further over the limit, the lower it ranks."""
    near = downtime_limit(facts(downtime_min=3, downtime_max=10), patient(downtime=7))
    far = downtime_limit(facts(downtime_min=3, downtime_max=14), patient(downtime=7))
    assert (near.score, far.score) == (-1, -2)


def test_recovery_within_the_limit_adds_a_point_and_no_recovery_is_said_in_words():
    """Section 8 (design choice of the weight); a treatment with no recovery time never reads '0 to 0 days'."""
    finding = downtime_limit(facts(downtime_min=0, downtime_max=0), patient(downtime=0))
    assert finding.score == 1 and words(finding.reasons) == ["It has no recovery time."]


# Severity (section 8, severity modifiers, Goodman grades 2 to 4)


@pytest.mark.parametrize(
    ("severity", "role", "points"),
    [
        ("mild", "resurfacing", 2),
        ("moderate", "resurfacing", 1),
        ("moderate", "volume", 1),
        ("severe", "structural", 2),
        ("severe", "volume", 1),
        ("mild", "structural", 0),
        ("severe", "raised", 0),
    ],
)
def test_severity_favours_surface_for_mild_volume_for_moderate_and_structural_steps_for_severe(severity, role, points):
    """Section 8: grade 2 surface alone; grade 3 surface plus volume; grade 4 structural first; raised unchanged."""
    assert severity_modifier(facts(role=role), patient(severity=severity)).score == points


def test_severity_counts_only_for_a_usual_first_choice_for_a_sunken_scar_the_patient_has():
    """Section 8 severity modifiers are for sunken scars; section 1: resurfacing alone does not reach the
    base of an ice pick scar, so it is not "often enough" there; and nothing that wounds the skin of
    someone who forms raised scars is praised."""
    laser = facts("laser", wounds_skin=True, fits=(suits("boxcar", "first-line"), suits("ice-pick", "second-line")))
    assert severity_modifier(laser, patient(scars={"boxcar"})).score == 2
    assert severity_modifier(laser, patient(scars={"ice-pick"})) == severity_modifier(laser, patient(scars=set()))
    assert severity_modifier(laser, patient(scars={"ice-pick"})).score == 0
    for_raised = facts("laser", fits=(suits("hypertrophic", "first-line"),))
    assert severity_modifier(for_raised, patient(scars={"hypertrophic"})).score == 0
    assert severity_modifier(laser, patient(scars={"boxcar"}, health={"keloid"})).score == 0
    gentle = facts("laser", wounds_skin=False, fits=(suits("boxcar", "first-line"),))
    assert severity_modifier(gentle, patient(scars={"boxcar"}, health={"keloid"})).score == 2


def test_often_enough_is_said_only_of_an_option_that_is_a_first_choice_for_every_sunken_scar():
    """Section 8: "surface treatments alone are often enough" for mild scars claims the option is enough on its
    own, which is not so when there are ice pick scars it cannot reach (section 1)."""
    laser = facts("laser", fits=(suits("boxcar", "first-line"), suits("ice-pick", "not-suitable")))
    assert severity_modifier(laser, patient(scars={"boxcar"})).score == 2
    assert severity_modifier(laser, patient(scars={"boxcar", "ice-pick"})).score == 0
    assert severity_modifier(laser, patient(scars={"boxcar", "hypertrophic"})).score == 2, "raised scars aside"
    filler = facts("filler", role="volume", fits=(suits("rolling", "first-line"),))
    assert severity_modifier(filler, patient(scars={"rolling", "ice-pick"}, severity="moderate")).score == 1


def test_severity_praise_names_the_option_and_is_never_given_to_weakly_supported_ones():
    """Section 4 and 8: the same sentence is never used to praise options with different evidence."""
    strong = severity_modifier(facts("laser", name="Laser", evidence="moderate"), patient())
    weak = severity_modifier(facts("meso", name="Mesotherapy", evidence="very-low"), patient())
    assert words(strong.reasons) == ["For mild scars, a surface treatment such as Laser is often enough."]
    assert weak.reasons == () and weak.score == 2


# Evidence (section 4; the overall caveat)


def test_evidence_is_said_plainly_and_weighed():
    """Section 4: better-studied options rank higher; weak evidence is a caution, in words that differ by grade."""
    grades = ["high", "moderate", "low-moderate", "low", "very-low"]
    findings = [evidence_weight(facts(evidence=grade), patient()) for grade in grades]
    assert [f.score for f in findings] == [2, 1, 0, -1, -2]
    assert [bool(f.reasons) for f in findings] == [True, True, True, False, False]
    sentences = [sentence((f.reasons or f.cautions)[0]) for f in findings]
    assert len(set(sentences)) == len(grades)
    assert "very weak" in sentences[-1]


def test_very_low_evidence_never_ranks_above_a_better_supported_option_for_the_same_scar():
    """Section 4 (mesotherapy: very low): it sorts below every better-supported option, whatever its score."""
    meso = facts("meso", evidence="very-low", fits=(suits("rolling", "first-line"), suits("boxcar", "first-line")))
    peel = facts("peel", evidence="low", fits=(suits("rolling", "second-line"),), downtime_max=20)
    result = run(meso, peel, scars={"rolling", "boxcar"}, downtime=3)
    assert slugs(result.candidates) == ["peel", "meso"]
    assert only(result, "meso").tier == TIER_VERY_LOW_EVIDENCE and only(result, "peel").tier == TIER_USUAL
