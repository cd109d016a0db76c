import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import override
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from treatments.management.commands.seed_content import DEFAULT_FIXTURE


def content_models():
    """What the fixture holds: every model of the app with a natural key, each after those it refers to.

    Photos are uploads, not content (before and after photos are patients' images, which must never end up in
    the repository), and content history and seeding bookkeeping stay in the database they were recorded in:
    none of them has a natural key.
    """
    app = apps.get_app_config("treatments")
    return serializers.sort_dependencies([(app, [m for m in app.get_models() if hasattr(m, "natural_key")])])


def exported_content():
    """The content as JSON text, the same for the same content whatever the database's history: rows by natural
    key, their many-to-many links sorted, each text in English under its plain name ('name') and in the other
    languages under theirs ('name_zh_hant', when written), two-space indents, non-ASCII text as itself, a final
    newline."""
    rows = []
    with override(settings.LANGUAGE_CODE):
        for model in content_models():
            many = [f.name for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
            objects = in_loading_order(model, model._default_manager.all())
            for row in serializers.serialize(
                "python", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
            ):
                row["fields"].update({name: sorted(row["fields"][name]) for name in many})
                rows.append(_texts_once(model, row))
    return json.dumps(rows, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n"


def _texts_once(model, row: dict) -> dict:
    """Drop the English column of each translated text ('name_en'), which repeats the text under its plain
    name, and the translations not written yet (a translator adds 'name_zh_hant' when there is one)."""
    try:
        fields = translator.get_options_for_model(model).fields
    except NotRegistered:
        return row
    for field in fields:
        for code, _name in settings.LANGUAGES:
            column = build_localized_fieldname(field, code)
            if code == settings.LANGUAGE_CODE or row["fields"].get(column) in (None, ""):
                row["fields"].pop(column, None)
    return row


def in_loading_order(model, objects):
    """Rows by natural key, except that a row comes after the rows of its own kind it refers to (a treatment
    after its family's overview and after the treatment it is paired with), so the fixture loads row by row."""
    own = [f for f in model._meta.concrete_fields if f.is_relation and f.remote_field.model is model]
    by_pk = {obj.pk: obj for obj in objects}
    depths = {}

    def depth(obj, seen=frozenset()):
        if obj.pk not in depths:
            targets = [by_pk.get(getattr(obj, field.attname)) for field in own]
            depths[obj.pk] = 1 + max(
                (depth(target, seen | {obj.pk}) for target in targets if target and target.pk not in seen),
                default=-1,
            )
        return depths[obj.pk]

    return sorted(by_pk.values(), key=lambda obj: (depth(obj), obj.natural_key()))


class Command(BaseCommand):
    help = (
        "Write the content as edited in admin into fixtures/content.json, in an order that depends on the "
        "content alone, so that `git diff` shows only what was edited."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(DEFAULT_FIXTURE), help="Where to write the fixture.")

    def handle(self, *args, output, **options):
        Path(output).write_text(exported_content(), encoding="utf-8")
