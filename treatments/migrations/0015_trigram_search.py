from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class TrigramExtensionOnPostgreSQL(TrigramExtension):
    """Django's TrigramExtension skips other databases going forwards but not backwards: skip them both ways."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    """pg_trgm for the site search's closeness of words; on any database other than PostgreSQL it does nothing."""

    dependencies = [
        ("treatments", "0014_content_in_two_languages"),
    ]

    operations = [TrigramExtensionOnPostgreSQL()]
