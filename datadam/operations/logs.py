"""The logging set-up: plain text, or one JSON object a line (DATADAM_LOG_FORMAT=json) for a log collector.

Every line carries the request id (operations.request_id). Kept free of models, so settings can import it.
"""

from django.core.exceptions import ImproperlyConfigured

FORMATS = ("text", "json")
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(process)d %(request_id)s %(message)s"
TEXT_FORMAT = "%(message)s"  # as before: a service manager adds the time and the process


def logging_config(log_format: str, level: str) -> dict:
    if log_format not in FORMATS:
        raise ImproperlyConfigured(f"DATADAM_LOG_FORMAT must be text or json, not {log_format!r}")
    formatters = {
        "text": {"format": TEXT_FORMAT},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "datadam.operations.request_id.RequestIdFilter"}},
        "formatters": formatters,
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["request_id"]}
        },
        "root": {"handlers": ["console"], "level": level},
    }
