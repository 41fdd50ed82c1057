"""factory_boy factories for records. Roles are never set here: personas get them through
`qmr.services.appoint`, the same path the product uses."""

import factory

from qmr.models import Centre, SubjectArea, User
from registrations.models import Learner, Programme


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    number = factory.Sequence(lambda n: f"{60000 + n}")
    name = factory.Sequence(lambda n: f"Test Centre {n}")


class SubjectAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubjectArea

    centre = factory.SubFactory(CentreFactory)
    code = factory.Sequence(lambda n: f"{n % 15 + 1}.{n // 15 + 1}")
    name = factory.Sequence(lambda n: f"Subject area {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    centre = factory.SubFactory(CentreFactory)
    subject_area = factory.SubFactory(
        SubjectAreaFactory, centre=factory.SelfAttribute("..centre")
    )
    code = factory.Sequence(lambda n: f"P{n:05d}")
    title = factory.Sequence(lambda n: f"BTEC Level 3 Programme {n}")
    level = "3"


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learner

    programme = factory.SubFactory(ProgrammeFactory)
    centre = factory.SelfAttribute("programme.centre")
    centre_ref = factory.Sequence(lambda n: f"L{n:06d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=16, maximum_age=19)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    full_name = factory.Faker("name")
    password = factory.django.Password("pw-for-tests")
