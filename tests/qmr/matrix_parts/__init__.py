"""Rows of the permission matrix for the parts built on the core (policies, staff records,
meetings, programme review...). Each module here defines

    ROWS: the same shape as `test_permission_matrix.ROWS`
    build(target, world, side): make the objects its rows point at on `target`

and is found by name, so adding a part never edits the matrix itself."""

import pkgutil
from importlib import import_module
from types import ModuleType


def parts() -> list[ModuleType]:
    return [import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)]
