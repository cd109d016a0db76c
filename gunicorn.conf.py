"""gunicorn settings for the container (`gunicorn -c gunicorn.conf.py`); every value can be changed by environment."""

import multiprocessing
import os

wsgi_app = "scarguide.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(
    os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1
)
# Threads, so that a client sending its request slowly holds one thread, not a whole worker. That alone does not
# stop many slow clients: the proxy in front must read each request whole before passing it on (README, Deploy).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request that takes longer than this is stuck; on shutdown, requests in flight get graceful_timeout to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then, so a slow leak can never take a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# The proxy in front sets X-Forwarded-Proto; Django reads it (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")

# Logs go to stdout/stderr for the container runtime to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No query string in any line of either log (not even in a request line gunicorn refuses), and no raw control
# character from a path (scarguide.logs).
logger_class = "scarguide.logs.GunicornLogger"
# Method, path, status, size, duration. Never the query string (a patient's answers travel in it: %(U)s is
# the path alone, unlike %(r)s or %(q)s) and never the referrer (%(f)s, which can be a results page address).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
