from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "datadam.accounts"
    label = "accounts"

    def ready(self) -> None:
        from datadam.accounts.selectors import staff_organization_ids
        from datadam.audit.readers import readable_organizations_register

        readable_organizations_register(staff_organization_ids)
