"""Reading a response's security headers in tests."""


def csp_directives(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as directive -> its sources, in order."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives
