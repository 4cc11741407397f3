"""The web server's access log line: gunicorn's combined format, plus the request id and the time taken, so an
operator can follow a slow or failed call from the access log into the application's log."""

from datetime import timedelta
from types import SimpleNamespace

from django.utils.module_loading import import_string
from gunicorn.config import Config
from gunicorn.http.wsgi import Response

from datadam.core import web_processes
from datadam.operations.access_log import AccessLog

CALL = {
    "REQUEST_METHOD": "POST",
    "RAW_URI": "/api/v1/projects/7/tasks/next?x=1",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "REMOTE_ADDR": "10.0.0.5",
    "HTTP_USER_AGENT": "labeling-script/1.0",
}


def _logged_line(tmp_path, **settings) -> str:
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    for name, value in settings.items():
        config.set(name, value)
    answer = Response(None, None, config)
    answer.status, answer.sent = "200 OK", 345
    answer.headers = [("Content-Type", "application/json"), ("X-Request-ID", "3f2a9c0d11aa4b7e")]

    request = SimpleNamespace(headers=[("USER-AGENT", "labeling-script/1.0")])

    AccessLog(config).access(answer, request, CALL, timedelta(milliseconds=12, microseconds=300))

    return (tmp_path / "access.log").read_text().strip()


def test_a_call_is_logged_in_the_combined_format_with_its_request_id_and_time(tmp_path) -> None:
    line = _logged_line(tmp_path)

    assert line.startswith("10.0.0.5 - - [")
    assert line.endswith(
        '] "POST /api/v1/projects/7/tasks/next?x=1 HTTP/1.1" 200 345 "-" "labeling-script/1.0" 3f2a9c0d11aa4b7e 12.3ms'
    )


def test_an_operators_own_format_is_kept(tmp_path) -> None:
    line = _logged_line(tmp_path, access_log_format="%(m)s %(U)s %(s)s %({x-request-id}o)s")

    assert line == "POST None 200 3f2a9c0d11aa4b7e"  # gunicorn's own atoms (PATH_INFO is not in this call)


def test_the_web_server_writes_it() -> None:
    assert import_string(web_processes.logger_class) is AccessLog
