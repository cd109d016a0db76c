"""The matching rules of clinical-reference.md section 8, one test per rule, with no database."""

import random

from treatments.matching import (
    Answers,
    Concern,
    Fit,
    Rule,
    TreatmentFacts,
    combinations,
    downtime_limit,
    health_rules,
    match,
    scar_fit,
    severity_modifier,
    skin_type_modifier,
)


def facts(slug="option", **fields):
    values = {
        "slug": slug,
        "name": slug.replace("-", " ").capitalize(),
        "role": "resurfacing",
        "category": "needling",
        "downtime_min": 1,
        "downtime_max": 3,
        "sessions_min": 3,
        "sessions_max": 6,
        "pain": 1,
        "pigment_risk": "low",
        "evidence": "moderate",
        "fits": (fit("rolling", "first-line"),),
    }
    values.update(fields)
    return TreatmentFacts(**values)


def fit(scar, level, reason="Because of how it works."):
    return Fit(scar=scar, scar_name=f"{scar.replace('-', ' ').capitalize()} scars", fit=level, reason=reason)


def answers(**fields):
    values = {"scars": frozenset({"rolling"}), "severity": "mild", "skin_type": 2, "downtime": 14}
    values.update(fields)
    return Answers(**values)


def slugs(entries):
    return [entry.treatment.slug for entry in entries]


# Candidates by scar type (section 8; grid in section 3)


def test_suitable_for_a_scar_type_makes_a_candidate_with_the_rows_reason():
    finding = scar_fit(facts(fits=(fit("rolling", "first-line", "Frees the bands."),)), answers())
    assert finding.fit == "first-line"
    assert not finding.excludes
    assert finding.reasons == ("Rolling scars (first-line option): Frees the bands.",)


def test_best_fit_over_the_patients_scar_types_counts():
    treatment = facts(fits=(fit("boxcar", "second-line"), fit("rolling", "first-line")))
    assert scar_fit(treatment, answers(scars=frozenset({"boxcar", "rolling"}))).fit == "first-line"
    assert scar_fit(treatment, answers(scars=frozenset({"boxcar"}))).fit == "second-line"


def test_not_suitable_for_every_scar_type_rules_it_out_with_the_rows_reasons():
    treatment = facts(fits=(fit("ice-pick", "not-suitable", "Too narrow."), fit("rolling", "not-suitable", "No.")))
    finding = scar_fit(treatment, answers(scars=frozenset({"ice-pick", "rolling"})))
    assert finding.excludes == ("Ice pick scars (not suitable): Too narrow.", "Rolling scars (not suitable): No.")


def test_no_suitability_row_for_the_patients_scar_types_rules_it_out_with_a_reason():
    finding = scar_fit(facts(fits=(fit("boxcar", "first-line"),)), answers(scars=frozenset({"rolling"})))
    assert finding.excludes == ("Not an option for the kinds of scar you chose.",)


def test_not_suitable_for_one_of_several_scar_types_is_a_caution_not_an_exclusion():
    treatment = facts(fits=(fit("ice-pick", "not-suitable", "Too narrow."), fit("rolling", "first-line")))
    finding = scar_fit(treatment, answers(scars=frozenset({"ice-pick", "rolling"})))
    assert not finding.excludes
    assert finding.cautions == ("Ice pick scars (not suitable): Too narrow.",)


def test_each_further_scar_type_a_treatment_suits_adds_a_point():
    treatment = facts(fits=(fit("boxcar", "second-line"), fit("rolling", "first-line")))
    assert scar_fit(treatment, answers(scars=frozenset({"boxcar", "rolling"}))).score == 1
    assert scar_fit(treatment, answers(scars=frozenset({"rolling"}))).score == 0


# Gate and other modifiers act through the health rows (section 8 gate; section 6)


def test_avoid_row_for_a_ticked_health_answer_rules_the_treatment_out_with_its_note():
    treatment = facts(rules=(Rule(concern="pregnant", action="avoid", note="Waits until after pregnancy."),))
    finding = health_rules(treatment, answers(health=frozenset({"pregnant"})))
    assert finding.excludes == ("Waits until after pregnancy.",)


def test_caution_row_keeps_the_treatment_with_its_note():
    treatment = facts(rules=(Rule(concern="anticoagulants", action="caution", note="You may bruise more."),))
    finding = health_rules(treatment, answers(health=frozenset({"anticoagulants"})))
    assert not finding.excludes
    assert finding.cautions == ("You may bruise more.",)


def test_caution_rows_demote_a_kept_treatment_below_one_without_them():
    """Section 8: keloid tendency demotes treatments that wound the skin."""
    keloid = Rule(concern="keloid", action="caution", note="May raise new scars.")
    catalogue = [facts("needling", rules=(keloid,)), facts("peel")]
    assert [entry.treatment.slug for entry in match(answers(), catalogue).candidates] == ["needling", "peel"]
    result = match(answers(health=frozenset({"keloid"})), catalogue)
    assert [entry.treatment.slug for entry in result.candidates] == ["peel", "needling"]
    assert health_rules(catalogue[0], answers(health=frozenset({"keloid"}))).score == -1


def test_rows_for_health_answers_not_ticked_change_nothing():
    treatment = facts(rules=(Rule(concern="pregnant", action="avoid", note="Waits."),))
    assert health_rules(treatment, answers(health=frozenset({"cold-sores"}))) == health_rules(treatment, answers())


def test_active_acne_leaves_no_procedure_candidates_when_every_procedure_has_an_avoid_row():
    rule = Rule(concern="active-acne", action="avoid", note="Get acne under control first.")
    catalogue = [facts(slug, rules=(rule,)) for slug in ("laser", "subcision", "filler")]
    result = match(answers(health=frozenset({"active-acne"})), catalogue)
    assert result.candidates == ()
    assert all(entry.reasons == ("Get acne under control first.",) for entry in result.excluded)


def test_isotretinoin_rules_out_dermabrasion_and_flags_everything_else_to_discuss():
    catalogue = [
        facts("dermabrasion", rules=(Rule(concern="isotretinoin", action="avoid", note="Wait 6 months."),)),
        facts("subcision", rules=(Rule(concern="isotretinoin", action="caution", note="Discuss timing."),)),
    ]
    result = match(answers(health=frozenset({"isotretinoin"})), catalogue)
    assert slugs(result.excluded) == ["dermabrasion"]
    assert result.candidates[0].cautions == ("Discuss timing.",)


# Skin type (IV-VI) modifiers (section 8; section 6)


def test_lighter_skin_types_are_not_changed_by_pigment_risk():
    for risk in ("low", "moderate", "high"):
        finding = skin_type_modifier(facts(pigment_risk=risk), answers(skin_type=3))
        assert finding.excludes == finding.cautions == finding.reasons == ()
        assert finding.score == 0


def test_high_pigment_risk_is_ruled_out_for_darker_skin():
    finding = skin_type_modifier(facts(pigment_risk="high"), answers(skin_type=5))
    assert finding.excludes == ("The risk of dark or light patches is high in darker skin (types IV to VI).",)


def test_moderate_pigment_risk_is_demoted_with_a_warning_for_darker_skin():
    finding = skin_type_modifier(
        facts(pigment_risk="moderate", pigment_note="Ask about priming."), answers(skin_type=4)
    )
    assert finding.score == -1
    assert finding.cautions == (
        "Moderate risk of dark or light patches in darker skin (types IV to VI). Ask about priming.",
    )


def test_low_pigment_risk_ranks_higher_for_darker_skin():
    finding = skin_type_modifier(facts(pigment_risk="low"), answers(skin_type=6))
    assert finding.score == 1
    assert finding.reasons


# Downtime tolerance (section 8; section 4)


def test_shortest_recovery_above_the_limit_is_excluded_because_of_downtime():
    finding = downtime_limit(facts(downtime_min=7, downtime_max=14), answers(downtime=5))
    assert finding.excludes == (
        "Excluded because of downtime: visible recovery usually takes 7 to 14 days, "
        "more than the 5 days you can accept.",
    )


def test_longest_recovery_above_the_limit_keeps_it_with_a_warning_and_a_point_less():
    finding = downtime_limit(facts(downtime_min=3, downtime_max=10), answers(downtime=5))
    assert not finding.excludes
    assert finding.score == -1
    assert "3 to 10 days" in finding.cautions[0]


def test_recovery_within_the_limit_adds_a_point():
    finding = downtime_limit(facts(downtime_min=0, downtime_max=0), answers(downtime=0))
    assert finding.score == 1
    assert finding.reasons == ("Visible recovery (No recovery time) fits within the 0 days you can accept.",)


# Severity modifiers (section 8, Goodman grades 2 to 4)


def test_mild_scars_favour_surface_treatments():
    assert severity_modifier(facts(role="resurfacing"), answers(severity="mild")).score == 2
    assert severity_modifier(facts(role="structural"), answers(severity="mild")).score == 0


def test_moderate_scars_favour_surface_treatment_plus_volume():
    assert severity_modifier(facts(role="resurfacing"), answers(severity="moderate")).score == 1
    assert severity_modifier(facts(role="volume"), answers(severity="moderate")).score == 1


def test_severe_scars_put_structural_steps_first():
    structural = severity_modifier(facts(role="structural"), answers(severity="severe"))
    assert structural.score == 2
    assert structural.reasons
    assert severity_modifier(facts(role="resurfacing"), answers(severity="severe")).score == 0


def test_raised_scar_treatments_are_not_changed_by_severity():
    for severity in ("mild", "moderate", "severe"):
        assert severity_modifier(facts(role="raised"), answers(severity=severity)).score == 0


# Ranking


def test_first_line_ranks_before_second_line_whatever_the_score():
    best_scored = facts("aaa", fits=(fit("rolling", "second-line"),), downtime_min=0, downtime_max=0)
    first_line = facts("zzz", downtime_min=10, downtime_max=20)
    result = match(answers(downtime=12, severity="severe"), [best_scored, first_line])
    assert slugs(result.candidates) == ["zzz", "aaa"]


def test_higher_score_ranks_first_within_the_same_fit():
    fits_downtime = facts("b-fits", downtime_max=3)
    too_long = facts("a-too-long", downtime_max=30)
    assert slugs(match(answers(downtime=5), [too_long, fits_downtime]).candidates) == ["b-fits", "a-too-long"]


def test_ties_are_broken_by_name_then_slug():
    assert slugs(match(answers(), [facts("beta"), facts("alpha")]).candidates) == ["alpha", "beta"]


# Combination sequencing (section 8)


def plan_catalogue():
    return [
        facts("punch", role="structural", fits=(fit("ice-pick", "first-line"), fit("rolling", "not-suitable"))),
        facts("subcision", role="structural", fits=(fit("rolling", "first-line"), fit("ice-pick", "not-suitable"))),
        facts("filler", role="volume", fits=(fit("rolling", "first-line"),)),
        facts("laser", role="resurfacing", fits=(fit("rolling", "second-line"), fit("ice-pick", "second-line"))),
    ]


def test_several_scar_types_get_structural_then_volume_then_resurfacing():
    result = match(answers(scars=frozenset({"ice-pick", "rolling"})), plan_catalogue())
    (plan,) = result.combinations
    assert plan.treatments == ("punch", "subcision", "filler", "laser")
    assert "2 to 4 weeks" in plan.note and "4 to 8 weeks" in plan.note


def test_structural_step_takes_the_first_line_option_for_each_scar_type():
    result = match(answers(scars=frozenset({"rolling"}), severity="severe"), plan_catalogue())
    assert result.combinations[0].treatments == ("subcision", "filler", "laser")


def test_one_mild_scar_type_gets_no_combination():
    assert match(answers(scars=frozenset({"rolling"}), severity="mild"), plan_catalogue()).combinations == ()


def test_options_all_in_one_role_make_no_sequence():
    catalogue = [facts("laser"), facts("needling")]
    assert match(answers(scars=frozenset({"rolling", "boxcar"})), catalogue).combinations == ()


def test_raised_scar_options_are_paired_best_first():
    catalogue = [
        facts("toxin", role="raised", fits=(fit("hypertrophic", "second-line"),)),
        facts("steroid", role="raised", fits=(fit("hypertrophic", "first-line"),)),
    ]
    candidates = match(answers(scars=frozenset({"hypertrophic"})), catalogue).candidates
    (plan,) = combinations(candidates, answers(scars=frozenset({"hypertrophic"})))
    assert plan.treatments == ("steroid", "toxin")


# Notices (section 8 gate; section 6)


def test_ticked_health_answers_bring_their_notices_and_others_do_not():
    concerns = [Concern(slug="pregnant", notice="Procedures wait."), Concern(slug="keloid", notice="See a specialist.")]
    result = match(answers(health=frozenset({"pregnant"})), [facts()], concerns)
    assert result.notices == ("Procedures wait.",)


def test_a_health_answer_without_a_notice_adds_none():
    result = match(answers(health=frozenset({"cold-sores"})), [facts()], [Concern(slug="cold-sores")])
    assert result.notices == ()


def test_darker_skin_always_gets_the_pigment_and_sunscreen_notice():
    (notice,) = match(answers(skin_type=4), [facts()]).notices
    assert "SPF" in notice and "darken or lighten" in notice
    assert match(answers(skin_type=3), [facts()]).notices == ()


# The whole result


def test_every_treatment_appears_once_with_every_reason_it_was_ruled_out():
    slow_and_risky = facts(
        "slow",
        downtime_min=14,
        downtime_max=21,
        rules=(Rule(concern="keloid", action="avoid", note="Could start raised scars."),),
    )
    result = match(answers(downtime=5, health=frozenset({"keloid"})), [slow_and_risky, facts("quick")])
    assert slugs(result.candidates) == ["quick"]
    (excluded,) = result.excluded
    assert excluded.reasons[0] == "Could start raised scars."
    assert excluded.reasons[1].startswith("Excluded because of downtime")


def test_result_does_not_depend_on_the_order_of_the_treatments():
    catalogue = plan_catalogue() + [facts("peel", pigment_risk="high"), facts("toxin", role="raised")]
    patient = answers(scars=frozenset({"ice-pick", "rolling"}), skin_type=5, severity="moderate", downtime=5)
    shuffled = catalogue[:]
    random.Random(3).shuffle(shuffled)
    assert match(patient, catalogue) == match(patient, shuffled)
