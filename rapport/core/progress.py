"""How far a long piece of work in a task has got, for the page that polls it.

The work's own writes are often one transaction (a class list applied all or nothing), which
other database connections cannot see into until it commits; so the percentage goes to the
cache, which every process shares, keyed by what the work is about."""

from django.core.cache import cache

KEEP_SECONDS = 3600


def _key(what: str) -> str:
    return f"progress:{what}"


def progress_report(what: str, done: float) -> None:
    """Record ``done`` (0.0–1.0) as a whole percent."""
    cache.set(_key(what), max(0, min(100, int(done * 100))), timeout=KEEP_SECONDS)


def progress_read(what: str, default: int = 0) -> int:
    """The last percent reported for ``what``, or ``default`` when none is known."""
    return cache.get(_key(what), default)


def progress_forget(what: str) -> None:
    cache.delete(_key(what))
