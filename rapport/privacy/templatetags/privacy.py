from django import template

from rapport.privacy.forms import RetentionForm
from rapport.privacy.models import CourseRetention

register = template.Library()


@register.inclusion_tag("privacy/_retention.html", takes_context=True)
def retention_settings(context, course, form=None):
    """The retention card on the course settings page."""
    rule = CourseRetention.objects.filter(course=course).first()
    days = rule.days if rule else None
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "course": course,
        "days": days,
        "form": form or RetentionForm(initial={"days": days}),
    }
