from django.urls import path

from registrations import certification_views as cert
from registrations import eligibility_views, programme_views, views
from registrations.employer_involvement import urls as employer_involvement_urls
from registrations.learner_support import urls as learner_support_urls
from registrations.programme_review import urls as programme_review_urls

app_name = "registrations"

urlpatterns = [
    path("cohorts/", views.cohort_list, name="cohort-list"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort-detail"),
    path("cohorts/<int:pk>/enrol/", views.cohort_enrol, name="cohort-enrol"),
    path("cohorts/<int:pk>/class-list/sign/", views.class_list_sign, name="class-list-sign"),
    path("cohorts/<int:pk>/register/", views.cohort_register, name="cohort-register"),
    path("cohorts/<int:pk>/check/", views.check_upload, name="check-upload"),
    path("checks/<int:pk>/", views.check_detail, name="check-detail"),
    path("checks/<int:pk>/<str:decision>/", views.check_decide, name="check-decide"),
    path("learners/<int:pk>/", views.learner_detail, name="learner-detail"),
    path("learners/<int:pk>/withdraw/", views.withdrawal_request, name="withdrawal-request"),
    path("learners/<int:pk>/flag/", views.flag_raise, name="flag-raise"),
    path("withdrawals/<int:pk>/sign/<str:capacity>/", views.withdrawal_sign,
         name="withdrawal-sign"),
    path("flags/<int:pk>/acknowledge/", views.flag_acknowledge, name="flag-acknowledge"),
    path("learners/<int:pk>/entries/", views.entry_request, name="entry-request"),
    path("learners/<int:pk>/transfer/", views.learner_transfer, name="learner-transfer"),
    path("learners/<int:pk>/details/", views.learner_details, name="learner-details"),
    path("entries/<int:pk>/<str:step>/", views.entry_move, name="entry-move"),
    path("programmes/", programme_views.programme_list, name="programme-list"),
    path("programmes/<int:pk>/", programme_views.programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/units/add/", programme_views.unit_add, name="unit-add"),
    path("programmes/<int:pk>/units/<int:unit_id>/criteria/add/",
         programme_views.criterion_add, name="criterion-add"),
    path("programmes/<int:pk>/units/<int:unit_id>/criteria/import/",
         programme_views.criteria_import, name="criteria-import"),
    path("cohorts/<int:pk>/attendance/", programme_views.cohort_attendance,
         name="cohort-attendance"),
    path("cohorts/<int:pk>/eligibility/", eligibility_views.cohort_eligibility,
         name="eligibility"),
    path("me/", views.my_record, name="my-record"),
    path("me/subject-access/", views.my_subject_access, name="my-subject-access"),
    path("learners/<int:pk>/subject-access/", views.learner_subject_access,
         name="learner-subject-access"),
    path("queue/", views.exams_queue, name="exams-queue"),
    path("overview/", views.nominee_overview, name="nominee-overview"),
    path("centres/<int:centre_id>/import/", views.learner_import, name="learner-import"),
    path("claims/", cert.claims_queue, name="claims-queue"),
    path("claims/submit/<int:programme_id>/", cert.claim_submit, name="claim-submit"),
    path("claims/<int:pk>/", cert.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/confirm/", cert.claim_confirm, name="claim-confirm"),
    path("claims/<int:pk>/received/", cert.certificates_received,
         name="certificates-received"),
    path("certificates/<int:pk>/check/", cert.certificate_check, name="certificate-check"),
    path("certificates/<int:pk>/issue/", cert.certificate_issue, name="certificate-issue"),
    path("anomalies/<int:pk>/resolve/", cert.anomaly_resolve, name="anomaly-resolve"),
    path("learners/<int:pk>/student-report/", cert.student_report_new,
         name="student-report-new"),
    path("student-reports/<int:pk>/", cert.student_report_detail,
         name="student-report-detail"),
    path("student-reports/<int:pk>/pdf/", cert.student_report_pdf,
         name="student-report-pdf"),
    path("student-reports/<int:pk>/check/", cert.student_report_check,
         name="student-report-check"),
    path("certification/", cert.certification_overview, name="certification-overview"),
]

urlpatterns += programme_review_urls.urlpatterns
urlpatterns += learner_support_urls.urlpatterns
urlpatterns += employer_involvement_urls.urlpatterns
