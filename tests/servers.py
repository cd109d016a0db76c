"""Throwaway PostgreSQL and Redis servers for the tests that need them, started from the installed binaries.

Each server listens on a free port on 127.0.0.1, keeps its data in a temporary folder, and is gone after the
tests: the suite needs no server someone started by hand. `make test` installs the binaries (Debian's
`postgresql` and `redis-server` packages). PostgreSQL refuses to run as root, so under root (CI, containers)
it runs as the `postgres` user those packages create.
"""

import glob
import http.client
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import redis

INSTALL = "install the test servers: run 'sudo apt-get install postgresql redis-server' (make test does, as root)"


class MissingServer(RuntimeError):
    pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_program(name):
    """`initdb` or `postgres`: Debian keeps them under /usr/lib/postgresql/<version>/bin, off the PATH."""
    found = shutil.which(name) or max(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), default=None, key=_version)
    if not found:
        raise MissingServer(f"PostgreSQL's {name} is missing: {INSTALL}")
    return found


def _version(path):
    return int(Path(path).parent.parent.name) if Path(path).parent.parent.name.isdigit() else 0


class PostgresServer:
    """A PostgreSQL server of its own: user postgres, no password, fsync off (its data is thrown away)."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="scarguide-postgres-"))
        self.process = None
        # PostgreSQL will not run as root; Debian's package creates a `postgres` user to run it as.
        self.user = "postgres" if os.geteuid() == 0 else None
        if self.user:
            try:
                owner = pwd.getpwnam(self.user)
            except KeyError:
                raise MissingServer(f"There is no 'postgres' user to run PostgreSQL as: {INSTALL}") from None
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self._run([postgres_program("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync"])

    @property
    def data(self):
        return self.folder / "data"

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, command):
        subprocess.run(command, user=self.user, check=True, capture_output=True)

    def start(self):
        command = [postgres_program("postgres"), "-D", str(self.data), "-p", str(self.port), "-k", "", "-F"]
        command += ["-c", "listen_addresses=127.0.0.1"]
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 (closed with the server)
        self.process = subprocess.Popen(command, user=self.user, stdout=log, stderr=log, start_new_session=True)
        log.close()
        _wait(lambda: psycopg.connect(self.url(), connect_timeout=1).close(), self.process, "PostgreSQL")
        return self

    def stop(self):
        """A fast shutdown: open connections are cut, as when a database server goes away."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            self.process.wait(timeout=30)

    def create_database(self, name):
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def close(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """A Redis server of its own that keeps nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="scarguide-redis-"))
        self.process = None

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self):
        program = shutil.which("redis-server")
        if not program:
            raise MissingServer(f"redis-server is missing: {INSTALL}")
        command = [program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.folder), "--logfile", str(self.folder / "server.log")]
        self.process = subprocess.Popen(command, start_new_session=True)
        _wait(lambda: redis.Redis(port=self.port, socket_connect_timeout=1).ping(), self.process, "Redis")
        return self

    def close(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


def _wait(probe, process, name, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited while starting (status {process.returncode})")
        try:
            probe()
            return
        except (OSError, psycopg.OperationalError, redis.ConnectionError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not answer within {seconds} s") from None
            time.sleep(0.05)


ROOT = Path(__file__).resolve().parent.parent


def production_environment(folder, **variables):
    """What a production container sets (DEBUG off, a secret key, a host name), for a server on loopback."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SECRET_KEY": "throwaway-test-server-secret-key-that-is-long-enough-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://127.0.0.1",
        "DJANGO_STATIC_ROOT": str(Path(folder) / "static"),
        "DJANGO_MEDIA_ROOT": str(Path(folder) / "media"),
        **variables,
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


class AppServer:
    """gunicorn serving the app with gunicorn.conf.py, as the container does, logging into `folder`."""

    def __init__(self, env, folder, *options):
        self.env, self.folder, self.options = env, Path(folder), options
        self.port = free_port()
        self.process = None

    @property
    def access_log(self):
        return self.folder / f"access-{self.port}.log"

    @property
    def error_log(self):
        return self.folder / f"error-{self.port}.log"

    @property
    def output(self):
        return self.folder / f"output-{self.port}.log"

    def start(self):
        command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--access-logfile", str(self.access_log), "--error-logfile", str(self.error_log), *self.options]
        with open(self.output, "ab") as output:  # what Django writes to the console
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=output, stderr=output)
        _wait(self._healthy, self.process, "gunicorn")
        return self

    def _healthy(self):
        status, _, body = self.request("GET", "/healthz")
        if status != 200:
            raise OSError(f"/healthz answered {status}: {body[:200]!r}")

    def request(self, method, target, headers=None):
        """One request, sent as written (the target is not checked or encoded): status, headers, body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
            for name, value in {"Host": "127.0.0.1", **(headers or {})}.items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def send_raw(self, data):
        """Bytes a client might send that no HTTP library would: the server's answer, as bytes."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(data)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        return answer

    def close(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
