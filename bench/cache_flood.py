"""Can the page cache be flooded? One page under load twice: as asked for normally, then with a new random
`utm_source` on every request, as an attacker (or a mailing with tracking links) would send.

gunicorn runs with the production settings and a throwaway Redis as the cache (bench/run.py's throwaway
SQLite database, a Redis from tests/servers.py); wrk loads the page for `--duration` seconds each way. It
prints the requests per second and what Redis holds (page entries and memory) after each load. Before the
cache kept each view's own parameters only, every random address was rendered and stored (about 20 KB for
24 hours each); now they are answered from the one stored copy of the page.
"""

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

import redis
from run import REPORT, ROOT, gunicorn, production_environment, throwaway_database  # puts ROOT on sys.path

from tests.servers import RedisServer

FLOOD = Path(__file__).with_name("random_query.lua")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", default="/treatments/", help="the page to load (default /treatments/)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load each way (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    options = parser.parse_args()
    cache = RedisServer().start()
    try:
        with tempfile.TemporaryDirectory(prefix="scarguide-flood-") as folder, throwaway_database(folder) as url:
            os.environ.update(production_environment(folder, url), REDIS_URL=cache.url())
            import django
            from django.core.management import call_command

            django.setup()
            for command, args in (("migrate", []), ("seed_content", []), ("collectstatic", ["--no-input"])):
                call_command(command, *args, verbosity=0)
            store = redis.Redis.from_url(cache.url())
            print("| load | requests/s | errors | page entries in Redis | Redis memory |")
            print("|---|---:|---:|---:|---:|")
            with gunicorn(2) as origin:
                for name, script in (("plain address", REPORT), ("random utm_source", FLOOD)):
                    stats = wrk(origin + options.page, script, options)
                    entries = sum(1 for _ in store.scan_iter("*:page:*"))
                    memory = store.info("memory")["used_memory"] / 1024 / 1024
                    rps = stats["requests"] / (stats["duration_us"] / 1e6)
                    errors = stats["bad_status"] + stats["socket_errors"]
                    print(f"| {name} | {rps:.0f} | {errors} | {entries} | {memory:.1f} MB |", flush=True)
    finally:
        cache.close()


def wrk(url, script, options):
    command = ["wrk", "-t2", f"-c{options.connections}", f"-d{options.duration}s", "-s", str(script), url]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


if __name__ == "__main__":
    main()
