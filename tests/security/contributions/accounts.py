"""The accounts app's part of the isolation tests: the password-reset pages are for people who cannot log in.

The reset link's path holds an encoded account id and a signed token; a made-up pair shows only "this link does
not work", so the test fills in a pair that names nobody.
"""

PUBLIC_ROUTES = {
    "accounts/password/reset/": "asking for a reset mail; the answer is the same whether an account has the address",
    "accounts/password/reset/sent/": "says a mail may be on its way",
    "accounts/password/reset/<uidb64>/<token>/": "a mailed reset link; without a valid signed token it says so",
    "accounts/password/reset/done/": "says the new password is set",
}
NOT_ID_PARAMS = {"uidb64", "token"}


def objects_of_a(cast, a) -> None:
    a.ids |= {"uidb64": "bm9ib2R5", "token": "made-up-token"}
