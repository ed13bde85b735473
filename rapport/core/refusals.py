"""The one refusal every service raises when it won't do what it was asked."""


class Refused(Exception):
    """The action is not allowed or the input can't be used. ``message`` says why in words
    for the person and is shown as is — next to ``field`` when it is about one form field.
    ``code`` names the reason for callers that answer machines (the recorder's JSON)."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
