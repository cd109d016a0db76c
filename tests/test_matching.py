"""The matching rules of the clinical basis (docs/clinical-basis.md), one test per rule, with no database:
candidates by scar type, the gates, health rules, keloid tendency and raised scars. The modifiers (skin
type, recovery, severity, evidence) are in test_matching_modifiers.py, the order in test_matching_ranking.py.

Each test's docstring states the clinical rule in plain words and the section it comes from.
"""

from tests.matching_builders import facts, only, patient, rule, run, slugs, suits, words
from treatments.matching import TIER_WOUNDS_KELOID_PRONE, health_rules, keloid_tendency, scar_fit

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
