"""`make bench`: ScarGuide under gunicorn with production settings, measured with wrk on loopback.

It builds a throwaway database (SQLite in a temporary folder, or a new PostgreSQL database on the
server DATABASE_URL names), migrates and seeds it, collects the static files into a temporary
folder, and starts gunicorn (DEBUG off, 2 workers, a free port, a throwaway secret key, no HTTPS
redirect, no access log and no worker recycling). Beside it, with the same gunicorn settings, runs a
hello-world Django app with the middleware `startproject` writes (bench/hello). Each page is warmed
up, then measured in interleaved slices so that other load on the machine weighs on every page
alike: each page against `/ping` (a trivial view behind all of ScarGuide's middleware), and `/ping`
against the hello-world app. The second run adds 1,000 synthetic treatments to the same database and
measures again. It prints a Markdown table per run and exits non-zero when a target is missed.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPORT = Path(__file__).with_name("report.lua")
# Example answers (docs/results-contract.md): two scar types and a health question.
ANSWERS = "scar=rolling&scar=boxcar&severity=moderate&skin_type=4&downtime=14&health=anticoagulants"
SAMPLE_TREATMENT = "microneedling"
# (run, page) -> the least throughput, as a share of its baseline's, that passes. `/ping` is measured
# against the hello-world Django app, every other page against `/ping`.
HELLO, PING = "hello-world Django", "/ping"
CATALOGUE = {"home": 0.6, "treatment list": 0.6, "treatment detail": 0.6, "aftercare": 0.6}
TARGETS = {
    "seeded": {PING: 0.7, **CATALOGUE, "results": 0.2, "results JSON": 0.3},
    "synthetic": {PING: 0.7, **CATALOGUE, "results": 0.1},
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--slices", type=int, default=5, help="interleaved slices the duration is cut into")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page (default 2)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--synthetic", type=int, default=1000, help="treatments added for the second run")
    options = parser.parse_args()
    # Stopped from outside, still stop gunicorn and remove the throwaway database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")

    with tempfile.TemporaryDirectory(prefix="scarguide-bench-") as folder, throwaway_database(folder) as url:
        os.environ.update(production_environment(folder, url))
        import django
        from django.core.management import call_command

        django.setup()
        for command, args in (("migrate", []), ("seed_content", []), ("collectstatic", ["--no-input"])):
            call_command(command, *args, verbosity=0)
        missed = []
        hello_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.hello.settings"}
        with gunicorn(options.workers) as origin, gunicorn(options.workers, "bench.hello.wsgi", hello_env) as hello:
            pages = {HELLO: f"{hello}/ping", **{name: origin + path for name, path in page_paths().items()}}
            missed += measure("seeded", pages, options)
            call_command("generate_synthetic_treatments", options.synthetic, yes_this_is_a_throwaway_database=True)
            missed += measure("synthetic", pages, options)
        from django.db import connections

        connections.close_all()
    for line in missed:
        print(f"MISSED: {line}")
    sys.exit(1 if missed else 0)


def production_environment(folder, database_url):
    return {
        "DJANGO_SETTINGS_MODULE": "scarguide.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Loopback has no TLS proxy in front; everything else stays as in production.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DJANGO_STATIC_ROOT": str(Path(folder) / "static"),
        "DJANGO_MEDIA_ROOT": str(Path(folder) / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
        # gunicorn.conf.py recycles a worker every ~1,000 requests: at full load on loopback that is a
        # restart a second, which would measure Python start-up rather than the pages.
        "GUNICORN_MAX_REQUESTS": "0",
        "GUNICORN_GRACEFUL_TIMEOUT": "2",
    }


@contextmanager
def throwaway_database(folder):
    """SQLite in `folder`, or a new database beside the one DATABASE_URL names, dropped afterwards."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        return
    import psycopg

    name = f"scarguide_bench_{secrets.token_hex(4)}"
    with psycopg.connect(given, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(given)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(given, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def page_paths():
    """The pages to measure, by name, as the app's own URLconf spells them."""
    from django.urls import NoReverseMatch, reverse

    pages = {
        PING: reverse("ping"),
        "home": reverse("treatments:home"),
        "treatment list": reverse("treatments:treatment_list"),
        "treatment detail": reverse("treatments:treatment_detail", args=[SAMPLE_TREATMENT]),
        "aftercare": reverse("treatments:aftercare", args=[SAMPLE_TREATMENT]),
    }
    try:
        pages["results"] = f"{reverse('treatments:results')}?{ANSWERS}"
        pages["results JSON"] = f"{reverse('treatments:results')}?{ANSWERS}&format=json"
    except NoReverseMatch:
        print("No results page yet: it is left out.", file=sys.stderr)
    return pages


@contextmanager
def gunicorn(workers, app="scarguide.wsgi", environment=None):
    """gunicorn with the project's gunicorn.conf.py (it runs in the project's folder), on a free port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        app,
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--access-logfile=/dev/null",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=environment or os.environ.copy())
    origin = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{origin}/ping", server)
        yield origin
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def wait_until_up(url, server):
    for _ in range(100):
        if server.poll() is not None:
            sys.exit("gunicorn did not start")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer")


def wait_until_idle(url):
    """Requests wrk gave up on may still be queued at the server: let them drain before the next page."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        start = time.monotonic()
        with urllib.request.urlopen(url, timeout=120):
            pass
        if time.monotonic() - start < 0.25:
            return


def measure(run, pages, options):
    from treatments.models import Treatment

    count = Treatment.objects.published().count()
    print(f"\n### {run.capitalize()} catalogue: {count} published treatments\n")
    for url in pages.values():
        wrk(url, options, options.warmup)
    # Slices of every page in turn, so that whatever else the machine does weighs on all pages alike.
    seconds = max(1, options.duration // options.slices)
    slices = [{name: wrk(url, options, seconds) for name, url in pages.items()} for _ in range(options.slices)]
    results = {name: combined([one[name] for one in slices]) for name in pages}
    print_table(results)
    return missed_targets(run, results)


def wrk(url, options, seconds):
    command = ["wrk", f"-t{options.threads}", f"-c{options.connections}", f"-d{seconds}s", "-s", str(REPORT)]
    # As a phone's browser asks: pages come back compressed.
    command += ["-H", "Accept-Encoding: gzip"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    scheme, host, *_ = urlsplit(url)
    wait_until_idle(f"{scheme}://{host}/ping")
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def combined(slices):
    """Throughput over all slices, the median slice's p50 and the worst slice's p99."""
    p50s = sorted(one["p50_us"] for one in slices)
    return {
        "rps": sum(one["requests"] for one in slices) / (sum(one["duration_us"] for one in slices) / 1e6),
        "p50_us": p50s[len(p50s) // 2],
        "p99_us": max(one["p99_us"] for one in slices),
        "errors": sum(one["bad_status"] + one["socket_errors"] for one in slices),
    }


def print_table(results):
    print("| page | requests/s | p50 ms | p99 ms | errors | ratio | to |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, stats in results.items():
        against = None if name == HELLO else HELLO if name == PING else PING
        baseline = results[against]["rps"] if against else stats["rps"]
        stats["ratio"] = stats["rps"] / baseline if baseline else 0.0
        print(
            f"| {name} | {stats['rps']:.0f} | {stats['p50_us'] / 1000:.1f} | {stats['p99_us'] / 1000:.1f} "
            f"| {stats['errors']} | {stats['ratio']:.2f} | {against or ''} |"
        )
    sys.stdout.flush()


def missed_targets(run, results):
    missed = [f"{run}: {name} had {stats['errors']} errors" for name, stats in results.items() if stats["errors"]]
    for name, least in TARGETS[run].items():
        if name in results and results[name]["ratio"] < least:
            against = HELLO if name == PING else PING
            missed.append(f"{run}: {name} reached {results[name]['ratio']:.2f} of {against}, under {least}")
    return missed


if __name__ == "__main__":
    main()
