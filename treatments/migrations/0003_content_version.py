from django.db import migrations, models


def create_version(apps, schema_editor):
    apps.get_model("treatments", "ContentVersion").objects.get_or_create(pk=1, defaults={"token": "initial"})


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0002_content_editor_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.RunPython(create_version, migrations.RunPython.noop),
    ]
