from django.core.management.base import BaseCommand
from django.db import transaction

from qmr import demo


class Command(BaseCommand):
    help = "Load the invented demo centre (safe to run again: it adds nothing twice)."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            ctx = demo.load()
        self.stdout.write(self.style.SUCCESS("Demo centre ready: Brookfield Community College."))
        self.stdout.write(f"Every demo login uses the password: {demo.DEMO_PASSWORD}")
        width = max(len(what) for what, _ in ctx.logins)
        for what, email in ctx.logins:
            self.stdout.write(f"  {what.ljust(width)}  {email}")
