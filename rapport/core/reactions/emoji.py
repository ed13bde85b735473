"""The one emoji set people react with, each named in words — for screen readers, and
for systems without an emoji font. A fixed, friendly set: no thumbs-down, nothing that
reads as a grade. It holds every emoji any feature offered before reactions were shared,
so no stored reaction falls outside it."""

REACTION_LABELS = {
    "👍": "Thumbs up",
    "👏": "Applause",
    "❤️": "Love",
    "🎉": "Celebrate",
    "😂": "Funny",
    "🙏": "Thank you",
    "🌱": "Growing",
    "💡": "Got an idea",
}
REACTION_EMOJI = tuple(REACTION_LABELS)
REACTION_CHOICES = list(REACTION_LABELS.items())
