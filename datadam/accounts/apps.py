from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "datadam.accounts"
    label = "accounts"

    def ready(self) -> None:
        from datadam.accounts.access import staff_filter
        from datadam.audit.readers import readable_organizations_register

        readable_organizations_register(staff_filter)
