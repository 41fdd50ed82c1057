"""Dates as management information systems export them."""

from datetime import date, datetime

FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def parse_date(value: str) -> date | None:
    value = value.strip()
    for fmt in FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None
