"""The roles people hold and the permissions each grants, as one readable table.

A permission is a codename that every scope model (centre, subject area, programme) declares,
so a role can be held on any of them; `qmr.permissions` resolves an object to its scopes.
"""

from django.db import models


class Role(models.TextChoices):
    HEAD_OF_CENTRE = "head_of_centre", "Head of Centre"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    QUALITY_NOMINEE = "quality_nominee", "Quality Nominee"
    EXAMS_OFFICER = "exams_officer", "Exams Officer"
    PROGRAMME_LEADER = "programme_leader", "Programme Leader"
    LEAD_IV = "lead_iv", "Lead Internal Verifier"
    INTERNAL_VERIFIER = "internal_verifier", "Internal Verifier"
    ASSESSOR = "assessor", "Assessor"
    LEARNER = "learner", "Learner"
    QUALITY_REVIEWER = "quality_reviewer", "Centre Quality Reviewer (external)"
    STANDARDS_VERIFIER = "standards_verifier", "Standards Verifier (external)"


class ScopeKind(models.TextChoices):
    CENTRE = "centre", "Centre"
    SUBJECT_AREA = "subject_area", "Subject area"
    PROGRAMME = "programme", "Programme"


# Where each role may be held. The first kind is the usual one.
ROLE_SCOPES: dict[str, tuple[str, ...]] = {
    Role.HEAD_OF_CENTRE: (ScopeKind.CENTRE,),
    Role.SENIOR_MANAGER: (ScopeKind.CENTRE,),
    Role.QUALITY_NOMINEE: (ScopeKind.CENTRE,),
    Role.EXAMS_OFFICER: (ScopeKind.CENTRE,),
    Role.PROGRAMME_LEADER: (ScopeKind.PROGRAMME,),
    Role.LEAD_IV: (ScopeKind.SUBJECT_AREA, ScopeKind.PROGRAMME),
    Role.INTERNAL_VERIFIER: (ScopeKind.PROGRAMME, ScopeKind.SUBJECT_AREA),
    Role.ASSESSOR: (ScopeKind.PROGRAMME, ScopeKind.SUBJECT_AREA),
    Role.LEARNER: (ScopeKind.CENTRE,),
    Role.QUALITY_REVIEWER: (ScopeKind.CENTRE,),
    Role.STANDARDS_VERIFIER: (ScopeKind.PROGRAMME,),
}

# External roles are always time-boxed: their appointment must carry an end date.
EXTERNAL_ROLES = frozenset({Role.QUALITY_REVIEWER, Role.STANDARDS_VERIFIER})

# --- Permission codenames --------------------------------------------------------------------
VIEW_CENTRE = "view_centre_home"
MANAGE_CENTRE = "manage_centre_settings"
VIEW_PEOPLE = "view_people"
MANAGE_PEOPLE = "manage_people"
VIEW_RECORDS = "view_learner_records"
MANAGE_REGISTRATIONS = "manage_registrations"
SIGN_CLASS_LIST = "sign_class_list"
SIGN_WITHDRAWAL_AS_NOMINEE = "sign_withdrawal_as_nominee"
SIGN_WITHDRAWAL_AS_EXAMS = "sign_withdrawal_as_exams_officer"
RECEIVE_ESCALATIONS = "receive_escalations"
ASSESS = "assess"
VERIFY = "verify"
LEAD_VERIFY = "lead_verify"
DECIDE_APPEALS = "decide_appeals"
AUTHORISE_SPECIAL_CONSIDERATION = "authorise_special_consideration"
MANAGE_POLICIES = "manage_policies"
PREPARE_REVIEW = "prepare_review"
SIGN_DECLARATION = "sign_declaration"
REVIEW_EVIDENCE = "review_evidence"
SAMPLE_WORK = "sample_work"
VIEW_OWN_RECORD = "view_own_record"
SIGN_OFF_POLICIES = "sign_off_policies"
VIEW_STAFF_RECORDS = "view_staff_records"
VIEW_QUALITY_RECORDS = "view_quality_records"
LEAD_PROGRAMME_REVIEW = "lead_programme_review"

SCOPE_PERMISSIONS: list[tuple[str, str]] = [
    (VIEW_CENTRE, "See the centre's home and settings"),
    (MANAGE_CENTRE, "Change the centre's settings, years, terms and sites"),
    (VIEW_PEOPLE, "See the centre's people and their appointments"),
    (MANAGE_PEOPLE, "Appoint people to roles and end appointments"),
    (VIEW_RECORDS, "Read learner, programme and assessment records"),
    (MANAGE_REGISTRATIONS, "Register learners, enter them and claim certificates"),
    (SIGN_CLASS_LIST, "Sign class lists and check registrations"),
    (SIGN_WITHDRAWAL_AS_NOMINEE, "Sign off a withdrawal as Quality Nominee"),
    (SIGN_WITHDRAWAL_AS_EXAMS, "Sign off a withdrawal as Exams Officer"),
    (RECEIVE_ESCALATIONS, "Receive and acknowledge escalations"),
    (ASSESS, "Record assessment decisions"),
    (VERIFY, "Internally verify briefs and assessment decisions"),
    (LEAD_VERIFY, "Lead internal verification: sign off plans, authorise resubmissions"),
    (DECIDE_APPEALS, "Decide appeals at the senior stage"),
    (AUTHORISE_SPECIAL_CONSIDERATION, "Authorise special consideration"),
    (MANAGE_POLICIES, "Keep the policy library"),
    (PREPARE_REVIEW, "Prepare the Centre Engagement Document and evidence pack"),
    (SIGN_DECLARATION, "Sign the centre's annual re-declaration"),
    (REVIEW_EVIDENCE, "Read the evidence pack and record judgements (external)"),
    (SAMPLE_WORK, "Read sampled learner work and its records (external)"),
    (VIEW_OWN_RECORD, "Read one's own learner record"),
    (SIGN_OFF_POLICIES, "Sign off a policy version as approved"),
    (VIEW_STAFF_RECORDS, "Read staff records: qualifications, induction, CPD"),
    (VIEW_QUALITY_RECORDS, "Read the centre's quality records: every team's meetings, actions"),
    (LEAD_PROGRAMME_REVIEW, "Lead programme review: sign off annual programme reviews"),
]

_CENTRE_STAFF = {VIEW_CENTRE, VIEW_PEOPLE, VIEW_RECORDS}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.HEAD_OF_CENTRE: frozenset(
        _CENTRE_STAFF
        | {MANAGE_CENTRE, MANAGE_PEOPLE, AUTHORISE_SPECIAL_CONSIDERATION, SIGN_DECLARATION,
           DECIDE_APPEALS, RECEIVE_ESCALATIONS, SIGN_OFF_POLICIES, VIEW_STAFF_RECORDS,
           VIEW_QUALITY_RECORDS}
    ),
    Role.SENIOR_MANAGER: frozenset(
        _CENTRE_STAFF
        | {DECIDE_APPEALS, VIEW_STAFF_RECORDS, VIEW_QUALITY_RECORDS, LEAD_PROGRAMME_REVIEW}
    ),
    Role.QUALITY_NOMINEE: frozenset(
        _CENTRE_STAFF
        | {MANAGE_CENTRE, MANAGE_PEOPLE, SIGN_WITHDRAWAL_AS_NOMINEE, MANAGE_POLICIES,
           PREPARE_REVIEW, VIEW_STAFF_RECORDS, VIEW_QUALITY_RECORDS}
    ),
    Role.EXAMS_OFFICER: frozenset(
        {VIEW_CENTRE, VIEW_PEOPLE, VIEW_RECORDS, MANAGE_REGISTRATIONS, SIGN_WITHDRAWAL_AS_EXAMS}
    ),
    Role.PROGRAMME_LEADER: frozenset(_CENTRE_STAFF | {SIGN_CLASS_LIST}),
    Role.LEAD_IV: frozenset(_CENTRE_STAFF | {VERIFY, LEAD_VERIFY}),
    Role.INTERNAL_VERIFIER: frozenset(_CENTRE_STAFF | {VERIFY}),
    Role.ASSESSOR: frozenset(_CENTRE_STAFF | {ASSESS}),
    Role.LEARNER: frozenset({VIEW_OWN_RECORD}),
    # Reads what the evidence pack links to (learner, assessment, staff and quality records,
    # the people and the chart) and changes nothing: every grant here is a read. Writes that
    # a read permission authorises refuse external roles (`permissions.require_staff`).
    Role.QUALITY_REVIEWER: frozenset(
        {VIEW_CENTRE, REVIEW_EVIDENCE, VIEW_PEOPLE, VIEW_RECORDS, VIEW_STAFF_RECORDS,
         VIEW_QUALITY_RECORDS}
    ),
    Role.STANDARDS_VERIFIER: frozenset({SAMPLE_WORK}),
}

# Who reads assessment records (decisions, feedback, tracking, IV records): the programme's
# verifiers and leader, the centre's senior roles, and the external Centre Quality Reviewer
# (REVIEW_EVIDENCE: the evidence pack links to them). The assignment's own assessor is added
# per record. The Exams Officer registers learners but does not read their assessment.
ASSESSMENT_READERS = (VERIFY, LEAD_VERIFY, SIGN_CLASS_LIST, PREPARE_REVIEW, DECIDE_APPEALS,
                      SIGN_DECLARATION, REVIEW_EVIDENCE)

# What every appointment grants on its centre whatever its scope, so a programme's assessor
# can open the centre's home and term dates. Learners and standards verifiers get nothing here.
CENTRE_BASELINE: dict[str, frozenset[str]] = {
    role: frozenset({VIEW_CENTRE})
    for role in Role
    if role not in (Role.LEARNER, Role.STANDARDS_VERIFIER)
}
