import getpass
import secrets
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from timeline.roles import EDITORS, ensure_editors_group


class Command(BaseCommand):
    help = (
        "Create a user in the editors group, or add an existing user to it. The password is "
        "asked for (when run in a terminal), read from stdin (--password-from-stdin) or "
        "generated and printed (--generate). An existing user keeps their password unless "
        "one of these is given."
    )
    stealth_options = ("stdin",)  # tests pass a file for standard input

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="E-mail address for a new user.")
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--password-from-stdin",
            action="store_true",
            help="Read the password from the first line of standard input.",
        )
        source.add_argument(
            "--generate", action="store_true", help="Generate a password and print it once."
        )

    def handle(self, username, *, email="", password_from_stdin=False, generate=False, **options):
        stdin = options.get("stdin") or sys.stdin
        User = get_user_model()
        existing = User.objects.filter(username=username).first()
        password = None
        if generate:
            password = secrets.token_urlsafe(15)
        elif password_from_stdin:
            password = stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("No password on standard input.")
        elif stdin.isatty():
            password = self._ask(existing)
        elif existing is None:
            raise CommandError(
                "A new editor needs a password: run this in a terminal to type it, or use "
                "--password-from-stdin or --generate."
            )
        if password is not None and not generate:
            try:
                validate_password(password, existing or User(username=username, email=email))
            except ValidationError as error:
                raise CommandError("Password refused: " + " ".join(error.messages)) from error

        with transaction.atomic():
            ensure_editors_group()
            user = existing or User(username=username, email=email)
            if password is not None:
                user.set_password(password)
            user.is_active = True
            user.is_staff = True  # articles' title, outlet and date are corrected in the admin
            user.save()
            user.groups.add(Group.objects.get(name=EDITORS))

        done = "Updated" if existing else "Created"
        self.stdout.write(self.style.SUCCESS(f"{done} editor “{username}”."))
        if generate:
            self.stdout.write(f"Password: {password}")
            self.stdout.write("It is shown only this once.")

    def _ask(self, existing) -> str | None:
        prompt = "Password" + (" (empty keeps the current one)" if existing else "") + ": "
        password = getpass.getpass(prompt)
        if not password and existing:
            return None
        if password != getpass.getpass("Password again: "):
            raise CommandError("The two passwords differ. Nothing changed.")
        if not password:
            raise CommandError("An empty password is not allowed.")
        return password
