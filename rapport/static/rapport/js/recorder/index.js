// The recorder: record a short video or voice message in the browser — or pick a file — and
// upload it with real progress. Enhances every [data-recorder] (see media/_recorder.html),
// now and in content htmx swaps in later. Without this module the plain file input inside
// the widget is sent with its form, so nothing here is required for the form to work.
//
// A native ES module (no build step): the template loads it with <script type="module">,
// which runs once per page however many recorders include it, after the HTML is parsed.
import { extensionFor, pickMimeType } from "./capture.js";
import { setUp } from "./widget.js";

const instances = new WeakMap();

function enhance(scope) {
  const node = scope && scope.nodeType === 1 ? scope : document;
  const roots = Array.from(node.querySelectorAll("[data-recorder]"));
  if (node !== document && node.matches("[data-recorder]")) roots.unshift(node);
  roots.forEach((root) => {
    if (!instances.has(root)) instances.set(root, setUp(root));
  });
}

function instancesIn(scope) {
  return Array.from(scope.querySelectorAll("[data-recorder]"))
    .map((root) => ({ root: root, instance: instances.get(root) }))
    .filter((found) => found.instance);
}

// Hold a form's submission while one of its recorders is uploading, or has a recording
// that was never attached. Capturing on the document runs before htmx's own handler.
document.addEventListener("submit", (event) => {
  for (const { root, instance } of instancesIn(event.target)) {
    const reason = instance.holdSubmit();
    if (!reason) continue;
    event.preventDefault();
    event.stopPropagation();
    root.querySelector('[data-part="alert"]').textContent = reason;
    const next = root.querySelector(
      '[data-action="use"]:not([hidden]), [data-action="stop"]:not([hidden])'
    ) || root.querySelector('[data-action="cancel"]');
    if (next) next.focus();
    return;
  }
}, true);

// Leaving mid-upload, or with a recording never attached, loses it: the browser asks first.
window.addEventListener("beforeunload", (event) => {
  if (instancesIn(document).some(({ instance }) => instance.holdSubmit())) {
    event.preventDefault();
    event.returnValue = "";
  }
});

document.addEventListener("htmx:beforeCleanupElement", (event) => {
  const instance = instances.get(event.target);
  if (instance) instance.destroy();
});
window.addEventListener("pagehide", () => {
  instancesIn(document).forEach(({ instance }) => instance.release());
});
document.addEventListener("htmx:load", (event) => enhance(event.target));

window.RapportRecorder = { enhance, pickMimeType, extensionFor };
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => enhance(document));
} else {
  enhance(document);
}
