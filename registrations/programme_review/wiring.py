"""Connect programme review to the rest of the product: its scope paths, and the registries
its modules join (evidence, home page, menu, demo). Called from RegistrationsConfig.ready()."""


def connect() -> None:
    from qmr import permissions
    from qmr.models import Centre, SubjectArea
    from registrations.models import Programme
    from registrations.programme_review import demo_data, evidence, worklists  # noqa: F401
    from registrations.programme_review.models import ProgrammeReview

    permissions.register(ProgrammeReview, {Programme: "programme",
                                           SubjectArea: "programme__subject_area",
                                           Centre: "programme__centre"})
    worklists.register_navigation()

    from django.db.models import Q

    from qmr.meetings.actions import register_reader
    from registrations.selectors import _readable

    # Whoever reads a programme review reads the actions of its plan.
    register_reader(lambda user: Q(programme_reviews__programme__in=_readable(
        user, Programme.objects.all())))
