"""Photos staff add in admin: one for a scar type or a treatment, and before and after pairs.

Every upload goes through `pictures.process` in the form, so a bad file is refused with a message
and nothing is stored. Files go to Django's default storage (STORAGES["default"]), so a deployment
can keep them on a volume or in object storage.
"""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import pictures
from .vocabulary import SkinType


class PictureUpload(ContentFile):
    """A processed upload waiting to be stored: the cleaned photo, carrying its WebP copies."""

    def __init__(self, picture):
        super().__init__(picture.original, name=f"photo.{picture.extension}")
        self.picture = picture


class PictureFormField(forms.FileField):
    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": pictures.ACCEPTED_TYPES}

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        max_bytes = settings.PICTURE_MAX_BYTES
        if upload.size > max_bytes:
            raise pictures.too_big(upload.size, max_bytes)
        upload.seek(0)
        return PictureUpload(
            pictures.process(upload.read(), max_bytes=max_bytes, max_pixels=settings.PICTURE_MAX_PIXELS)
        )


class PictureFieldFile(ImageFieldFile):
    """A stored photo that knows its size and its WebP copies without opening any file."""

    @property
    def width(self):
        return getattr(self.instance, self.field.width_field)

    @property
    def height(self):
        return getattr(self.instance, self.field.height_field)

    @property
    def renditions(self):
        return [
            (width, self.storage.url(pictures.rendition_name(self.name, width)))
            for width in pictures.rendition_widths(self.width)
        ]

    @property
    def srcset(self):
        return ", ".join(f"{url} {width}w" for width, url in self.renditions)

    @property
    def thumbnail_url(self):
        return self.renditions[0][1]


def _photo_name(instance, filename):
    """A random name: the file's own name may carry a patient's name or a date."""
    return f"photos/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


def delete_picture_files(storage, name, width):
    """The stored photo and every WebP copy made of it, including the one at its own width when it is
    narrower than the smallest copy."""
    storage.delete(name)
    for copy_width in {*pictures.RENDITION_WIDTHS, *pictures.rendition_widths(width)}:
        storage.delete(pictures.rendition_name(name, copy_width))


def _delete_after_commit(storage, name, width):
    transaction.on_commit(lambda: delete_picture_files(storage, name, width))


class PictureField(models.ImageField):
    """An ImageField whose uploads are processed by `pictures.process` and stored with WebP copies."""

    attr_class = PictureFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", _photo_name)
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Sizes come from the processed upload; a stored photo's sizes are already in its row."""
        file = getattr(instance, self.attname)
        picture = getattr(getattr(file, "_file", None), "picture", None)
        if picture:
            setattr(instance, self.width_field, picture.width)
            setattr(instance, self.height_field, picture.height)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        picture = getattr(file.file, "picture", None) if file and not file._committed else None
        replaced = self._stored(model_instance) if picture and not add else None
        file = super().pre_save(model_instance, add)
        if picture:
            for width, data in picture.renditions.items():
                self.storage.save(pictures.rendition_name(file.name, width), ContentFile(data))
        if replaced and replaced[0] and replaced[0] != file.name:
            _delete_after_commit(self.storage, *replaced)
        return file

    def _stored(self, instance):
        """The name and width of the photo the row holds in the database, before this save."""
        if instance.pk is None:
            return None
        rows = type(instance)._base_manager.filter(pk=instance.pk).values_list(self.attname, self.width_field)
        return next(iter(rows), None)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_delete.connect(self._forget_files, sender=cls, weak=False, dispatch_uid=f"{cls._meta.label}.{name}")

    def _forget_files(self, sender, instance, **kwargs):
        name = getattr(instance, self.attname).name
        if name:
            _delete_after_commit(self.storage, name, getattr(instance, self.width_field))


ALT_HELP = _(
    "Describe what the photo shows for someone who cannot see it, for example 'Close-up of a cheek with "
    "brown skin and several small, deep ice pick scars'."
)


class Photo(models.Model):
    image = PictureField(
        _("photo"),
        width_field="width",
        height_field="height",
        help_text=_(
            "A JPEG, PNG or WebP photo. Location and camera details are removed and smaller "
            "copies are made automatically. Only use photos you have the right to publish."
        ),
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(_("text alternative"), max_length=300, help_text=ALT_HELP)
    caption = models.CharField(
        _("caption"), max_length=300, blank=True, help_text=_("Optional. Shown under the photo.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are shown first."))

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.alt_text[:80]


class ScarTypePhoto(Photo):
    scar_type = models.ForeignKey(
        "treatments.ScarType", on_delete=models.CASCADE, related_name="photos", verbose_name=_("scar type")
    )

    class Meta(Photo.Meta):
        verbose_name = _("scar type photo")
        verbose_name_plural = _("photos of this scar type")


class TreatmentPhoto(Photo):
    treatment = models.ForeignKey(
        "treatments.Treatment", on_delete=models.CASCADE, related_name="photos", verbose_name=_("treatment")
    )

    class Meta(Photo.Meta):
        verbose_name = _("treatment photo")
        verbose_name_plural = _("photos of this treatment")


class BeforeAfterQuerySet(models.QuerySet):
    def public(self):
        """Only what the patient agreed to show and staff chose to publish."""
        return self.filter(published=True, patient_consent=True)

    def for_skin_type(self, skin_type):
        return self.filter(skin_type=skin_type) if skin_type else self


class BeforeAfterPhoto(models.Model):
    treatment = models.ForeignKey(
        "treatments.Treatment",
        on_delete=models.CASCADE,
        related_name="before_after_photos",
        verbose_name=_("treatment"),
    )
    before = PictureField(_("before photo"), width_field="before_width", height_field="before_height")
    before_width = models.PositiveIntegerField(editable=False, default=0)
    before_height = models.PositiveIntegerField(editable=False, default=0)
    before_alt = models.CharField(_("text alternative for the before photo"), max_length=300, help_text=ALT_HELP)
    after = PictureField(_("after photo"), width_field="after_width", height_field="after_height")
    after_width = models.PositiveIntegerField(editable=False, default=0)
    after_height = models.PositiveIntegerField(editable=False, default=0)
    after_alt = models.CharField(_("text alternative for the after photo"), max_length=300, help_text=ALT_HELP)
    description = models.TextField(
        _("what was done"),
        blank=True,
        help_text=_("For example: '3 sessions, 6 weeks apart. After photo taken 3 months after the last session.'"),
    )
    skin_type = models.PositiveSmallIntegerField(
        _("skin type"),
        choices=SkinType.choices,
        help_text=_("The patient's skin type, so patients can look for skin like theirs."),
    )
    scar_types = models.ManyToManyField(
        "treatments.ScarType", related_name="before_after_photos", verbose_name=_("scar types shown")
    )
    patient_consent = models.BooleanField(
        _("the patient agreed in writing to publication"),
        default=False,
        help_text=_("Tick only when the signed consent form is on file."),
    )
    consent_date = models.DateField(_("date of consent"), null=True, blank=True)
    consent_recorded_by = models.CharField(
        _("consent recorded by"), max_length=120, blank=True, help_text=_("Name and role of the staff member.")
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Patients only see photos that are published and consented.")
    )
    added_on = models.DateTimeField(_("added"), auto_now_add=True)

    objects = BeforeAfterQuerySet.as_manager()
    # Kept while the photo exists; erased with it (see _erase_history), so a withdrawn consent leaves no trace.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-added_on"]
        verbose_name = _("before and after photo")
        verbose_name_plural = _("before and after photos")
        constraints = [
            models.CheckConstraint(
                condition=Q(published=False) | Q(patient_consent=True),
                name="before_after_published_needs_consent",
                violation_error_message=_("A photo can only be published once the patient's consent is recorded."),
            ),
            models.CheckConstraint(
                condition=Q(patient_consent=False) | (Q(consent_date__isnull=False) & ~Q(consent_recorded_by="")),
                name="before_after_consent_is_recorded",
                violation_error_message=_("Give the date of consent and who recorded it."),
            ),
            models.CheckConstraint(
                condition=Q(skin_type__gte=1, skin_type__lte=6),
                name="before_after_skin_type",
                violation_error_message=_("Choose the skin type: one of types I to VI."),
            ),
        ]

    def __str__(self):
        return f"{self.treatment}: {self.get_skin_type_display()}"

    def clean(self):
        errors = {}
        if self.patient_consent and not self.consent_date:
            errors["consent_date"] = _("Give the date the patient signed the consent form.")
        if self.patient_consent and not self.consent_recorded_by:
            errors["consent_recorded_by"] = _("Give the name of the staff member who recorded the consent.")
        if self.published and not self.patient_consent:
            errors["published"] = _(
                "This photo cannot be published: the patient's consent to publication is not recorded. "
                "Tick the consent box and give its date, or leave the photo unpublished."
            )
        if errors:
            raise ValidationError(errors)


def _erase_history(sender, instance, **kwargs):
    """Deleting a before and after photo is how a patient's withdrawn consent is honoured: its history goes too."""
    instance.history.all().delete()


post_delete.connect(_erase_history, sender=BeforeAfterPhoto, dispatch_uid="before_after_photo_erase_history")
