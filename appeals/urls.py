from appeals.adjustments import urls as adjustment_urls
from appeals.decisions import urls as decision_urls
from appeals.malpractice import urls as malpractice_urls

app_name = "appeals"

urlpatterns = [*decision_urls.urlpatterns, *malpractice_urls.urlpatterns,
               *adjustment_urls.urlpatterns]
