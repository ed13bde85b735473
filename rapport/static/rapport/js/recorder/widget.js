// One recorder widget: its state, its buttons wired to the steps, and what the page asks of
// it (let go, leave, submit).
import {
  cancelUpload, fileChosen, loadProcessing, replace, useRecording,
} from "./attach.js";
import { SAY } from "./messages.js";
import {
  beginCountdown, discard, discardRecording, retake, stopClocks, stopRecording,
} from "./recording.js";
import { createState, labelButtons, lockForm, restingStep, setStep } from "./state.js";
import { startStream, stopStream, turnOff } from "./stream.js";
import { clock } from "./timer.js";

const ZERO_ID = "00000000-0000-0000-0000-000000000000"; // in data-status-url, for an id
const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Enhances one [data-recorder] and returns what the page needs of it:
// { destroy, release, holdSubmit }.
export function setUp(root) {
  const widget = createState(root);
  const { el, buttons } = widget;
  widget.onDetached = () => destroy(widget);

  buttons.start.addEventListener("click", () => startStream(widget));
  buttons.off.addEventListener("click", () => turnOff(widget));
  buttons.record.addEventListener("click", () => beginCountdown(widget));
  buttons.stop.addEventListener("click", () => stopRecording(widget));
  buttons.retake.addEventListener("click", () => retake(widget));
  buttons.discard.addEventListener("click", () => discard(widget));
  buttons.use.addEventListener("click", () => useRecording(widget));
  buttons.cancel.addEventListener("click", () => cancelUpload(widget));
  buttons.replace.addEventListener("click", () => replace(widget));
  el.file.addEventListener("change", () => fileChosen(widget));
  [el.camera, el.microphone].forEach((select) => {
    select.addEventListener("change", () => startStream(widget, { focus: false }));
  });
  root.querySelectorAll('input[type="radio"][value]').forEach((radio) => {
    radio.disabled = false; // disabled in the HTML so that, without JavaScript, no mode is sent
    if (radio.checked) widget.mode = radio.value;
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      const wasLive = widget.step === "live";
      stopStream(widget);
      widget.mode = radio.value;
      el.camera.value = "";
      labelButtons(widget);
      if (wasLive) startStream(widget, { focus: false });
      else setStep(widget, restingStep(widget));
    });
  });

  // Show the recorder; the plain-file wording steps back.
  labelButtons(widget);
  el.limit.textContent = clock(widget.maxSeconds);
  el.ui.hidden = false;
  el.nojs.hidden = true;
  el.fileLabelNojs.hidden = true;
  el.fileLabelJs.hidden = false;
  if (widget.problem) el.unsupported.textContent = widget.problem;
  if (el.value.value) {
    // The form came back (with an error elsewhere): the recording is still attached.
    el.file.removeAttribute("name");
    el.processing.textContent = "A recording is attached.";
    setStep(widget, "done");
    const id = el.value.value.trim().toLowerCase();
    if (MEDIA_ID.test(id) && root.dataset.statusUrl) {
      loadProcessing(widget, root.dataset.statusUrl.replace(ZERO_ID, id));
    }
  } else {
    setStep(widget, restingStep(widget));
  }

  return {
    destroy: () => destroy(widget),
    release: () => release(widget),
    holdSubmit: () => holdSubmit(widget),
  };
}

// Leaving the page: the camera goes off, and a recording in progress is kept for review.
function release(widget) {
  const step = widget.step;
  if (step === "recording") stopRecording(widget);
  else if (step === "countdown" || step === "live" || step === "starting") turnOff(widget, "");
}

// Removed from the page (an htmx swap): let everything go.
function destroy(widget) {
  stopClocks(widget);
  widget.recorder = null;
  stopStream(widget);
  discardRecording(widget);
  if (widget.upload) {
    const sending = widget.upload;
    widget.upload = null;
    sending.abort();
  }
  if (widget.formLocked) {
    widget.formLocked = false;
    lockForm(widget.form, false);
  }
}

// Asked before the page is left, and by the form's submit guard: a reason to stay, or "".
function holdSubmit(widget) {
  const step = widget.step;
  if (step === "uploading") return SAY.busyUploading;
  if (step === "countdown" || step === "recording") return SAY.stillRecording;
  if (step === "review") return SAY.unused;
  return "";
}
