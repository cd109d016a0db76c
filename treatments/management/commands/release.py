from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "The release step of a deploy, run once per new version before the app servers start: "
        "apply database migrations, then add any starter content the database does not have yet."
    )

    def handle(self, *args, verbosity, **options):
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("seed_content", verbosity=verbosity)
