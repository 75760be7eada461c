"""gunicorn's configuration for the portal: `gunicorn -c gunicorn.conf.py ovop.wsgi`.

Every value comes from the environment (see `.env.example`), so the same file serves a
laptop's `make serve`, a single server and each of several app servers.
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers with a few threads each: the portal's requests wait mostly on the
# database, and threads let a worker overlap those waits. Two workers per core is
# gunicorn's usual starting point.
workers = _int("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1))
threads = _int("GUNICORN_THREADS", 4)
# A request that takes longer than this is a bug; the worker is restarted.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle each worker after this many requests (with jitter so they do not all
# restart together), a guard against slow leaks; 0 never recycles.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)
# Behind a reverse proxy on the same machine or network, trust its forwarded headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn's runtime control socket (`gunicornc`) lives at one path per user by default,
# which several instances on one machine would share; give each its own, or none.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

# Logs on standard output, one JSON object a line, like the portal's own (settings).
# The access log is off with GUNICORN_ACCESS_LOG=0 (a proxy in front often keeps one).
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") != "0" else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            # ISO 8601 in UTC, whatever the portal's time zone.
            "timestamp": "time",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # gunicorn turns its access log on whenever `logconfig_dict` is set, whatever
        # `accesslog` says; with GUNICORN_ACCESS_LOG=0 its logger writes nowhere.
        "gunicorn.access": {
            "handlers": ["console"] if accesslog else [],
            "level": "INFO" if accesslog else "CRITICAL",
            "propagate": False,
        },
    },
}
