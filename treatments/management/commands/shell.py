from django.core.management.commands import shell


class Command(shell.Command):
    """Django's shell, importing every model except the content-history ones (reach those through a model's
    `history`): django-simple-history names the before and after photo's history model after a module it is
    not in, which the shell would otherwise warn about on every start."""

    def get_auto_imports(self):
        return [path for path in super().get_auto_imports() if not path.rpartition(".")[2].startswith("Historical")]
