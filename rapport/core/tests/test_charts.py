from xml.etree import ElementTree

from rapport.core.charts import strip_scripts_and_comments
from rapport.core.testing.caches import clear_own_cache

SVG = "http://www.w3.org/2000/svg"


def test_scripts_and_comments_go_at_any_depth_and_in_any_namespace():
    root = ElementTree.fromstring(
        f'<svg xmlns="{SVG}"><script>config()</script><!-- made with pygal -->'
        "<g><script>tooltip()</script><title>kept</title><!-- credit --></g></svg>",
        parser=ElementTree.XMLParser(target=ElementTree.TreeBuilder(insert_comments=True)),
    )
    strip_scripts_and_comments(root)
    text = ElementTree.tostring(root, encoding="unicode")
    assert "script" not in text and "pygal" not in text and "credit" not in text
    assert "<ns0:title>kept</ns0:title>" in text


def test_a_remembered_chart_is_drawn_again_only_when_what_it_shows_changes(settings):
    from django.utils import timezone

    from rapport.core.charts import remembered

    clear_own_cache()
    drawn = []

    def draw(label):
        def inner():
            drawn.append(label)
            return f"<svg>{label}</svg>"

        return inner

    assert remembered(draw("a"), shows=("mood", [(1.0, 3)])) == "<svg>a</svg>"
    assert remembered(draw("b"), shows=("mood", [(1.0, 3)])) == "<svg>a</svg>"
    assert remembered(draw("c"), shows=("mood", [(1.0, 4)])) == "<svg>c</svg>"
    with timezone.override("Asia/Tokyo"):
        assert remembered(draw("d"), shows=("mood", [(1.0, 3)])) == "<svg>d</svg>"
    assert drawn == ["a", "c", "d"]
