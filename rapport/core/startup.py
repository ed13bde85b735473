"""What ``manage.py serve`` says once Rapport is running, beyond its own address.

Core stands below every app, so it cannot ask them what to print; an app that has something
to tell whoever starts the server (the demo's sign-ins, say) registers it here from its
``AppConfig.ready()``, and ``serve`` prints whatever is registered.
"""

from collections.abc import Callable, Iterable

BannerSource = Callable[[], Iterable[str]]

_sources: list[BannerSource] = []


def register_banner(source: BannerSource) -> BannerSource:
    """Add ``source`` (once, however often ``ready()`` runs); returns it, so it can decorate."""
    if source not in _sources:
        _sources.append(source)
    return source


def banner_lines() -> list[str]:
    """Every registered source's lines, in the order the apps registered them."""
    return [line for source in _sources for line in source()]
