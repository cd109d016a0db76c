from django.db import migrations

from treatments.editors import CONTENT_EDITOR, grant_content_permissions

CONTENT_MODELS = [
    "scartype",
    "treatment",
    "suitability",
    "aftercarestep",
    "contraindication",
    "treatmentcontraindication",
    "source",
]


def create_group(apps, schema_editor):
    grant_content_permissions(apps, "treatments", CONTENT_MODELS)
    grant_content_permissions(apps, "treatments", ["seededrow"], actions=["view"])


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CONTENT_EDITOR).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0001_content"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
