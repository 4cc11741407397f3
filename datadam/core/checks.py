"""System checks: a misconfigured deployment says what is wrong and how to fix it."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def secret_key_is_set(app_configs, **kwargs) -> list:
    if settings.SECRET_KEY.startswith("insecure-"):
        return [
            Error(
                "DATADAM_SECRET_KEY is not set.",
                hint="Set DATADAM_SECRET_KEY to a long random string before serving real users.",
                id="datadam.E001",
            )
        ]
    return []


@register()
def data_dir_is_writable(app_configs, **kwargs) -> list:
    data_dir = settings.DATA_DIR
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return [
            Error(f"Cannot create the data folder {data_dir}: {exc}", hint="Set DATADAM_DATA_DIR.", id="datadam.E002")
        ]
    return []


@register(deploy=True)
def debug_is_off(app_configs, **kwargs) -> list:
    if settings.DEBUG:
        return [Warning("DATADAM_DEBUG is on: error pages show internals.", hint="Unset it.", id="datadam.W001")]
    return []
