"""Shout-outs: services (writes), selectors (reads and who may see what), forms, views."""
