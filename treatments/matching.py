"""The questionnaire's clinical rules (clinical-reference.md, section 8), as pure functions.

Input: the patient's answers and the facts of each published treatment, read from the content
rows (Treatment, Suitability, TreatmentContraindication, Contraindication). Output: the options
to discuss, ranked, and every other treatment with the reasons it was ruled out. Nothing here
touches the database, a request or a template, so when staff change a row in admin the results
follow with no code change.

Rules of section 8 that the answers cannot trigger: gate 5 (flat colour change only) is handled
by the questionnaire, which sends flat red or brown marks to the scar guide, and gate 6 (possible
body dysmorphic disorder) by never recommending: every entry is an "option to discuss".
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .vocabulary import DARKER_SKIN_TYPES, Action, Fit, PigmentRisk, Role, Severity, days, recovery_words

FIRST_LINE, SECOND_LINE = Fit.FIRST_LINE, Fit.SECOND_LINE
AVOID, CAUTION = Action.AVOID, Action.CAUTION
STRUCTURAL, VOLUME, RESURFACING, RAISED = Role.STRUCTURAL, Role.VOLUME, Role.RESURFACING, Role.RAISED
MILD, MODERATE, SEVERE = Severity.MILD, Severity.MODERATE, Severity.SEVERE
MODERATE_RISK, HIGH_RISK = PigmentRisk.MODERATE, PigmentRisk.HIGH

# Section 8, "Severity modifiers": points added to the score of a treatment in each role.
SEVERITY_POINTS = {
    MILD: {RESURFACING: 2},
    MODERATE: {RESURFACING: 1, VOLUME: 1},
    SEVERE: {STRUCTURAL: 2, VOLUME: 1},
}
# Section 8, "Severity modifiers": why. Translated only when used (the rule runs per treatment and request).
SEVERITY_REASONS = {
    (MILD, RESURFACING): _lazy("For mild scars, treatments that even out the skin surface are often enough."),
    (MODERATE, RESURFACING): _lazy(
        "For moderate scars, surface treatment is often combined with one that lifts sunken areas."
    ),
    (MODERATE, VOLUME): _lazy("For moderate scars, lifting sunken areas is often combined with surface treatment."),
    (SEVERE, STRUCTURAL): _lazy("For severe scars, steps that free or remove the scars themselves usually come first."),
    (SEVERE, VOLUME): _lazy("For severe scars, lifting sunken areas often follows the first steps."),
}
# Section 8, "Combination sequencing": the order in which the steps of a plan usually come.
SEQUENCE = (STRUCTURAL, VOLUME, RESURFACING)


@dataclass(frozen=True, kw_only=True)
class Answers:
    """The questionnaire's answers, as sets so that the order they came in never matters."""

    scars: frozenset[str]
    severity: str
    skin_type: int
    downtime: int
    health: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class Fit:
    """One Suitability row: how well the treatment suits one scar type, and why."""

    scar: str
    scar_name: str
    fit: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One TreatmentContraindication row: what a health answer means for the treatment."""

    concern: str
    action: str
    note: str


@dataclass(frozen=True, kw_only=True)
class Concern:
    """One Contraindication row: a health question and the notice shown when it is ticked."""

    slug: str
    notice: str = ""


@dataclass(frozen=True, kw_only=True)
class TreatmentFacts:
    slug: str
    name: str
    role: str
    category: str
    downtime_min: int
    downtime_max: int
    sessions_min: int
    sessions_max: int
    pain: int
    pigment_risk: str
    pigment_note: str = ""
    evidence: str
    url: str = ""
    aftercare_url: str = ""
    fits: tuple[Fit, ...] = ()
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Finding:
    """What one rule says about one treatment. Any `excludes` reason rules the treatment out."""

    excludes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    score: int = 0
    fit: str | None = None


@dataclass(frozen=True, kw_only=True)
class Candidate:
    treatment: TreatmentFacts
    fit: str
    score: int
    reasons: tuple[str, ...]
    cautions: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Excluded:
    treatment: TreatmentFacts
    reasons: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Combination:
    treatments: tuple[str, ...]
    note: str


@dataclass(frozen=True, kw_only=True)
class Result:
    candidates: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...]
    combinations: tuple[Combination, ...]
    notices: tuple[str, ...]


def scar_fit(treatment: TreatmentFacts, answers: Answers) -> Finding:
    """Candidates by scar type (section 8; the grid in section 3).

    A treatment is an option when its Suitability row says first-line or second-line for at least
    one of the patient's scar types, and the best of those fits counts. When it is not suitable
    (or has no row) for every one of their scar types, it is ruled out with the rows' reasons.
    Each further scar type it suits adds a point: one treatment can help several kinds of scar.
    """
    rows = [row for row in treatment.fits if row.scar in answers.scars]
    suits = [row for row in rows if row.fit in (FIRST_LINE, SECOND_LINE)]
    unsuited = [row for row in rows if row.fit not in (FIRST_LINE, SECOND_LINE)]
    if not suits:
        reasons = tuple(_("%(scar)s (not suitable): %(reason)s") % _fit_words(row) for row in unsuited)
        return Finding(excludes=reasons or (_("Not an option for the kinds of scar you chose."),))
    reasons = tuple(
        (
            _("%(scar)s (first-line option): %(reason)s")
            if row.fit == FIRST_LINE
            else _("%(scar)s (second-line or add-on option): %(reason)s")
        )
        % _fit_words(row)
        for row in suits
    )
    cautions = tuple(_("%(scar)s (not suitable): %(reason)s") % _fit_words(row) for row in unsuited)
    best = FIRST_LINE if any(row.fit == FIRST_LINE for row in suits) else SECOND_LINE
    return Finding(reasons=reasons, cautions=cautions, score=len(suits) - 1, fit=best)


def _fit_words(row: Fit) -> dict[str, str]:
    return {"scar": row.scar_name, "reason": row.reason}


def health_rules(treatment: TreatmentFacts, answers: Answers) -> Finding:
    """Gate and other modifiers (section 8; the contraindication table in section 6).

    Every health answer acts through the treatment's rows: "avoid" rules the treatment out with
    the row's note (active acne or infection, pregnancy or breastfeeding, recent isotretinoin for
    fully ablative laser, dermabrasion and deep peels, bovine-collagen allergy for PMMA filler,
    keloid tendency for treatments that wound the skin); "caution" keeps it and shows the note
    (bruising with blood thinners, antivirals for cold sores, "discuss" after isotretinoin). Each
    caution also costs a point, so a kept option that needs care ranks below one that does not
    (section 8: keloid tendency demotes treatments that wound the skin; blood thinners need a
    doctor's review).
    """
    applying = [rule for rule in treatment.rules if rule.concern in answers.health]
    cautions = tuple(rule.note for rule in applying if rule.action == CAUTION)
    return Finding(
        excludes=tuple(rule.note for rule in applying if rule.action == AVOID),
        cautions=cautions,
        score=-len(cautions),
    )


def skin_type_modifier(treatment: TreatmentFacts, answers: Answers) -> Finding:
    """Skin type (IV-VI) modifiers (section 8; section 6 "Fitzpatrick IV-VI").

    For brown and black skin, treatments with a low risk of dark or light patches rank higher,
    those with a moderate risk rank lower and carry a warning, and those with a high risk (deep
    peels, full ablation, dermabrasion) are ruled out. Lighter skin types change nothing here.
    """
    if answers.skin_type not in DARKER_SKIN_TYPES:
        return Finding()
    if treatment.pigment_risk == HIGH_RISK:
        return Finding(excludes=(_("The risk of dark or light patches is high in darker skin (types IV to VI)."),))
    if treatment.pigment_risk == MODERATE_RISK:
        warning = _("Moderate risk of dark or light patches in darker skin (types IV to VI).")
        return Finding(cautions=(" ".join(filter(None, [warning, treatment.pigment_note])),), score=-1)
    return Finding(reasons=(_("A low risk of dark or light patches in darker skin."),), score=1)


def downtime_limit(treatment: TreatmentFacts, answers: Answers) -> Finding:
    """Downtime tolerance (section 8; the downtime column of section 4).

    Anything whose shortest usual recovery is longer than the patient accepts is ruled out, shown
    as "excluded because of downtime" so the trade-off stays visible. When only the longest usual
    recovery is too long it stays, with a warning and a point less; when all of it fits, a point
    more.
    """
    words = {"range": recovery_words(treatment.downtime_min, treatment.downtime_max), "limit": days(answers.downtime)}
    if treatment.downtime_min > answers.downtime:
        return Finding(
            excludes=(
                _(
                    "Excluded because of downtime: visible recovery usually takes %(range)s, more than the %(limit)s you can accept."
                )
                % words,
            )
        )
    if treatment.downtime_max > answers.downtime:
        return Finding(
            cautions=(
                _("Visible recovery takes %(range)s, which can be longer than the %(limit)s you can accept.") % words,
            ),
            score=-1,
        )
    return Finding(
        reasons=(_("Visible recovery (%(range)s) fits within the %(limit)s you can accept.") % words,), score=1
    )


def severity_modifier(treatment: TreatmentFacts, answers: Answers) -> Finding:
    """Severity modifiers (section 8, Goodman grades 2 to 4).

    Mild scars: surface (resurfacing) treatments alone are often enough. Moderate scars: surface
    treatment plus volume. Severe scars: structural steps first (punch, CROSS, subcision), with
    volume after. The points are in SEVERITY_POINTS; raised-scar treatments are not affected.
    """
    points = SEVERITY_POINTS.get(answers.severity, {}).get(treatment.role, 0)
    if not points:
        return Finding()
    return Finding(reasons=(str(SEVERITY_REASONS[(answers.severity, treatment.role)]),), score=points)


RULES = (scar_fit, health_rules, skin_type_modifier, downtime_limit, severity_modifier)
# What the rules with few distinct inputs read of a treatment: many treatments share a downtime
# range, a pigment risk or a role, so within one match their finding is worked out once per input.
# The memo lives only as long as that one call. (Suitability and health rows are nearly always
# distinct, and comparing them would cost as much as applying the rule.)
SHARED_INPUT = {
    skin_type_modifier: lambda treatment: (treatment.pigment_risk, treatment.pigment_note),
    downtime_limit: lambda treatment: (treatment.downtime_min, treatment.downtime_max),
    severity_modifier: lambda treatment: treatment.role,
}


def assess(treatment: TreatmentFacts, answers: Answers, memo: dict | None = None) -> Candidate | Excluded:
    """Apply every rule; hard exclusions from any rule win over everything else."""
    findings = [_finding(rule, treatment, answers, memo) for rule in RULES]
    excludes = [reason for finding in findings for reason in finding.excludes]
    if excludes:
        return Excluded(treatment=treatment, reasons=tuple(excludes))
    return Candidate(
        treatment=treatment,
        fit=next(finding.fit for finding in findings if finding.fit),
        score=sum(finding.score for finding in findings),
        reasons=tuple(reason for finding in findings for reason in finding.reasons),
        cautions=tuple(caution for finding in findings for caution in finding.cautions),
    )


def _finding(rule, treatment: TreatmentFacts, answers: Answers, memo: dict | None) -> Finding:
    if memo is None or rule not in SHARED_INPUT:
        return rule(treatment, answers)
    key = (rule, SHARED_INPUT[rule](treatment))
    finding = memo.get(key)
    if finding is None:
        finding = memo[key] = rule(treatment, answers)
    return finding


def rank_key(candidate: Candidate) -> tuple[int, int, str, str]:
    """First-line before second-line, then the higher score, then by name: always the same order."""
    return (
        0 if candidate.fit == FIRST_LINE else 1,
        -candidate.score,
        candidate.treatment.name.casefold(),
        candidate.treatment.slug,
    )


def combinations(candidates: tuple[Candidate, ...], answers: Answers) -> tuple[Combination, ...]:
    """Combination sequencing (section 8), for several scar types or moderate and severe scars.

    A plan goes role by role: structural work on the scars themselves first (for each of the
    patient's scar types, the best-ranked structural option that is first-line for it, such as
    punch techniques or TCA CROSS for ice picks and subcision for rolling scars); then volume, in
    the same session as subcision or 2 to 4 weeks later; then resurfacing 4 to 8 weeks after
    structural work. For raised scars, the best-ranked injection is paired with the other
    raised-scar options as add-ons.
    """
    plans = []
    if len(answers.scars) > 1 or answers.severity in (MODERATE, SEVERE):
        steps = [(role, chosen) for role in SEQUENCE if (chosen := _plan_step(candidates, role, answers))]
        if len(steps) > 1:
            slugs = tuple(candidate.treatment.slug for _role, chosen in steps for candidate in chosen)
            plans.append(Combination(treatments=slugs, note=_sequence_note(steps)))
    raised = [candidate for candidate in candidates if candidate.treatment.role == RAISED]
    if len(raised) > 1:
        note = _("For raised scars, %(first)s is often combined with %(others)s as an add-on.") % {
            "first": raised[0].treatment.name,
            "others": _names(raised[1:]),
        }
        plans.append(Combination(treatments=tuple(c.treatment.slug for c in raised), note=note))
    return tuple(plans)


def _plan_step(candidates: tuple[Candidate, ...], role: str, answers: Answers) -> list[Candidate]:
    in_role = [candidate for candidate in candidates if candidate.treatment.role == role]
    if role != STRUCTURAL:
        return in_role[:1]
    first_line = {scar: next((c for c in in_role if _first_line_for(c, scar)), None) for scar in sorted(answers.scars)}
    chosen = {candidate.treatment.slug for candidate in first_line.values() if candidate}
    return [candidate for candidate in in_role if candidate.treatment.slug in chosen] or in_role[:1]


def _first_line_for(candidate: Candidate, scar: str) -> bool:
    return any(row.scar == scar and row.fit == FIRST_LINE for row in candidate.treatment.fits)


def _names(candidates: Iterable[Candidate]) -> str:
    *others, last = [candidate.treatment.name for candidate in candidates]
    return _("%(names)s and %(last)s") % {"names": ", ".join(others), "last": last} if others else last


def _sequence_note(steps: list[tuple[str, list[Candidate]]]) -> str:
    words = {
        STRUCTURAL: _("First, %(names)s: work on the scars themselves."),
        VOLUME: _("Then %(names)s: lifts sunken areas, in the same session as subcision or 2 to 4 weeks later."),
        RESURFACING: _("Then %(names)s: evens out the surface, 4 to 8 weeks after any earlier step has healed."),
    }
    sentences = [words[role] % {"names": _names(chosen)} for role, chosen in steps]
    sentences.append(_("A dermatologist decides the actual plan and its timing. Use sunscreen every day."))
    return " ".join(sentences)


def notices(answers: Answers, concerns: Iterable[Concern]) -> tuple[str, ...]:
    """Notices (section 8 gate; section 6): the message of each ticked health question, such as
    "treat active acne first" or "procedures wait until after pregnancy and breastfeeding", and
    for skin types IV to VI always the warning about dark or light patches and daily sunscreen."""
    found = [concern.notice for concern in concerns if concern.slug in answers.health and concern.notice]
    if answers.skin_type in DARKER_SKIN_TYPES:
        found.append(
            _(
                "Brown and black skin can darken or lighten for months after a treatment that irritates it. "
                "Ask about preparing the skin first, and use a broad-spectrum sunscreen (SPF 30 to 50) every day."
            )
        )
    return tuple(found)


def match(answers: Answers, treatments: Iterable[TreatmentFacts], concerns: Iterable[Concern] = ()) -> Result:
    """Every treatment once: the options to discuss, best first, and the ones ruled out, by name."""
    memo = {}
    assessed = [assess(treatment, answers, memo) for treatment in treatments]
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
        combinations=combinations(candidates, answers),
        notices=notices(answers, concerns),
    )
