"""Does the server still answer while clients send their requests slowly? ("slowloris")

gunicorn runs as `make bench` runs it (gunicorn.conf.py, production settings, a throwaway SQLite database,
2 workers). For each count of slow clients, that many connections open and send a request's header lines
one a second, never finishing; meanwhile a normal client asks for `/ping` once a second with a 5 s timeout.
The table shows how many of those requests were answered and how fast. `--worker-class sync --threads 1`
measures gunicorn's plain workers for comparison: there one slow client holds a whole worker.

Threads only raise the number of slow clients it takes (workers x threads): the proxy in front must read
each request whole before passing it on (nginx does; README, Deploy).
"""

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request

from run import gunicorn, ping, production_environment, throwaway_database


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slow", default="0,1,3,7,8", help="counts of slow clients, comma-separated")
    parser.add_argument("--seconds", type=int, default=10, help="how long each count is measured (default 10)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", help="overrides gunicorn.conf.py (e.g. sync)")
    parser.add_argument("--threads", type=int, help="overrides gunicorn.conf.py")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scarguide-slow-") as folder, throwaway_database(folder) as url:
        os.environ.update(production_environment(folder, url))
        for name, value in (("GUNICORN_THREADS", options.threads),):
            if value:
                os.environ[name] = str(value)
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--no-input", verbosity=0)
        extra = [f"--worker-class={options.worker_class}"] if options.worker_class else []
        with gunicorn(options.workers, *extra) as origin:
            host, port = origin.removeprefix("http://").split(":")
            print(f"gunicorn: {options.workers} workers, {describe(options)}")
            print("| slow clients | requests answered | median ms | slowest ms |")
            print("|---:|---:|---:|---:|")
            for count in (int(part) for part in options.slow.split(",")):
                answered, times = measure(host, int(port), ping(origin), count, options.seconds)
                median = f"{statistics.median(times):.0f}" if times else "-"
                slowest = f"{max(times):.0f}" if times else "-"
                print(f"| {count} | {answered} | {median} | {slowest} |", flush=True)


def describe(options):
    worker_class = options.worker_class or "gthread (gunicorn.conf.py)"
    threads = options.threads or os.environ.get("GUNICORN_THREADS") or "4 (gunicorn.conf.py)"
    return f"worker class {worker_class}, threads {threads}"


def measure(host, port, url, count, seconds):
    """Opens `count` slow connections, asks for `url` once a second, and closes them: (answered 'n of m', ms)."""
    stop = threading.Event()
    slow = [threading.Thread(target=slow_client, args=(host, port, stop), daemon=True) for _ in range(count)]
    for thread in slow:
        thread.start()
    time.sleep(1)  # let them connect and start
    times, asked = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        asked += 1
        start = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
            times.append((time.monotonic() - start) * 1000)
        except OSError:
            pass
        time.sleep(max(0.0, 1 - (time.monotonic() - start)))
    stop.set()
    for thread in slow:
        thread.join()
    time.sleep(2)  # the server frees what the slow clients held
    return f"{len(times)} of {asked}", times


def slow_client(host, port, stop):
    """A request line, then one header line a second, never the blank line that ends the headers."""
    try:
        with socket.create_connection((host, port), timeout=5) as sock:
            sock.sendall(b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            number = 0
            while not stop.wait(1):
                number += 1
                sock.sendall(f"X-Slow-{number}: {number}\r\n".encode())
    except OSError:
        pass  # the server closed the connection: it is no longer held


if __name__ == "__main__":
    sys.exit(main())
