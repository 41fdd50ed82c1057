"""Every CSV the product offers for download is written here, so that no cell a person typed
(a learner's name, a reference) can run as a spreadsheet formula when the file is opened."""

import csv
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

# A spreadsheet reads a cell that starts with one of these as a formula (or, for tab and
# carriage return, may shift it into one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """The value as a cell: text that a spreadsheet would treat as a formula is prefixed with
    a single quote, which shows it as plain text. Numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable[Any]]
                 ) -> HttpResponse:
    """A CSV download: the header, then the rows, every cell through `cell`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([cell(v) for v in header])
    writer.writerows([[cell(v) for v in row] for row in rows])
    return response
