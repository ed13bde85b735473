"""Boards: the course's walls, making one, one wall, its settings and its export."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from rapport.core.csvsafe import csv_response
from rapport.core.paging import int_param, shown_count
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.walls import picture, rules, selectors, services
from rapport.walls.forms import BoardForm, BoardSettingsForm, CardForm
from rapport.walls.models import GRID_COLUMNS, GRID_ROWS, Colour, Layout

# A wall draws this many cards of each list, and this many more at each "Show more" (a
# class's introductions fill one: 500 cards would be megabytes of page).
CARDS_PER_PAGE = 30
CARDS_MOST = 2000


def board_or_404(request, board_id: int):
    board = selectors.board_or_none(
        course=request.course, board_id=board_id, member=request.membership
    )
    if board is None:
        raise Http404("No such wall.")
    return board


@course_access()
@require_safe
def board_list(request):
    services.intro_board_for(course=request.course)
    context = {"boards": selectors.boards_for(course=request.course, member=request.membership)}
    return render(request, "walls/boards.html", context)


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def board_new(request):
    form = BoardForm(request.POST or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            board = services.board_create(
                course=request.course,
                member=request.membership,
                title=data["title"],
                prompt=data["prompt"],
                layout=data["layout"],
                who_may_post=data["who_may_post"],
                moderated=data["moderated"],
                allow_anonymous=data["allow_anonymous"],
                sections=data["sections"].splitlines(),
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, f"“{board.title}” is ready for cards.")
            return redirect(selectors.board_url(board))
    return render(request, "walls/board_new.html", {"form": form})


@course_access()
@require_safe
def board(request, board_id: int):
    wall = board_or_404(request, board_id)
    member = request.membership
    page = selectors.board_page(
        board=wall,
        member=member,
        shown=shown_count(request, step=CARDS_PER_PAGE, most=CARDS_MOST),
        card_id=int_param(request, "card"),
    )
    cards = page.cards
    context = {
        "board": wall,
        "cards": cards,
        "page": page,
        "more": page.shown + CARDS_PER_PAGE,
        "sections": [
            (section, [card for card in cards if card["section"] == section.pk])
            for section in wall.sections.all()
        ],
        "section_list": [{"id": s.pk, "title": s.title} for s in wall.sections.all()],
        "may_post": rules.may_post(wall, member),
        "form": CardForm(board=wall, member=member),
        "colours": Colour.choices,
        "grid": {"columns": GRID_COLUMNS, "rows": GRID_ROWS},
        "columns_range": range(1, GRID_COLUMNS + 1),
        "is_wall": wall.layout == Layout.WALL,
        "is_columns": wall.layout == Layout.COLUMNS,
        "waiting": selectors.waiting_for_approval(board=wall) if member.is_staff else 0,
        "live_url": f"/ws/c/{request.course.slug}/",
    }
    return render(request, "walls/board.html", context)


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def board_settings(request, board_id: int):
    wall = board_or_404(request, board_id)
    if request.method == "POST" and "lock" in request.POST:
        services.board_lock(
            board=wall, member=request.membership, locked=request.POST["lock"] == "1"
        )
        messages.success(request, "The wall is locked." if wall.is_locked else "The wall is open.")
        return redirect(selectors.board_url(wall))
    initial = {
        "title": wall.title,
        "prompt": wall.prompt,
        "who_may_post": wall.who_may_post,
        "moderated": wall.moderated,
        "allow_anonymous": wall.allow_anonymous,
    }
    form = BoardSettingsForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.board_settings_save(board=wall, member=request.membership, **data)
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Saved.")
            return redirect(selectors.board_url(wall))
    return render(request, "walls/board_settings.html", {"board": wall, "form": form})


@course_access(STAFF)
@require_safe
def board_export(request, board_id: int):
    wall = board_or_404(request, board_id)
    return csv_response(
        selectors.export_rows(board=wall), filename=f"{request.course.slug}-wall-{wall.pk}.csv"
    )


@course_access(STAFF)
@require_safe
def board_picture(request, board_id: int):
    wall = board_or_404(request, board_id)
    png = picture.board_picture(
        board=wall,
        cards=selectors.board_cards(board=wall, member=request.membership),
        sections=[{"id": s.pk, "title": s.title} for s in wall.sections.all()],
    )
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = (
        f'attachment; filename="{request.course.slug}-wall-{wall.pk}.png"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
