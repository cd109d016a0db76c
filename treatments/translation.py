"""Which text patients read in each language (django-modeltranslation), and the content history that records them.

Each field named here gets a column per language (`name_en`, `name_zh_hant`); `name` reads the column of
the request's language and falls back to English when the translation is empty. English is required
wherever the field itself is; every other language is optional until a translator fills it in.
Source citations are not translated: they name published works in the language they were published in.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import AftercareStep, Contraindication, ScarType, Suitability, Treatment, TreatmentContraindication


class PatientText(TranslationOptions):
    required_languages = ("en",)


@register(ScarType)
class ScarTypeText(PatientText):
    fields = ("name", "also_known_as", "summary", "description", "how_to_recognise", "stretch_test")


@register(Treatment)
class TreatmentText(PatientText):
    fields = (
        "name",
        "also_known_as",
        "summary",
        "how_it_works",
        "session",
        "preparation",
        "side_effects",
        "pigment_note",
        "evidence_note",
        "results_timeline",
        "results_last",
    )


@register(Suitability)
class SuitabilityText(PatientText):
    fields = ("reason",)


@register(AftercareStep)
class AftercareStepText(PatientText):
    fields = ("todo", "watch_for", "urgent")


@register(Contraindication)
class ContraindicationText(PatientText):
    fields = ("name", "question", "explanation", "notice")


@register(TreatmentContraindication)
class TreatmentContraindicationText(PatientText):
    fields = ("note",)


# Registered here rather than on the models, so that each history row has a column per language too.
for model, m2m_fields in [
    (ScarType, ["sources"]),
    (Treatment, ["sources"]),
    (Suitability, []),
    (AftercareStep, []),
    (Contraindication, []),
    (TreatmentContraindication, []),
]:
    simple_history.register(model, m2m_fields=m2m_fields)
