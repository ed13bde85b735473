"""factory_boy factories shared by every app's tests."""

from dataclasses import dataclass
from functools import cache

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from rapport.courses.models import Course, Membership, Role

PASSWORD = "correct-horse-battery"


@cache
def password_hash() -> str:
    """PASSWORD hashed once (with the tests' fast hasher): a person is saved in one INSERT,
    not an INSERT and an UPDATE."""
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True  # the hook writes the address, not the person

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    preferred_name = factory.Faker("first_name")
    full_name = factory.LazyAttribute(lambda o: f"{o.preferred_name} Example")
    timezone = "UTC"
    password = factory.LazyFunction(password_hash)

    @factory.post_generation
    def email_verified(user, create, extracted, **kwargs):
        """Like everyone whose address an institution or the operator gave
        (``email_addresses_mark_verified``), a made person signs in with their password or
        an emailed code and nothing more. A new person has no record yet, so one INSERT
        does. ``UserFactory(email_verified=False)`` makes someone with no record of their
        address, as an account from before verification was mandatory."""
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=user, email=user.email.lower(), verified=True, primary=True
            )


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    term = "Spring 2027"
    timezone = "America/Chicago"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    course = factory.SubFactory(CourseFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.LEARNER


@dataclass
class Cast:
    """Like healthchecks' Alice/Bob/Charlie: in one course an instructor, a TA, a learner and
    another learner; and an outsider who belongs to a different course."""

    course: object
    instructor: object
    ta: object
    learner: object
    other_learner: object
    outsider: object
    other_course: object
    password: str = PASSWORD

    def by_role(self, name: str):
        return None if name == "anonymous" else getattr(self, name)


def make_cast() -> Cast:
    course = CourseFactory(title="Environmental Science 101", slug="env-sci")
    other_course = CourseFactory(title="Poetry Workshop", slug="poetry")
    people = {}
    for name, role in [
        ("instructor", Role.INSTRUCTOR),
        ("ta", Role.TA),
        ("learner", Role.LEARNER),
        ("other_learner", Role.LEARNER),
    ]:
        people[name] = UserFactory(email=f"{name}@example.test", preferred_name=name.title())
        MembershipFactory(course=course, user=people[name], role=role)
    outsider = UserFactory(email="outsider@example.test", preferred_name="Outsider")
    MembershipFactory(course=other_course, user=outsider, role=Role.INSTRUCTOR)
    return Cast(course=course, outsider=outsider, other_course=other_course, **people)
