"""Encryption of single fields that must not lie readable in the database or its backups (a bank account number).

The keys come from DATADAM_FIELD_KEY: one or more Fernet keys, comma-separated. The first encrypts; every one
decrypts. To rotate, put a new key first, keep the old ones after it, run `datadam rotate_field_keys`
(re-encrypts every field with the first key), then drop the old keys. Without a key nothing is encrypted and a
save that needs it is refused (a system check says so at start-up).
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.translation import gettext as _

from datadam.core.errors import Conflict


def field_keys_problem(keys: list[str]) -> str | None:
    """What is wrong with the configured keys, in words for the operator, or None."""
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            return f"key {position} of DATADAM_FIELD_KEY is not a Fernet key (32 url-safe base64-encoded bytes)"
    return None


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def _current() -> MultiFernet:
    keys = tuple(settings.DATADAM_FIELD_KEYS)
    if not keys or field_keys_problem(list(keys)):
        raise Conflict(_("This server cannot store payout details yet: its operator has not set an encryption key."))
    return _fernet(keys)


def field_encrypt(text: str) -> str:
    return _current().encrypt(text.encode()).decode()


def field_decrypt(token: str) -> str:
    """The plain text; a token no configured key opens (a key dropped too early) raises Conflict."""
    try:
        return _current().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise Conflict(_("The stored value cannot be read with this server's keys.")) from exc


def field_rotate(token: str) -> str:
    """The same text encrypted again with the first key."""
    try:
        return _current().rotate(token.encode()).decode()
    except InvalidToken as exc:
        raise Conflict(_("The stored value cannot be read with this server's keys.")) from exc
