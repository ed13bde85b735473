"""The site admin's LTI pages: django-lti's registrations (with their deployments, and here
Rapport's policy for the platform), the tool's signing keys with a rotation action, and the
course links and roster syncs to look into."""

from django.contrib import admin, messages
from django.db import models
from lti_tool.admin import LtiDeploymentInline, LtiRegistrationAdmin
from lti_tool.models import Key, LtiRegistration

from rapport.integrations.lti.keys import PREVIOUS_KEY_KEPT_FOR, keys_rotate
from rapport.integrations.lti.models import CourseLink, PlatformPolicy, RosterSync

# LTI 1.3 platforms are reached over HTTPS: an address typed without its scheme gets it.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class DeploymentInline(LtiDeploymentInline):
    formfield_overrides = HTTPS_URLS


class PlatformPolicyInline(admin.StackedInline):
    model = PlatformPolicy
    can_delete = False
    max_num = 1


admin.site.unregister(LtiRegistration)


@admin.register(LtiRegistration)
class RapportRegistrationAdmin(LtiRegistrationAdmin):
    inlines = [DeploymentInline, PlatformPolicyInline]
    formfield_overrides = HTTPS_URLS


@admin.action(description="Rotate: make a new signing key (the ones it replaces stay a day)")
def rotate_keys(modeladmin, request, queryset):
    key, retired = keys_rotate()
    hours = int(PREVIOUS_KEY_KEPT_FOR.total_seconds() // 3600)
    modeladmin.message_user(
        request,
        f"New signing key {key}. Keys it replaces stay in the JWKS for {hours} hours; "
        f"{retired} older key(s) left it.",
        messages.SUCCESS,
    )


@admin.register(Key)
class KeyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "is_active", "datetime_created"]
    list_filter = ["is_active"]
    fields = ["public_key", "is_active", "datetime_created"]
    readonly_fields = ["public_key", "datetime_created"]
    actions = [rotate_keys]

    def has_add_permission(self, request):
        return False  # keys are made by rotation, never typed in


@admin.register(CourseLink)
class CourseLinkAdmin(admin.ModelAdmin):
    list_display = ["context", "course", "linked_at", "linked_by"]
    list_select_related = ["context", "course", "linked_by"]
    raw_id_fields = ["context", "course", "linked_by"]


@admin.register(RosterSync)
class RosterSyncAdmin(admin.ModelAdmin):
    list_display = ["link", "status", "progress", "outcome", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["link__context", "link__course"]
    readonly_fields = [field.name for field in RosterSync._meta.fields]
