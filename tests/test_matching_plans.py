"""Suggested plans (combination sequencing) and notices of the clinical basis, section 8, with no database."""

from tests.matching_builders import facts, run, suits


def catalogue():
    """A small catalogue in the shape of the seeded one: structural, volume and surface options."""
    return [
        facts("cross", name="TCA CROSS", role="structural", evidence="low-moderate", wounds_skin=True,
              fits=(suits("ice-pick", "first-line"), suits("boxcar", "first-line"))),
        facts("subcision", name="Subcision", role="structural", wounds_skin=True,
              fits=(suits("rolling", "first-line"), suits("boxcar", "second-line"))),
        facts("filler", name="Filler", role="volume", fits=(suits("rolling", "first-line"), suits("boxcar", "second-line"))),
        facts("laser", name="Laser", role="resurfacing", evidence="moderate", wounds_skin=True,
              fits=(suits("boxcar", "first-line"), suits("rolling", "second-line"), suits("ice-pick", "second-line"))),
        facts("meso", name="Mesotherapy", role="resurfacing", evidence="very-low", wounds_skin=True,
              fits=(suits("rolling", "first-line"), suits("boxcar", "first-line"))),
        facts("steroid", name="Steroid injections", role="raised", evidence="moderate",
              fits=(suits("hypertrophic", "first-line"),)),
        facts("silicone", name="Silicone gel", role="raised", evidence="low", fits=(suits("hypertrophic", "first-line"),)),
        facts("toxin", name="Toxin", role="raised", evidence="low", fits=(suits("hypertrophic", "second-line"),)),
    ]  # fmt: skip


def test_several_sunken_scar_types_get_structural_then_volume_then_resurfacing_numbered():
    """Section 8 sequencing: structural first, volume 2 to 4 weeks later (or the same session), resurfacing
    4 to 8 weeks after; steps numbered in the text as on the page; no plan begins with 'Then'."""
    (plan,) = run(*catalogue(), scars={"ice-pick", "rolling"}, severity="moderate").plans
    assert [[c.treatment.slug for c in step.candidates] for step in plan.steps] == [
        ["cross", "subcision"],
        ["filler"],
        ["laser"],
    ]
    note = plan.note()
    assert note.startswith(
        "1. TCA CROSS for ice pick scars and Subcision for rolling scars, to work on each scar itself."
    )
    assert "2. Filler for rolling scars, to lift sunken areas. About 2 to 4 weeks after step 1" in note
    assert (
        "3. Laser for ice pick scars and rolling scars, to even out the surface. "
        "About 4 to 8 weeks after the earlier steps have healed."
    ) in note
    assert not note.startswith("Then")


def test_each_step_suits_the_scars_it_is_for():
    """Section 8: a plan is built only from options that suit the scars each step is for."""
    (plan,) = run(*catalogue(), scars={"ice-pick", "rolling"}, severity="moderate").plans
    assert [step.scars for step in plan.steps] == [("ice-pick", "rolling"), ("rolling",), ("ice-pick", "rolling")]
    for step in plan.steps:
        for candidate, scars in step.parts():
            fits = {label.name: label.fit for label in candidate.labels}
            assert scars and all(fits[name] in ("first-line", "second-line") for name in scars)
    assert [scars for _candidate, scars in plan.steps[0].parts()] == [["Ice pick scars"], ["Rolling scars"]]


def test_the_volume_step_mentions_subcision_only_when_subcision_is_in_the_plan():
    """Section 8: filler goes in the same session as subcision or 2 to 4 weeks later; no plan names a step it lacks."""
    without = [t for t in catalogue() if t.slug != "subcision"]
    (plan,) = run(*without, scars={"ice-pick", "rolling"}, severity="moderate").plans
    assert "Subcision" not in plan.note() and "subcision" not in plan.note()


def test_very_low_evidence_is_never_a_step_of_a_plan():
    """Section 4 and 8: mesotherapy (very low evidence) is at most a weak pairing, never a planned step."""
    result = run(*catalogue(), scars={"boxcar", "rolling"}, severity="severe")
    assert all("meso" not in plan.treatments for plan in result.plans)


def test_one_mild_scar_type_gets_no_plan_and_nor_do_options_all_in_one_role():
    """Section 8: combinations are for several types, or moderate and severe scars, and need two steps."""
    assert run(*catalogue(), scars={"rolling"}, severity="mild").plans == ()
    surface_only = [t for t in catalogue() if t.role == "resurfacing"]
    assert run(*surface_only, scars={"boxcar", "rolling"}, severity="severe").plans == ()


def test_a_tendency_to_form_raised_scars_gets_no_plan_of_wounding_procedures():
    """Section 8: keloid tendency routes to a specialist; no multi-step plan of skin-wounding options."""
    result = run(*catalogue(), scars={"ice-pick", "rolling"}, severity="severe", health={"keloid"})
    for plan in result.plans:
        wounding = [c for step in plan.steps for c in step.candidates if c.treatment.wounds_skin]
        assert len(wounding) <= 1, plan.note()


def test_raised_scars_get_the_usual_first_choice_with_gentle_add_ons_alongside():
    """Section 8: hypertrophic or keloid: steroid first, with silicone and the like alongside; toxin as an add-on."""
    result = run(*catalogue(), scars={"hypertrophic", "rolling"}, severity="moderate")
    (plan,) = result.plans
    assert [[c.treatment.slug for c in step.candidates] for step in plan.steps] == [["steroid"], ["silicone", "toxin"]]
    assert plan.steps[1].wait_words() == "At the same time, as add-ons."
    assert result.candidates[0].treatment.slug == "steroid"


# Notices (section 8 gate; section 6)


def test_ticked_hard_stops_are_warnings_and_other_notices_are_not():
    """Section 8 gate: pregnancy and active acne change everything, so they come first, as warnings."""
    result = run(*catalogue(), health={"anticoagulants", "pregnant"})
    assert [(n.text, n.warning) for n in result.notices] == [
        ("Procedures wait until after pregnancy.", True),
        ("A doctor reviews your medicines.", False),
    ]


def test_a_health_answer_without_a_notice_adds_none_and_darker_skin_always_gets_sunscreen_advice():
    """Section 6 and 8: for types IV-VI always attach a dark-patch warning and sunscreen advice."""
    assert run(*catalogue(), health={"cold-sores"}).notices == ()
    (notice,) = run(*catalogue(), skin_type=6).notices
    assert "sunscreen" in notice.text and not notice.warning


def test_mild_scars_of_several_kinds_get_no_volume_step():
    """Section 8 severity: for mild scars surface treatment alone is often enough; volume comes in at grade 3."""
    (plan,) = run(*catalogue(), scars={"ice-pick", "rolling"}, severity="mild").plans
    assert [[c.treatment.slug for c in step.candidates] for step in plan.steps] == [["cross", "subcision"], ["laser"]]
