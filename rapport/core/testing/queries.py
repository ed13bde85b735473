"""Query-count guards: a page costs the same number of queries however big the course."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(
    client, url: str, method: str = "get", data=None, *, statuses=(200,), **extra
) -> int:
    """Queries of the second of two identical requests (the first warms per-process caches:
    content types, sessions). Streamed bodies are read, since they query as they stream."""

    def fetch():
        response = getattr(client, method)(url, data, **extra)
        assert response.status_code in statuses, f"{url}: {response.status_code}"
        if response.streaming:
            b"".join(response.streaming_content)

    fetch()
    with CaptureQueriesContext(connection) as context:
        fetch()
    return len(context.captured_queries)


def grown(labels: list[str], small: list[int], large: list[int]) -> list[str]:
    """The pages whose query count changed between the small and the large course."""
    return [
        f"{label}: {before} → {after} queries"
        for label, before, after in zip(labels, small, large, strict=True)
        if before != after
    ]
