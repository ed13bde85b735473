"""The walls' forms: what a page without its script posts (the live page sends the same
actions on the course's socket)."""

from django import forms

from rapport.walls.models import BODY_MAX, COMMENT_MAX, CardKind, Colour, Layout, WhoMayPost


class BoardForm(forms.Form):
    title = forms.CharField(max_length=120)
    prompt = forms.CharField(
        label="What should people add?",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    layout = forms.ChoiceField(choices=Layout.choices, initial=Layout.WALL)
    sections = forms.CharField(
        label="Columns (one per line, for the columns layout)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    who_may_post = forms.ChoiceField(label="Who may add cards", choices=WhoMayPost.choices)
    moderated = forms.BooleanField(
        label="Approve learners' cards before the class sees them", required=False
    )
    allow_anonymous = forms.BooleanField(
        label="Let learners post anonymously to classmates (you still see who wrote it)",
        required=False,
    )


class BoardSettingsForm(BoardForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["layout"]
        del self.fields["sections"]


class CardForm(forms.Form):
    kind = forms.ChoiceField(
        choices=CardKind.choices,
        initial=CardKind.TEXT,
        widget=forms.RadioSelect,
    )
    body = forms.CharField(
        label="Text", required=False, max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    link_url = forms.CharField(label="Link", required=False, max_length=1000)
    image = forms.FileField(label="Photo", required=False)
    image_alt = forms.CharField(label="Describe the photo", required=False, max_length=300)
    # the recorder's upload (with JavaScript) or the chosen file (without)
    media_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    media_file = forms.FileField(label="Or choose a recording", required=False)
    colour = forms.ChoiceField(choices=Colour.choices, initial=Colour.YELLOW)
    section = forms.TypedChoiceField(label="Column", required=False, coerce=int, empty_value=None)
    anonymous = forms.BooleanField(label="Anonymous to classmates", required=False)

    def __init__(self, *args, board, member, **kwargs):
        super().__init__(*args, **kwargs)
        sections = list(board.sections.all())
        if sections:
            self.fields["section"].choices = [(s.pk, s.title) for s in sections]
        else:
            del self.fields["section"]
        if member.is_staff:  # a learner's is hidden while the wall does not offer it
            del self.fields["anonymous"]


class CardEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(
        label="Text", required=False, max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    colour = forms.ChoiceField(choices=Colour.choices)


class CardMoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    x = forms.IntegerField(label="Column on the wall", required=False, min_value=1)
    y = forms.IntegerField(label="Row on the wall", required=False, min_value=1)
    section = forms.IntegerField(required=False)
    position = forms.IntegerField(required=False)


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment", max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
