"""Settings of a node the multi-node test starts: the production settings, all from DATADAM_* variables, with the
test suite's fast password hasher so that the people the test makes can log in."""

from datadam.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
