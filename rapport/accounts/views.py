import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rapport.accounts.forms import ProfileForm
from rapport.accounts.recordings import content_type_for
from rapport.accounts.selectors import person_as_seen_by
from rapport.accounts.services import profile_update
from rapport.core.files import private_file_response


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    if request.method == "POST":
        # Bound to a copy: a refused form must not leave request.user (and so the page
        # header) showing values that were never saved.
        form = ProfileForm(request.POST, request.FILES, instance=copy.copy(request.user))
        if form.is_valid():
            try:
                profile_update(
                    user=request.user,
                    data=form.profile_data(),
                    photo_upload=form.cleaned_data["photo"],
                    audio_upload=form.cleaned_data["pronunciation_audio"],
                    remove_photo=form.cleaned_data["remove_photo"],
                    remove_audio=form.cleaned_data["remove_audio"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Your profile is saved.")
                return redirect("accounts:profile_edit")
    else:
        form = ProfileForm(instance=request.user)
    context = {
        "form": form,
        "pronunciation_max_seconds": settings.PRONUNCIATION_MAX_SECONDS,
        "pronunciation_max_bytes": settings.PRONUNCIATION_MAX_BYTES,
    }
    return render(request, "accounts/profile_edit.html", context)


@login_required
@require_POST
def pronunciation_record(request):
    """The name recording made in the browser (the recorder sends it here at once): kept
    as the profile's recording, or refused with words for the person, as JSON."""
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": "Record your name first."}, status=400)
    try:
        profile_update(user=request.user, data={}, audio_upload=upload)
    except ValidationError as error:
        return JsonResponse({"error": error.messages[0]}, status=400)
    saved = "Saved: this is how your name sounds to your classmates."
    return JsonResponse(
        {"id": "name-recording", "kind": "audio", "status": "ready", "message": saved},
        status=201,
    )


@login_required
@require_GET
def photo(request, user_id: int):
    person, seen = person_as_seen_by(viewer=request.user, person_id=user_id)
    if person is None or not seen.photo:
        raise Http404("No photo to show.")
    field = person.photo if request.GET.get("size") == "full" else person.photo_thumb
    return private_file_response(field, content_type="image/jpeg")


@login_required
@require_GET
def pronunciation(request, user_id: int):
    person, seen = person_as_seen_by(viewer=request.user, person_id=user_id)
    if person is None or not seen.pronunciation:
        raise Http404("No recording to play.")
    field = person.pronunciation_audio
    return private_file_response(field, content_type=content_type_for(field.name))
