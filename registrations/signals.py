"""Extension points other apps listen to (the appeals app opens a malpractice case)."""

from django.dispatch import Signal

# Sent with `flag` when a registration is flagged as inaccurate, early, late or fraudulent.
registration_flagged = Signal()
