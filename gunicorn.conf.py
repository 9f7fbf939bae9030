"""gunicorn settings: `gunicorn -c gunicorn.conf.py lemtrada_site.wsgi` (make serve does this)."""

import multiprocessing
import os

from gunicorn.glogging import Logger

from lemtrada_site.redaction import redact

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two or three workers per core is gunicorn's rule of thumb; the environment can say otherwise.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# A slow request is killed after 30 s; a photo upload over a slow phone connection is buffered by
# the proxy first, so the app never waits on the network that long.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so any slow leak never grows.
max_requests = 2000
max_requests_jitter = 200


class RedactingLogger(Logger):
    """The access log, less private-link tokens, planner dates and search words (lemtrada_site/redaction.py)."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # The query string on its own (%(q)s) is private whenever the whole address would be redacted.
        address = f"{atoms.get('U', '')}?{atoms.get('q', '')}"
        private_query = bool(atoms.get("q")) and redact(address) != address
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = redact(value)
        if private_query:
            atoms["q"] = "[private]"
        return atoms


logger_class = RedactingLogger
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The proxy is on this machine; trust its X-Forwarded-* headers only from there.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket in $HOME: a second gunicorn (the load test, say) would take it over.
control_socket_disable = True
