"""Checks on untrusted text that every app needs."""


def contains_nul(value: object) -> bool:
    """True when a string anywhere in a JSON-like value holds U+0000, which PostgreSQL cannot store."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(contains_nul(key) or contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(contains_nul(item) for item in value)
    return False
