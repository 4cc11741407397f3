"""System checks for the media settings: misconfiguration shows at start-up, not at the first import."""

from django.conf import settings
from django.core.checks import Error, Warning

from datadam.media.fetch import allowlist_entry_parse


def media_settings_check(app_configs, **kwargs) -> list:
    problems = []
    for root in settings.DATADAM_IMPORT_ROOTS:
        if not root.is_dir():
            problems.append(
                Warning(
                    f"DATADAM_IMPORT_ROOTS names {root}, which is not a folder.",
                    hint="Fix the path or remove it from DATADAM_IMPORT_ROOTS.",
                    id="datadam.W061",
                )
            )
    if settings.DATADAM_ZIP_MAX_TOTAL_BYTES <= 0 or settings.DATADAM_MAX_UPLOAD_BYTES <= 0:
        problems.append(
            Error(
                "DATADAM_ZIP_MAX_TOTAL_MB and DATADAM_MAX_UPLOAD_MB must be above 0.",
                hint="Set a size in MB.",
                id="datadam.E061",
            )
        )
    if settings.DATADAM_S3_MEDIA_BUCKET and not settings.DATADAM_S3_ENDPOINT_URL:
        problems.append(
            Warning(
                "DATADAM_S3_MEDIA_BUCKET is set without DATADAM_S3_ENDPOINT_URL: media go to Amazon S3 itself.",
                hint="Set DATADAM_S3_ENDPOINT_URL for another S3-compatible server (MinIO, Ceph, ...).",
                id="datadam.W062",
            )
        )
    for entry in settings.DATADAM_URL_ALLOWLIST:
        try:
            allowlist_entry_parse(entry)
        except ValueError:
            problems.append(
                Error(
                    f"DATADAM_URL_ALLOWLIST holds {entry!r}, which is not a host or host:port.",
                    hint="Write files.intra (ports 80 and 443), files.intra:8081 or [fd00::1]:8081.",
                    id="datadam.E063",
                )
            )
    return problems
