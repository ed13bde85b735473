"""The walls' background work: fetching a link card's preview (never in a request)."""

from huey.contrib.djhuey import db_task

from rapport.walls import services


@db_task(retries=1, retry_delay=30)
def fetch_link_preview(card_id: int) -> None:
    services.link_preview_fetch(card_id=card_id)
