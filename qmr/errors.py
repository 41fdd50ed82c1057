"""Domain errors: raised by services, shown to the person as they are written."""


class DomainError(Exception):
    """A rule refused the step. The message says, in plain words, what to do instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class TransitionNotAllowed(DomainError):
    """The record is not in a state that allows this step."""
