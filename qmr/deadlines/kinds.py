"""Every kind of deadline the awarding body's rules name, with its label in words. Each must
have a source registered (`registry.register`); `checks.py` fails start-up when one has not."""

REQUIRED: dict[str, str] = {
    # registrations
    "registrations.registration": "Learner registration",
    "registrations.external_entry": "External assessment entry",
    "registrations.claim": "Certification claim",
    "registrations.certificate_check": "Certificate check",
    "registrations.awarding_body_date": "Awarding body date",
    "registrations.flag": "Flag to acknowledge",
    # assessment
    "assessment.assignment": "Assignment deadline",
    "assessment.resubmission": "Resubmission deadline",
    # verification
    "verification.brief": "Brief to verify before hand-out",
    "verification.sample": "Internal verification sample",
    "verification.remedial_action": "Remedial action",
    "verification.lead_iv_registration": "Lead IV annual registration",
    "verification.standards_window": "Standards verification sample",
    # appeals
    "appeals.appeal_stage": "Appeal stage",
    "appeals.malpractice": "Malpractice escalation",
    "appeals.special_consideration": "Special consideration",
    # the centre's quality records and the annual review
    "policies.review": "Policy review",
    "review.visit": "Quality review visit",
    "review.engagement_document": "Centre Engagement Document",
    "review.report": "Reviewer's report",
    "review.essential_action": "Essential Action",
    "retention.disposal": "Records due for disposal",
}
