from django.urls import path

from appeals.decisions import views

urlpatterns = [
    path("mine/", views.my_appeals, name="my-appeals"),
    path("log/", views.appeals_log, name="log"),
    path("log/<int:centre_id>/<int:year_id>/pdf/", views.log_pdf, name="log-pdf"),
    path("log/<int:centre_id>/<int:year_id>/reviews/", views.log_review, name="log-review"),
    path("results/<int:decision_pk>/lodge/", views.lodge, name="lodge"),
    path("<int:pk>/", views.appeal_detail, name="appeal-detail"),
    path("<int:pk>/further/", views.appeal_further, name="appeal-further"),
    path("<int:pk>/accept/", views.appeal_accept, name="appeal-accept"),
    path("stages/<int:pk>/decide/", views.stage_decide, name="stage-decide"),
    path("stages/<int:pk>/send/", views.stage_send, name="stage-send"),
    path("doubts/<int:pk>/resolve/", views.doubt_resolve, name="doubt-resolve"),
]
