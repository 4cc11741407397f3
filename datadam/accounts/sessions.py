"""Database sessions that remember whose they are, so a new password can end a person's other log-ins at once.

Django's own check (the session carries a hash of the password) already refuses an old session on its next
request; keeping the person on the row lets a password change or reset delete those rows outright, and lets an
erasure end every session. Django documents this way of extending its database session engine.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from datadam.accounts.models import PersonSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[PersonSession]:
        return PersonSession

    def create_model_instance(self, data: dict) -> PersonSession:
        session = super().create_model_instance(data)
        user_id = data.get("_auth_user_id")
        session.user_id = int(user_id) if user_id is not None and str(user_id).isdigit() else None
        return session
