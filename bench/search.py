"""`make bench-search`: how long the site search takes, with the starter content and with 1,000 more treatments.

On a throwaway database (SQLite in a temporary folder, or, with DATABASE_URL=postgres://..., a new
database on that server, dropped afterwards), migrated and seeded like `make bench`, it times each
query many times: the search itself (`treatments.search.find`) and the whole search page through
Django's middleware and template (Django's test client, in this process: no network, no server). It
prints the median and 95th percentile in milliseconds per query, and the first search after a content
change (on SQLite that one builds the index of names). It exits non-zero when a median is 50 ms or more
with 1,000 treatments.
"""

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import production_environment, throwaway_database  # noqa: E402

QUERIES = ["ice pick", "fraxel", "microneedlng", "laser", "凹凸洞", "synthetic treatment 0999", "synthetic", "wedding"]
TARGET_MS = 50


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=50, help="times each query is timed (default 50)")
    parser.add_argument("--synthetic", type=int, default=1000, help="treatments added for the second run")
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="scarguide-bench-") as folder, throwaway_database(folder) as url:
        os.environ.update(production_environment(folder, url))
        os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
        import django
        from django.core.management import call_command

        django.setup()
        from django.db import connection, connections

        for command, args in (("migrate", []), ("seed_content", []), ("collectstatic", ["--no-input"])):
            call_command(command, *args, verbosity=0)
        print(f"Site search on {connection.vendor}, {options.repeat} timings per query\n")
        slow = measure("starter content", options)
        call_command("generate_synthetic_treatments", options.synthetic, yes_this_is_a_throwaway_database=True)
        slow = measure(f"with {options.synthetic:,} synthetic treatments", options)
        connections.close_all()
    for line in slow:
        print(f"MISSED: {line}")
    sys.exit(1 if slow else 0)


def measure(run, options):
    from django.test import Client

    from treatments.models import Treatment
    from treatments.search import find

    client = Client()
    started = time.perf_counter()
    find("first search after a content change")
    first = (time.perf_counter() - started) * 1000
    print(f"### {run} ({Treatment.objects.published().count():,} treatments)\n")
    print(f"First search after a content change: {first:.1f} ms\n")
    print("| query | found | search p50 ms | search p95 ms | page p50 ms | page p95 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    slow = []
    for query in QUERIES:
        found = len(find(query))
        search = timings(lambda query=query: find(query), options.repeat)
        page = timings(lambda query=query: client.get("/search/", {"q": query}), options.repeat)
        print(
            f"| {query} | {found} | {p(search, 50):.1f} | {p(search, 95):.1f} | {p(page, 50):.1f} | {p(page, 95):.1f} |"
        )
        if "synthetic" in run and p(page, 50) >= TARGET_MS:
            slow.append(f"{run}: the page for {query!r} took {p(page, 50):.1f} ms (target under {TARGET_MS} ms)")
    print()
    return slow


def timings(action, repeat):
    found = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        found.append((time.perf_counter() - started) * 1000)
    return found


def p(values, percent):
    return statistics.quantiles(values, n=100)[percent - 1] if percent != 50 else statistics.median(values)


if __name__ == "__main__":
    main()
