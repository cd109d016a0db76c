from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm for the site search's closeness of words; on any database other than PostgreSQL it does nothing."""

    dependencies = [
        ("treatments", "0012_content_in_two_languages"),
    ]

    operations = [TrigramExtension()]
