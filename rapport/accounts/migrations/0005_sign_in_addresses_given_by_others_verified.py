"""Email verification became mandatory by default. allauth then asks anyone whose sign-in
address has no verified record for an emailed code before letting them in, and someone with
no record at all who signs in by code for a second one.

The sign-up form always leaves a record, so people with none at all were made elsewhere:
by a class list import, a learning platform's launch or roster, ``createsuperuser``, the
admin or the demo — an address an institution or the operator gave. Those are recorded as
verified and primary, as such people are from now on. People who signed up themselves and
never confirmed their address keep their unverified record: at their next sign-in with a
password Rapport emails them a code, asked once; signing in by code confirms it with that
code. Stand-in addresses (``.invalid``, which reach nobody) get no record, nor does an
address another account has already verified (verified addresses are unique)."""

from django.db import migrations
from django.db.models import Exists, OuterRef

AT_ONCE = 500


def record_given_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    without_record = (
        User.objects.filter(~Exists(EmailAddress.objects.filter(user_id=OuterRef("pk"))))
        .exclude(email="")
        .exclude(email__iendswith=".invalid")
        .order_by("pk")
        .values_list("pk", "email")
    )
    people = list(without_record)
    for start in range(0, len(people), AT_ONCE):
        chunk = {pk: email.lower() for pk, email in people[start : start + AT_ONCE]}
        verified_elsewhere = set(
            EmailAddress.objects.filter(email__in=chunk.values(), verified=True).values_list(
                "email", flat=True
            )
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=pk, email=email, verified=True, primary=True)
            for pk, email in chunk.items()
            if email not in verified_elsewhere
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_timezone_chosen"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(record_given_addresses, migrations.RunPython.noop)]
