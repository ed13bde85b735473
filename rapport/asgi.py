import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rapport.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from rapport.media.uploads import UploadSizeGuard  # noqa: E402
from rapport.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Refuses over-cap uploads before Django spools their bodies to disk.
        "http": UploadSizeGuard(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
