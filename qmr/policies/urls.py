from django.urls import path

from qmr.policies import views

app_name = "policies"

urlpatterns = [
    path("", views.library, name="library"),
    path("centres/<int:centre_id>/adopt/<str:kind>/", views.template_adopt,
         name="template-adopt"),
    path("<int:pk>/", views.policy_detail, name="policy-detail"),
    path("<int:pk>/readers/", views.policy_readers, name="policy-readers"),
    path("<int:pk>/readers/remind/", views.policy_remind, name="policy-remind"),
    path("<int:pk>/versions/new/", views.version_new, name="version-new"),
    path("versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("versions/<int:pk>/edit/", views.version_edit, name="version-edit"),
    path("versions/<int:pk>/submit/", views.version_submit, name="version-submit"),
    path("versions/<int:pk>/approve/", views.version_approve, name="version-approve"),
    path("versions/<int:pk>/confirm-read/", views.version_confirm_read,
         name="version-confirm-read"),
]
