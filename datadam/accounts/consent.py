"""The consent to the processing of personal data asked for at sign-up, as the Personal Information Protection
Act (Article 15(2)) requires it to be told: the purpose, the items, how long they are kept, and the right to
refuse with what refusing means.

Change the text only together with VERSION: each person's accepted version is stored (PrivacyConsent), so the
record must keep saying what they agreed to.
"""

from django.utils.translation import gettext_lazy as _

VERSION = "2026-12-04"

PURPOSE = _(
    "To create and run your account; to let you take courses and join labeling projects; to check and pay for "
    "your work; to reset your password when you ask; and to stop password guessing against your account."
)
ITEMS = _(
    "User name, the name shown to others, your password (kept only as a one-way hash) and, if you give it, your "
    "email address. While you work: your labels, reviews of them, time spent, qualifications and earnings. The "
    "network address of failed log-ins and of password-reset requests, kept only while it counts against their "
    "limits (an hour at most)."
)
RETENTION = _(
    "Until you erase your account on your account page. Then your name, email address and password are removed "
    "at once. Pay records are kept for five years, as tax law requires, under a pseudonym; labels you made stay "
    "in published data sets, credited to the pseudonym."
)
REFUSAL = _(
    "You may refuse. Without this consent no account can be made, so you cannot take courses, join projects or be "
    "paid. The job board and the data catalog stay open to you without an account."
)


def sections() -> list[tuple[str, str]]:
    """The consent text as (heading, text) pairs, in the order the law lists them."""
    return [
        (_("Purpose"), PURPOSE),
        (_("Items kept"), ITEMS),
        (_("How long they are kept"), RETENTION),
        (_("Your right to refuse"), REFUSAL),
    ]
