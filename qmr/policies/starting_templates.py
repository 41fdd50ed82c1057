"""The starting texts the product ships for each policy, in its own words. The BTEC ones cover
what the awarding body's guide to policies asks each to contain (seed 001), with the figures
of the school policy in seed 002; a centre adopts one as its first draft and makes it its own.
`{centre}` is replaced by the centre's name on adoption."""

from dataclasses import dataclass

from qmr.policies.models import PolicyKind
from qmr.roles import Role

STAFF = [Role.HEAD_OF_CENTRE, Role.SENIOR_MANAGER, Role.QUALITY_NOMINEE, Role.EXAMS_OFFICER,
         Role.PROGRAMME_LEADER, Role.LEAD_IV, Role.INTERNAL_VERIFIER, Role.ASSESSOR]
TEACHING = [Role.PROGRAMME_LEADER, Role.LEAD_IV, Role.INTERNAL_VERIFIER, Role.ASSESSOR]


@dataclass(frozen=True)
class StartingTemplate:
    kind: str
    title: str
    audience: list[str]
    body: str
    outline: bool = False  # a centre-wide outline rather than a BTEC exemplar

    def text_for(self, centre_name: str) -> str:
        return self.body.replace("{centre}", centre_name)


_REVIEW = """
## Review of this policy
The Quality Nominee reviews this policy every year, and sooner when the awarding body changes
its rules. Each review is a new version with a summary of what changed, signed off by the Head
of Centre; earlier versions stay on record.
"""

REGISTRATION = """## Purpose
{centre} registers every learner on the right programme on time, enters them for external
assessment by the published deadlines, and claims their certificates on time, keeping a record
that links each registration, entry and claim to the certificate issued.

## What we do
- Register each learner on the correct programme code at the start of teaching and **before any
  of their work is assessed**.
- Register learners on programmes that run over an academic year **by the end of November**;
  learners on other programmes **within one month of enrolment**. A learner who joins late is
  registered **within two weeks** of joining.
- The Programme Leader signs the class list as accurate; the Exams Officer registers; the
  Programme Leader checks the awarding body's list and confirms it or asks for corrections.
- Tell every learner their registration number and registration status.
- Tell the awarding body about withdrawals, transfers and changes of details. A withdrawal is
  agreed with and signed off by both the Quality Nominee and the Exams Officer.
- Keep each learner's estimated completion date accurate.
- Make internal and external assessment entries accurately and before the deadline; the
  Programme Leader requests and then checks each entry.
- Claim certificates for academic-year programmes **by the end of July**, otherwise **within one
  month of completion**. A claim rests only on internally verified assessment records, and the
  Exams Officer submits it with a second person. Learners who leave early are claimed unit
  certificates.
- Check certificates against our records **within three days** of receiving them and report any
  difference before issuing them.
- Report an inaccurate, early, late or fraudulent registration or claim to the Head of Centre
  **within two working days**; it is handled as malpractice.
- Keep all records securely for **three years after certification**.

## Procedures
Registration, transfer, withdrawal, assessment entries, unit certification and full
certification, each with who does what and the key dates of the year.
"""

ASSESSMENT = """## Purpose
{centre} assesses learners fairly, validly and reliably, to national standards, free from bias,
and records every assessment decision accurately.

## What we do
- Publish an assessment plan for each programme at the start of the year, with hand-out dates,
  deadlines, assessors and internal verifiers; the Lead Internal Verifier signs it off.
- Issue only assignment briefs that an internal verifier has checked as fit for purpose.
- Judge learners' work only against the published assessment criteria, and never cap a grade
  because work was handed in late.
- Ask each learner to sign and date a declaration that the work is their own.
- Record each decision criterion by criterion, with feedback, and confirm the work is
  authentic.
- Keep assessment and internal verification records securely for three years after
  certification.

## Resubmission
- The Lead Internal Verifier may authorise **one resubmission** of an assignment, and only when
  the learner met the deadline (or an agreed extension), the assessor judges that the learner
  can improve without further guidance, and the work was authenticated.
- The resubmission deadline is **no more than ten term-time working days** after the learner
  received the result, in the same academic year.
- Retakes follow the qualification's own rules.

## Procedures
Assessment plans, assignment design and briefs, submission, resubmission and retakes, and
tracking each learner's achievement.
"""

INTERNAL_VERIFICATION = """## Purpose
{centre} makes sure internal verification is valid, reliable, open and fair, covers every
assessor and all programme activity, and is recorded accurately.

## What we do
- Appoint a Lead Internal Verifier for each principal subject area, registered with the awarding
  body **every year** and standardised with the programme team.
- Brief and train staff on current internal verification requirements, and treat verification
  as a developmental conversation between colleagues.
- Verify every assignment brief as fit for purpose before it is issued.
- Keep a yearly internal verification plan linked to the assessment plan, sampling work from
  every programme, unit, assessment criterion, assignment, site and assessor.
- Never let a verifier verify their own assessment decisions.
- Record each verification with its outcome, feedback to the assessor and any remedial action,
  and follow each action to closure.
- Use what verification finds to improve future assessment, and act on standards verification
  reports.

## Procedures
Lead IV registration, standardisation, the IV plan, staff briefing, IV of briefs, IV of
assessment decisions, keeping IV records, and standards verification.
"""

APPEALS = """## Purpose
A learner at {centre} may question or appeal any assessment decision. We try to settle it with
the assessor first, record every appeal so that it is handled openly and fairly, and protect
both the learner and the integrity of the qualification.

## What we do
- Explain this policy to every learner at induction.
- Record, track and check every appeal at each stage.
- Keep appeal records for **at least 18 months**.
- Where an outcome casts doubt on other learners' results, act to protect them and the
  qualification.
- Review appeals every year for patterns that show where assessment can improve.

## Stages and time limits
Each stage is completed within its limit, counted in working days from the day the stage
starts:

| Stage | Who hears it | Time limit |
| --- | --- | --- |
| 1 | The assessor and the learner | 5 working days |
| 2 | The internal verifier | 5 working days |
| 3 | Senior management | 5 working days |
| 4 | The awarding body | 14 working days |

If the learner is still dissatisfied once the internal stages are exhausted, the Head of Centre
sends the appeal to the awarding body.

## Roles
Assessors hear stage 1, internal verifiers stage 2, a senior manager stage 3; the Quality
Nominee keeps the appeals log and the Head of Centre submits external appeals.
"""

MALPRACTICE = """## Purpose
{centre} works to prevent malpractice by learners and staff, responds to every allegation
promptly and objectively, records each investigation fully, and reports to the awarding body.

## What we do
- Encourage learners and staff to report any concern about wrongdoing by anyone.
- Explain at induction and in the learner handbook what malpractice is and what follows from it.
- Teach learners to reference their sources, and require them to declare their work their own.
- Tell learners whether they may use **artificial intelligence (AI) tools** and, where they may,
  require them to acknowledge each use and keep a copy of their exchanges with the tool.
- Tell the person concerned of the allegation at the earliest opportunity, let them respond,
  and tell them how to appeal against the outcome.
- Document every stage of an investigation, supported by the Head of Centre.
- Report alleged, suspected and proven malpractice to the awarding body, which decides its own
  sanctions; the centre records any sanction it applies.

## Examples of learner malpractice
Plagiarism of any kind, **including misuse of AI tools**; collusion; copying; destroying
another's work; fabricating results or evidence; a false declaration of authenticity;
impersonation.

## Examples of staff malpractice
Improper help to learners; inventing or changing marks without evidence; failing to keep work
secure; producing false witness statements; accepting work known not to be the learner's own;
not providing approved reasonable adjustments; falsifying records or certificates; claiming
certificates before a learner has met every requirement.
"""

SPECIAL_CONSIDERATION = """## Purpose
{centre} makes reasonable adjustments so that disabled learners are not put at a substantial
disadvantage, applies for special consideration when illness, injury or other circumstances
affect an assessment, and makes sure no learner is unfairly advantaged or disadvantaged.

## Reasonable adjustments
- An adjustment reflects the learner's normal way of working and never changes the standard
  being assessed.
- Each request is considered case by case, with evidence of need kept securely.
- The learner is told when an application has been made.
- Adjustments to internal assessment are recorded and available to the awarding body; those for
  external assessment are applied for by the published deadlines.

## Special consideration
- Applied for at the time of the assessment, within the awarding body's deadlines, only where
  the circumstances had a material effect on the learner's performance.
- Made case by case, with the supporting evidence, on the awarding body's form.
- **Every application is authorised by the Head of Centre**, and the learner is informed.
"""

COLLABORATIVE = """## Purpose
Where {centre} delivers a qualification with another provider, the arrangement is approved
before it starts and its assessment and internal verification meet the awarding body's
requirements.

## What we do
- Obtain the awarding body's approval of the arrangement before recruiting or teaching.
- Make sure every provider holds approval for the qualification first.
- Name a lead centre that co-ordinates quality assurance for each qualification.
- Register a Lead Internal Verifier every year for each qualification, standardised with all
  assessors and verifiers in the arrangement.
- Register and claim under the right consortium programme code or sub-site.
- Keep access to every quality assurance, progress and achievement record of our learners.
- Take part in review, standards verification and the yearly quality declaration, and tell the
  awarding body of any change to the arrangement.
"""

DISTANCE_LEARNING = """## Purpose
When learners at {centre} learn or are assessed remotely, delivery meets the awarding body's
guidance and assessment stays valid and fair.

## What we do
- Timetable staff to support learners while they work remotely.
- Set assignments and deadlines in face-to-face sessions, and give clear, timely feedback.
- Check that work submitted remotely is authentic and the learner's own.
- Apply the same submission, resubmission and retake rules as for learners on site.
- Store assessment and internal verification records securely.
- Train staff in remote delivery and assessment.
"""

EMPLOYER_INVOLVEMENT = """## Purpose
{centre} gives every learner meaningful activities with employers that serve their programme.

## What we do
- Plan employer activities for each programme and year, agreeing milestones with employers.
- Record each learner's participation accurately.
- Internally verify a sample of activities.
- Keep the records for three years after certification.
- Review employer involvement every year so that activities stay meaningful.
- Follow the health and safety policy for every activity with an employer.
"""

_OUTLINE = """## Purpose
Why {centre} has this policy and what it aims to achieve.

## Scope
Who and what the policy covers.

## Responsibilities
Who does what, by role.

## Procedure
The steps the centre follows, with any time limits.
"""

TEMPLATES: dict[str, StartingTemplate] = {
    t.kind: t for t in [
        StartingTemplate(PolicyKind.REGISTRATION, "Registration, entry and certification policy",
                         STAFF, REGISTRATION + _REVIEW),
        StartingTemplate(PolicyKind.ASSESSMENT, "Assessment policy",
                         [*STAFF, Role.LEARNER], ASSESSMENT + _REVIEW),
        StartingTemplate(PolicyKind.INTERNAL_VERIFICATION, "Internal verification policy",
                         [Role.QUALITY_NOMINEE, *TEACHING], INTERNAL_VERIFICATION + _REVIEW),
        StartingTemplate(PolicyKind.APPEALS, "Appeals policy",
                         [*STAFF, Role.LEARNER], APPEALS + _REVIEW),
        StartingTemplate(PolicyKind.MALPRACTICE, "Assessment malpractice policy",
                         [*STAFF, Role.LEARNER], MALPRACTICE + _REVIEW),
        StartingTemplate(PolicyKind.SPECIAL_CONSIDERATION,
                         "Special consideration and reasonable adjustment policy",
                         STAFF, SPECIAL_CONSIDERATION + _REVIEW),
        StartingTemplate(PolicyKind.COLLABORATIVE, "Collaborative arrangements policy",
                         STAFF, COLLABORATIVE + _REVIEW),
        StartingTemplate(PolicyKind.DISTANCE_LEARNING, "Distance and blended learning policy",
                         TEACHING, DISTANCE_LEARNING + _REVIEW),
        StartingTemplate(PolicyKind.EMPLOYER_INVOLVEMENT, "Employer involvement policy",
                         [Role.QUALITY_NOMINEE, *TEACHING], EMPLOYER_INVOLVEMENT + _REVIEW),
    ]
}
for _kind in PolicyKind:
    TEMPLATES.setdefault(_kind.value, StartingTemplate(
        _kind.value, f"{_kind.label} policy", STAFF, _OUTLINE + _REVIEW, outline=True))


def template_for(kind: str) -> StartingTemplate | None:
    return TEMPLATES.get(kind)
