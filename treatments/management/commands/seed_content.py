import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import override

from treatments.models import SeededRow
from treatments.page_cache import content_changed

DEFAULT_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "content.json"


class Command(BaseCommand):
    help = (
        "Add the starter content to the database. Rows that already exist are left exactly as staff "
        "edited them, and a starter row that staff deleted is not brought back."
    )

    def add_arguments(self, parser):
        parser.add_argument("fixture", nargs="?", default=str(DEFAULT_FIXTURE), help="JSON fixture with natural keys.")

    def handle(self, *args, fixture, **options):
        path = Path(fixture)
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Could not read {path}: {error}") from error

        counts = {"added": 0, "kept": 0, "skipped": 0}
        # A row's plain keys ("name") are its English text; "name_zh_hant" and the like its translations.
        with override(settings.LANGUAGE_CODE), transaction.atomic():
            for entry in entries:
                counts[self.seed(entry)] += 1
            # Rows saved raw still signal a change; this also covers any written without signals.
            content_changed()
        self.stdout.write(
            self.style.SUCCESS(
                "Seeded content: {added} rows added, {kept} left as they were, "
                "{skipped} skipped because a row they belong to was removed.".format(**counts)
            )
        )

    def seed(self, entry):
        try:
            (wrapped,) = serializers.deserialize("json", json.dumps([entry]))
        except serializers.base.DeserializationError as error:
            cause = getattr(error.__context__, "original_exc", error.__context__)
            if isinstance(cause, ObjectDoesNotExist):
                return "skipped"
            raise CommandError(f"Bad fixture row {entry.get('model')}: {error}") from error
        obj = wrapped.object
        label, key = obj._meta.label_lower, json.dumps(obj.natural_key())
        if obj.pk is not None or SeededRow.objects.filter(model=label, key=key).exists():
            return "kept"
        wrapped.save()
        SeededRow.objects.create(model=label, key=key)
        return "added"
