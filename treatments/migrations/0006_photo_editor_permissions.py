from django.db import migrations

from treatments.editors import grant_content_permissions

PHOTO_MODELS = ["scartypephoto", "treatmentphoto", "beforeafterphoto"]


def grant(apps, schema_editor):
    grant_content_permissions(apps, "treatments", PHOTO_MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0005_photos"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
