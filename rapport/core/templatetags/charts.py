"""``{% chart svg %}``: a server-drawn chart (rapport.core.charts) put in the page with the
request's CSP nonce on its own <style>, the one inline style the policy lets through. The
chart is drawn once and cached; the nonce, new on every request, is added here."""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CHART_STYLE = '<style type="text/css">'


@register.simple_tag(takes_context=True)
def chart(context, svg: str) -> SafeString:
    request = context.get("request")
    if not svg or request is None or not hasattr(request, "csp_nonce"):
        return mark_safe(svg)  # noqa: S308 — the chart's own SVG, drawn on the server
    nonced = f'<style nonce="{request.csp_nonce}">'
    return mark_safe(str(svg).replace(CHART_STYLE, nonced, 1))  # noqa: S308 — as above
