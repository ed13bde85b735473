from django.contrib import admin

from rapport.courses.models import Course, Invitation, Membership


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "term", "join_enabled", "archived_at"]
    search_fields = ["title", "slug"]
    list_filter = ["join_enabled", "young_learners"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "role", "status", "joined_at", "joined_via"]
    list_filter = ["role", "status", "joined_via"]
    search_fields = ["user__email", "user__preferred_name", "course__title"]
    raw_id_fields = ["user", "course"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "course", "role", "created_at", "accepted_at", "revoked_at"]
    search_fields = ["email", "course__title"]
    raw_id_fields = ["course", "invited_by", "accepted_by"]
    exclude = ["token"]
