from django.core.management.base import BaseCommand

from datadam.demo.loader import demo_load, demo_logins


class Command(BaseCommand):
    help = "Load the demo programme (idempotent): an organization, a Korean sentiment project, people."

    def handle(self, *args, **options) -> None:
        project = demo_load()
        self.stdout.write(f"Demo project: {project.name} ({project.items.count()} items)")
        for username, password, role in demo_logins():
            self.stdout.write(f"  {role:9} {username} / {password}")
