"""Links for many rows of one page, reversed once, are the links ``reverse`` gives."""

from django.urls import reverse

from rapport.core.links import reverse_for_each


def test_each_id_gets_the_url_reverse_would_give():
    post_url = reverse_for_each("community:post", "env-sci-101")
    for pk in (1, 7, 101, 7071717, 2**62):
        assert post_url(pk) == reverse("community:post", args=["env-sci-101", pk])
    image_url = reverse_for_each("community:post_image", "course-7071717171717171707")
    assert image_url(5) == reverse("community:post_image", args=["course-7071717171717171707", 5])
