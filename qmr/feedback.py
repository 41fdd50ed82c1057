"""What a view tells the person after a workflow step."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from qmr.errors import DomainError


def attempt(request: HttpRequest, action: Callable[[], Any], done: str) -> bool:
    """Run a service; show its refusal as it is written, or `done`. True when it succeeded."""
    try:
        action()
    except DomainError as e:
        messages.error(request, str(e))
        return False
    messages.success(request, done)
    return True
