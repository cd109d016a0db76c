"""What a log line may hold: never a query string, never a raw control character, and a client's mistake in one line.

Patients' answers travel in the query string of the results page, so no line of Django's logs or of
gunicorn's (access and error) keeps anything that follows a "?": not in a request line (nor after an encoded
"%3F" in one), not in a path where "%3F" was decoded to "?", not in a request line gunicorn refuses. A path may also carry
an encoded line break or NUL ("%0A", "%00"): control characters are written as "\\x0a", so no client can
forge a line. A client's error (a bad Host header, a 403, a malformed query) is one line, without the
traceback that only a fault of the server's own deserves, and so is each request while the database is away.
"""

import logging
import re

from django.db import InterfaceError, OperationalError
from gunicorn.glogging import Logger

# From a "?" (or an encoded "%3F", as in a raw request line) to the protocol of a request line (" HTTP/1.1"),
# or else to the end.
QUERY = re.compile(r"(?:\?|%3F)(?:.*(?=\sHTTP/)|.*)", re.DOTALL | re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# gunicorn's warning for a request it refuses, up to what was wrong with it: what the client sent follows.
REFUSED = re.compile(r"(Invalid request from ip=\S+: [^:'\"]*[^:'\" ]).*", re.DOTALL)


def loggable(text: str) -> str:
    """`text` without anything after a "?", and with control characters escaped."""
    return CONTROL.sub(lambda match: f"\\x{ord(match[0]):02x}", QUERY.sub("", text))


class ForgetRequest(logging.Filter):
    """Applies those rules to every record: Django's, and gunicorn's error log.

    Django's own messages name only the path ("Not Found: /results/"), but the path is decoded, the request
    object attached to a record carries the full query string (so it is dropped), and the development
    server logs whole request lines.
    """

    def filter(self, record):
        if hasattr(record, "request"):
            del record.request
        message = loggable(record.getMessage())
        if record.exc_info and issubclass(record.exc_info[0], (OperationalError, InterfaceError)):
            # The database is away: one line per request, not a traceback each (scarguide.errors answers 503).
            message = f"{message} (database unavailable: {record.exc_info[0].__name__})"
            record.exc_info = record.exc_text = None
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = record.exc_text = None
        record.msg, record.args = message, ()
        return True


class GunicornLogger(Logger):
    """gunicorn's logs under the same rules (gunicorn.conf.py's `logger_class`)."""

    def setup(self, cfg):
        super().setup(cfg)
        if not any(isinstance(existing, ForgetRequest) for existing in self.error_log.filters):
            self.error_log.addFilter(ForgetRequest())

    def warning(self, msg, *args, **kwargs):
        """A request gunicorn refuses is logged with what was wrong with it, never with what was sent: a refused
        request line, split at a raw space, may hold answers with no "?" left in front of them."""
        super().warning(REFUSED.sub(r"\1", msg) if isinstance(msg, str) else msg, *args, **kwargs)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = loggable(atoms["U"] or "")
        return atoms
