from django.urls import path

from qmr.staff import views

app_name = "staff"

person = "centres/<int:centre_id>/people/<int:person_id>"

urlpatterns = [
    path("", views.staff_home, name="home"),
    path("centres/<int:centre_id>/", views.staff_list, name="staff-list"),
    path("centres/<int:centre_id>/chart/", views.org_chart, name="org-chart"),
    path(f"{person}/", views.staff_record, name="record"),
    path(f"{person}/job/", views.job_save, name="job-save"),
    path(f"{person}/qualifications/add/", views.qualification_add, name="qualification-add"),
    path(f"{person}/induction/", views.induction_record, name="induction-record"),
    path(f"{person}/training/add/", views.training_add, name="training-add"),
    path("files/<str:kind>/<int:pk>/", views.staff_file, name="file"),
]
