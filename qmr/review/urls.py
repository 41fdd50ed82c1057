from qmr.review.views import cycle, document, pack, readiness, report, trail

app_name = "review"

urlpatterns = [*cycle.urlpatterns, *document.urlpatterns, *pack.urlpatterns,
               *report.urlpatterns, *trail.urlpatterns, *readiness.urlpatterns]
