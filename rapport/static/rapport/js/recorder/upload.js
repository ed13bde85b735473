// Sends one file to the upload URL by XHR — fetch cannot report upload progress — and
// reports progress, "sent" (the server still checks it), and one outcome:
// { data } on success, { error } with words for the person, or { cancelled: true }.
// Returns { abort }.
import { SAY } from "./messages.js";

export function sendFile({ url, file, name, csrfToken, onProgress, onSent, onFinish }) {
  const body = new FormData();
  body.append("file", file, name);
  const request = new XMLHttpRequest();
  request.open("POST", url);
  request.setRequestHeader("X-CSRFToken", csrfToken);
  request.setRequestHeader("Accept", "application/json");
  request.upload.addEventListener("progress", (event) => {
    onProgress(event.lengthComputable ? event.loaded / event.total : null); // null: size unknown
  });
  request.upload.addEventListener("load", () => onSent());
  request.addEventListener("load", () => {
    const data = parseJSON(request.responseText);
    if ((request.status === 201 || request.status === 200) && data && data.id) {
      onFinish({ data: data });
    } else {
      onFinish({ error: (data && data.error) || messageForStatus(request.status) });
    }
  });
  request.addEventListener("error", () => onFinish({ error: SAY.network }));
  request.addEventListener("abort", () => onFinish({ cancelled: true }));
  request.send(body);
  return { abort: () => request.abort() };
}

function messageForStatus(status) {
  if (status === 413) return SAY.tooBig;
  if (status === 403 || status === 401) return SAY.expired;
  if (status === 0) return SAY.network;
  return SAY.server;
}

function parseJSON(text) {
  try { return JSON.parse(text); } catch (error) { return null; }
}
