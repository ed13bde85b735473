import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from huey.contrib.djhuey import HUEY  # noqa: E402

from rapport.community.discussions import read_markers  # noqa: E402
from rapport.core.lifespan import Lifespan, TaskConsumerThreads  # noqa: E402
from rapport.core.request_queue import RequestQueue  # noqa: E402
from rapport.media.uploads import UploadSizeGuard  # noqa: E402
from rapport.routing import websocket_application  # noqa: E402

routes = ProtocolTypeRouter(
    {
        # Requests take turns in Django, in the order they came (rapport.core.request_queue);
        # over-cap uploads are refused before Django spools their bodies to disk.
        "http": RequestQueue(UploadSizeGuard(django_asgi_app), at_once=settings.REQUESTS_AT_ONCE),
        "websocket": websocket_application,
    }
)

# A page view notes how far its reader got; the marker is written a moment later with
# others, so reading never waits for a write (see read_markers).
read_markers.buffer_in_this_process()

# The default setup runs the task consumer in this process (see rapport.core.lifespan).
application = Lifespan(
    routes,
    tasks=TaskConsumerThreads(HUEY) if settings.TASKS_IN_WEB_SERVER else None,
)
