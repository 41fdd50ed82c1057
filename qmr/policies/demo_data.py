"""The policy library's part of the demo: the BTEC policies and three centre-wide ones
approved and read; the internal verification policy past its review date; a new version of
the assessment policy that two teachers have not read yet."""

from datetime import timedelta

from qmr.demo import DemoContext, register
from qmr.models import User
from qmr.policies import services
from qmr.policies.models import BTEC_KINDS, Policy, PolicyKind

CENTRE_WIDE = (PolicyKind.EQUALITY, PolicyKind.SAFEGUARDING, PolicyKind.HEALTH_SAFETY)
COMMITTEE = "Governors' curriculum and standards committee"
UNREAD = {"r.ng@brookfield.example", "g.lowther@brookfield.example"}


def _approve(version, nominee: User, head: User, approved_on, summary: str):
    services.edit_draft(actor=nominee, version=version, approving_committee=COMMITTEE,
                        change_summary=summary)
    services.submit_for_sign_off(actor=nominee, version=version)
    return services.approve_version(actor=head, version=version, approved_on=approved_on)


def _read(version, skip: set[str] = frozenset()) -> None:
    for person, _ in services.audience_people(version).values():
        if person.email not in skip:
            services.confirm_read(actor=person, version=version)


@register(order=50)
def load_policies(ctx: DemoContext) -> None:
    centre = ctx.centres["main"]
    if Policy.objects.filter(centre=centre).exists():
        return
    nominee = User.objects.get(email="quality@brookfield.example")
    head = User.objects.get(email="head@brookfield.example")
    for kind in (*BTEC_KINDS, *CENTRE_WIDE):
        version = services.adopt_template(actor=nominee, centre=centre, kind=kind)
        stale = kind == PolicyKind.INTERNAL_VERIFICATION
        approved_on = ctx.today - timedelta(days=400 if stale else 70)
        _read(_approve(version, nominee, head, approved_on,
                       "First version, from the product's starting template."))
    assessment = Policy.objects.get(centre=centre, kind=PolicyKind.ASSESSMENT)
    draft = services.start_new_version(actor=nominee, policy=assessment)
    services.edit_draft(actor=nominee, version=draft, body=draft.body + (
        "\n## Use of AI tools\nLearners say in their declaration which AI tools they used and "
        "how; work that passes off AI output as the learner's own is malpractice.\n"))
    _read(_approve(draft, nominee, head, ctx.today - timedelta(days=6),
                   "Adds the rule on declaring AI tools."), skip=UNREAD)
