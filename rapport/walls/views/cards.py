"""One card, for a page without its script (the live page sends these on the socket):
adding one, editing, moving, deleting, approving, reacting, commenting; and its photo."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from rapport.core.files import private_file_response
from rapport.core.refusals import Refused
from rapport.courses.access import course_access
from rapport.media.selectors import media_owned_by
from rapport.media.services import media_create_from_upload
from rapport.walls import rules, selectors, services
from rapport.walls.forms import CardEditForm, CardForm, CardMoveForm, CommentForm
from rapport.walls.images import process_card_image
from rapport.walls.models import CardKind
from rapport.walls.views.boards import board_or_404


def _card_or_404(request, board_id: int, card_id: int):
    card = selectors.card_for(
        course=request.course, board_id=board_id, card_id=card_id, member=request.membership
    )
    if card is None or not rules.may_see(card, request.membership):
        raise Http404("No such card.")
    return card


def _refused(request, board, refusal: Refused, card_id=None):
    messages.error(request, refusal.message)
    return redirect(selectors.card_url(board, card_id) if card_id else selectors.board_url(board))


@course_access()
@require_POST
def card_add(request, board_id: int):
    board = board_or_404(request, board_id)
    form = CardForm(request.POST, request.FILES, board=board, member=request.membership)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect(selectors.board_url(board))
    data = form.cleaned_data
    try:
        photo = process_card_image(data["image"]) if data["kind"] == CardKind.IMAGE else None
    except ValidationError as error:
        return _refused(request, board, Refused(error.messages[0]))
    if data["kind"] == CardKind.IMAGE and photo is None:
        return _refused(request, board, Refused("Choose a photo to share."))
    try:
        with transaction.atomic():
            clip = _clip(request, data) if data["kind"] == CardKind.CLIP else None
            card = services.card_add(
                board=board,
                member=request.membership,
                kind=data["kind"],
                body=data["body"],
                colour=data["colour"],
                section_id=data.get("section"),
                anonymous=data.get("anonymous", False),
                link_url=data["link_url"] if data["kind"] == CardKind.LINK else "",
                image_alt=data["image_alt"],
                clip=clip,
            )
            if photo is not None:
                services.card_image_attach(card=card, member=request.membership, image=photo)
    except Refused as refusal:
        return _refused(request, board, refusal)
    if card.approved_at is None:
        messages.success(request, "Your card is in. It shows to the class once approved.")
    else:
        messages.success(request, "Your card is on the wall.")
    return redirect(selectors.card_url(board, card.pk))


def _clip(request, data):
    """The recorder's upload named by ``media_id``, or the file chosen without the recorder
    (taken into the media pipeline here); None when neither came."""
    if data["media_id"]:
        return media_owned_by(owner=request.user, course=request.course, media_id=data["media_id"])
    if data["media_file"]:
        return media_create_from_upload(
            course=request.course, owner=request.user, upload=data["media_file"]
        )
    return None


@course_access()
@require_http_methods(["GET", "POST"])
def card_edit(request, board_id: int, card_id: int):
    card = _card_or_404(request, board_id, card_id)
    if not rules.may_edit(card, request.membership):
        raise Http404("Only its author can change a card.")
    initial = {"version": card.version, "body": card.body, "colour": card.colour}
    form = CardEditForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.card_edit(
                card=card,
                member=request.membership,
                version=data["version"],
                body=data["body"],
                colour=data["colour"],
            )
        except services.StaleCard:
            form.add_error(None, "Someone changed this card since you opened it: look again.")
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Card saved.")
            return redirect(selectors.card_url(card.board, card.pk))
    return render(request, "walls/card_edit.html", {"card": card, "form": form})


@course_access()
@require_POST
def card_move(request, board_id: int, card_id: int):
    card = _card_or_404(request, board_id, card_id)
    form = CardMoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, card.board, Refused("Say where the card goes."), card.pk)
    data = form.cleaned_data
    try:
        services.card_move(
            card=card,
            member=request.membership,
            version=data["version"],
            x=None if data["x"] is None else data["x"] - 1,
            y=None if data["y"] is None else data["y"] - 1,
            section_id=data["section"],
            position=data["position"],
        )
    except services.StaleCard:
        return _refused(
            request, card.board, Refused("Someone moved this card a moment ago."), card.pk
        )
    except Refused as refusal:
        return _refused(request, card.board, refusal, card.pk)
    return redirect(selectors.card_url(card.board, card.pk))


@course_access()
@require_POST
def card_delete(request, board_id: int, card_id: int):
    card = _card_or_404(request, board_id, card_id)
    try:
        services.card_delete(card=card, member=request.membership)
    except Refused as refusal:
        return _refused(request, card.board, refusal, card.pk)
    messages.success(request, "Card deleted.")
    return redirect(selectors.board_url(card.board))


@course_access()
@require_POST
def card_approve(request, board_id: int, card_id: int):
    card = _card_or_404(request, board_id, card_id)
    try:
        services.card_approve(card=card, member=request.membership)
    except Refused as refusal:
        raise Http404(refusal.message) from refusal
    messages.success(request, "Approved: the class sees it now.")
    return redirect(selectors.card_url(card.board, card.pk))


@course_access()
@require_POST
def card_react(request, board_id: int, card_id: int):
    card = _card_or_404(request, board_id, card_id)
    try:
        services.card_react(card=card, member=request.membership, emoji=request.POST.get("emoji"))
    except Refused as refusal:
        return _refused(request, card.board, refusal, card.pk)
    return redirect(selectors.card_url(card.board, card.pk))


@course_access()
@require_POST
def card_comment(request, board_id: int, card_id: int):
    card = _card_or_404(request, board_id, card_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _refused(request, card.board, Refused("Write a comment first."), card.pk)
    try:
        services.card_comment(card=card, member=request.membership, body=form.cleaned_data["body"])
    except Refused as refusal:
        return _refused(request, card.board, refusal, card.pk)
    return redirect(selectors.card_url(card.board, card.pk))


@course_access()
@require_safe
def card_image(request, card_id: int):
    card = selectors.card_image_for(
        course=request.course, card_id=card_id, member=request.membership
    )
    if card is None:
        raise Http404("No such photo.")
    return private_file_response(card.image, content_type="image/jpeg")
