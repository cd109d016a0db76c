"""Every patient-facing passage of the seeded content reads at school grade 8 or below, most at 6 or below.

Measured with the Flesch-Kincaid grade (textstat, with the CMU pronouncing dictionary for syllables).
A passage is one paragraph of a text field; a field kept one point per line is read as one passage of
short sentences, the way the page shows it as a list.
"""

import json
from pathlib import Path

import pytest
import textstat
from modeltranslation.translator import translator

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "content.json"
HARDEST_GRADE = 8.0
USUAL_GRADE = 6.0
# Texts written one point per line; every other field is prose in paragraphs.
LISTS = {"preparation", "side_effects", "todo", "watch_for", "urgent"}
# Names are too short to grade.
NOT_GRADED = {"name", "also_known_as"}


def patient_text() -> dict[str, list[str]]:
    """Every patient-facing text field, by model: the fields translated into each language
    (treatments/translation.py), so a text added there is graded here too."""
    return {
        model._meta.label_lower: sorted(set(translator.get_options_for_model(model).fields) - NOT_GRADED)
        for model in translator.get_registered_models(abstract=False)
    }


def passages():
    """(where, text) for every passage of patient-facing text in the fixture."""
    fields_of = patient_text()
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        fields = row["fields"]
        name = fields.get("slug") or "/".join(str(part) for part in row.get("fields", {}).get("treatment", []))
        for field in fields_of.get(row["model"], []):
            text = fields.get(field, "").strip()
            if not text:
                continue
            where = f"{row['model']} {name} {field}"
            if field in LISTS:
                points = [line.strip(" -•") for line in text.splitlines() if line.strip(" -•")]
                yield where, " ".join(point if point.endswith((".", "?", "!")) else f"{point}." for point in points)
            else:
                for number, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
                    yield f"{where} paragraph {number + 1}", paragraph


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


@pytest.fixture(scope="module")
def graded():
    textstat.set_lang("en_US")
    return [(where, text, grade(text)) for where, text in passages()]


def test_the_measure_tells_plain_words_from_hard_ones():
    assert grade("The cat sat on the mat. It was warm.") < 3
    assert (
        grade(
            "Post-inflammatory hyperpigmentation demonstrates considerable persistence, particularly "
            "in individuals with constitutionally darker pigmentation phenotypes."
        )
        > 12
    )


def test_every_passage_reads_at_grade_8_or_below(graded):
    hard = [f"{where} (grade {level:.1f}): {text[:120]}" for where, text, level in graded if level > HARDEST_GRADE]
    assert not hard, "Passages above grade 8:\n" + "\n".join(hard)


def test_most_passages_read_at_grade_6_or_below(graded):
    easy = [level for _where, _text, level in graded if level <= USUAL_GRADE]
    assert len(easy) > len(graded) * 2 / 3, f"only {len(easy)} of {len(graded)} passages are at grade 6 or below"
