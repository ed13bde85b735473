"""Media pages: upload (JSON for the recorder), a recording's player (polled by htmx while
it processes), its files with Range support, and its captions."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from rapport.core.refusals import Refused
from rapport.courses.access import course_access
from rapport.media import cue_edits, limits, selectors, services, vtt
from rapport.media.forms import CaptionForm, SpokenTextForm
from rapport.media.models import Caption
from rapport.media.ranges import ranged_file_response
from rapport.media.uploads import MaxSizeUploadHandler
from rapport.media.vtt import CaptionError

VARIANTS = ("playback", "poster", "original")
NO_FILE = "Choose a recording to upload."
UPLOAD_CHUNK = 1024 * 1024


# The size check must be in place before anything reads the body — CSRF checking reads
# request.POST — so the CSRF check runs inside, after the handler is installed (Django's
# "Modifying upload handlers on the fly").
@csrf_exempt
@course_access()
def upload(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    size_check = MaxSizeUploadHandler(request)
    request.upload_handlers.insert(0, size_check)
    for handler in request.upload_handlers:
        # Recordings run to 200 MB: 1 MB steps (not 64 KB) cut the parser's Python
        # overhead by a sixth in bench/media_upload.py, for ~5 MB more memory per upload.
        handler.chunk_size = UPLOAD_CHUNK
    return _upload(request, size_check)


@csrf_protect
def _upload(request, size_check: MaxSizeUploadHandler):
    upload_file = request.FILES.get("file")
    if size_check.too_big:
        return JsonResponse({"error": limits.too_big_message()}, status=413)
    if upload_file is None:
        return JsonResponse({"error": NO_FILE}, status=400)
    try:
        item = services.media_create_from_upload(
            course=request.course, owner=request.user, upload=upload_file
        )
    except Refused as refusal:
        status = {"too_big": 413, "storage_full": 507, "storage_failed": 503}.get(refusal.code, 400)
        return JsonResponse({"error": refusal.message}, status=status)
    return JsonResponse(
        {
            "id": str(item.public_id),
            "status": item.status,
            "kind": item.kind,
            "status_url": reverse("media:status", args=[request.course.slug, item.public_id]),
        },
        status=201,
    )


def _managed_media_for(request, media_id):
    """The recording, if the person may change its captions (its owner); 404 otherwise."""
    media = _media_for(request, media_id)
    if not selectors.media_can_manage(
        media=media, user=request.user, membership=request.membership
    ):
        raise Http404("No such recording.")
    return media


def _media_for(request, media_id):
    return selectors.media_get_for_viewer(
        course=request.course,
        public_id=media_id,
        user=request.user,
        membership=request.membership,
    )


@course_access()
@require_safe
def status(request, media_id):
    media = _media_for(request, media_id)
    template = "media/_player.html" if request.htmx else "media/status.html"
    return render(request, template, {"media": media})


@course_access()
@require_safe
def media_file(request, media_id, variant: str):
    if variant not in VARIANTS:
        raise Http404("No such file.")
    media = _media_for(request, media_id)
    if variant == "original":
        if not selectors.media_can_manage(
            media=media, user=request.user, membership=request.membership
        ):
            raise Http404("No such file.")
        content_type = media.original_content_type
        filename = media.original_name or media.original.name.rsplit("/", 1)[-1]
    elif variant == "poster":
        content_type, filename = "image/jpeg", None
    else:
        content_type, filename = media.playback_content_type, None
    field = getattr(media, variant)
    return ranged_file_response(
        request,
        field,
        content_type=content_type,
        etag=f'"{media.public_id.hex}-{variant}-{field.name.rsplit("/", 1)[-1]}"',
        filename=filename,
        as_attachment=variant == "original",
    )


@course_access()
@require_http_methods(["GET", "POST"])
def captions(request, media_id):
    media = _managed_media_for(request, media_id)
    page_url = reverse("media:captions", args=[request.course.slug, media.public_id])
    if request.method == "POST" and request.POST.get("remove"):
        if services.caption_remove(media=media, language=request.POST["remove"]):
            messages.success(request, "Those captions are removed.")
        return redirect(page_url)
    if request.method == "POST" and request.POST.get("draft"):
        _draft_action(request, media, request.POST["draft"])
        return redirect(page_url)
    timings = selectors.caption_timings_for(media, user=request.user)
    # after a failure the text comes back, to be corrected rather than pasted again
    failed = [timing.text for timing in timings if timing.is_failed and not timing.is_draft]
    spoken_form = SpokenTextForm(initial={"spoken_text": failed[0]} if failed else None)
    form = CaptionForm(initial=_initial(media, request.GET.get("language")))
    if request.method == "POST" and "spoken_text" in request.POST:
        spoken_form = SpokenTextForm(request.POST)
        if _timing_requested(request, media, spoken_form):
            return redirect(page_url)
    elif request.method == "POST":
        form = CaptionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.caption_save(
                    media=media,
                    editor=request.user,
                    language=form.cleaned_data["language"],
                    label=form.cleaned_data["label"],
                    text=form.cleaned_data["text"],
                )
            except CaptionError as error:
                form.add_error("text", error.message)
            else:
                messages.success(request, "Captions saved. Thank you for making this accessible.")
                return redirect(page_url)
    captions_made = selectors.captions_for(media)
    return render(
        request,
        "media/captions.html",
        {
            "media": media,
            "form": form,
            "spoken_form": spoken_form,
            "captions": captions_made,
            "timings": timings,
            "is_author": media.owner_id == request.user.pk,
            "draft": next((timing for timing in timings if timing.is_draft), None),
            "has_english": any(caption.language == "en" for caption in captions_made),
        },
    )


DRAFT_MESSAGES = {
    "request": "We're listening to the recording for a draft; see below.",
    "accept": "The draft is now the recording's captions. Thank you for checking it.",
    "discard": "The draft is discarded.",
}


def _draft_action(request, media, action: str) -> None:
    """Ask for a speech draft, accept it as it is, or discard it: for the recording's
    author only (404 for anyone else, staff included: a draft is theirs alone)."""
    if action not in DRAFT_MESSAGES or media.owner_id != request.user.pk:
        raise Http404("No such draft.")
    try:
        if action == "request":
            services.caption_draft_request(media=media, author=request.user)
        elif action == "accept":
            services.caption_draft_accept(media=media, author=request.user)
        else:
            services.caption_draft_discard(media=media)
    except (Refused, CaptionError) as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, DRAFT_MESSAGES[action])


def _timing_requested(request, media, spoken_form: SpokenTextForm) -> bool:
    """Queues the pasted text to be timed; False, with the reason on the form, if not."""
    if not spoken_form.is_valid():
        return False
    try:
        services.caption_timing_request(
            media=media, editor=request.user, text=spoken_form.cleaned_data["spoken_text"]
        )
    except Refused as refusal:
        spoken_form.add_error("spoken_text", refusal.message)
        return False
    messages.success(request, "We're lining your words up with the recording; see below.")
    return True


def _initial(media, language: str | None) -> dict:
    caption = media.captions.filter(language=language).first() if language else None
    if caption is None:
        return {}
    return {"language": caption.language, "label": caption.label, "text": caption.vtt}


@course_access()
@require_http_methods(["GET", "POST"])
def caption_cues(request, media_id, language: str):
    """One caption track as a list of cues to correct, split, merge and retime."""
    media = _managed_media_for(request, media_id)
    caption = Caption.objects.filter(media=media, language=language).first()
    if caption is None:
        raise Http404("No captions in that language.")
    error = ""
    rows = cue_edits.rows_for(caption.vtt)
    if request.method == "POST":
        try:
            rows = cue_edits.posted_rows(request.POST)
            cues = cue_edits.cues_from(rows, duration=media.duration_seconds)
            services.caption_save(
                media=media,
                editor=request.user,
                language=caption.language,
                label=caption.label,
                text=vtt.render(cues),
            )
        except CaptionError as refusal:
            error = refusal.message
        else:
            messages.success(request, "Your caption changes are saved.")
            return redirect(
                reverse("media:caption_cues", args=[request.course.slug, media.public_id, language])
            )
    return render(
        request,
        "media/caption_cues.html",
        {"media": media, "caption": caption, "rows": rows, "error": error},
    )


@course_access()
@require_http_methods(["GET", "POST"])
def caption_draft(request, media_id):
    """The author's speech draft in the cue editor: saving it makes it the recording's
    captions. Nobody else reaches it."""
    media = _managed_media_for(request, media_id)
    draft = services.caption_draft_for(media) if media.owner_id == request.user.pk else None
    if draft is None:
        raise Http404("No draft waiting.")
    error = ""
    rows = cue_edits.rows_for(draft.draft)
    if request.method == "POST":
        try:
            rows = cue_edits.posted_rows(request.POST)
            cues = cue_edits.cues_from(rows, duration=media.duration_seconds)
            services.caption_draft_accept(media=media, author=request.user, text=vtt.render(cues))
        except (Refused, CaptionError) as refusal:
            error = refusal.message
        else:
            messages.success(request, DRAFT_MESSAGES["accept"])
            return redirect(
                reverse("media:caption_cues", args=[request.course.slug, media.public_id, "en"])
            )
    return render(
        request,
        "media/caption_cues.html",
        {"media": media, "caption": draft, "rows": rows, "error": error, "is_draft": True},
    )


@course_access()
@require_safe
def captions_vtt(request, media_id, language: str):
    media = _media_for(request, media_id)
    caption = Caption.objects.filter(media=media, language=language).first()
    if caption is None:
        raise Http404("No captions in that language.")
    response = HttpResponse(caption.vtt, content_type="text/vtt; charset=utf-8")
    response["Cache-Control"] = "private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
