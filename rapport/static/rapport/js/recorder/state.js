// One recorder widget's state, in one explicit object that every module is handed, and the
// one place that turns the current step into what is shown.
//
// Steps: idle → starting → live → countdown → recording → review → uploading → done,
// and "unsupported" instead of idle where this browser or page cannot record.
import { recordingProblem } from "./capture.js";

const ACTIONS = ["start", "record", "stop", "off", "retake", "discard", "use", "cancel", "replace"];

export function createState(root) {
  const part = (name) => root.querySelector('[data-part="' + name + '"]');
  const el = {
    value: part("value"), ui: part("ui"), modes: part("modes"), unsupported: part("unsupported"),
    stage: part("stage"), live: part("live"), meter: part("meter"), level: part("level"),
    countdown: part("countdown"), reviewVideo: part("review-video"),
    reviewAudio: part("review-audio"), timer: part("timer"), elapsed: part("elapsed"),
    limit: part("limit"), devices: part("devices"), cameraField: part("camera-field"),
    camera: part("camera"), microphone: part("microphone"), upload: part("upload"),
    progress: part("progress"), percent: part("percent"), uploadLabel: part("upload-label"),
    result: part("result"), processing: part("processing"), status: part("status"),
    alert: part("alert"),
    fileField: part("file-field"), file: part("file"),
    nojs: part("nojs"), fileLabelNojs: part("file-label-nojs"), fileLabelJs: part("file-label-js"),
  };
  const buttons = {};
  ACTIONS.forEach((name) => {
    buttons[name] = root.querySelector('[data-action="' + name + '"]');
  });
  const modes = (root.dataset.modes || "video voice").split(/\s+/)
    .filter((m) => m === "video" || m === "voice");

  return {
    root: root,
    el: el,
    buttons: buttons,
    form: root.closest("form"),
    // Fixed for the widget's life.
    maxSeconds: parseInt(root.dataset.maxSeconds, 10) || 600,
    maxBytes: parseInt(root.dataset.maxBytes, 10) || 0,
    problem: recordingProblem(),
    fileName: el.file.getAttribute("name"),
    // What is happening now.
    step: "idle",
    mode: modes[0] || "video",
    stream: null,
    meter: null, // { stop } while the voice level meter draws
    attempts: 0, // only the latest request for the camera may take effect
    cancelCountdown: null,
    recorder: null,
    chunks: [],
    recording: null, // { blob, mode, url, seconds } once recorded; { seconds, atLimit } while stopping
    timer: null, // { elapsed, stop } from the recording's start
    warned: false,
    upload: null, // { abort } while sending
    uploadOrigin: null, // "recording" or "file"
    formLocked: false,
    announcing: null,
    // Set by widget.js: lets everything go when the widget left the page unannounced.
    onDetached: () => {},
  };
}

export function restingStep(widget) {
  return widget.problem ? "unsupported" : "idle";
}

function show(node, visible) {
  if (node) node.hidden = !visible;
}

export function setStep(widget, next) {
  const { el, buttons, recording } = widget;
  widget.step = next;
  widget.root.dataset.state = next;
  const video = widget.mode === "video";
  const capturing = next === "live" || next === "countdown" || next === "recording";
  show(el.modes, next === "idle" || next === "starting" || next === "live");
  show(el.unsupported, next === "unsupported");
  show(el.live, video && capturing);
  show(el.meter, !video && capturing);
  show(el.countdown, next === "countdown");
  show(el.reviewVideo, next === "review" && recording && recording.mode === "video");
  show(el.reviewAudio, next === "review" && recording && recording.mode === "voice");
  show(el.stage, capturing || next === "review");
  show(el.timer, next === "recording");
  // Kept in view while a new device starts, so focus stays on the select just changed.
  const devicesKnown = el.microphone.options.length > 0;
  show(el.devices, next === "live" || (next === "starting" && devicesKnown));
  show(el.cameraField, video);
  show(buttons.start, next === "idle" || next === "starting");
  buttons.start.disabled = next === "starting";
  show(buttons.record, next === "live");
  show(buttons.off, next === "live");
  show(buttons.stop, next === "countdown" || next === "recording");
  buttons.stop.textContent = next === "countdown" ? "Cancel" : "Stop";
  show(buttons.retake, next === "review");
  show(buttons.discard, next === "review");
  show(buttons.use, next === "review");
  show(el.upload, next === "uploading");
  show(el.result, next === "done");
  show(el.fileField, ["idle", "starting", "live", "review", "unsupported"].indexOf(next) >= 0);
  el.file.disabled = next === "starting";
  const uploading = next === "uploading";
  if (uploading !== widget.formLocked) {
    widget.formLocked = uploading;
    lockForm(widget.form, uploading);
  }
}

export function labelButtons(widget) {
  const video = widget.mode === "video";
  widget.buttons.start.textContent = video ? "Turn on camera" : "Turn on microphone";
  widget.buttons.off.textContent = video ? "Turn camera off" : "Turn microphone off";
}

// While any recorder in a form is uploading, the form's own submit buttons wait.
export function lockForm(form, locked) {
  if (!form) return;
  const before = parseInt(form.dataset.recorderUploads, 10) || 0;
  const count = Math.max(0, before + (locked ? 1 : -1));
  form.dataset.recorderUploads = String(count);
  Array.prototype.forEach.call(form.elements, (field) => {
    if ((field.type !== "submit" && field.type !== "image") || field.closest("[data-recorder]")) {
      return;
    }
    if (count > 0 && !field.disabled) {
      field.disabled = true;
      field.setAttribute("data-recorder-locked", "");
    } else if (count === 0 && field.hasAttribute("data-recorder-locked")) {
      field.disabled = false;
      field.removeAttribute("data-recorder-locked");
    }
  });
}
