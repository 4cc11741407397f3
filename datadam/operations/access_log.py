"""The web server's access log: gunicorn's default line (Apache's combined format) with the request id and the
time taken added, so a slow or failed call in the access log can be found in the application's log.

gunicorn builds, for every request, a table of every variable its format could name (each header and each
WSGI variable, lower-cased), whether the format uses it or not. This logger writes the default line from the
few values it holds, at a fraction of that cost; an operator's own `--access-logformat` is honoured by
gunicorn's logger as before.
"""

from gunicorn.config import AccessLogFormat
from gunicorn.glogging import Logger

LINE = '%s - - %s "%s %s %s" %s %s "%s" "%s" %s %.1fms'


class AccessLog(Logger):
    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        if self.cfg.access_log_format != AccessLogFormat.default:
            super().access(resp, req, environ, request_time)
            return
        request_id = next((value for name, value in resp.headers if name == "X-Request-ID"), "-")
        self.access_log.info(
            LINE,
            environ.get("REMOTE_ADDR", "-"),
            self.now(),
            environ["REQUEST_METHOD"],
            environ["RAW_URI"],
            environ["SERVER_PROTOCOL"],
            str(resp.status).split(None, 1)[0],
            resp.sent if resp.sent is not None else "-",
            environ.get("HTTP_REFERER", "-"),
            environ.get("HTTP_USER_AGENT", "-"),
            request_id,
            request_time.total_seconds() * 1000,
        )
