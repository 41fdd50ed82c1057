"""The awarding body's current quality assurance (2019/20 onwards): an Annual Quality
Declaration instead of the Centre Engagement Document and visit, identified and standardised
Lead IVs, a centre check-in and standards verification before certificates are released. The
objectives and measures the records are judged against stay those of 2016-17, so every
evidence provider serves both versions; only the cycle differs (see `qmr.review.cycles`)."""

from qmr.framework import content_2016_17
from qmr.framework.spec import VersionSpec

VERSION = VersionSpec(
    slug="btec-qa-2019",
    name="BTEC quality assurance 2019-20 onwards",
    first_year=2019,
    last_year=None,
    status="published",
    notes="The annual cycle changed: an Annual Quality Declaration (1 September to 14 "
          "October) signed off by the Head of Centre, Lead IVs identified and standardised, a "
          "centre check-in, and standards verification before certificates are released. The "
          "objectives and measures are those of 2016-17.",
    objectives=content_2016_17.VERSION.objectives,
)
