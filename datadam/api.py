"""The one API: /api/v1/, session auth for the browser (with CSRF), bearer tokens for scripts."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from datadam.academy.api import router as academy_router
from datadam.accounts import services as account_services
from datadam.accounts.api import router as accounts_router
from datadam.assist.api import router as assist_router
from datadam.audit.api import router as audit_router
from datadam.catalog.api import router as catalog_router
from datadam.core.browser_middleware import is_token_api_call
from datadam.core.errors import DomainError, ImportRejected
from datadam.core.text import load_bounded_json
from datadam.labeling.api import router as labeling_router
from datadam.media.api import router as media_router
from datadam.office.api import router as office_router
from datadam.pay.api import router as pay_router
from datadam.programmes.api import router as programmes_router
from datadam.projects.api import router as projects_router
from datadam.quality.api import router as quality_router
from datadam.releases.api import router as releases_router
from datadam.review.api import router as review_router

ERROR_STATUSES = ("400", "401", "403", "404", "409", "413", "422", "429")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return account_services.token_authenticate(plain=token)


class BrowserSessionAuth(SessionAuth):
    """The browser's session, CSRF-checked. A call with a bearer token is a script's, decided by its token alone,
    and a call without a logged-in session has no session to check: both end in a 401 that says what is
    missing, not in a CSRF failure."""

    def __call__(self, request: HttpRequest):
        if is_token_api_call(request) or not request.user.is_authenticated:
            return None
        return super().__call__(request)


class BoundedParser(Parser):
    """Every request body is read by the one bounded JSON reader: too large or too deep answers 422."""

    def parse_body(self, request: HttpRequest):
        return load_bounded_json(request.body)


class DatadamAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Document the JSON error every operation may answer with, so clients know its shape."""
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
            "type": "object",
            "properties": {"detail": {}},
            "required": ["detail"],
        }
        error = {
            "description": "Error",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
        for path in schema["paths"].values():
            for operation in path.values():
                for status in ERROR_STATUSES:
                    operation["responses"].setdefault(status, error)
        return schema


api = DatadamAPI(
    title="Datadam API",
    version="1",
    description="Build AI training data: projects, imports, labeling tasks.",
    auth=[TokenAuth(), BrowserSessionAuth()],
    urls_namespace="api",
    parser=BoundedParser(),
)
api.add_router("", labeling_router)  # first: its routes (the annotator loop) are matched before the others
api.add_router("", accounts_router)
api.add_router("", projects_router)
api.add_router("", review_router)
api.add_router("", releases_router)
api.add_router("", audit_router)
api.add_router("", pay_router)
api.add_router("", quality_router)
api.add_router("", academy_router)
api.add_router("", programmes_router)
api.add_router("", office_router)
api.add_router("", catalog_router)
api.add_router("", media_router)
api.add_router("", assist_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    body: dict = {"detail": exc.message}
    if isinstance(exc, ImportRejected):
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status_code)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    """ninja wraps whatever the parser raised in a 400; a body refused by the JSON limits keeps its 422."""
    if isinstance(exc.__cause__, DomainError):
        return domain_error(request, exc.__cause__)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def not_logged_in(request: HttpRequest, exc: AuthenticationError):
    if is_token_api_call(request):
        detail = _("This API token is not valid or was revoked. Make a new one on your API tokens page.")
    else:
        detail = _("Log in, or send an API token.")
    return api.create_response(request, {"detail": detail}, status=401)
