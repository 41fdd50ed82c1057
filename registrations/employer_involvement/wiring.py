"""Connect employer involvement to the rest of the product: its scope paths, and the
registries its modules join (evidence, menu, demo). Called from RegistrationsConfig.ready()."""


def connect() -> None:
    from qmr import permissions
    from qmr.models import Centre, SubjectArea
    from registrations.employer_involvement import demo_data, evidence, worklists  # noqa: F401
    from registrations.employer_involvement.models import EmployerActivity, Participation
    from registrations.models import Programme

    permissions.register(EmployerActivity, {Programme: "programme",
                                            SubjectArea: "programme__subject_area",
                                            Centre: "programme__centre"})
    permissions.register(Participation, {Programme: "activity__programme",
                                         SubjectArea: "activity__programme__subject_area",
                                         Centre: "activity__programme__centre"})
    worklists.register_navigation()
