"""GET /metrics for Prometheus: open only to a scraper that shows the token or comes from an allowed address."""

import hmac
from ipaddress import ip_address

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from datadam.core.client_address import client_address


def _allowed(request: HttpRequest) -> bool:
    token = settings.DATADAM_METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if token and given and hmac.compare_digest(given.encode(), token.encode()):
        return True
    address = client_address(request)
    if not address or not settings.DATADAM_METRICS_ALLOWED_ADDRESSES:
        return False
    return any(ip_address(address) in network for network in settings.DATADAM_METRICS_ALLOWED_ADDRESSES)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        detail = "Metrics need the token (Authorization: Bearer …) or an address in DATADAM_METRICS_ALLOWED_ADDRESSES."
        return JsonResponse({"detail": detail}, status=403)
    # loaded on the first scrape: web processes nobody scrapes start without prometheus_client
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

    from datadam.metrics.collector import ProgrammeCollector

    registry = CollectorRegistry(auto_describe=False)
    registry.register(ProgrammeCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
