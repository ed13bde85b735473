from rapport.knowing.urls_cards import urlpatterns as cards
from rapport.knowing.urls_resources import urlpatterns as resources

app_name = "knowing"

urlpatterns = cards + resources
