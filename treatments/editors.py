"""The "Content editor" group: clinic staff who may edit the guide's content and nothing else."""

from django.contrib.auth.management import create_permissions

CONTENT_EDITOR = "Content editor"
ACTIONS = ("add", "change", "delete", "view")


def grant_content_permissions(apps, app_label, model_names, actions=ACTIONS):
    """Give the group these permissions; used by data migrations, so it works on historical models."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITOR)
    codenames = [f"{action}_{model}" for model in model_names for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
