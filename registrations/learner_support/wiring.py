"""Connect learner support to the rest of the product: scope paths for permission checks and
the registries its modules join (evidence, demo). Called from RegistrationsConfig.ready()."""


def connect() -> None:
    from qmr import permissions
    from qmr.models import Centre, SubjectArea
    from registrations.learner_support import demo_data, evidence  # noqa: F401
    from registrations.learner_support.models import Induction, LearningPlan, TutorialReview
    from registrations.models import Programme

    for model in (Induction, LearningPlan, TutorialReview):
        permissions.register(model, {Programme: "learner__programme",
                                     SubjectArea: "learner__programme__subject_area",
                                     Centre: "learner__centre"})
