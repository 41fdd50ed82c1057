"""The 2016-17 quality framework: ten quality objectives and their fifty measures, each with a
short title, a summary and the kinds of evidence a reviewer may ask for, in the product's own
words. Loaded into the database at every migrate (see `loading.py`); the codes are the ones
evidence providers name."""

from qmr.framework.spec import ObjectiveSpec, VersionSpec, m

QO1 = ObjectiveSpec(
    "QO.1", "Centre management systems",
    "The centre's organisation is clearly set out and meets the awarding body's approval "
    "conditions. Its systems, procedures and resources for running, staffing, teaching and "
    "assessing BTEC programmes fit what the centre runs today, are reviewed and brought up to "
    "date, are known to every member of staff and every learner, work in every part of the "
    "organisation, and are run by enough qualified people.",
    (
        m("QO.1.1", "Key quality systems", """
          The centre names the quality systems it relies on and backs each with a policy and
          procedure reviewed every year, in proportion to its size and the qualifications it
          offers. Senior managers support them and programme teams carry them out; job
          descriptions and an organisation chart show who does what. No BTEC programme is
          delivered outside the UK without the awarding body's separate approval.""",
          "Centre policies and procedures", "The centre's quality and improvement policy",
          "Master copies of key documents", "Centre and qualification approval records",
          "Job descriptions and the organisation chart"),
        m("QO.1.2", "Policies for the whole centre", """
          Dated policies and procedures, reviewed on a plan, cover equality and diversity,
          safeguarding, and health and safety; consortium, collaborative and distance-learning
          arrangements, recorded with the awarding body; special consideration and reasonable
          adjustments; recognition of prior learning and how it feeds into assessment; how the
          centre runs each level of BTEC it offers; and how the centre and each learner work
          with employers.""",
          "Centre policies and procedures", "The policy review plan with its dates",
          "Records of collaborative arrangements", "Employer engagement policy and procedures"),
        m("QO.1.3", "Qualified staff with time, induction and CPD", """
          Staff who teach and assess are qualified and vocationally competent for the level
          they deliver, chosen through fair recruitment, given enough time for every part of
          their role, inducted into BTEC delivery at that level, and given continuing
          professional development each year that the centre monitors. Anyone from outside who
          helps with assessment, for example on a work placement, is briefed on the programme
          and its standards.""",
          "Recruitment and selection procedures", "Staff CVs and qualifications",
          "Induction records", "CPD plans and records", "Training needs analysis",
          "Staff timetables"),
        m("QO.1.4", "Physical resources", """
          Rooms, equipment and materials are safe, suit the curriculum and the number of
          learners, and are planned ahead as numbers grow. They are enough to run every
          internal and external assessment, and every learner can use them fairly, whatever
          their ability or disability, under published access arrangements.""",
          "Resource plans checked against each unit's essential resources",
          "Programme specifications", "Published access arrangements",
          "Assessment policy and procedures"),
        m("QO.1.5", "Communication and briefing", """
          The centre passes the awarding body's guidance and updates to the staff, learners
          and others who need them, and briefs and trains staff when requirements change, so
          that everyone is told correctly about what matters in their BTEC programmes. The
          Quality Nominee and the Lead Internal Verifiers lead this.""",
          "Records of staff briefings", "Staff meeting minutes",
          "Updates passed on by the Quality Nominee and Lead IVs"),
    ),
)

QO2 = ObjectiveSpec(
    "QO.2", "Centre roles and team working",
    "The roles the framework needs are named and filled with suitable people, so that the "
    "centre is well managed, learners' records are administered accurately, teaching is "
    "effective, and assessment is valid and verified consistently.",
    (
        m("QO.2.1", "A Quality Nominee", """
          The centre appoints a Quality Nominee as its main contact with the awarding body on
          quality across every BTEC level. They keep up with regulatory requirements, keep the
          centre's contact details current and pass on what they receive to the staff who need
          it.""",
          "The Quality Nominee's appointment and what the role covers",
          "Current contact details held with the awarding body",
          "Role descriptions of programme leaders and Lead IVs"),
        m("QO.2.2", "Staff kept up to date on quality", """
          Teachers decide much of a BTEC programme's delivery and write its assignments, so
          they are told promptly about quality requirements and changes to what they teach,
          for example at meetings where BTEC staff from different programmes share practice.""",
          "Team meeting minutes", "Briefings and updates circulated",
          "What staff say when asked"),
        m("QO.2.3", "A programme leader and team", """
          Each programme has a leader and a team who share the work of enrolling and
          registering learners, tracking and recording achievement, running any external or
          controlled assessment, and claiming and handing out certificates safely. The leader
          or Lead IV runs the programme day to day and works with the Quality Nominee on
          quality, standards verification and any issue that arises.""",
          "Programme files", "Assessment records", "Standards verification reports"),
        m("QO.2.4", "Senior oversight, delegated authority", """
          Senior managers oversee quality while programme teams are trusted to plan their
          delivery and assessment and to look after its quality at every site. The
          organisation chart shows who is responsible for quality at centre and at programme
          level.""",
          "Organisation chart naming people and roles", "Senior team meeting records"),
        m("QO.2.5", "Formal team meetings", """
          Programme teams have time set aside for regular, formal meetings about delivery,
          assessment and verification. Learner progress, review and standards verification
          outcomes and quality issues are on the agenda; decisions are minuted and actions
          followed up; part-time staff are encouraged to come; standardisation meetings are
          held as the qualifications require.""",
          "Meeting schedule", "Agendas and minutes", "Actions followed to closure"),
    ),
)

QO3 = ObjectiveSpec(
    "QO.3", "Learner registration and certification",
    "Administrative procedures make every registration and certificate claim accurate and on "
    "time, recorded, stored and open to audit, and true to the learner's programme and "
    "achievement. The awarding body is told of any registration or claim that proves "
    "inaccurate or unsafe.",
    (
        m("QO.3.1", "Timely, checked registration", """
          Learners on every BTEC programme are registered on time and on the right programme
          through a procedure that is followed and monitored: each registration is checked for
          accuracy, each learner's identity is confirmed, and the awarding body's records are
          compared with the centre's so that problems are put right before learners
          finish.""",
          "Registration records and the deadlines met", "Identity checks at enrolment",
          "The awarding body's lists checked against the centre's",
          "Discussion with the Exams Officer"),
        m("QO.3.2", "Entries for external assessment", """
          A procedure enters learners for externally set assessment, following each
          specification's arrangements and the resit rules in force at the time.""",
          "The entry procedure", "External assessment entry records"),
        m("QO.3.3", "Attendance records", """
          Accurate, current attendance records are kept for every learner for as long as they
          are registered at the centre, and the centre checks that they are kept.""",
          "The attendance procedure", "A sample of attendance records"),
        m("QO.3.4", "Accurate certification claims", """
          Certificate claims are made on time and checked against the assessment records by
          more than one person, and unit certification is claimed for learners who leave
          before completing. Certificates that arrive are checked against the records before
          they are handed out; an anomaly is reported and the certificate held back until it
          is resolved.""",
          "The certification claim procedure", "Claims checked by a second person",
          "Certificates checked on arrival", "Achievement figures"),
        m("QO.3.5", "Irregular registrations and claims reported", """
          A senior member of staff is responsible for registration and certification. Any
          inaccurate, early, late or fraudulent registration or claim is investigated and
          reported to the awarding body through senior management.""",
          "The investigation procedure for registration and certification",
          "Records of reports made"),
    ),
    blocks_certification=True,
)

QO4 = ObjectiveSpec(
    "QO.4", "Annual programme evaluation and review",
    "Working systems of continuous improvement review and evaluate each programme's delivery "
    "and assessment every year, with teaching and assessment staff, senior managers and "
    "learners taking part, and confirm each year that programmes still meet the centre and "
    "qualification approval conditions and the quality requirements.",
    (
        m("QO.4.1", "A senior lead for review", """
          Named senior staff lead quality review and improvement, with a view of quality
          assurance across the whole centre and a formal review that records, analyses and acts
          on each programme's results.""",
          "Organisation chart", "Senior team meeting records"),
        m("QO.4.2", "A cycle of programme review", """
          Every BTEC programme is reviewed and evaluated on a regular cycle that looks at
          achievement, the learning experience, delivery, internal and external assessment and
          administration, and records what staff and learners think, with an action plan.""",
          "Programme review reports", "Action plans", "Quality meeting minutes"),
        m("QO.4.3", "Learners, staff and others consulted", """
          Each review asks learners, staff and others with a stake, such as employers, how the
          programme has served its learners, and the centre gives staff the time and support
          to act on what they hear.""",
          "Learner voice and staff voice records", "Employer and other stakeholder views",
          "Time and support given to improvement"),
        m("QO.4.4", "Review outcomes drive improvement", """
          What a review finds leads to change and continuous improvement and keeps teaching and
          assessment effective and fit for purpose. Plans draw on what learners, staff and
          stakeholders said and on achievement at criterion level, and the review confirms that
          the procedures for tracking employer involvement were followed and that each
          learner's employer involvement record is accurate.""",
          "Improvement plans and what came of them", "Criterion-level achievement analysis",
          "Employer involvement records checked"),
        m("QO.4.5", "Approval conditions still met", """
          As part of the annual review the centre confirms it still meets the centre
          recognition and qualification approval conditions and quality requirements, and
          re-declares its centre recognition and the qualifications it runs, telling the
          awarding body what has changed.""",
          "The submitted Centre Engagement Document",
          "The signed re-declaration of centre recognition and qualification approvals",
          "The centre's terms and conditions of approval"),
    ),
    blocks_certification=True,
)

QO5 = ObjectiveSpec(
    "QO.5", "Centre record systems",
    "Assessment, learner and quality management records, and the systems that hold them, are "
    "kept systematically, accurately and securely. The assessment trail shows accurate "
    "assessment to the right standards, reliable verification and each learner's progress, so "
    "that certification is safe; quality management leaves a trail of its own; and every BTEC "
    "programme record can be produced for the awarding body when it asks.",
    (
        m("QO.5.1", "Records kept securely", """
          Records about learners and about each stage of quality management are stored safely,
          protected from unauthorised change, loss and damage whether on paper or electronic,
          detailed enough to show how each decision was reached, and open only to the people
          who need them.""",
          "Data protection arrangements", "Who may read and change each record",
          "The reviewer's own look at the records"),
        m("QO.5.2", "Records available for scrutiny", """
          Every centre record, including current learners' assessment feedback, can be
          produced for the awarding body's verification and for other scrutiny such as the
          regulator's. Assessed learner work is kept at the centre rather than left with
          learners.""",
          "Procedures for learner work and portfolios", "Learner records",
          "Archive arrangements"),
        m("QO.5.3", "Achievement tracked and current", """
          Records of learner achievement are kept current, checked regularly and measured
          against the specification in force: registration, the learner agreement,
          support, feedback, progress, achievement at criterion level, and any authorised
          resubmission with its declaration.""",
          "Tracking records", "Team and individual staff records", "Programme files"),
        m("QO.5.4", "Assessment records kept three years", """
          Internal and external assessment records for each learner and cohort, internal
          verification included, are kept for at least three years after certification, in
          enough detail to show how each decision was reached.""",
          "Internal verification and assessment records", "The retention schedule"),
        m("QO.5.5", "Learner work kept twelve weeks", """
          Current learners' work and feedback are available to the centre's and the awarding
          body's verification, and learner work is kept until twelve weeks after certificates
          are issued in case of an appeal or an investigation.""",
          "Assessment feedback and on-programme documents",
          "Retention records for learner work"),
    ),
)

QO6 = ObjectiveSpec(
    "QO.6", "Learner enrolment and induction",
    "Learners are enrolled honestly onto programmes that suit their needs, let them learn and "
    "achieve, and lead on to what they want to do next.",
    (
        m("QO.6.1", "Accurate programme information", """
          The centre publishes accurate information about each programme, detailed enough for
          an applicant to decide whether to enrol.""",
          "Prospectus and programme information", "Options and enrolment materials"),
        m("QO.6.2", "Guidance before enrolment", """
          Each applicant has a structured conversation with guidance and advice; entry
          requirements are explained, and a fair, consistent selection procedure places them
          on the right programme at the right level.""",
          "Enrolment policy and procedures", "Entry requirements and selection procedures"),
        m("QO.6.3", "Learning needs assessed", """
          The centre assesses each applicant's learning needs, their plans for progression and
          any extra support they will need on the programme.""",
          "Initial assessment and screening records",
          "Policy on learning plans and support needs"),
        m("QO.6.4", "Parents and advocates involved", """
          Where it is right for the applicant, their parents or advocates are told about the
          programme and take part in applying and enrolling.""",
          "Enrolment policy and procedures",
          "Records of parents' or advocates' involvement"),
        m("QO.6.5", "Learner induction", """
          Induction explains what the programme demands, how it is built, what it covers and
          how it is assessed; tells learners about appeals and malpractice; makes clear the
          rules and deadlines of internal and any external assessment; shows them the
          facilities; identifies their development needs; and starts an individual learning
          plan where one is needed.""",
          "Induction programme and checklist", "Learner or programme handbook",
          "Individual learning plans"),
    ),
)

QO7 = ObjectiveSpec(
    "QO.7", "Learner support and progress on programme",
    "Support matched to how advanced the programme is and to what each learner needs keeps a "
    "structured watch on every learner's progress, achievement and next steps.",
    (
        m("QO.7.1", "A learning experience that engages", """
          Teaching and assessment engage learners and build independent learning, and pastoral
          care supports them; development needs are identified and supported; progress is
          reviewed and action plans agreed through feedback and discussion; and every learner
          has real opportunities to take part in employer activities that add to their
          programme.""",
          "Learner assessment and review records", "Screening results",
          "Employer activity plans and participation records", "Learner handbook"),
        m("QO.7.2", "Fair review for every learner", """
          The way learners' progress is reviewed is clear, fair and open to all of them. The
          support on offer, from tutorial reviews and pastoral care to learning support, is
          publicised and reaches every learner, and learners are briefed on their programme's
          assessment requirements.""",
          "Tutorial review records", "Induction information", "Schemes of work"),
        m("QO.7.3", "Support and pastoral care", """
          Ways of spotting who needs support are in place from the start of the programme, and
          pastoral care works to support learning and achievement.""",
          "Learner handbook", "Induction information", "Learner support records"),
        m("QO.7.4", "Materials kept up to date", """
          Learning and support materials, programme schedules and learner handbooks are
          reviewed and improved as programmes and specifications change, informed by the end
          of year review and by what learners say.""",
          "Programme planning schedules and schemes of work", "Programme file",
          "Programme review evidence"),
        m("QO.7.5", "Achievement and progression recorded", """
          The centre records each learner's achievement on the programme and where they go
          next, to further study or to work.""",
          "On-programme learner records", "Destination records", "Programme file"),
    ),
)

QO8 = ObjectiveSpec(
    "QO.8", "Managing assessment",
    "Internal and external assessment follow a formal approach that gives valid, reliable "
    "outcomes to national standards, keeps to the awarding body's rules and leads to safe "
    "certification.",
    (
        m("QO.8.1", "Programmes meet the requirements", """
          Each programme of study is checked, usually through the annual review, against the
          awarding body's current specification and guidance and against the requirements of
          regulators and quality bodies.""",
          "Programme file", "Assessment plans signed off", "Exams Office information"),
        m("QO.8.2", "Assessment roles defined", """
          Written policies and procedures set out the assessor's role and the responsibilities
          of everyone involved in assessment, and staff understand and follow them.""",
          "Staff handbook", "Assessment policy and procedures",
          "Assignment briefs verified before issue"),
        m("QO.8.3", "Assessment procedures everywhere", """
          Clear procedures that can be audited govern internal and any external assessment at
          every location, for every assessor, unit and learner: every learner has fair and
          prompt access to assessment; the centre confirms who each learner is and that each
          piece of work is their own; there is one summative submission and at most one
          resubmission, authorised by the Lead IV; and any testing follows the published
          requirements.""",
          "Assessment policy and procedures", "Assessment plans and schedules",
          "Learners' declarations of authenticity", "Learner and staff handbooks"),
        m("QO.8.4", "Assessment records clear and consistent", """
          Learners and assessors both understand the assessment records, which are used the
          same way at every location, kept up to date and tracked accurately against the
          standards, with their consistency checked through audits and programme review.""",
          "Assessment records at criterion level", "Staff and learner handbooks",
          "Internal audit records"),
        m("QO.8.5", "Valid and reliable assessment", """
          The assessment methods give valid and reliable outcomes against current national
          standards. Internal verifiers' feedback and training put weaknesses right, and
          assessors are told when the awarding body's requirements change.""",
          "Internal verification feedback acted on", "Assessor training records",
          "Policies that reflect current requirements"),
    ),
)

QO9 = ObjectiveSpec(
    "QO.9", "Standards of internal and external assessment",
    "Internal verification, the awarding body's external verification and any external "
    "assessment are managed accurately: the awarding body's rules are followed, its "
    "standardisation materials are used with every assessor and internal verifier, and what "
    "internal verification, standards verification and quality review find is used to raise "
    "standards.",
    (
        m("QO.9.1", "Lead Internal Verifiers", """
          Each subject area that needs one has a registered Lead Internal Verifier who knows
          their responsibilities for standardising assignments and assessed work, assures
          standards across all assessors and internal verifiers, and runs the internal
          standardisation the team needs.""",
          "Lead IV registrations", "Standardisation records and attendance",
          "Organisation chart"),
        m("QO.9.2", "Internal verification planned and recorded", """
          An internal verification plan makes sure every assignment brief is verified each
          year and that samples of assessed work reach every assessor and every criterion
          taught. Outcomes are recorded, weaknesses found by internal verification or by the
          awarding body are put right, and each Lead IV has cover and a successor planned.""",
          "The IV plan and its coverage", "Internal verification records",
          "Remedial actions", "Cover and succession plans"),
        m("QO.9.3", "Records that support accurate claims", """
          Records of learner progress and achievement are accurate and current, and internal
          verification runs the same way at every location, so that achievement can be signed
          off and certificate claims are right.""",
          "Internal verification plans and records", "Tracking records",
          "The certification procedure"),
        m("QO.9.4", "Standards verification supported and acted on", """
          The centre provides samples for remote and visiting standards verification on time,
          answers requests for more information or more work, and carries out the
          improvements that external and internal verification identify, through training and
          CPD where needed.""",
          "Standards verification samples and reports",
          "Actions taken after standards verification", "CPD records"),
        m("QO.9.5", "Ready for set assessments", """
          Staff and learners are prepared for internally or externally set assessments,
          learners are entered as required, and the resources and rooms to run them are in
          place, with practice where it helps.""",
          "Staff handbook", "Assessment policy and procedures", "Entry records"),
    ),
    blocks_certification=True,
)

QO10 = ObjectiveSpec(
    "QO.10", "Assessment safeguards",
    "Assessment is safeguarded: policies and procedures meet the awarding body's and the "
    "regulator's requirements, investigations are thorough, free from bias and follow policy, "
    "and outcomes are fair, consistent, documented, recorded accurately and told to everyone "
    "concerned.",
    (
        m("QO.10.1", "Appeals and malpractice understood", """
          Learners and staff know how to appeal an assessment decision (and, on higher-level
          programmes, how to complain), what counts as malpractice, how an appeal or an
          investigation starts, what outcomes are possible and what follows from them, and how
          a learner can take an appeal to the awarding body.""",
          "Appeals and malpractice policies", "Induction and handbook content",
          "What learners and staff say when asked"),
        m("QO.10.2", "Learners prepared against plagiarism", """
          At the start of the programme learners get written guidance and practical teaching
          on plagiarism and malpractice, and the study skills to find sources and write up their
          assignments honestly.""",
          "Induction materials", "Learner handbook", "Study skills sessions"),
        m("QO.10.3", "Malpractice designed out", """
          Planning, delivery and assessment make malpractice hard, for example through
          supervision, questioning learners and changing briefs; assessment and verification
          confirm that work is the learner's own; and care is taken when recording achievement
          and claiming certificates.""",
          "Schemes of work", "Assessment and internal verification records",
          "Authenticity declarations"),
        m("QO.10.4", "Appeals and malpractice recorded", """
          Robust systems record and manage every assessment appeal, every complaint where
          complaints apply, and every malpractice case including plagiarism, and deal with
          learners or staff when an allegation is upheld.""",
          "The appeals log", "Malpractice investigation records"),
        m("QO.10.5", "Serious cases reported", """
          A named contact and a process report serious malpractice, appeals and, where they
          apply, complaints to the awarding body.""",
          "The reporting procedure", "Records of reports made"),
    ),
)

VERSION = VersionSpec(
    slug="qmr-2016-17",
    name="Quality Management Review 2016-17",
    first_year=2016,
    last_year=None,
    status="published",
    notes="The framework the 2016-17 review visits followed. New that year: employer "
          "involvement in QO.1.2 (a policy for it), QO.4.4 (the review checks its records) and "
          "QO.7.1 (every learner has real opportunities to take part).",
    objectives=(QO1, QO2, QO3, QO4, QO5, QO6, QO7, QO8, QO9, QO10),
)
