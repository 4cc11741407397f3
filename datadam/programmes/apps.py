from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "datadam.programmes"
    label = "programmes"

    def ready(self) -> None:
        from datadam.careers.oversight import overseen_organizations_register
        from datadam.programmes.selectors import organizations_operated_by

        overseen_organizations_register(organizations_operated_by)
