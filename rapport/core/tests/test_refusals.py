from rapport.core.refusals import Refused


def test_a_refusal_carries_its_words_field_and_code():
    refusal = Refused("Give it a title.", field="title")
    assert (str(refusal), refusal.message, refusal.field, refusal.code) == (
        "Give it a title.",
        "Give it a title.",
        "title",
        "refused",
    )
    assert Refused("Too big.", code="too_big").code == "too_big"
