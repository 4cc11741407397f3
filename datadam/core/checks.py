"""System checks: a misconfigured deployment says what is wrong and how to fix it."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from datadam.core.field_crypto import field_keys_problem


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


@register()
def field_key_is_set(app_configs, **kwargs) -> list:
    """Payout details are stored encrypted: a bad key stops start-up; a missing one is a warning (nothing can be
    saved until it is set)."""
    keys = settings.DATADAM_FIELD_KEYS
    problem = field_keys_problem(keys)
    if problem:
        return [Error(f"DATADAM_FIELD_KEY: {problem}.", hint=FIELD_KEY_HINT, id="datadam.E070")]
    if not keys:
        return [
            Warning(
                "DATADAM_FIELD_KEY is not set: people cannot save their payout details.",
                hint=FIELD_KEY_HINT,
                id="datadam.W070",
            )
        ]
    return []


FIELD_KEY_HINT = (
    "Make a key with: python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'. "
    "Keep it apart from the database backups (docs/deploy.md, Backups)."
)
