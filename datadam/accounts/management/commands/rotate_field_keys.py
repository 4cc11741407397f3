from django.core.management.base import BaseCommand

from datadam.accounts.profile import payout_details_rotate


class Command(BaseCommand):
    help = "Encrypt every stored payout account number again with the first key of DATADAM_FIELD_KEY."

    def handle(self, *args, **options) -> None:
        count = payout_details_rotate()
        self.stdout.write(f"Re-encrypted {count} payout account numbers with the first key.")
