"""The quality framework's pages: read by centre staff and the external reviewer (anyone
holding VIEW_CENTRE), never by learners or the standards verifier. The framework is shared by
every centre; the evidence beside it is a centre's, so the version page names the centre and
another centre's is 404."""

from typing import Any

from qmr.framework.models import FrameworkVersion
from tests.qmr.matrix_support import STAFF, everywhere, expect

ROWS = {
    "framework:version-list": (None, "get", None,
                               everywhere(dict.fromkeys(STAFF | {"outsider"}, 200))),
    "framework:version-detail": (
        lambda t: {"pk": t.framework_version.pk, "centre_id": t.centre.pk}, "get", None,
        expect(STAFF)),
}


def build(target: Any, world: Any, side: str) -> None:
    """Both sides read the shipped version; what differs is the centre in the URL."""
    target.framework_version = FrameworkVersion.objects.get(slug="qmr-2016-17")
