// Building elements, and the CSRF token every form the page draws carries.

export function make(tag, attributes, children) {
  const node = document.createElement(tag);
  Object.keys(attributes || {}).forEach((name) => {
    const value = attributes[name];
    if (value === null || value === undefined || value === false) return;
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else if (name === "hidden") node.hidden = true;
    else node.setAttribute(name, value === true ? "" : String(value));
  });
  (children || []).forEach((child) => {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  });
  return node;
}

export function pill(text, className) {
  return make("span", { className: className || "pill", text: text });
}

export function csrfToken() {
  const headers = document.body.getAttribute("hx-headers");
  if (headers) {
    try {
      const token = JSON.parse(headers)["X-CSRFToken"];
      if (token) return token;
    } catch (error) { /* the page's forms or the cookie then */ }
  }
  const field = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (field && field.value) return field.value;
  const cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return cookie ? decodeURIComponent(cookie[1]) : "";
}

export function csrfField() {
  return make("input", { type: "hidden", name: "csrfmiddlewaretoken", value: csrfToken() });
}
