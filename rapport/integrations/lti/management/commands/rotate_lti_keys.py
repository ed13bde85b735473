from datetime import timedelta

from django.core.management.base import BaseCommand

from rapport.integrations.lti.keys import PREVIOUS_KEY_KEPT_FOR, keys_rotate


class Command(BaseCommand):
    help = (
        "Make a new LTI signing key. The keys it replaces stay in /lti/jwks.json for "
        "--keep-previous-hours (default 24) so tokens they signed still validate; keys "
        "replaced longer ago than that are taken out."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-previous-hours",
            type=int,
            default=int(PREVIOUS_KEY_KEPT_FOR.total_seconds() // 3600),
        )

    def handle(self, *args, keep_previous_hours: int, **options):
        key, retired = keys_rotate(keep_previous_for=timedelta(hours=keep_previous_hours))
        self.stdout.write(f"New signing key {key}. Keys taken out of the JWKS: {retired}.")
