import json
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import override
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .seed_content import DEFAULT_FIXTURE

# Not content: bookkeeping, and photos, which are uploads (before and after photos are patients' images
# and must never end up in the repository). Content history stays in the database it was recorded in.
LEFT_OUT = {"seededrow", "contentversion", "scartypephoto", "treatmentphoto", "beforeafterphoto"}


class Command(BaseCommand):
    help = (
        "Write the content as edited in admin to the starter content file (natural keys, no database ids), "
        "each text under its plain name in English ('name') and under its language's name in the other "
        "languages ('name_zh_hant')."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(DEFAULT_FIXTURE), help="Where to write the JSON.")

    def handle(self, *args, output, **options):
        left_out = [
            model._meta.label_lower
            for model in apps.get_app_config("treatments").get_models()
            if model._meta.model_name in LEFT_OUT or model._meta.model_name.startswith("historical")
        ]
        dumped = StringIO()
        with override(settings.LANGUAGE_CODE):
            call_command(
                "dumpdata", "treatments", exclude=left_out, natural_foreign=True, natural_primary=True, stdout=dumped
            )
        rows = [_texts_once(row) for row in json.loads(dumped.getvalue())]
        Path(output).write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(rows)} rows to {output}."))


def _texts_once(row: dict) -> dict:
    """Drop the English column of each translated text ('name_en'), which repeats the text under its plain
    name, and the translations not written yet (a translator adds 'name_zh_hant' when there is one)."""
    try:
        fields = translator.get_options_for_model(apps.get_model(row["model"])).fields
    except NotRegistered:
        return row
    for field in fields:
        for code, _name in settings.LANGUAGES:
            column = build_localized_fieldname(field, code)
            if code == settings.LANGUAGE_CODE or row["fields"].get(column) in (None, ""):
                row["fields"].pop(column, None)
    return row
