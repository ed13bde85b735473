"""Writes for privacy, by topic. Views and tasks import from here."""

from rapport.privacy.services.erasure import account_erase, erasure_blockers
from rapport.privacy.services.export import (
    data_export_build,
    data_export_request,
    data_exports_expire,
)
from rapport.privacy.services.retention import course_retention_set, retention_apply_all

__all__ = [
    "account_erase",
    "course_retention_set",
    "data_export_build",
    "data_export_request",
    "data_exports_expire",
    "erasure_blockers",
    "retention_apply_all",
]
