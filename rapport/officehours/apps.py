from django.apps import AppConfig


class OfficeHoursConfig(AppConfig):
    name = "rapport.officehours"
    label = "officehours"
    verbose_name = "Office hours"

    def ready(self) -> None:
        from rapport.events.calendar import FEED_SOURCES
        from rapport.officehours.calendar import bookings_in_feed

        if bookings_in_feed not in FEED_SOURCES:
            FEED_SOURCES.append(bookings_in_feed)
