"""Database sessions that remember whose they are, so a new password can end a person's other log-ins at once.

Django's own check (the session carries a hash of the password) already refuses an old session on its next
request; keeping the person on the row lets a password change or reset delete those rows outright, and lets an
erasure end every session. Django documents this way of extending its database session engine.
"""

from datadam.accounts.models import PersonSessionStore as SessionStore

__all__ = ["SessionStore"]  # SESSION_ENGINE names this module; the store lives next to its model
