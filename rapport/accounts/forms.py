from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from rapport.accounts.models import User, time_zone_choices
from rapport.accounts.names import validate_plain_name_text
from rapport.accounts.services import PROFILE_FIELDS


class SignupForm(AllauthSignupForm):
    """allauth's sign-up form asking first what to call the person;
    ``AccountAdapter.save_user`` stores it with the new account. ACCOUNT_FORMS["signup"]
    is courses' subclass of it, which knows about invitations."""

    preferred_name = forms.CharField(
        max_length=80,
        label="What should we call you?",
        help_text="Your first name, a nickname — whatever you'd like classmates and "
        "teachers to use.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        validators=[validate_plain_name_text],
    )

    timezone = forms.ChoiceField(
        label="Your time zone",
        required=False,
        help_text="So classmates know your local time, and emails arrive at sensible hours.",
    )

    field_order = ["preferred_name", "email", "password1", "password2", "timezone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [("", "Choose your time zone"), *time_zone_choices()]
        if not self.is_bound:
            propose_browser_zone(self.fields["timezone"])


def propose_browser_zone(field: forms.Field) -> None:
    """Let browser-zone.js put the browser's own zone in this select."""
    field.widget.attrs["data-browser-zone"] = "propose"


class ProfileForm(forms.ModelForm):
    """Checks what a person typed; ``services.profile_update`` checks the files and saves.
    Never call ``save()``: bind it to a copy of the user, not ``request.user``."""

    photo = forms.FileField(
        required=False,
        label="New photo",
        help_text="A JPEG or PNG of your face, up to {size}. We crop it to a square for the "
        "small round picture and remove location data and other hidden details.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    remove_photo = forms.BooleanField(required=False, label="Remove my photo")
    pronunciation_audio = forms.FileField(
        required=False,
        label="Recording of my name",
        help_text="A short clip of you saying your name — {seconds} seconds at most.",
        widget=forms.FileInput(attrs={"accept": "audio/*"}),
    )
    remove_audio = forms.BooleanField(required=False, label="Remove my name recording")

    class Meta:
        model = User
        fields = PROFILE_FIELDS
        labels = {
            "preferred_name": "What should we call you?",
            "full_name": "Full name",
            "timezone": "Time zone",
            "preferred_channel": "Where should we reach you?",
            "quiet_hours_start": "Quiet hours start",
            "quiet_hours_end": "Quiet hours end",
        }
        help_texts = {
            "preferred_name": "The name teachers and classmates see everywhere in Rapport.",
            "full_name": "As on your course roster, if it's different.",
            "pronouns": 'For example "she/her", "he/him", "they/them".',
            "about": "A few lines about you: where you are, what you love, why you're here.",
            "quiet_hours_start": "We hold emails until your quiet hours end. Leave both times "
            "empty to get emails any time.",
            "timezone": "So classmates know your local time, and emails arrive at sensible hours.",
        }
        widgets = {
            "preferred_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "preferred_channel": forms.RadioSelect,
            "about": forms.Textarea(attrs={"rows": 5}),
            "quiet_hours_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_hours_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    privacy_fields = (
        "show_photo_to_peers",
        "show_pronouns_to_peers",
        "show_about_to_peers",
        "show_pronunciation_to_peers",
        "show_local_time_to_peers",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_name"].required = True
        if not self.is_bound and self.instance.timezone_unknown:
            # Never chosen, so "UTC" is only the default: propose the browser's zone instead.
            propose_browser_zone(self.fields["timezone"])
        photo, audio = self.fields["photo"], self.fields["pronunciation_audio"]
        photo.help_text = photo.help_text.format(size=filesizeformat(settings.PHOTO_MAX_BYTES))
        audio.help_text = audio.help_text.format(seconds=settings.PRONUNCIATION_MAX_SECONDS)
        self.fields["about"].widget.attrs["maxlength"] = User._meta.get_field("about").max_length

    def privacy_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.privacy_fields]

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and cleaned.get("remove_photo"):
            self.add_error("remove_photo", "Choose a new photo or remove it — not both.")
        if cleaned.get("pronunciation_audio") and cleaned.get("remove_audio"):
            self.add_error("remove_audio", "Choose a new recording or remove it — not both.")
        return cleaned
