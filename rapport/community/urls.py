from rapport.community.urls_checkins import urlpatterns as checkins
from rapport.community.urls_discussions import urlpatterns as discussions
from rapport.community.urls_rituals import urlpatterns as rituals
from rapport.community.urls_shoutouts import urlpatterns as shoutouts

app_name = "community"

urlpatterns = discussions + shoutouts + rituals + checkins
