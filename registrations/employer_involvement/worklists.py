"""Employer involvement in the menu."""

from qmr import navigation
from qmr.roles import MANAGE_REGISTRATIONS, VIEW_RECORDS


def register_navigation() -> None:
    navigation.register("Employer involvement", "registrations:employer-list",
                        navigation.holding(VIEW_RECORDS, MANAGE_REGISTRATIONS))
