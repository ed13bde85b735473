// The CSRF token for a script's own POST (fetch or XHR). A request made for a form sends
// that form's token; otherwise the header htmx sends, set once on <body>; otherwise
// Django's cookie.
export function csrfToken(within) {
  const form = within && within.closest ? within.closest("form") : null;
  const field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  if (field && field.value) return field.value;
  const headers = document.body.getAttribute("hx-headers");
  if (headers) {
    try {
      const token = JSON.parse(headers)["X-CSRFToken"];
      if (token) return token;
    } catch (error) { /* fall through to the cookie */ }
  }
  const cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return cookie ? decodeURIComponent(cookie[1]) : "";
}
