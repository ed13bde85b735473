from django import forms


class PeerSuggestionsForm(forms.Form):
    opted_out = forms.BooleanField(
        required=False,
        label="Leave me out of partner suggestions",
        help_text="Your teachers sometimes pair a classmate who is just getting connected with "
        "someone friendly. Tick this and they won't be offered you as a partner.",
    )
