from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "datadam.accounts"
    label = "accounts"
