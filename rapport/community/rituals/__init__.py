"""Class rituals: services (writes), selectors (reads), forms, views and the hourly task."""
