"""Pages anyone may open without logging in, by their route in the URLconf.

tests/security/test_isolation_pages.py reads this list. Every page not named here must send an anonymous
visitor to the login page; adding a page here is a decision a reviewer should see.
"""

PUBLIC_ROUTES: dict[str, str] = {
    "": "the landing page (a logged-in person is sent on to their projects)",
    "health": "the load balancer's liveness check; it says the process answers, nothing more",
    "health/ready": "the readiness check; it names which part failed (database, storage, migrations), no details",
    "accounts/login/": "the login form",
    "accounts/signup/": "the signup form",
    "easy-read/": "POST only; like the language switch it sets a cookie (larger text, plain words) and goes back",
    "accounts/logout/": "POST only; logging out someone who is not logged in changes nothing",
}
