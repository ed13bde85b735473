from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core import notifications
from rapport.core.enums import PREFERENCE_CHANNELS
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.selectors import notifications_for, opt_outs_for


def home(request):
    if request.user.is_authenticated:
        return redirect("courses:start")
    return render(request, "core/welcome.html")


def privacy(request):
    return render(request, "core/privacy.html")


FAVICON = "rapport/img/favicon.ico"


@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """Pages link the SVG mark; browsers, bookmarks and feed readers still ask for
    /favicon.ico at the site root, and a 404 there fills the logs."""
    return FileResponse(open(finders.find(FAVICON), "rb"), content_type="image/x-icon")


@login_required
def notification_list(request):
    return render(
        request,
        "core/notifications.html",
        {"page": notifications_for(user=request.user, page_number=request.GET.get("page"))},
    )


@login_required
def notification_badge(request):
    return render(
        request,
        "core/_notification_bell.html",
        {"count": notifications.unread_count(request.user)},
    )


@login_required
@require_POST
def notification_open(request, notification_id: int):
    notifications.notification_mark_read(user=request.user, notification_id=notification_id)
    target = (
        Notification.objects.filter(recipient=request.user, pk=notification_id)
        .values_list("url", flat=True)
        .first()
    )
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("core:notifications")


@login_required
@require_POST
def notification_read_all(request):
    notifications.notification_mark_read(user=request.user)
    messages.success(request, "All caught up.")
    return redirect("core:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    channels = PREFERENCE_CHANNELS
    if request.method == "POST":
        # A box ticked means "yes, tell me"; every unticked box is an opt-out.
        opt_outs = {
            (kind, channel)
            for kind in NotificationKind.values
            for channel in channels
            if request.POST.get(f"{kind}:{channel}") != "on"
        }
        notifications.notification_settings_save(user=request.user, opt_outs=opt_outs)
        messages.success(request, "Notification settings saved.")
        return redirect("core:notification_settings")
    opted_out = opt_outs_for(user=request.user)
    rows = [
        {
            "kind": kind,
            "cells": [
                {
                    "name": f"{kind.value}:{channel.value}",
                    "label": f"{kind.label} — {channel.label}",
                    "checked": (kind.value, channel.value) not in opted_out,
                }
                for channel in channels
            ],
        }
        for kind in NotificationKind
    ]
    return render(
        request,
        "core/notification_settings.html",
        {"rows": rows, "channels": channels},
    )


# RFC 8058 one-click unsubscribe: the mail provider POSTs "List-Unsubscribe=One-Click" to
# this URL with no cookie and no CSRF token. The signed token names the person and the kind
# and is the only credential needed, and all a forged POST could do is what the link says.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    parsed = notifications.unsubscribe_token_read(token)
    user = None
    if parsed:
        user = get_user_model().objects.filter(pk=parsed[0], is_active=True).first()
    if user is None:
        return render(request, "core/unsubscribe.html", {"invalid": True}, status=400)
    kind = NotificationKind(parsed[1])
    if request.method == "POST":
        notifications.email_unsubscribe(user=user, kind=kind)
        return render(request, "core/unsubscribe.html", {"done": True, "kind": kind})
    return render(request, "core/unsubscribe.html", {"kind": kind, "token": token})
