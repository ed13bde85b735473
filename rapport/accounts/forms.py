from django import forms


class SignupForm(forms.Form):
    preferred_name = forms.CharField(max_length=80, label="What should we call you?")

    def signup(self, request, user):
        user.preferred_name = self.cleaned_data["preferred_name"]
        user.save(update_fields=["preferred_name"])
