"""What every knowing service shares."""


def clean_text(text: str | None) -> str:
    return (text or "").strip()
