"""Every page tells the browser to run only the site's own scripts, never to be framed, and to keep referrers
and content types to itself; with DATADAM_HTTPS=true it also insists on HTTPS and secure cookies."""

import json
import os
import subprocess
import sys

from django.test import Client, override_settings

from tests.conftest import Cast, client_for
from tests.factories import PASSWORD
from tests.security.objects_of_a import PUBLIC_ROUTES
from tests.security.shapes import ObjectsOfA
from tests.security.test_isolation_pages import ROUTES, visit

# Pages the walk of the page URLconf does not reach (tests/security/objects_of_a.py skips their prefixes).
EXTRA_PATHS = ["/api/v1/docs", "/api/v1/openapi.json", "/admin/login/", "/i18n/setlang/", "/no-such-page/"]
HTTPS_SETTINGS = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
]


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = [part.split() for part in response.get("Content-Security-Policy", "").split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


def header_problems(response) -> list[str]:
    csp = policy(response)
    problems = []
    if response.status_code >= 500:
        problems.append(f"answered {response.status_code}")
    if csp.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors {csp.get('frame-ancestors')}")
    scripts = csp.get("script-src", csp.get("default-src"))
    if scripts not in (["'self'"], ["'none'"]):
        problems.append(f"script-src {scripts}")
    if csp.get("object-src", csp.get("default-src")) != ["'none'"]:
        problems.append(f"object-src {csp.get('object-src')}")
    if response.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options {response.get('X-Frame-Options')}")
    if response.get("Referrer-Policy") not in ("same-origin", "strict-origin-when-cross-origin"):
        problems.append(f"Referrer-Policy {response.get('Referrer-Policy')}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append(f"X-Content-Type-Options {response.get('X-Content-Type-Options')}")
    return problems


def test_every_page_answers_with_a_content_security_policy_and_the_other_headers(cast: Cast, a: ObjectsOfA) -> None:
    # The manager opens A's pages, the labeler their own task; anyone else mostly meets the login redirect.
    visitors = {"the manager": client_for(cast.manager), "the labeler": client_for(cast.labeler)}
    problems = []

    for who, client in [*visitors.items(), ("anyone", Client())]:
        answers = [visit(client, "GET", route, a) for route in (ROUTES if who in visitors else PUBLIC_ROUTES)]
        answers += [(path, client.get(path)) for path in EXTRA_PATHS]
        problems += [f"GET {path} as {who}: {header_problems(response)}" for path, response in answers]

    assert len(problems) == 2 * len(ROUTES) + len(PUBLIC_ROUTES) + 3 * len(EXTRA_PATHS) > 200
    assert [problem for problem in problems if not problem.endswith(": []")] == []


def test_the_policy_lets_pages_use_their_own_files_and_nothing_inline_but_styles(cast: Cast) -> None:
    csp = policy(client_for(cast.manager).get("/projects/"))

    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"], "no inline script, no eval"
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["form-action"] == ["'self'"] and csp["base-uri"] == ["'none'"]


def https_settings(value: str) -> dict:
    """The settings datadam.settings works out from DATADAM_HTTPS=<value>, read in a fresh interpreter."""
    code = (
        "import json, datadam.settings as s;"
        f"print(json.dumps({{name: getattr(s, name, None) for name in {HTTPS_SETTINGS!r}}}))"
    )
    environment = {**os.environ, "DATADAM_HTTPS": value}
    done = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1]}
    settings = json.loads(done.stdout)
    if settings["SECURE_PROXY_SSL_HEADER"]:
        settings["SECURE_PROXY_SSL_HEADER"] = tuple(settings["SECURE_PROXY_SSL_HEADER"])
    return settings


def test_behind_https_the_site_sends_hsts_secure_cookies_and_redirects_plain_http(cast: Cast) -> None:
    client = Client(headers={"x-forwarded-proto": "https"})
    plain = Client()

    with override_settings(**https_settings("true")):
        login_page = client.get("/accounts/login/")
        logged_in = client.post("/accounts/login/", {"username": "labeler", "password": PASSWORD})
        redirected = plain.get("/accounts/login/?next=/projects/")
        health = plain.get("/health")

    assert login_page["Strict-Transport-Security"].startswith("max-age=31536000")
    assert login_page.cookies["csrftoken"]["secure"] is True
    assert logged_in.status_code == 302 and logged_in.cookies["sessionid"]["secure"] is True
    assert redirected.status_code == 301 and redirected["Location"] == "https://testserver/accounts/login/?next=/projects/"
    assert health.status_code == 200, "the load balancer's check still answers over plain HTTP"


def test_without_https_a_local_server_keeps_working_over_plain_http(cast: Cast) -> None:
    settings = https_settings("false")

    with override_settings(**settings):
        response = Client().get("/accounts/login/")

    assert settings["SESSION_COOKIE_SECURE"] is False and settings["SECURE_HSTS_SECONDS"] == 0
    assert response.status_code == 200 and "Strict-Transport-Security" not in response
    assert https_settings("maybe") == {
        "error": "django.core.exceptions.ImproperlyConfigured: "
        "DATADAM_HTTPS must be one of true/false/1/0/yes/no, not 'maybe'"
    }
