from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin

from .forms import NO_HEALTH_ANSWER
from .models import (
    AftercareStep,
    Contraindication,
    ScarType,
    SeededRow,
    Source,
    Suitability,
    Treatment,
    TreatmentContraindication,
)
from .photo_admin import BeforeAfterPhotoInline, ScarTypePhotoInline, TreatmentPhotoInline

admin.site.site_header = _("ScarGuide content")
admin.site.site_title = _("ScarGuide content")
admin.site.index_title = _("Keep the patient guide current")
# The app list in a sidebar on every page would leave too little width at 1280 pixels for the lists'
# columns and the inline tables; the breadcrumbs and the index lead to every list.
admin.site.enable_nav_sidebar = False

REVIEW_FIELDS = (
    _("Publishing and review"),
    {"fields": ["published", "reviewed_on", "reviewed_by", "translation_reviewed"]},
)


def missing_translation(model) -> Q:
    """Rows with an English text whose translation into another language is still empty (patients reading
    that language see the English)."""
    found = Q()
    for field in translator.get_options_for_model(model).fields:
        english = build_localized_fieldname(field, settings.LANGUAGE_CODE)
        written = Q(**{f"{english}__isnull": False}) & ~Q(**{english: ""})
        for code, _name in settings.LANGUAGES[1:]:
            other = build_localized_fieldname(field, code)
            found |= written & (Q(**{f"{other}__isnull": True}) | Q(**{other: ""}))
    return found


class MissingTranslation(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing translation")), ("complete", _("Translated"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(missing_translation(queryset.model))
        if self.value() == "complete":
            return queryset.exclude(missing_translation(queryset.model))
        return queryset


class ContentAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Content with its history, each text with a field per language, English first (no tabs: both
    languages stay in view, and the tabbed variant would load jQuery UI from another site)."""


class SuitabilityInline(TranslationTabularInline):
    model = Suitability
    extra = 0
    autocomplete_fields = ["scar_type"]
    verbose_name = _("fit for a scar type")
    verbose_name_plural = _("Fit for each scar type (one row per scar type)")


class AftercareStepInline(TranslationStackedInline):
    model = AftercareStep
    extra = 0
    fields = [("day_from", "day_to"), "todo", "urgent", "watch_for"]
    verbose_name_plural = _("Aftercare timeline (day 0 is the day of treatment)")


class TreatmentContraindicationInline(TranslationTabularInline):
    model = TreatmentContraindication
    extra = 0
    autocomplete_fields = ["contraindication"]
    verbose_name = _("health rule")
    verbose_name_plural = _("Health rules: who should avoid this, or take care")


@admin.register(Treatment)
class TreatmentAdmin(ContentAdmin):
    list_display = [
        "name",
        "overview",
        "family",
        "downtime_range",
        "pain",
        "evidence_grade",
        "published",
        "reviewed_on",
    ]
    list_display_links = ["name"]
    list_filter = [
        "published",
        MissingTranslation,
        "translation_reviewed",
        "is_overview",
        "family",
        "category",
        "role",
        "wounds_skin",
        "pain",
        "evidence",
        "pigment_risk",
        "scar_types",
    ]
    list_editable = ["published"]
    list_select_related = ["family"]
    search_fields = ["name_en", "name_zh_hant", "slug", "also_known_as_en", "also_known_as_zh_hant", "summary_en"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["family", "paired_with"]
    filter_horizontal = ["sources"]
    date_hierarchy = "reviewed_on"
    inlines = [
        SuitabilityInline,
        AftercareStepInline,
        TreatmentContraindicationInline,
        TreatmentPhotoInline,
        BeforeAfterPhotoInline,
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "also_known_as", "category", "summary"]}),
        (
            _("Family: an overview page and its kinds"),
            {
                "description": _(
                    "When the kinds of a treatment differ in risk or recovery (for example light and medium peels), "
                    "keep one overview page that introduces them all, and one page per kind with 'kind of' set to "
                    "the overview. Patients are matched with the kinds only; the overview lists them side by side."
                ),
                "fields": ["is_overview", "family"],
            },
        ),
        (
            _("How the questionnaire weighs it"),
            {"fields": ["role", "wounds_skin", "paired_with"]},
        ),
        (_("What it involves"), {"fields": ["how_it_works", "session", "preparation", "side_effects"]}),
        (
            _("Facts patients compare"),
            {
                "description": _("These numbers drive the questionnaire's matching and the comparison table."),
                "fields": [
                    ("downtime_min_days", "downtime_max_days"),
                    ("sessions_min", "sessions_max"),
                    ("interval_min_weeks", "interval_max_weeks"),
                    "pain",
                    ("cost_min", "cost_max"),
                ],
            },
        ),
        (_("Darker skin"), {"fields": ["pigment_risk", "pigment_note"]}),
        (
            _("Results and evidence"),
            {"fields": ["results_timeline", "results_last", "evidence", "evidence_note", "sources"]},
        ),
        REVIEW_FIELDS,
    ]

    # Short column headings, so that the list's columns fit a 1280-pixel screen beside the filters.
    @admin.display(description=_("overview"), boolean=True, ordering="is_overview")
    def overview(self, obj):
        return obj.is_overview

    @admin.display(description=_("recovery (days)"), ordering="downtime_max_days")
    def downtime_range(self, obj):
        return f"{obj.downtime_min_days}–{obj.downtime_max_days}"

    @admin.display(description=_("evidence"), ordering="evidence")
    def evidence_grade(self, obj):
        return obj.get_evidence_display()


@admin.register(ScarType)
class ScarTypeAdmin(ContentAdmin):
    list_display = ["name", "shape", "order", "published", "reviewed_on"]
    list_editable = ["order", "published"]
    list_filter = ["published", "shape", MissingTranslation, "translation_reviewed"]
    search_fields = ["name_en", "name_zh_hant", "slug", "also_known_as_en", "also_known_as_zh_hant", "summary_en"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]
    inlines = [ScarTypePhotoInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "also_known_as", "shape", "order", "summary"]}),
        (_("For patients"), {"fields": ["description", "how_to_recognise", "stretch_test", "sources"]}),
        REVIEW_FIELDS,
    ]


@admin.register(Suitability)
class SuitabilityAdmin(ContentAdmin):
    list_display = ["treatment", "scar_type", "fit"]
    list_filter = ["fit", MissingTranslation, "scar_type", "treatment"]
    list_select_related = ["treatment", "scar_type"]
    search_fields = ["treatment__name", "scar_type__name", "reason"]
    autocomplete_fields = ["treatment", "scar_type"]


@admin.register(AftercareStep)
class AftercareStepAdmin(ContentAdmin):
    list_display = ["treatment", "label", "day_from", "day_to", "has_urgent_signs"]
    list_filter = [MissingTranslation, "treatment"]
    list_select_related = ["treatment"]
    search_fields = ["treatment__name", "todo", "urgent", "watch_for"]
    autocomplete_fields = ["treatment"]
    fields = ["treatment", ("day_from", "day_to"), "todo", "urgent", "watch_for"]

    @admin.display(description=_("signs that cannot wait"), boolean=True)
    def has_urgent_signs(self, obj):
        return bool(obj.urgent.strip())


class ContraindicationForm(forms.ModelForm):
    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug == NO_HEALTH_ANSWER:
            raise forms.ValidationError(
                _("'%(code)s' is kept for the questionnaire's answer 'None of these'. Choose another answer code."),
                params={"code": NO_HEALTH_ANSWER},
            )
        return slug


@admin.register(Contraindication)
class ContraindicationAdmin(ContentAdmin):
    form = ContraindicationForm
    list_display = ["name", "question", "rules_out_all", "order"]
    list_editable = ["order"]
    list_filter = ["rules_out_all", MissingTranslation]
    search_fields = ["name", "question", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TreatmentContraindication)
class TreatmentContraindicationAdmin(ContentAdmin):
    list_display = ["contraindication", "treatment", "action"]
    list_filter = ["action", MissingTranslation, "contraindication", "treatment"]
    list_select_related = ["treatment", "contraindication"]
    search_fields = ["treatment__name", "contraindication__name", "note"]
    autocomplete_fields = ["treatment", "contraindication"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["citation", "key", "url"]
    search_fields = ["citation", "key", "url"]
    prepopulated_fields = {"key": ["citation"]}


@admin.register(SeededRow)
class SeededRowAdmin(admin.ModelAdmin):
    """Read-only: shows which starter rows were loaded, so deleting one here lets seed_content add it back."""

    list_display = ["model", "key"]
    list_filter = ["model"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
