"""Admin for photos: inlines on the scar type and treatment pages, and the before and after list."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .photos import BeforeAfterPhoto, ScarTypePhoto, TreatmentPhoto


def preview(image, alt):
    """A small thumbnail of a stored photo, so editors see what they uploaded."""
    if not image or not image._committed:
        return _("No photo yet")
    return format_html(
        '<img src="{}" alt="{}" width="160" height="{}" loading="lazy">',
        image.thumbnail_url,
        alt,
        round(160 * image.height / image.width) if image.width else 160,
    )


class PhotoInline(admin.StackedInline):
    extra = 0
    fields = ["image", "thumbnail", "alt_text", "caption", "order"]
    readonly_fields = ["thumbnail"]

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        return preview(obj.image, obj.alt_text)


class ScarTypePhotoInline(PhotoInline):
    model = ScarTypePhoto


class TreatmentPhotoInline(PhotoInline):
    model = TreatmentPhoto


CONSENT_FIELDS = (
    _("Consent and publishing"),
    {
        "description": _(
            "A before and after photo is shown to patients only when it is published and the patient's "
            "written consent to publication is recorded. If a patient withdraws consent, delete the photo: "
            "its files are deleted with it."
        ),
        "fields": ["patient_consent", ("consent_date", "consent_recorded_by"), "published"],
    },
)
BEFORE_AFTER_FIELDS = [
    ("before", "before_alt", "before_preview"),
    ("after", "after_alt", "after_preview"),
    "description",
    "skin_type",
    "scar_types",
]


class BeforeAfterPreviews:
    @admin.display(description=_("before"))
    def before_preview(self, obj):
        return preview(obj.before, obj.before_alt)

    @admin.display(description=_("after"))
    def after_preview(self, obj):
        return preview(obj.after, obj.after_alt)


class BeforeAfterPhotoInline(BeforeAfterPreviews, admin.StackedInline):
    model = BeforeAfterPhoto
    extra = 0
    filter_horizontal = ["scar_types"]
    readonly_fields = ["before_preview", "after_preview"]
    fieldsets = [(None, {"fields": BEFORE_AFTER_FIELDS}), CONSENT_FIELDS]
    verbose_name_plural = _("Before and after photos (patients see only published, consented ones)")


@admin.register(BeforeAfterPhoto)
class BeforeAfterPhotoAdmin(BeforeAfterPreviews, SimpleHistoryAdmin):
    list_display = ["before_preview", "after_preview", "treatment", "skin_type", "patient_consent", "published"]
    list_display_links = ["before_preview", "treatment"]
    list_filter = ["published", "patient_consent", "skin_type", "treatment", "scar_types"]
    list_select_related = ["treatment"]
    search_fields = ["treatment__name", "before_alt", "after_alt", "description", "consent_recorded_by"]
    autocomplete_fields = ["treatment"]
    filter_horizontal = ["scar_types"]
    readonly_fields = ["before_preview", "after_preview"]
    fieldsets = [(None, {"fields": ["treatment", *BEFORE_AFTER_FIELDS]}), CONSENT_FIELDS]

    def get_changeform_initial_data(self, request):
        name = request.user.get_full_name() or request.user.get_username()
        return {"consent_recorded_by": name, **super().get_changeform_initial_data(request)}
