"""Reads of live sessions: the course's sessions, an activity as a screen shows it, its
results (word cloud, bars, scale, faces, open answers by upvotes), a participant's own
answer, and the rows of a results export."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from rapport.live.models import (
    MOOD_FACES,
    SCALE_VALUES,
    Activity,
    ActivityKind,
    Answer,
    LiveSession,
    Participant,
    Upvote,
)

CLOUD_WORDS = 60
OPEN_ANSWERS_SHOWN = 100
# Word cloud font sizes, in rem: the rarest word, and the commonest.
CLOUD_SMALLEST, CLOUD_LARGEST = 1.0, 4.0


def sessions_for(*, course) -> tuple[list[LiveSession], list[LiveSession]]:
    """The course's open sessions, and its past ones (latest first)."""
    sessions = list(
        LiveSession.objects.filter(course=course)
        .annotate(activity_count=Count("activities"))
        .order_by("-opened_at", "-pk")  # (an aggregate leaves the model's ordering out)
    )
    return [s for s in sessions if s.is_open], [s for s in sessions if not s.is_open]


def open_session_for(*, course) -> LiveSession | None:
    """The course's live session running now (the latest, if there are several), or None:
    what a course's home and navigation link to."""
    return LiveSession.objects.filter(course=course, closed_at__isnull=True).first()


def session_or_none(*, course, session_id: int) -> LiveSession | None:
    return LiveSession.objects.filter(course=course, pk=session_id).first()


def session_by_code(code: str) -> LiveSession | None:
    """The open session whose join code is ``code`` (case and spaces ignored)."""
    code = "".join((code or "").split()).upper()
    if not code:
        return None
    return (
        LiveSession.objects.select_related("course", "current_activity")
        .filter(join_code=code, closed_at__isnull=True)
        .first()
    )


def activities_of(session: LiveSession) -> list[Activity]:
    return list(session.activities.annotate(answer_count=Count("answers")))


def activity_of(session: LiveSession, activity_id: int) -> Activity | None:
    return session.activities.filter(pk=activity_id).first()


def activity_state(activity: Activity | None, *, count: int) -> dict | None:
    """``activity`` as every screen shows it (no answers in it)."""
    if activity is None:
        return None
    state = {
        "id": activity.pk,
        "kind": activity.kind,
        "prompt": activity.prompt,
        "anonymous": activity.anonymous,
        "locked": activity.locked,
        "results_visible": activity.results_visible,
        "position": activity.position,
        "count": count,
    }
    if activity.kind == ActivityKind.POLL:
        state["choices"] = list(activity.choices)
    elif activity.kind == ActivityKind.MOOD:
        state["faces"] = [{"value": v, "face": f, "label": label} for v, f, label in MOOD_FACES]
    elif activity.kind == ActivityKind.SCALE:
        state["scale"] = list(SCALE_VALUES)
    return state


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def _cloud(counts: Counter) -> list[dict]:
    top = counts.most_common(CLOUD_WORDS)
    if not top:
        return []
    most, least = top[0][1], top[-1][1]
    spread = CLOUD_LARGEST - CLOUD_SMALLEST
    words = []
    for word, count in sorted(top, key=lambda item: item[0]):
        share = (count - least) / (most - least) if most > least else 0.5
        words.append(
            {"word": word, "count": count, "size": round(CLOUD_SMALLEST + spread * share, 2)}
        )
    return words


def results(activity: Activity) -> dict:
    """The activity's answers gathered for a screen: ``answered`` and, by kind, the word
    cloud, the choice bars, the scale and its mean, the faces, or the open answers by
    upvotes. One or two queries, however many answered."""
    kind = activity.kind
    if kind == ActivityKind.OPEN:
        answers = list(
            Answer.objects.filter(activity=activity)
            .annotate(votes=Count("upvotes"))
            .order_by("-votes", "changed_at", "pk")
            .values("pk", "text", "votes")
        )
        shown = [{"id": a["pk"], "text": a["text"], "votes": a["votes"]} for a in answers]
        return {"answered": len(answers), "answers": shown[:OPEN_ANSWERS_SHOWN]}
    field = "number" if kind == ActivityKind.SCALE else "text"
    counts = Counter(
        dict(
            Answer.objects.filter(activity=activity)
            .values_list(field)
            .annotate(n=Count("pk"))
            .values_list(field, "n")
        )
    )
    total = sum(counts.values())
    gathered: dict = {"answered": total}
    if kind == ActivityKind.WORD:
        gathered["words"] = _cloud(counts)
    elif kind == ActivityKind.POLL:
        gathered["choices"] = [
            {"choice": c, "count": counts[c], "percent": _percent(counts[c], total)}
            for c in activity.choices
        ]
    elif kind == ActivityKind.SCALE:
        gathered["distribution"] = [
            {"value": v, "count": counts[v], "percent": _percent(counts[v], total)}
            for v in SCALE_VALUES
        ]
        mean = sum(v * n for v, n in counts.items()) / total if total else None
        gathered["mean"] = None if mean is None else round(mean, 1)
    elif kind == ActivityKind.MOOD:
        gathered["faces"] = [
            {
                "value": v,
                "face": f,
                "label": label,
                "count": counts[v],
                "percent": _percent(counts[v], total),
            }
            for v, f, label in MOOD_FACES
        ]
    return gathered


def shown_results(activity: Activity, gathered: dict, *, host: bool) -> dict:
    """What a screen may show of ``gathered``: everything to the hosts, and to everyone
    else once revealed; until then only how many answered."""
    if host or activity.results_visible:
        return gathered
    return {"answered": gathered["answered"]}


def own_answer(activity: Activity | None, participant: Participant | None) -> dict | None:
    """``participant``'s answer to ``activity`` (and, for an open question, which answers
    they upvoted), or None."""
    if activity is None or participant is None or (activity.anonymous and not activity.salt):
        return None
    respondent = activity.respondent_for(participant.pk)
    answer = Answer.objects.filter(activity=activity, respondent=respondent).first()
    mine: dict = {"activity": activity.pk, "answer": None}
    if answer is not None:
        mine["answer"] = {"id": answer.pk, "text": answer.text, "number": answer.number}
    if activity.kind == ActivityKind.OPEN:
        mine["upvoted"] = list(
            Upvote.objects.filter(answer__activity=activity, voter=respondent).values_list(
                "answer_id", flat=True
            )
        )
    return mine


def own_answers(answers: list[Answer]) -> list[dict]:
    """``own_answer`` for each of ``answers`` just given (each with its activity): one query
    for the upvotes of the open questions among them, none for the rest."""
    open_ids = {a.activity_id for a in answers if a.activity.kind == ActivityKind.OPEN}
    upvoted: dict[tuple[int, str], list[int]] = {}
    if open_ids:
        rows = Upvote.objects.filter(
            answer__activity_id__in=open_ids,
            voter__in={a.respondent for a in answers if a.activity_id in open_ids},
        ).values_list("answer__activity_id", "voter", "answer_id")
        for activity_id, voter, answer_id in rows:
            upvoted.setdefault((activity_id, voter), []).append(answer_id)
    mine = []
    for answer in answers:
        said = {"id": answer.pk, "text": answer.text, "number": answer.number}
        one = {"activity": answer.activity_id, "answer": said}
        if answer.activity_id in open_ids:
            one["upvoted"] = upvoted.get((answer.activity_id, answer.respondent), [])
        mine.append(one)
    return mine


@dataclass
class ActivityResults:
    activity: Activity
    # what the reader may see: everything for staff; for learners, revealed results only
    results: dict | None
    # staff, named activities: (who, what they said), in the order they answered
    said: list[tuple[str, str]] = field(default_factory=list)

    @property
    def bars(self) -> list[tuple[str, int, int]]:
        """(label, count, percent) for a poll's choices, a scale's values or the faces."""
        found = self.results or {}
        if "choices" in found:
            return [(row["choice"], row["count"], row["percent"]) for row in found["choices"]]
        if "distribution" in found:
            rows = found["distribution"]
            return [(str(row["value"]), row["count"], row["percent"]) for row in rows]
        rows = found.get("faces", [])
        return [(f"{row['face']} {row['label']}", row["count"], row["percent"]) for row in rows]

    @property
    def mean(self):
        return (self.results or {}).get("mean")


def session_results(session: LiveSession, *, staff: bool) -> list[ActivityResults]:
    """Each activity of the session with its results, for the page that keeps them once
    the class is over: the teaching team sees every result and, for a named activity, who
    said what; a learner sees the results that were shown to the class. One or two queries
    an activity (a session has a handful) and one for who said what."""
    activities = activities_of(session)
    said: dict[int, list[tuple[str, str]]] = {}
    if staff:
        named = (
            Answer.objects.filter(activity__session=session, activity__anonymous=False)
            .select_related("activity", "participant__user")
            .order_by("changed_at", "pk")
        )
        for answer in named:
            text = answer.text if answer.number is None else str(answer.number)
            said.setdefault(answer.activity_id, []).append((_who(answer), text))
    return [
        ActivityResults(
            activity=activity,
            results=results(activity) if staff or activity.results_visible else None,
            said=said.get(activity.pk, []),
        )
        for activity in activities
    ]


def export_rows(session: LiveSession):
    """The session's results, one row per answer, for the teaching team: who said it only
    for a named activity (a guest by the name they gave), never for an anonymous one."""
    yield ["Activity", "Kind", "Prompt", "Anonymous", "Who", "Answer", "Upvotes", "Answered at"]
    answers = (
        Answer.objects.filter(activity__session=session)
        .select_related("activity", "participant__user")
        .annotate(votes=Count("upvotes"))
        .order_by("activity__position", "activity__pk", "changed_at", "pk")
    )
    for answer in answers.iterator(chunk_size=500):
        activity = answer.activity
        yield [
            activity.position + 1,
            activity.get_kind_display(),
            activity.prompt,
            "yes" if activity.anonymous else "no",
            _who(answer),
            answer.text if answer.number is None else answer.number,
            answer.votes if activity.kind == ActivityKind.OPEN else "",
            answer.changed_at.isoformat(timespec="seconds"),
        ]


def _who(answer: Answer) -> str:
    participant = answer.participant
    if answer.activity.anonymous or participant is None:
        return "(anonymous)"
    if participant.user is not None:
        return participant.user.display_name
    return f"{participant.guest_name} (guest)"
