"""What every content model shares: rows found by a natural key, checks that speak to editors, text kept one point per line."""

from django.db import models


def check(condition, name, message):
    """A database check whose message tells an editor, in plain words, which field to correct."""
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


class NaturalKeyManager(models.Manager):
    """Looks rows up by their slug, so fixtures never carry database ids."""

    key_field = "slug"

    def get_by_natural_key(self, key):
        return self.get(**{self.key_field: key})


def lines(text):
    """The points of a text written one per line, without bullets."""
    return [line.strip(" -•") for line in text.splitlines() if line.strip(" -•")]
