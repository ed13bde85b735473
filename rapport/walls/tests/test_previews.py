"""Link previews: the addresses the fetcher refuses, the limits it keeps, and what it reads.

No test touches the network. DNS is stood in for (unknown names do not resolve), connections
to anything but 127.0.0.1 fail, and pages come from a small server on 127.0.0.1 that only the
tests needing it may reach, by passing ``allow_addresses``."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from rapport.walls.previews import Preview, PreviewRefused, connection, link_preview
from rapport.walls.previews.addresses import is_public
from rapport.walls.previews.parse import page_preview

from .preview_server import (
    LOCAL,
    LocalServer,
    drip,
    endless_chunks,
    fake_dns,
    log_connections,
    page,
    redirect,
    serve,
    tls_contexts,
)

MB = 1024 * 1024


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve() as local:
        yield local


@pytest.fixture(autouse=True)
def dns(monkeypatch) -> dict[str, list[str]]:
    """Made-up names and their addresses; ``dns["asked"]`` lists the lookups made."""
    return fake_dns(monkeypatch)


@pytest.fixture(autouse=True)
def connections(monkeypatch) -> list[str]:
    """The addresses connected to; anything but 127.0.0.1 is refused."""
    return log_connections(monkeypatch)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fd00:ec2::254]/",
        "http://100.64.0.1/",
    ],
)
def test_refuses_addresses_off_the_public_internet(url, dns, connections):
    with pytest.raises(PreviewRefused, match="^That address is on a private network.$"):
        link_preview(url)
    assert dns["asked"] == []
    assert connections == []


@pytest.mark.parametrize(
    "url, reason",
    [
        ("ftp://example.com/", "^Only http and https links can be previewed.$"),
        ("file:///etc/passwd", "^Only http and https links can be previewed.$"),
        ("javascript:alert(1)", "^Only http and https links can be previewed.$"),
        ("http://user:pw@example.com/", "^Links with a user name or password cannot be"),
    ],
)
def test_refuses_links_it_must_not_fetch(url, reason, dns, connections):
    with pytest.raises(PreviewRefused, match=reason):
        link_preview(url)
    assert dns["asked"] == []
    assert connections == []


@pytest.mark.parametrize(
    "addresses",
    [["127.0.0.1"], ["93.184.215.14", "10.1.2.3"]],
    ids=["loopback", "one-private-among-public"],
)
def test_refuses_a_name_that_resolves_to_any_private_address(addresses, dns, connections):
    dns["sneaky.example"] = addresses
    with pytest.raises(PreviewRefused, match="private network"):
        link_preview("https://sneaky.example/")
    assert dns["asked"] == ["sneaky.example"]
    assert connections == []


def test_refuses_a_name_that_does_not_resolve():
    with pytest.raises(PreviewRefused, match="could not be found"):
        link_preview("http://nowhere.example/")


PUBLIC = ["93.184.215.14", "2606:4700::1111", "::ffff:93.184.215.14", "2002:5db8:d70e::"]
NOT_PUBLIC = [
    *["224.0.0.1", "0.1.2.3", "255.255.255.255", "fe80::1", "ff02::1"],
    *["2002:7f00:1::", "2002:a00:1::"],  # 6to4 around 127.0.0.1 and 10.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
]


@pytest.mark.parametrize("address", PUBLIC + NOT_PUBLIC)
def test_judges_addresses_by_where_packets_would_go(address):
    assert is_public(ipaddress.ip_address(address)) is (address in PUBLIC)


def test_refuses_a_redirect_to_an_address_not_allowed(server, connections):
    server.routes["/"] = redirect(f"http://127.0.0.2:{server.port}/")
    with pytest.raises(PreviewRefused, match="private network"):
        server.preview("/")
    assert connections == ["127.0.0.1"]


def test_refuses_a_redirect_to_a_name_on_a_private_network(server, dns, connections):
    dns["intranet.example"] = ["10.0.0.1"]
    server.routes["/"] = redirect("http://intranet.example/admin")
    with pytest.raises(PreviewRefused, match="private network"):
        server.preview("/")
    assert dns["asked"] == ["intranet.example"]
    assert connections == ["127.0.0.1"]


def test_follows_a_relative_redirect(server):
    server.routes["/old"] = redirect("/new")
    server.routes["/new"] = page(b"<title>Moved here</title>")
    assert server.preview("/old") == Preview(server.url("/new"), title="Moved here")


def test_refuses_too_many_redirects(server, connections):
    server.routes["/loop"] = redirect("/loop")
    with pytest.raises(PreviewRefused, match="redirects too many times"):
        server.preview("/loop", max_redirects=2)
    assert len(connections) == 3


def test_refuses_a_page_that_declares_50_mb_before_reading_it(server):
    server.routes["/big"] = page(b"<html>", length=50 * MB)
    with pytest.raises(PreviewRefused, match="^The page is too large to preview.$"):
        server.preview("/big")


def test_stops_reading_a_page_that_streams_50_mb(server):
    server.routes["/stream"] = stream = endless_chunks(server)
    with pytest.raises(PreviewRefused, match="too large"):
        server.preview("/stream")
    assert stream.done.wait(5)
    assert stream.sent < 5 * MB


def test_gives_up_on_a_page_that_drips_slowly(server):
    server.routes["/slow"] = drip(server)
    with pytest.raises(PreviewRefused, match="^The page took too long to answer.$"):
        server.preview("/slow", timeout=1.0)


def test_refuses_a_link_to_something_other_than_a_page(server):
    server.routes["/report.pdf"] = page(b"%PDF-1.7", content_type="application/pdf")
    with pytest.raises(PreviewRefused, match="^That link does not lead to a web page.$"):
        server.preview("/report.pdf")


def test_refuses_a_page_that_answers_with_an_error(server):
    server.routes["/gone"] = page(b"<title>Not here</title>", status=404)
    with pytest.raises(PreviewRefused, match=r"error \(404\)"):
        server.preview("/gone")


def test_previews_a_link_to_an_image_as_the_image(server):
    server.routes["/photos/the%20cat.png"] = page(b"\x89PNG", content_type="image/png")
    preview = server.preview("/photos/the%20cat.png")
    assert preview.image_url == preview.url == server.url("/photos/the%20cat.png")
    assert preview.title == "the cat.png"


def test_turns_a_garbled_answer_into_a_refusal(server):
    server.routes["/"] = lambda handler: handler.wfile.write(b"SURPRISE\r\n\r\n")
    with pytest.raises(PreviewRefused, match="could not be understood"):
        server.preview("/")


def test_turns_a_failed_secure_connection_into_a_refusal(server):
    # The local server speaks plain HTTP, so the TLS handshake fails.
    with pytest.raises(PreviewRefused, match="secure connection"):
        link_preview(f"https://127.0.0.1:{server.port}/", allow_addresses=LOCAL)


@pytest.fixture
def tls_server(tmp_path, monkeypatch) -> Iterator[LocalServer]:
    """A server with a certificate for preview.test, which the fetcher is made to trust."""
    server_context, trusting = tls_contexts("preview.test", tmp_path)
    monkeypatch.setattr(connection, "_tls_context", lambda: trusting)
    with serve(server_context) as local:
        yield local


def test_checks_the_certificate_against_the_host_in_the_link(tls_server, dns):
    dns["preview.test"] = ["127.0.0.1"]

    def echo_host(handler: BaseHTTPRequestHandler) -> None:
        page(f"<title>{handler.headers['Host']}</title>".encode())(handler)

    tls_server.routes["/"] = echo_host
    preview = tls_server.preview("/", host="preview.test")
    assert preview.title == f"preview.test:{tls_server.port}"


def test_refuses_a_certificate_for_another_host(tls_server, dns):
    dns["impostor.test"] = ["127.0.0.1"]
    with pytest.raises(PreviewRefused, match="certificate could not be checked"):
        tls_server.preview("/", host="impostor.test")


def test_turns_a_refused_connection_into_a_refusal():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(PreviewRefused, match="refused the connection"):
        link_preview(f"http://127.0.0.1:{port}/", allow_addresses=LOCAL)


def test_reads_open_graph_tags(server):
    server.routes["/article"] = page(
        b"""<!doctype html><html><head><title>Plain title</title>
        <meta property="og:title" content="Fractions &amp; decimals">
        <meta property="og:description" content="  Six ways
            to compare them.  ">
        <meta property="og:image" content="https://pictures.example/fractions.png">
        <meta property="og:site_name" content="Maths Weekly">
        </head><body><meta property="og:title" content="Not in the head"></body></html>"""
    )
    assert server.preview("/article") == Preview(
        url=server.url("/article"),
        title="Fractions & decimals",
        description="Six ways to compare them.",
        image_url="https://pictures.example/fractions.png",
        site_name="Maths Weekly",
    )


def test_falls_back_to_the_title_and_meta_description(server):
    server.routes["/"] = page(
        b'<html><head><title>\n  Our class\n</title><meta name="description" content="Hello">'
    )
    assert server.preview("/") == Preview(server.url("/"), title="Our class", description="Hello")


def test_decodes_with_the_charset_from_the_content_type(server):
    body = '<title>Café à Genève</title><meta charset="utf-8">'.encode("latin-1")
    server.routes["/"] = page(body, content_type="text/html; charset=ISO-8859-1")
    assert server.preview("/").title == "Café à Genève"


def test_decodes_with_a_meta_charset_when_the_header_names_none():
    html = '<meta charset="windows-1252"><title>“Quoted”</title>'.encode("cp1252")
    assert page_preview(html, page_url="https://a.example/", charset=None).title == "“Quoted”"


def test_falls_back_to_twitter_card_tags():
    html = """<meta name="twitter:title" content="Card title">
    <meta name="twitter:description" content="Card text">
    <meta name="twitter:image" content="/card.jpg">"""
    assert page_preview(html, page_url="https://a.example/post/1", charset=None) == Preview(
        "https://a.example/post/1", "Card title", "Card text", "https://a.example/card.jpg"
    )


def test_resolves_a_relative_image_against_the_page():
    html = '<meta property="og:image" content="../img/cover.jpg?size=large">'
    preview = page_preview(html, page_url="https://a.example/blog/post/", charset=None)
    assert preview.image_url == "https://a.example/blog/img/cover.jpg?size=large"


@pytest.mark.parametrize("image", ["javascript:alert(1)", "data:image/png;base64,AAAA", " "])
def test_drops_an_image_that_is_not_an_http_url(image):
    html = f'<meta property="og:image" content="{image}">'
    assert page_preview(html, page_url="https://a.example/", charset=None).image_url is None


def test_cuts_long_titles_and_descriptions_at_a_word():
    words = " ".join(["word"] * 300)
    html = f'<title>{words} </title><meta name="description" content="{words}-ish">'
    preview = page_preview(html, page_url="https://a.example/", charset=None)
    assert preview.title == " ".join(["word"] * 40) + "…"  # 200 characters
    assert preview.description == " ".join(["word"] * 100) + "…"  # 500
