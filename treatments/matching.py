"""The questionnaire's clinical rules, as pure functions: the one home of every matching rule
(the order of a plan's steps, built from the options ranked here, is in plans.py).

Input: the answers and the facts of each matchable treatment, read from the content rows (clinical_facts.py).
Output (outcome.py): the options to discuss, ranked, every other treatment with the reasons it was ruled out,
plans and notices. No database, request or template here, so an edit in admin changes the results with no
code change. Each rule names the section of `docs/clinical-basis.md` it comes from. Deciding is cheap and
done for every treatment; sentences are written only when asked for, so a page pays for what it shows.
Gate 6 of section 8 (possible body dysmorphic disorder) is met by never recommending: every entry is an
"option to discuss", and the questionnaire asks nothing that could trigger it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from .clinical_facts import Answers, Concern, Patient, Scar, TreatmentFacts
from .outcome import SUITS, Candidate, Excluded, Notice, Result, ScarLabel
from .plans import plans
from .vocabulary import DARKER_SKIN_TYPES, KELOID, Action, Evidence, Fit, PigmentRisk, Role, Severity, Shape
from .wording import Say, say, sentence


@dataclass(frozen=True)
class Weights:
    """Every score the ranking adds up, in one table. Higher ranks first."""

    # Section 8, candidates by scar type: one treatment that helps several of the patient's kinds
    # of scar is worth more. Design choice: a point for each further kind.
    further_scar_type: int = 1
    # Section 3: a usual first choice for one of the patient's kinds of scar, even when held back
    # for this patient (recovery, a tendency to form raised scars), ranks above options that are
    # only ever second choices for them. Design choice of the weight.
    first_choice: int = 3
    # Sections 6 and 8, other modifiers: each health caution needs a doctor's review, so an option
    # that needs care ranks below one that does not. Design choice: a point less for each.
    health_caution: int = -1
    # Section 8, skin type (IV-VI) modifiers: rank options with a low risk of dark or light patches
    # higher and those with a moderate risk lower (a high risk rules the option out).
    low_pigment_risk: int = 1
    moderate_pigment_risk: int = -1
    # Section 8, downtime tolerance. Design choice: a point for fitting within the limit, a point less
    # when the longest usual recovery may go over it, one more when by a week or more.
    recovery_fits: int = 1
    recovery_may_go_over: int = -1
    recovery_over_by_a_week: int = -1
    # Section 8, severity modifiers: mild scars, surface treatment is often enough; moderate,
    # surface plus volume; severe, structural steps first, then volume.
    severity: tuple = (
        ((Severity.MILD, Role.RESURFACING), 2),
        ((Severity.MODERATE, Role.RESURFACING), 1),
        ((Severity.MODERATE, Role.VOLUME), 1),
        ((Severity.SEVERE, Role.STRUCTURAL), 2),
        ((Severity.SEVERE, Role.VOLUME), 1),
    )  # fmt: skip
    # Section 4, evidence column, and section 8, output wording: better-studied options rank
    # higher. Very low evidence also sorts below every better-supported option (see TIERS).
    evidence: tuple = (
        (Evidence.HIGH, 2), (Evidence.MODERATE, 1), (Evidence.LOW_MODERATE, 0), (Evidence.LOW, -1), (Evidence.VERY_LOW, -2)
    )  # fmt: skip


WEIGHTS = Weights()
SEVERITY_POINTS = dict(WEIGHTS.severity)
# Section 8 severity modifiers: for mild scars "surface treatments alone are often enough", a claim
# that an option is enough on its own; the others only say what usually comes first or goes together.
ENOUGH_ALONE = {(Severity.MILD, Role.RESURFACING)}
EVIDENCE_POINTS = dict(WEIGHTS.evidence)

# Ranking tiers, before fit and score (section 8): options that wound the skin of someone who
# forms raised scars come after every gentler option, and options with very low evidence after
# every better-supported one.
TIER_USUAL, TIER_WOUNDS_KELOID_PRONE, TIER_VERY_LOW_EVIDENCE = 0, 1, 2
# When a patient has raised and sunken scars, each group is ranked and shown on its own, raised
# scars first: they need their own treatment, and they change what is safe for the others.
GROUP_ORDER = {Shape.RAISED: 0, Shape.SUNKEN: 1}
SUITS_FIRST = Fit.FIRST_LINE


class Finding(NamedTuple):
    """What one rule says about one treatment. Any `excludes` rules the treatment out; `holds_back`
    keeps it from being called a usual first choice."""

    excludes: tuple[Say, ...] = ()
    reasons: tuple[Say, ...] = ()
    cautions: tuple[Say, ...] = ()
    score: int = 0
    holds_back: tuple[Say, ...] = ()
    tier: int = TIER_USUAL
    ask_doctor: bool = False


NOTHING = Finding()
CONCERN = attrgetter("concern")


def scar_fit(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Candidates by scar type (section 8; the grid in section 3).

    A treatment is an option when its Suitability row says first-line or second-line for at least
    one of the patient's scar types. When it suits none of them (or has no row), it is ruled out with
    the rows' reasons. Each further scar type it suits adds a point.
    """
    if patient.marks_only:
        return NOTHING
    rows = [treatment.fit_for.get(scar) for scar in patient.scar_slugs]
    suits = [row for row in rows if row and row.fit in SUITS]
    unsuited = [row for row in rows if row and row.fit not in SUITS]
    if not suits:
        excludes = tuple(say("scar-unsuited", scar=patient.scar_name(r.scar), reason=r.reason) for r in unsuited)
        return Finding(excludes=excludes or (say("scar-no-row"),))
    first = any(r.fit == Fit.FIRST_LINE for r in suits)
    return Finding(
        reasons=tuple(say("scar-suits", scar=patient.scar_name(r.scar), reason=r.reason) for r in suits),
        cautions=tuple(say("scar-unsuited", scar=patient.scar_name(r.scar), reason=r.reason) for r in unsuited),
        score=WEIGHTS.further_scar_type * (len(suits) - 1) + (WEIGHTS.first_choice if first else 0),
    )


def flat_marks(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Gate rule 5 (section 8; section 8a): flat red or brown marks are not scars. A patient who reports
    only marks gets colour-care guidance and no scar procedures; marks beside scars change nothing."""
    return Finding(excludes=(say("marks-only"),)) if patient.marks_only else NOTHING


def hard_stops(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Gate rules 1 and 2 (section 8): active acne or infection, and pregnancy or breastfeeding, defer
    every procedure. A treatment with no rule of its own for such a question is ruled out with the
    question's notice, so a treatment added in admin cannot slip past the gate; a rule of its own
    (for example "caution: ask your doctor" for a light glycolic peel in pregnancy) decides instead."""
    missing = [c for c in patient.hard_stops if c.slug not in treatment.rule_for]
    if not missing:
        return NOTHING
    return Finding(excludes=tuple(say("text", kind=f"health:{c.slug}", text=c.notice or c.name) for c in missing))


def health_rules(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Gate and other modifiers (section 8; the contraindication table in section 6).

    Every health answer in effect acts through the treatment's rows: "avoid" rules it out with the
    row's note; "caution" keeps it with the note and costs a point. A caution for a hard-stop question
    (pregnancy, active acne) means "ask your doctor first": never a usual first choice.
    """
    applying = [treatment.rule_for[slug] for slug in patient.health if slug in treatment.rule_for]
    if not applying:
        return NOTHING
    avoid = sorted((r for r in applying if r.action == Action.AVOID), key=CONCERN)
    cautions = sorted((r for r in applying if r.action == Action.CAUTION), key=CONCERN)
    stops = {c.slug for c in patient.hard_stops}
    ask_doctor = any(r.concern in stops for r in cautions)
    return Finding(
        excludes=tuple(say("text", kind=f"health:{r.concern}", text=r.note) for r in avoid),
        cautions=tuple(say("text", text=r.note) for r in cautions),
        score=WEIGHTS.health_caution * len(cautions),
        holds_back=(say("held-back-ask-doctor"),) if ask_doctor else (),
        ask_doctor=ask_doctor,
    )


def keloid_tendency(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Keloid tendency (section 8, skin type modifiers; section 6): with raised scars, or a tendency to
    form them, anything that wounds the skin is never a usual first choice, ranks below every gentler
    option, and always carries the keloid warning (its own rule's note, or a plain default)."""
    if not (patient.keloid_prone and treatment.wounds_skin):
        return NOTHING
    own = treatment.rule_for.get(KELOID)
    return Finding(
        cautions=() if own else (say("keloid-caution"),),
        holds_back=(say("held-back-keloid"),),
        tier=TIER_WOUNDS_KELOID_PRONE,
    )


def skin_type_modifier(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Skin type (IV-VI) modifiers (section 8; section 6 "Fitzpatrick IV-VI").

    For brown and black skin, a low risk of dark or light patches (the options section 8 ranks higher)
    ranks higher; a precaution ("P" in section 6, such as lighter patches after steroid injections)
    shows its advice and changes no ranking; a moderate risk ("R": doctor decides, for example
    fractional CO2 and medium peels, which section 8 demotes) ranks lower, with a warning, and is never
    a usual first choice; a high risk (deep peels, full ablation, dermabrasion) rules the option out.
    """
    if patient.answers.skin_type not in DARKER_SKIN_TYPES:
        return NOTHING
    if treatment.pigment_risk == PigmentRisk.HIGH:
        return Finding(excludes=(say("pigment-high"),))
    if treatment.pigment_risk == PigmentRisk.MODERATE:
        return Finding(
            cautions=(say("pigment-moderate", note=treatment.pigment_note),),
            score=WEIGHTS.moderate_pigment_risk,
            holds_back=(say("held-back-pigment"),),
        )
    if treatment.pigment_risk == PigmentRisk.CARE:
        return Finding(cautions=(say("pigment-care", note=treatment.pigment_note),))
    return Finding(reasons=(say("pigment-low"),), score=WEIGHTS.low_pigment_risk)


def recovery_fit(low: int, high: int, limit: int) -> int:
    """The one downtime rule, used by the results and the treatment list alike (section 8).

    Returns how many days the usual recovery may go over the limit: 0 when even its longest fits;
    more when only the longest goes over (kept, never a usual first choice); and a negative number,
    minus the days by which even the shortest goes over, when it does not fit at all (ruled out).
    """
    if low > limit:
        return limit - low
    return max(0, high - limit)


def downtime_limit(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Downtime tolerance (section 8; the downtime column of section 4): see `recovery_fit`. A ruled-out
    option is shown as "excluded because of recovery time", so the trade-off stays visible."""
    low, high, limit = treatment.downtime_min, treatment.downtime_max, patient.answers.downtime
    over = recovery_fit(low, high, limit)
    if over < 0:
        return Finding(excludes=(say("recovery-too-long", low=low, high=high, limit=limit, over=-over),))
    if over > 0:
        return Finding(
            cautions=(say("recovery-may-go-over", low=low, high=high, limit=limit, over=over),),
            score=WEIGHTS.recovery_may_go_over + (WEIGHTS.recovery_over_by_a_week if over >= 7 else 0),
            holds_back=(say("held-back-recovery", over=over),),
        )
    return Finding(reasons=(say("recovery-fits", low=low, high=high, limit=limit),), score=WEIGHTS.recovery_fits)


def severity_modifier(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Severity modifiers (section 8, Goodman grades 2 to 4), for treatments of sunken scars.

    The points are in WEIGHTS.severity, for an option that is a usual first choice (section 3) for one
    of the patient's sunken scars. "Often enough" (ENOUGH_ALONE) is said only of an option that is a
    usual first choice for every kind of sunken scar the patient has: never of surface treatment when
    there are ice pick scars it cannot reach, and never for raised scars. Nothing that wounds the skin of someone
    who forms raised scars is praised for it. Only an option with at least low-to-moderate evidence is
    praised, in words that name it, so weak options never borrow a strong option's praise.
    """
    points = SEVERITY_POINTS.get((patient.answers.severity, treatment.role), 0)
    if not points or (patient.keloid_prone and treatment.wounds_skin):
        return NOTHING
    sunken = [scar for scar in patient.scar_slugs if patient.shapes[scar] == Shape.SUNKEN]
    first_for = [scar for scar in sunken if treatment.first_choice_for(scar)]
    if not first_for or ((patient.answers.severity, treatment.role) in ENOUGH_ALONE and first_for != sunken):
        return NOTHING
    if EVIDENCE_POINTS.get(treatment.evidence, 0) < 0:
        return Finding(score=points)
    return Finding(
        reasons=(say(f"severity-{patient.answers.severity}-{treatment.role}", name=treatment.name),), score=points
    )


def evidence_weight(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Evidence (section 4; the overall caveat before section 1): better-studied options rank higher,
    weak evidence is said plainly, and very low evidence sorts below every better-supported option."""
    words = say(f"evidence-{treatment.evidence}")
    points = EVIDENCE_POINTS.get(treatment.evidence, 0)
    if treatment.evidence == Evidence.VERY_LOW:
        return Finding(cautions=(words,), score=points, tier=TIER_VERY_LOW_EVIDENCE)
    if points < 0:
        return Finding(cautions=(words,), score=points)
    return Finding(reasons=(words,), score=points)


def pairing(treatment: TreatmentFacts, patient: Patient) -> Finding:
    """Section 3 and section 8 (hypertrophic/keloid: excision only with adjuvant): a treatment offered
    only together with another says so, for example steroid injections after a raised scar is cut out."""
    if not treatment.paired_with:
        return NOTHING
    return Finding(cautions=(say("paired-with", other=treatment.paired_with_name or treatment.paired_with),))


RULES = (
    flat_marks,
    hard_stops,
    scar_fit,
    health_rules,
    keloid_tendency,
    skin_type_modifier,
    downtime_limit,
    severity_modifier,
    evidence_weight,
    pairing,
)


def assess(treatment: TreatmentFacts, patient: Patient) -> Candidate | Excluded:
    """Apply every rule; a reason to rule the treatment out from any rule wins over everything else."""
    findings = tuple(rule(treatment, patient) for rule in RULES)
    excludes = tuple(s for f in findings for s in f.excludes)
    if excludes:
        return Excluded(treatment=treatment, why=excludes)
    held_back = any(f.holds_back for f in findings)
    labels = []
    for scar in patient.scar_slugs:
        row = treatment.fit_for.get(scar)
        fit = row.fit if row else Fit.NOT_SUITABLE
        labels.append(
            ScarLabel(scar, patient.scar_name(scar), Fit.SECOND_LINE if held_back and fit == SUITS_FIRST else fit)
        )
    suited = [label for label in labels if label.fit in SUITS]
    shapes = {patient.shapes[label.scar] for label in suited}
    return Candidate(
        treatment=treatment,
        fit=Fit.FIRST_LINE if any(label.fit == Fit.FIRST_LINE for label in suited) else Fit.SECOND_LINE,
        score=sum(f.score for f in findings),
        tier=max(f.tier for f in findings),
        group=Shape.RAISED if shapes == {Shape.RAISED} else Shape.SUNKEN,
        labels=tuple(labels),
        over_limit_days=recovery_fit(treatment.downtime_min, treatment.downtime_max, patient.answers.downtime),
        ask_doctor=any(f.ask_doctor for f in findings),
        first_choice=any(treatment.first_choice_for(scar) for scar in patient.scar_slugs),
        findings=findings,
    )


def rank_key(candidate: Candidate) -> tuple:
    """Raised-scar options as their own group, then the tiers; usual first choices, then first choices
    held back for this patient, then options that are only ever second choices for them; then the
    higher score, the better evidence, and the name: always the same order."""
    return (
        GROUP_ORDER[candidate.group],
        candidate.tier,
        0 if candidate.fit == Fit.FIRST_LINE else 1,
        0 if candidate.first_choice else 1,
        -candidate.score,
        -EVIDENCE_POINTS.get(candidate.treatment.evidence, 0),
        candidate.treatment.name.casefold(),
        candidate.treatment.slug,
    )


def pair_up(assessed: list[Candidate | Excluded]) -> list[Candidate | Excluded]:
    """A treatment offered only together with another (section 3: a raised scar is cut out only with
    steroid or radiotherapy after it, because it often comes back) is ruled out when the other is."""
    kept = {entry.treatment.slug for entry in assessed if isinstance(entry, Candidate)}
    return [
        Excluded(treatment=t, why=(say("paired-ruled-out", other=t.paired_with_name or t.paired_with),))
        if isinstance(entry, Candidate) and (t := entry.treatment).paired_with and t.paired_with not in kept
        else entry
        for entry in assessed
    ]


def notices(patient: Patient) -> tuple[Notice, ...]:
    """Notices (section 8 gate; section 6): the message of each health question in effect, as a warning
    for hard stops and for a tendency to form raised scars (ticked, or implied by raised scars: a
    dermatologist should plan treatment); and for skin types IV to VI the advice on dark or light
    patches and daily sunscreen."""
    found = [Notice(text=sentence(say("marks-notice")), warning=patient.marks_only)] if patient.has_marks else []
    for slug in sorted(patient.health, key=lambda slug: _order(patient, slug)):
        concern = patient.concerns.get(slug)
        warning = slug == KELOID or bool(concern and concern.hard_stop)
        text = concern.notice if concern and concern.notice else ""
        if slug == KELOID:
            text = text or sentence(say("keloid-notice"))
        if text:
            found.append(Notice(text=text, warning=warning))
    if patient.answers.skin_type in DARKER_SKIN_TYPES:
        found.append(Notice(text=sentence(say("darker-skin-notice"))))
    return tuple(sorted(found, key=lambda notice: not notice.warning))


def _order(patient: Patient, slug: str) -> int:
    return list(patient.concerns).index(slug) if slug in patient.concerns else len(patient.concerns)


def match(
    *,
    answers: Answers,
    treatments: Iterable[TreatmentFacts],
    scars: Iterable[Scar] = (),
    concerns: Iterable[Concern] = (),
) -> Result:
    """Every treatment once: the options to discuss, best first, and the ones ruled out, by name."""
    patient = Patient(answers, {s.slug: s for s in scars}, {c.slug: c for c in concerns})
    assessed = pair_up([assess(treatment, patient) for treatment in treatments])
    candidates = tuple(sorted((a for a in assessed if isinstance(a, Candidate)), key=rank_key))
    excluded = tuple(
        sorted(
            (a for a in assessed if isinstance(a, Excluded)),
            key=lambda entry: (entry.treatment.name.casefold(), entry.treatment.slug),
        )
    )
    return Result(
        candidates=candidates,
        excluded=excluded,
        plans=plans([c for c in candidates if c.tier == TIER_USUAL], patient),
        notices=notices(patient),
        patient=patient,
    )
