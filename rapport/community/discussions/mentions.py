"""@mentions: what people type, the token a post stores, resolving it, drawing it.

People type "@Kwame" (mentions.js offers names as they type, and remembers whom they
picked in the form's ``mention_ids``; without JavaScript they just type the name).
``tokens_from_typed`` turns each "@Name" that names an active member of the course into
the stored token ``@[Kwame](user:42)``: the longest name that fits wins, a person picked
from the list wins over a namesake, and a name two people share, unpicked, is refused
with a message rather than guessed. ``editable_text`` turns tokens back into "@Name" for
the edit form.

Only an *active member of the post's course* makes a token a mention: it is then drawn
as "@" + that person's current name (escaped), and they hear of it. Any other token — a
stranger, someone removed, a made-up id — stays the plain text the author typed after
the "@", rendered like the rest of the post. In a group's own thread only the group's
members and the teaching team are offered, turned into tokens and told.
"""

import itertools
import re
import secrets
import unicodedata

from django.db.models import Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rapport.core.text import render_markdown
from rapport.courses.models import STAFF_ROLES, Membership, MembershipStatus
from rapport.groups.reach import members_of

TOKEN = re.compile(r"@\[([^\[\]\n]{1,80})\]\(user:(\d{1,12})\)")
SEARCH_LIMIT = 8
# A tag in the sanitiser's output: it always quotes attribute values with '"' (a '"' inside
# one is written &quot;), though it may leave '<' and '>' in them as they are.
_TAG = re.compile(r'<(?:[^>"]|"[^"]*")*>')


def mentioned_ids(text: str) -> set[int]:
    """Every user id named by a token in ``text`` — resolved or not."""
    return {int(match.group(2)) for match in TOKEN.finditer(text or "")}


def _mentionable(*, course, group_id: int | None = None) -> QuerySet[Membership]:
    """Whom a post may name: the active members of ``course`` — in a group's own thread
    only that group's members (in its published round) and the teaching team."""
    members = Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
    if group_id is not None:
        members = members.filter(Q(role__in=STAFF_ROLES) | Q(user_id__in=members_of(group_id)))
    return members.select_related("user")


def active_members(*, course, ids, group_id: int | None = None) -> dict:
    """The people among ``ids`` who are active members of ``course`` (with ``group_id``,
    those a post in that group's thread may name). One query."""
    ids = set(ids)
    if not ids:
        return {}
    rows = _mentionable(course=course, group_id=group_id).filter(user_id__in=ids)
    return {membership.user_id: membership.user for membership in rows}


def render_post(text: str, *, people: dict) -> SafeString:
    """``text`` as safe HTML, with each token naming someone in ``people`` (user id ->
    user) drawn as a mention: ``prerender`` then ``draw_mentions``."""
    html, key = prerender(text)
    return draw_mentions(html, key=key, text=text, people=people)


def prerender(text: str) -> tuple[str, str]:
    """The part of drawing a post that does not change after it is written, done once when
    it is written: Markdown rendered and sanitised by ``render_markdown``, with every token
    left as a placeholder for ``draw_mentions`` (who is a member, and their name, can
    change). Returns (html, key).

    A placeholder carries a random key drawn for this one text: nothing an author writes
    (characters, HTML entities that decode to them) can forge one or point it at a missing
    token."""
    key = secrets.token_hex(8)
    numbers = itertools.count()
    html = render_markdown(TOKEN.sub(lambda _: f"\ue000{key}-{next(numbers)}\ue001", text or ""))
    return str(html), key


def draw_mentions(html: str, *, key: str, text: str, people: dict) -> SafeString:
    """``html`` from ``prerender(text)`` with its placeholders drawn: a token naming someone
    in ``people`` as a mention, any other as the plain words the author typed after the
    "@". In text a mention becomes its markup; inside a tag (a link's title) only its
    escaped words, so no markup ever lands in an attribute."""
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return mark_safe(html)  # noqa: S308 — sanitised by render_markdown
    placeholder = re.compile(f"\ue000{re.escape(key)}-(\\d{{1,6}})\ue001")

    def person_and_label(match: re.Match):
        number = int(match.group(1))
        if number >= len(tokens):
            return None, ""
        label, user_id = tokens[number]
        return people.get(int(user_id)), label

    def draw(match: re.Match) -> str:
        person, label = person_and_label(match)
        if person is None:
            return escape("@" + label)
        name = escape(person.display_name)
        return f'<span class="mention" data-user-id="{person.pk}">@{name}</span>'

    def words(match: re.Match) -> str:
        person, label = person_and_label(match)
        return escape("@" + (person.display_name if person is not None else label))

    pieces, position = [], 0
    for tag in _TAG.finditer(html):
        pieces.append(placeholder.sub(draw, html[position : tag.start()]))
        pieces.append(placeholder.sub(words, tag.group(0)))
        position = tag.end()
    pieces.append(placeholder.sub(draw, html[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 — sanitised, names escaped


# An "@" that starts a typed mention: at the start, or after a space, "(" or ">" (so not
# inside an email address), and not already a token.
_TYPED_AT = re.compile(r"(?<![^\s(>])@(?!\[)")


class AmbiguousMention(Exception):
    """Two or more members answer to the name typed after an "@" and none was picked."""

    def __init__(self, typed: str):
        super().__init__(typed)
        self.typed = typed
        self.message = (
            f"More than one person in this course is called “{typed}”. Pick the one you "
            "mean from the list that appears as you type, or write more of their name."
        )


def token_for(person) -> str:
    label = re.sub(r"[\[\]\n]", "", person.display_name).strip()[:80] or "someone"
    return f"@[{label}](user:{person.pk})"


def tokens_from_typed(text: str, *, course, picked_ids=(), group_id: int | None = None) -> str:
    """``text`` with every typed "@Name" naming an active member of ``course`` (with
    ``group_id``, someone a post in that group's thread may name) turned into their token.
    ``picked_ids`` are the people chosen from the suggestions, in order: they win over
    namesakes. Raises ``AmbiguousMention`` for a shared name nobody picked. One query, and
    none when there is no "@"."""
    text = text or ""
    if "@" not in text:
        return text
    members = {
        membership.user_id: membership.user
        for membership in _mentionable(course=course, group_id=group_id)
    }
    names = [
        (name.casefold(), len(name), user)
        for user in members.values()
        for name in {user.display_name.strip(), user.full_name.strip()}
        if name
    ]
    picked = [members[pk] for pk in dict.fromkeys(picked_ids) if pk in members]
    used: set[int] = set()
    tokens = [match.span() for match in TOKEN.finditer(text)]
    pieces, position = [], 0
    for at in _TYPED_AT.finditer(text):
        start = at.end()
        if start <= position or any(a <= at.start() < b for a, b in tokens):
            continue
        fits = [
            (length, user)
            for folded, length, user in names
            if text[start : start + length].casefold() == folded
            and not _continues_word(text, start + length)
        ]
        if not fits:
            continue
        chosen, length = _choose(fits, picked=picked, used=used)
        if chosen is None:
            raise AmbiguousMention(text[start : start + length])
        used.add(chosen.pk)
        pieces += [text[position : at.start()], token_for(chosen)]
        position = start + length
    return "".join(pieces) + text[position:]


def _continues_word(text: str, index: int) -> bool:
    return index < len(text) and (text[index].isalnum() or text[index] == "_")


def _choose(fits: list, *, picked: list, used: set):
    """The person a typed name means: someone picked (the longest name among them; among
    picked namesakes, the first not yet placed), else the only one with the longest name
    that fits. ``(None, length)`` when that longest name is shared."""
    picked_ids = [user.pk for user in picked]
    mine = [(length, user) for length, user in fits if user.pk in picked_ids]
    if mine:
        longest = max(length for length, _ in mine)
        namesakes = sorted(
            (user for length, user in mine if length == longest),
            key=lambda user: picked_ids.index(user.pk),
        )
        fresh = [user for user in namesakes if user.pk not in used]
        return (fresh or namesakes)[0], longest
    longest = max(length for length, _ in fits)
    people = {user.pk: user for length, user in fits if length == longest}
    if len(people) > 1:
        return None, longest
    return next(iter(people.values())), longest


def editable_text(text: str, *, course) -> tuple[str, list[int]]:
    """A stored body as its author would type it — tokens as "@Name" — and the ids of the
    people it mentions, for the edit form's ``mention_ids``."""
    people = active_members(course=course, ids=mentioned_ids(text))
    ordered = [int(match.group(2)) for match in TOKEN.finditer(text or "")]
    return plain_text(text, people=people), [pk for pk in dict.fromkeys(ordered) if pk in people]


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


def search(
    *, course, query: str, exclude_id: int | None = None, group_id: int | None = None
) -> list:
    """Active members of ``course`` (with ``group_id``, those a post in that group's
    thread may name) whose name has a word starting with ``query``, best first: preferred
    name starts with it, then any word of either name. One query."""
    needle = folded(query.strip().lstrip("@"))
    if not needle:
        return []
    members = _mentionable(course=course, group_id=group_id)
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
