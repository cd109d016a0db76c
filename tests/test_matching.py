"""The matching rules of the clinical basis (docs/clinical-basis.md), one test per rule, with no database.

Each test's docstring states the clinical rule in plain words and the section it comes from.
"""

import pytest

from tests.matching_builders import facts, only, patient, rule, run, slugs, suits
from treatments.matching import (
    TIER_USUAL,
    TIER_VERY_LOW_EVIDENCE,
    TIER_WOUNDS_KELOID_PRONE,
    downtime_limit,
    evidence_weight,
    health_rules,
    keloid_tendency,
    recovery_fit,
    scar_fit,
    severity_modifier,
    skin_type_modifier,
)
from treatments.wording import sentence


def words(said):
    return [sentence(s) for s in said]


# Candidates by scar type (section 8; the grid in section 3)


def test_an_option_for_one_of_the_patients_scar_types_is_kept_and_says_why():
    """Section 3 and 8: a treatment is an option when it is first- or second-line for a scar type the patient has."""
    finding = scar_fit(facts(fits=(suits("rolling", "first-line", "It frees the bands."),)), patient())
    assert not finding.excludes
    assert words(finding.reasons) == ["Rolling scars: It frees the bands."]


def test_an_option_that_suits_none_of_the_patients_scar_types_is_ruled_out_with_the_rows_reasons():
    """Section 3: not suitable for every scar type the patient has rules it out, with each row's reason."""
    treatment = facts(fits=(suits("ice-pick", "not-suitable", "Too narrow."), suits("rolling", "not-suitable", "No.")))
    finding = scar_fit(treatment, patient(scars={"ice-pick", "rolling"}))
    assert words(finding.excludes) == [
        "Ice pick scars (not suitable): Too narrow.",
        "Rolling scars (not suitable): No.",
    ]


def test_no_row_for_the_patients_scar_types_rules_it_out_with_a_reason():
    """Section 3: a treatment with no suitability row for the patient's scars is not an option."""
    finding = scar_fit(facts(fits=(suits("boxcar", "first-line"),)), patient(scars={"rolling"}))
    assert words(finding.excludes) == ["Not an option for the kinds of scar you chose."]


def test_not_suitable_for_one_of_several_scar_types_is_a_caution_and_a_not_for_label():
    """Section 8: options are the union across the patient's scar types; the others are said plainly."""
    treatment = facts(fits=(suits("rolling", "first-line"), suits("ice-pick", "not-suitable", "Too narrow.")))
    result = run(treatment, scars={"rolling", "ice-pick"})
    (candidate,) = result.candidates
    assert "Ice pick scars (not suitable): Too narrow." in candidate.cautions()
    assert [(label.scar, label.fit) for label in candidate.labels] == [
        ("ice-pick", "not-suitable"),
        ("rolling", "first-line"),
    ]


def test_each_further_scar_type_an_option_suits_adds_a_point():
    """Section 8 (design choice): one treatment that helps several of the patient's kinds of scar ranks higher."""
    two = facts(fits=(suits("rolling", "second-line"), suits("boxcar", "second-line")))
    assert scar_fit(two, patient(scars={"rolling", "boxcar"})).score == 1
    assert scar_fit(two, patient(scars={"rolling"})).score == 0


# Gate: flat marks (section 8, gate rule 5; section 8a)


def test_only_flat_marks_route_to_colour_care_with_no_scar_procedures_and_every_treatment_listed():
    """Section 8 gate 5 and 8a: a patient who reports only flat red or brown marks gets that guidance, not procedures."""
    result = run(facts("laser"), facts("peel", fits=(suits("boxcar", "second-line"),)), scars={"flat-marks"})
    assert result.candidates == () and slugs(result.excluded) == ["laser", "peel"]
    assert all(e.reasons()[0].startswith("Flat red or brown marks are not scars") for e in result.excluded)
    (notice,) = result.notices
    assert notice.warning and "Most fade over months" in notice.text


def test_flat_marks_beside_scars_change_no_option_and_add_a_note():
    """Section 8a: marks are not scars; the scars beside them are matched as usual, and the marks get a note."""
    with_marks = run(facts("laser"), scars={"rolling", "flat-marks"})
    alone = run(facts("laser"), scars={"rolling"})
    assert [c.labels for c in with_marks.candidates] == [c.labels for c in alone.candidates]
    assert [c.reasons() for c in with_marks.candidates] == [c.reasons() for c in alone.candidates]
    assert [(n.warning, "Most fade" in n.text) for n in with_marks.notices] == [(False, True)]


# Gate: hard stops (section 8, gate rules 1 and 2)


def test_pregnancy_rules_out_every_treatment_without_its_own_rule_with_the_notice():
    """Section 8 gate 2: pregnant or breastfeeding defers all procedures, even one added without a rule."""
    result = run(facts("added-in-admin"), health={"pregnant"})
    assert slugs(result.excluded) == ["added-in-admin"]
    assert result.excluded[0].reasons() == ["Procedures wait until after pregnancy."]


def test_pregnancy_keeps_only_an_option_whose_own_rule_is_a_caution_labelled_ask_your_doctor_first():
    """Section 8 gate 2 and section 6: only a light glycolic or lactic peel may remain, as 'ask your doctor'."""
    peel = facts(
        "light-peel", fits=(suits("rolling", "first-line"),), rules=(rule("pregnant", "caution", "Ask first."),)
    )
    laser = facts("laser", rules=(rule("pregnant", "avoid", "Laser waits."),))
    result = run(peel, laser, health={"pregnant"})
    (candidate,) = result.candidates
    assert candidate.treatment.slug == "light-peel"
    assert candidate.ask_doctor and candidate.fit == "second-line"
    assert candidate.cautions()[0].startswith("Ask your doctor first")
    assert "Ask first." in candidate.cautions()
    assert only(result, "laser").reasons() == ["Laser waits."]


def test_active_acne_leaves_no_procedure_candidates():
    """Section 8 gate 1: active acne, infection or a cold sore in the area: no procedure until it is treated."""
    treatments = [facts(f"t{n}", rules=(rule("active-acne", "avoid", "Waits."),)) for n in range(3)]
    result = run(*treatments, facts("no-rule"), health={"active-acne"})
    assert not result.candidates
    assert [n.text for n in result.notices if n.warning] == ["Treat the acne first."]


# Health rules (section 6; section 8, other modifiers)


def test_an_avoid_row_for_a_ticked_answer_rules_the_treatment_out_with_its_note():
    """Section 6, 'H' cells: a hard stop for that treatment, with the reason in plain words."""
    finding = health_rules(
        facts(rules=(rule("isotretinoin", "avoid", "Wait 6 months."),)), patient(health={"isotretinoin"})
    )
    assert words(finding.excludes) == ["Wait 6 months."]


def test_a_caution_row_keeps_the_treatment_with_its_note_and_a_point_less():
    """Section 6, 'R' and 'P' cells; section 8: bleeding risk needs a doctor's review, cold sores an antiviral."""
    treatment = facts(rules=(rule("anticoagulants", "caution", "More bruising."),))
    finding = health_rules(treatment, patient(health={"anticoagulants"}))
    assert not finding.excludes and words(finding.cautions) == ["More bruising."] and finding.score == -1
    assert health_rules(treatment, patient()) == health_rules(treatment, patient(health={"cold-sores"}))


def test_recent_isotretinoin_rules_out_what_has_an_avoid_row_and_flags_the_rest_to_discuss():
    """Section 8 gate 3: exclude mechanical dermabrasion (and the like); flag everything else 'discuss'."""
    dermabrasion = facts("dermabrasion", rules=(rule("isotretinoin", "avoid"),))
    needling = facts("needling", rules=(rule("isotretinoin", "caution", "Discuss timing."),))
    result = run(dermabrasion, needling, health={"isotretinoin"})
    assert slugs(result.candidates) == ["needling"] and slugs(result.excluded) == ["dermabrasion"]
    assert "Discuss timing." in result.candidates[0].cautions()


# Keloid tendency, ticked or implied by raised scars (sections 6 and 8)


def test_raised_scars_count_as_a_keloid_tendency_so_wounding_options_carry_the_keloid_caution():
    """Sections 6 and 8: a patient with raised scars already heals that way, exactly as if 'keloid' were ticked."""
    laser = facts(
        "laser",
        wounds_skin=True,
        fits=(suits("hypertrophic", "second-line"),),
        rules=(rule("keloid", "caution", "New raised scars can form."),),
    )
    implied, ticked = run(laser, scars={"hypertrophic"}), run(laser, scars={"hypertrophic"}, health={"keloid"})
    assert "New raised scars can form." in implied.candidates[0].cautions()
    assert implied.candidates[0].cautions() == ticked.candidates[0].cautions()


def test_keloid_tendency_never_badges_a_wounding_option_as_a_usual_first_choice_and_ranks_it_below_gentle_ones():
    """Section 8: keloid tendency demotes anything that wounds the skin; gentler options rank first."""
    subcision = facts("subcision", wounds_skin=True, fits=(suits("rolling", "first-line"),), role="structural")
    filler = facts("filler", wounds_skin=False, fits=(suits("rolling", "second-line"),), role="volume")
    result = run(subcision, filler, health={"keloid"})
    assert slugs(result.candidates) == ["filler", "subcision"]
    held = only(result, "subcision")
    assert held.fit == "second-line" and held.tier == TIER_WOUNDS_KELOID_PRONE
    assert {label.fit for label in held.labels} == {"second-line"}
    assert any(text.startswith("Not a first choice for you") for text in held.cautions())


def test_a_wounding_option_without_its_own_keloid_rule_still_carries_a_keloid_warning():
    """Section 8: every skin-wounding option carries the keloid caution, even one added in admin without a rule."""
    finding = keloid_tendency(facts(wounds_skin=True), patient(health={"keloid"}))
    assert words(finding.cautions) == [
        "People who form raised (keloid) scars can get new raised scars where the skin is wounded."
    ]
    assert keloid_tendency(facts(wounds_skin=False), patient(health={"keloid"})) == keloid_tendency(
        facts(wounds_skin=True), patient()
    )


def test_keloid_tendency_brings_a_warning_that_a_dermatologist_should_plan_treatment():
    """Section 8: keloid tendency routes to a specialist; the notice is a warning, for raised scars too."""
    result = run(facts(fits=(suits("hypertrophic", "first-line"),)), scars={"hypertrophic"})
    assert [(n.text, n.warning) for n in result.notices] == [("A dermatologist should plan your treatment.", True)]


# Raised scars (section 3, hypertrophic column; section 8, candidates)


def test_raised_and_sunken_scars_rank_each_group_on_its_own_raised_first():
    """Section 8: raised scars are treated differently; their options form their own group, best first."""
    steroid = facts("steroid", role="raised", evidence="moderate", fits=(suits("hypertrophic", "first-line"),))
    toxin = facts("toxin", role="raised", evidence="low", fits=(suits("hypertrophic", "second-line"),))
    filler = facts("filler", role="volume", fits=(suits("rolling", "first-line"),))
    result = run(toxin, filler, steroid, scars={"rolling", "hypertrophic"})
    assert [(c.treatment.slug, c.group) for c in result.candidates] == [
        ("steroid", "raised"),
        ("toxin", "raised"),
        ("filler", "sunken"),
    ]


def test_an_option_offered_only_with_another_is_ruled_out_when_the_other_is():
    """Section 3 and 8: a raised scar is cut out only with steroid (or radiotherapy) after it, never alone."""
    excision = facts(
        "excision",
        role="raised",
        wounds_skin=True,
        paired_with="steroid",
        paired_with_name="Steroid injections",
        fits=(suits("hypertrophic", "second-line"),),
    )
    steroid = facts(
        "steroid", role="raised", fits=(suits("hypertrophic", "first-line"),), rules=(rule("pregnant", "avoid"),)
    )
    alone = run(excision, scars={"hypertrophic"})
    assert only(alone, "excision").reasons() == [
        "Only done together with Steroid injections, which is ruled out for you."
    ]
    both = run(excision, steroid, scars={"hypertrophic"})
    assert "Only done together with Steroid injections afterwards." in only(both, "excision").cautions()
    # Raised scars mean a tendency to form them: cutting one out is never a plan step; a dermatologist decides.
    assert not [plan for plan in both.plans if "excision" in plan.treatments]


def test_a_pair_is_a_plan_of_its_own_when_neither_step_wounds_a_keloid_prone_patient():
    """Section 8, pairings: the first treatment, then the one it is offered with."""
    subcision = facts(
        "subcision", role="structural", wounds_skin=True, paired_with="filler", fits=(suits("rolling", "first-line"),)
    )
    filler = facts("filler", role="volume", wounds_skin=False, fits=(suits("rolling", "first-line"),))
    result = run(subcision, filler, scars={"rolling"}, severity="mild")
    paired = [plan for plan in result.plans if plan.treatments == ("subcision", "filler")]
    assert paired and paired[0].steps[1].wait_words().startswith("Soon after")
    keloid = run(subcision, filler, scars={"rolling"}, severity="mild", health={"keloid"})
    assert not [plan for plan in keloid.plans if "subcision" in plan.treatments]


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


def test_a_held_back_first_choice_ranks_above_an_option_that_is_only_ever_a_second_choice():
    """Section 3 and 8: a usual first choice whose recovery may go over the limit is held back, yet still
    ranks above options that are only second choices for the patient's scars, whatever their points."""
    cross = facts("cross", role="structural", downtime_min=5, downtime_max=10, fits=(suits("ice-pick", "first-line"),))
    needling = facts(
        "needling", downtime_min=1, downtime_max=3, evidence="high", fits=(suits("ice-pick", "second-line"),)
    )
    result = run(needling, cross, scars={"ice-pick"}, downtime=5)
    assert only(result, "cross").fit == "second-line" and only(result, "cross").score < only(result, "needling").score
    assert slugs(result.candidates) == ["cross", "needling"]


def test_equal_points_go_to_the_better_studied_option_before_the_name():
    """Section 4: evidence weighs in the ranking; the name only settles what nothing else does."""
    older = facts("a-weak", name="A weak option", evidence="low-moderate")
    better = facts("b-strong", name="B strong option", evidence="moderate", rules=(rule("anticoagulants", "caution"),))
    result = run(older, better, health={"anticoagulants"})
    assert only(result, "a-weak").score == only(result, "b-strong").score
    assert slugs(result.candidates) == ["b-strong", "a-weak"]


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


# Ranking and the whole result


def test_usual_first_choices_rank_before_second_choices_then_by_score_then_by_name():
    """Section 8 output: a stable order, best first."""
    result = run(
        facts("b-second", fits=(suits("rolling", "second-line"),), evidence="high"),
        facts("z-first", fits=(suits("rolling", "first-line"),)),
        facts("a-first", fits=(suits("rolling", "first-line"),)),
    )
    assert slugs(result.candidates) == ["a-first", "z-first", "b-second"]


def test_every_treatment_appears_once_and_the_order_given_does_not_matter():
    """Results contract: every treatment once, in the options or ruled out, with reasons."""
    catalogue = [
        facts("kept"),
        facts("too-long", downtime_min=30, downtime_max=40),
        facts("unsuited", fits=(suits("rolling", "not-suitable", "No."),)),
    ]
    forward, backward = run(*catalogue), run(*reversed(catalogue))
    assert slugs(forward.candidates) == ["kept"] and slugs(forward.excluded) == ["too-long", "unsuited"]
    assert all(entry.reasons() for entry in (*forward.candidates, *forward.excluded))
    assert slugs(backward.candidates) == slugs(forward.candidates) and slugs(backward.excluded) == slugs(
        forward.excluded
    )


def test_match_takes_keyword_arguments_only():
    from treatments.matching import match

    with pytest.raises(TypeError):
        match(None, ())  # type: ignore[misc]
