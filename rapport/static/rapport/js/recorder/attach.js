// Attaching media to the form: a recording or a chosen file is uploaded at once, with
// progress and Cancel, and its id goes into the hidden input the form sends.
import { csrfToken } from "../csrf.js";
import { extensionFor } from "./capture.js";
import { SAY, alertUser, announce, clearAlert, megabytes } from "./messages.js";
import { discardRecording } from "./recording.js";
import { restingStep, setStep } from "./state.js";
import { stopStream } from "./stream.js";
import { sendFile } from "./upload.js";

function setProgress(widget, fraction) {
  const percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  widget.el.progress.value = percent;
  widget.el.percent.textContent = percent + "%";
}

function upload(widget, file, name, origin) {
  const { el } = widget;
  clearAlert(widget);
  widget.uploadOrigin = origin;
  setProgress(widget, 0);
  el.uploadLabel.textContent = "Uploading";
  setStep(widget, "uploading");
  announce(widget, "Uploading…");
  widget.buttons.cancel.focus();
  const sending = sendFile({
    url: widget.root.dataset.uploadUrl,
    file: file,
    name: name,
    csrfToken: csrfToken(widget.root),
    onProgress: (fraction) => {
      if (fraction !== null) {
        setProgress(widget, fraction);
      } else {
        el.progress.removeAttribute("value"); // still moving, size unknown
        el.percent.textContent = "";
      }
    },
    onSent: () => {
      // Sent; the server still checks the file before it answers.
      setProgress(widget, 1);
      el.uploadLabel.textContent = "Uploaded — checking it…";
    },
    onFinish: (outcome) => {
      if (sending !== widget.upload) return; // let go of (destroy) before it answered
      widget.upload = null;
      if (outcome.data) uploaded(widget, outcome.data);
      else if (outcome.cancelled) uploadFailed(widget, "", "Upload cancelled.");
      else uploadFailed(widget, outcome.error);
    },
  });
  widget.upload = sending;
}

export function cancelUpload(widget) {
  if (widget.upload) widget.upload.abort();
}

function uploaded(widget, data) {
  const { el } = widget;
  setProgress(widget, 1);
  el.value.value = data.id;
  el.value.dispatchEvent(new Event("change", { bubbles: true }));
  discardRecording(widget);
  el.file.value = "";
  // A recording that needs no processing (a name) says so in the answer's own words.
  el.processing.textContent = data.message || "Uploaded. We're getting it ready…";
  setStep(widget, "done");
  if (data.status_url) loadProcessing(widget, data.status_url);
  announce(widget, data.message || (data.kind === "audio" ? "Your voice recording" : "Your video") +
    " is uploaded. We're getting it ready — you can carry on.");
  el.result.focus();
  widget.root.dispatchEvent(
    new CustomEvent("recorder:uploaded", { bubbles: true, detail: data })
  );
}

// The media's processing status (and its player once ready), as the server renders it.
export function loadProcessing(widget, url) {
  const target = widget.el.processing;
  if (window.htmx && typeof window.htmx.ajax === "function") {
    window.htmx.ajax("GET", url, { target: target, swap: "innerHTML" }).catch(() => {});
    return;
  }
  fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
    .then((response) => (response.ok ? response.text() : Promise.reject()))
    .then((html) => { target.innerHTML = html; })
    .catch(() => {});
}

function uploadFailed(widget, message, quietly) {
  const { el } = widget;
  setProgress(widget, 0);
  if (message) alertUser(widget, message);
  if (quietly) announce(widget, quietly);
  if (widget.uploadOrigin === "recording" && widget.recording) {
    setStep(widget, "review");
    widget.buttons.use.focus();
  } else {
    el.file.value = "";
    el.file.setAttribute("name", widget.fileName);
    setStep(widget, restingStep(widget));
    el.file.focus();
  }
}

export function useRecording(widget) {
  const recording = widget.recording;
  if (!recording || !recording.blob) return;
  const name = "recording-" + new Date().toISOString().replace(/[:.]/g, "-") +
    "." + extensionFor(recording.blob.type);
  upload(widget, recording.blob, name, "recording");
}

export function fileChosen(widget) {
  const { el } = widget;
  const file = el.file.files && el.file.files[0];
  if (!file) return;
  clearAlert(widget);
  if (file.type && !/^(audio|video)\//.test(file.type)) {
    alertUser(widget, SAY.notMedia);
    el.file.value = "";
    return;
  }
  if (widget.maxBytes && file.size > widget.maxBytes) {
    alertUser(widget, "That file is " + megabytes(file.size) + "; the limit is " +
      megabytes(widget.maxBytes) + ".");
    el.file.value = "";
    return;
  }
  stopStream(widget);
  discardRecording(widget);
  // It is on its way by XHR: the form must not send it a second time.
  el.file.removeAttribute("name");
  upload(widget, file, file.name, "file");
}

// "Remove and start again": the attached id goes, and the widget is ready for another.
export function replace(widget) {
  const { el } = widget;
  el.value.value = "";
  el.value.dispatchEvent(new Event("change", { bubbles: true }));
  el.processing.replaceChildren();
  el.file.setAttribute("name", widget.fileName);
  clearAlert(widget);
  setStep(widget, restingStep(widget));
  announce(widget, "Removed. You can record or upload again.");
  (widget.problem ? el.file : widget.buttons.start).focus();
}
