"""The order of the options (docs/clinical-basis.md, section 8, "Order"), and the whole result, with no database."""

import pytest

from tests.matching_builders import facts, only, rule, run, slugs, suits


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
