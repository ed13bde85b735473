"""@mentions: the token mentions.js inserts, resolving it, and drawing it in a post.

A mention is written ``@[Kwame](user:42)``. Only an *active member of the post's course*
makes it a mention: it is then drawn as "@" + that person's current name (escaped), and
they hear of it. Any other token — a stranger, someone removed, a made-up id — stays the
plain text the author typed after the "@", rendered like the rest of the post.
"""

import re
import secrets
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rapport.courses.models import Membership, MembershipStatus
from rapport.presence.text import render_markdown

TOKEN = re.compile(r"@\[([^\[\]\n]{1,80})\]\(user:(\d{1,12})\)")
SEARCH_LIMIT = 8
# A tag in the sanitiser's output: it always quotes attribute values with '"' (a '"' inside
# one is written &quot;), though it may leave '<' and '>' in them as they are.
_TAG = re.compile(r'<(?:[^>"]|"[^"]*")*>')


def mentioned_ids(text: str) -> set[int]:
    """Every user id named by a token in ``text`` — resolved or not."""
    return {int(match.group(2)) for match in TOKEN.finditer(text or "")}


def active_members(*, course, ids) -> dict:
    """The people among ``ids`` who are active members of ``course``. One query."""
    ids = set(ids)
    if not ids:
        return {}
    rows = Membership.objects.filter(
        course=course, user_id__in=ids, status=MembershipStatus.ACTIVE
    ).select_related("user")
    return {membership.user_id: membership.user for membership in rows}


def render_post(text: str, *, people: dict) -> SafeString:
    """``text`` as safe HTML: Markdown rendered and sanitised by ``render_markdown``, with
    each token naming someone in ``people`` (user id -> user) drawn as a mention.

    A resolved mention travels through Markdown and the sanitiser as a placeholder made
    with a random key drawn for this one rendering: nothing an author writes (characters,
    HTML entities that decode to them) can forge one or point it at a missing mention.
    In text it becomes the mention's markup; inside a tag (a link's title) only its
    escaped words, so no markup ever lands in an attribute."""
    key = secrets.token_hex(16)
    found: list = []

    def swap(match: re.Match) -> str:
        person = people.get(int(match.group(2)))
        if person is None:
            return "@" + match.group(1)
        found.append(person)
        return f"\ue000{key}-{len(found) - 1}\ue001"

    html = str(render_markdown(TOKEN.sub(swap, text or "")))
    if not found:
        return mark_safe(html)  # noqa: S308 — sanitised by render_markdown
    placeholder = re.compile(f"\ue000{key}-(\\d{{1,6}})\ue001")

    def draw(match: re.Match) -> str:
        person = found[int(match.group(1))]
        name = escape(person.display_name)
        return f'<span class="mention" data-user-id="{person.pk}">@{name}</span>'

    def words(match: re.Match) -> str:
        return escape("@" + found[int(match.group(1))].display_name)

    pieces, position = [], 0
    for tag in _TAG.finditer(html):
        pieces.append(placeholder.sub(draw, html[position : tag.start()]))
        pieces.append(placeholder.sub(words, tag.group(0)))
        position = tag.end()
    pieces.append(placeholder.sub(draw, html[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 — sanitised, names escaped


def plain_text(text: str, *, people: dict) -> str:
    """``text`` with tokens as "@Name" — for notification bodies and previews."""

    def swap(match: re.Match) -> str:
        person = people.get(int(match.group(2)))
        return "@" + (person.display_name if person is not None else match.group(1))

    return TOKEN.sub(swap, text or "")


def folded(text: str) -> str:
    """Lower case without accents, so "tomas" finds Tomás and "soren" Søren."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("đ", "d")


def search(*, course, query: str, exclude_id: int | None = None) -> list:
    """Active members of ``course`` whose name has a word starting with ``query``, best
    first: preferred name starts with it, then any word of either name. One query."""
    needle = folded(query.strip().lstrip("@"))
    if not needle:
        return []
    members = Membership.objects.filter(
        course=course, status=MembershipStatus.ACTIVE
    ).select_related("user")
    ranked = []
    for membership in members:
        user = membership.user
        if user.pk == exclude_id:
            continue
        preferred = folded(user.display_name)
        words = folded(f"{user.display_name} {user.full_name}").split()
        if preferred.startswith(needle):
            rank = 0
        elif any(word.startswith(needle) for word in words) or needle in preferred:
            rank = 1
        else:
            continue
        ranked.append((rank, preferred, membership))
    ranked.sort(key=lambda item: item[:2])
    return [membership for _, _, membership in ranked[:SEARCH_LIMIT]]
