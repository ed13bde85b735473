from rapport.presence.placeholders import placeholder_values, render_placeholders

VALUES = {"preferred_name": "Aroha", "goal": "", "interest": ""}


def test_known_placeholders_are_filled_in():
    assert render_placeholders("Kia ora {preferred_name}!", VALUES) == "Kia ora Aroha!"


def test_empty_placeholders_leave_no_doubled_space_or_space_before_punctuation():
    text = "Hi {preferred_name}, I hope {goal} is going well and {interest}."
    assert render_placeholders(text, VALUES) == "Hi Aroha, I hope is going well and."


def test_empty_placeholder_at_the_start_of_a_line_leaves_no_leading_space():
    assert render_placeholders("{goal} Keep going.\n{interest} Yes", VALUES) == "Keep going.\nYes"


def test_unknown_placeholders_and_stray_braces_stay_as_typed():
    text = "{nickname} { } {{preferred_name}} } {"
    assert render_placeholders(text, VALUES) == "{nickname} { } {Aroha} } {"


def test_no_attribute_or_index_lookups():
    text = "{preferred_name.__class__} {preferred_name[0]} {0}"
    assert render_placeholders(text, VALUES) == text


def test_values_given_with_surrounding_spaces_are_trimmed():
    assert render_placeholders("a {goal} b", {"goal": "  rivers  "}) == "a rivers b"


def test_placeholder_values_use_the_learners_preferred_name(cast):
    values = placeholder_values(learner=cast.learner, course=cast.course)
    assert values == {"preferred_name": "Learner", "goal": "", "interest": ""}
