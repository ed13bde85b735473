// Turning the camera or microphone on and off for a widget: the preview or level meter,
// the device pickers, and what to say when the browser says no.
import {
  explainError, fillDeviceSelects, openStream, startMeter, stopTracks,
} from "./devices.js";
import { THING, alertUser, announce, clearAlert } from "./messages.js";
import { restingStep, setStep } from "./state.js";

export function stopStream(widget) {
  if (widget.stream) {
    stopTracks(widget.stream);
    widget.stream = null;
  }
  widget.el.live.srcObject = null;
  if (widget.meter) {
    widget.meter.stop();
    widget.meter = null;
  }
}

export function startStream(widget, options) {
  const { el, buttons } = widget;
  const moveFocus = !options || options.focus !== false;
  clearAlert(widget);
  stopStream(widget);
  const attempt = ++widget.attempts;
  setStep(widget, "starting");
  announce(widget, widget.mode === "video" ? "Turning on the camera…" : "Turning on the microphone…");
  return openStream(widget.mode, el.camera, el.microphone).then((media) => {
    if (!widget.root.isConnected || widget.step !== "starting" || attempt !== widget.attempts) {
      stopTracks(media);
      return;
    }
    widget.stream = media;
    media.getTracks().forEach((track) => {
      // Unplugged mid-recording is recording.js's to handle: it keeps what was recorded.
      track.addEventListener("ended", () => {
        if (widget.step === "live" || widget.step === "countdown") {
          turnOff(widget, "The " + THING[widget.mode] + " was disconnected.");
        }
      });
    });
    if (widget.mode === "video") {
      const settings = media.getVideoTracks()[0].getSettings();
      const facingAway = settings.facingMode === "environment";
      el.live.classList.toggle("recorder__live--mirrored", !facingAway);
      el.live.srcObject = media;
      el.live.play().catch(() => {});
    } else {
      widget.meter = startMeter(media, el.level, () => widget.onDetached());
    }
    setStep(widget, "live");
    return fillDeviceSelects(el.camera, el.microphone, () => widget.stream).then(() => {
      announce(widget, (widget.mode === "video" ? "The camera is on." : "The microphone is on.") +
        " Press Record when you're ready.");
      if (moveFocus) buttons.record.focus();
    });
  }, (error) => {
    if (attempt !== widget.attempts) return;
    setStep(widget, restingStep(widget));
    alertUser(widget, explainError(error, widget.mode));
    announce(widget, "");
    buttons.start.focus();
  });
}

export function turnOff(widget, message) {
  stopStream(widget);
  setStep(widget, restingStep(widget));
  announce(widget, message ||
    (widget.mode === "video" ? "The camera is off." : "The microphone is off."));
  widget.buttons.start.focus();
}
