"""What a name may contain. Names are shown beside everything a person says, so a learner
must not be able to make theirs *look* like someone else's: invisible characters and
text-direction overrides let two different strings render identically (or reversed), and
line breaks end up in email headers."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from rapport.core.plain_text import hidden_character

NAME_TEXT_MESSAGE = (
    "Please type this without line breaks, tabs or invisible characters (such as "
    "zero-width spaces or text-direction marks) — they can make one name look like another."
)


@deconstructible
class PlainNameTextValidator:
    """Refuses control, line-break, bidi-override/isolate and zero-width characters."""

    message = NAME_TEXT_MESSAGE
    code = "hidden_characters"

    def __call__(self, value) -> None:
        if value and hidden_character(str(value)) is not None:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, PlainNameTextValidator)


validate_plain_name_text = PlainNameTextValidator()
