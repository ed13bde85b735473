"""The one renderer for text people write: Markdown in, sanitised HTML out."""

from rapport.core.text import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("Hello **there**\n\n- one\n- two")
    assert "<strong>there</strong>" in html
    assert "<li>one</li>" in html


def test_raw_html_and_scripts_are_not_let_through():
    html = render_markdown(
        '<script>alert(1)</script> <img src=x onerror=alert(1)> <b onclick="x">hi</b>'
    )
    assert "<script" not in html
    assert "<img" not in html
    assert "<b" not in html  # the tag is escaped text, its handler never an attribute
    assert "&lt;script&gt;" in html  # shown as text, harmlessly


def test_links_keep_only_safe_schemes_and_get_nofollow():
    html = render_markdown("[site](https://example.org) [bad](javascript:alert(1))")
    assert 'href="https://example.org"' in html
    assert 'rel="nofollow noopener noreferrer"' in html
    assert 'href="javascript' not in html


def test_images_are_dropped_so_pages_make_no_third_party_requests():
    assert "<img" not in render_markdown("![tracker](https://example.org/pixel.png)")


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
    assert render_markdown("   \n") == ""
