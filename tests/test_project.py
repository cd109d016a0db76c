"""The project's own tooling: a clean install, quiet commands, and Make targets that do what the README says."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def manage(*args, database):
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


def test_license_is_an_spdx_expression_so_setuptools_prints_no_deprecation_banner():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(project["project"]["license"], str)
    assert any(requirement.startswith("setuptools>=77") for requirement in project["build-system"]["requires"])


def test_management_commands_print_only_their_own_output(tmp_path):
    result = manage("check", database=tmp_path / "db.sqlite3")
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""


def test_migrations_are_checked_without_any_settings_but_the_site_is_not_served_without_a_secret_key():
    """A fresh clone can run `manage.py makemigrations --check` with nothing set; gunicorn refuses to start
    without DJANGO_SECRET_KEY (or DJANGO_DEBUG) with a message that says so."""
    bare = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    check = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT, env=bare, capture_output=True, text=True,
    )  # fmt: skip
    assert check.returncode == 0, check.stderr
    assert check.stdout == "No changes detected\n"
    serve = subprocess.run(
        [sys.executable, "-c", "import scarguide.wsgi"], cwd=ROOT, env=bare, capture_output=True, text=True
    )
    assert serve.returncode != 0
    assert "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)." in serve.stderr


def test_shell_starts_without_a_warning(tmp_path):
    database = tmp_path / "db.sqlite3"
    manage("migrate", "--verbosity", "0", database=database)
    result = manage("shell", "--command", "print(Treatment.objects.count())", database=database)
    assert "could not be automatically imported" not in result.stdout + result.stderr
    assert result.stdout.strip().endswith("0")


def test_django_log_lines_reach_the_console_once_under_make_run(tmp_path):
    """`make run` sets DJANGO_DEBUG, under which Django adds a console handler of its own beside the site's."""
    code = "import logging; logging.getLogger('django.request').warning('Not Found: /no-such-page/')"
    result = manage("shell", "--verbosity", "0", "--command", code, database=tmp_path / "db.sqlite3")
    assert result.stderr.count("Not Found: /no-such-page/") == 1


def make(*args, cwd=ROOT):
    # Run from `make test`, make would otherwise pass on its own flags and announce the directory.
    env = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    return subprocess.run(["make", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def test_make_run_takes_a_port():
    assert make("--dry-run", "run", "PORT=8001").splitlines()[-1].endswith("runserver 127.0.0.1:8001")
    assert make("--dry-run", "run").splitlines()[-1].endswith("runserver 127.0.0.1:8000")


def test_make_clean_removes_caches_and_build_leftovers(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path)
    leftovers = [".hypothesis/examples", "treatments/__pycache__", "tests/browser/__pycache__", "scarguide.egg-info"]
    for folder in leftovers:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "file").write_text("cached")
    (tmp_path / "treatments" / "models.py").write_text("kept")
    make("clean", cwd=tmp_path)
    for folder in leftovers:
        assert not (tmp_path / folder).exists(), folder
    assert (tmp_path / "treatments" / "models.py").read_text() == "kept"
