"""What a view answers after a workflow step: the message, or a stored file."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest

from qmr.errors import DomainError
from qmr.forms import describe_errors


def attempt(request: HttpRequest, action: Callable[[], Any], done: str) -> bool:
    """Run a service; show its refusal as it is written, or `done`. True when it succeeded."""
    try:
        action()
    except DomainError as e:
        messages.error(request, str(e))
        return False
    messages.success(request, done)
    return True


def attempt_form(request: HttpRequest, form: Any, action: Callable[[dict], Any],
                 done: str) -> bool:
    """For a posted form: say what is wrong with it, or run `action(cleaned_data)` through
    `attempt`. True when the step succeeded."""
    if not form.is_valid():
        messages.error(request, describe_errors(form))
        return False
    return attempt(request, lambda: action(form.cleaned_data), done)


def download(file: Any, filename: str = "") -> FileResponse:
    """A stored file as an attachment, under `filename` or the last part of its name."""
    return FileResponse(file.open("rb"), as_attachment=True,
                        filename=filename or file.name.rsplit("/", 1)[-1])
