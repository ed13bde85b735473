// From Record to review: the countdown, MediaRecorder and its timer, and the recording
// played back before it is used, re-taken or discarded.
import { baseType, createMediaRecorder, showWholeDuration } from "./capture.js";
import { startCountdown } from "./countdown.js";
import { SAY, alertUser, announce, clearAlert, spoken } from "./messages.js";
import { restingStep, setStep } from "./state.js";
import { startStream, stopStream, turnOff } from "./stream.js";
import { clock, startTimer } from "./timer.js";

const WARN_SECONDS_LEFT = 30;

export function beginCountdown(widget) {
  clearAlert(widget);
  setStep(widget, "countdown");
  widget.buttons.stop.focus();
  widget.cancelCountdown = startCountdown({
    display: widget.el.countdown,
    announce: (message) => announce(widget, message),
    stillCounting: () => widget.step === "countdown",
    onDone: () => startRecording(widget),
  });
}

function startRecording(widget) {
  const made = createMediaRecorder(widget.stream, widget.mode);
  if (!made) {
    turnOff(widget, "");
    alertUser(widget, SAY.failedToStart);
    return;
  }
  const recorder = made.recorder;
  const recordedMode = widget.mode;
  widget.recorder = recorder;
  widget.chunks = [];
  recorder.addEventListener("dataavailable", (event) => {
    if (event.data && event.data.size) widget.chunks.push(event.data);
  });
  recorder.addEventListener("stop", () => {
    finishRecording(widget, recorder, recordedMode, made.type);
  });
  recorder.addEventListener("error", () => {
    alertUser(widget, SAY.brokeOff);
    stopRecording(widget);
  });
  // A camera or microphone unplugged mid-recording: keep what was recorded.
  widget.stream.getTracks().forEach((track) => {
    track.addEventListener("ended", () => {
      if (widget.step === "recording") stopRecording(widget);
    });
  });
  recorder.start(1000);
  widget.timer = startTimer((seconds) => updateTimer(widget, seconds));
  widget.warned = false;
  widget.el.elapsed.textContent = "0:00";
  setStep(widget, "recording");
  announce(widget, "Recording.");
}

function elapsedSeconds(widget) {
  return widget.timer ? widget.timer.elapsed() : 0;
}

function updateTimer(widget, seconds) {
  widget.el.elapsed.textContent = clock(seconds);
  const left = widget.maxSeconds - seconds;
  if (!widget.warned && left <= WARN_SECONDS_LEFT && widget.maxSeconds > WARN_SECONDS_LEFT * 2) {
    widget.warned = true;
    announce(widget, WARN_SECONDS_LEFT + " seconds left.");
  }
  if (seconds >= widget.maxSeconds) {
    stopRecording(widget);
    if (widget.recording) widget.recording.atLimit = true;
  }
}

// The countdown and the recording clock stop; the clock still knows how long it ran.
export function stopClocks(widget) {
  if (widget.cancelCountdown) widget.cancelCountdown();
  if (widget.timer) widget.timer.stop();
}

// Stop during the countdown cancels it; during recording, MediaRecorder's "stop" event
// then hands over the recording (finishRecording).
export function stopRecording(widget) {
  stopClocks(widget);
  if (widget.step === "countdown") {
    setStep(widget, "live");
    announce(widget, "Cancelled. Press Record when you're ready.");
    widget.buttons.record.focus();
    return;
  }
  const recorder = widget.recorder;
  if (recorder && recorder.state !== "inactive") {
    widget.recording = { seconds: elapsedSeconds(widget) };
    recorder.stop();
  }
}

function finishRecording(widget, finished, recordedMode, requestedType) {
  const { el, buttons } = widget;
  if (finished !== widget.recorder) return;
  widget.recorder = null;
  if (widget.timer) widget.timer.stop();
  stopStream(widget); // the camera light goes off while they watch it back
  const type = baseType(finished.mimeType || requestedType) ||
    (recordedMode === "video" ? "video/webm" : "audio/webm");
  const blob = new Blob(widget.chunks, { type: type });
  widget.chunks = [];
  const stopping = widget.recording;
  if (!blob.size) {
    widget.recording = null;
    setStep(widget, restingStep(widget));
    alertUser(widget, SAY.empty);
    buttons.start.focus();
    return;
  }
  const seconds = stopping && stopping.seconds ? stopping.seconds : elapsedSeconds(widget);
  const atLimit = Boolean(stopping && stopping.atLimit);
  discardRecording(widget);
  widget.recording = {
    blob: blob, mode: recordedMode, url: URL.createObjectURL(blob), seconds: seconds,
  };
  const player = recordedMode === "video" ? el.reviewVideo : el.reviewAudio;
  player.src = widget.recording.url;
  showWholeDuration(player);
  setStep(widget, "review");
  const limit = atLimit
    ? "That's the " + spoken(widget.maxSeconds) + " limit, so recording stopped. "
    : "";
  announce(widget, limit + "Recorded " + spoken(seconds) +
    ". Play it back, then choose Use this recording, Re-take or Discard.");
  player.focus();
}

export function discardRecording(widget) {
  const recording = widget.recording;
  if (recording && recording.url) URL.revokeObjectURL(recording.url);
  widget.recording = null;
  [widget.el.reviewVideo, widget.el.reviewAudio].forEach((player) => {
    player.pause();
    player.removeAttribute("src");
    player.load();
  });
}

export function discard(widget) {
  discardRecording(widget);
  clearAlert(widget);
  setStep(widget, restingStep(widget));
  announce(widget, "Recording discarded.");
  widget.buttons.start.focus();
}

export function retake(widget) {
  discardRecording(widget);
  clearAlert(widget);
  startStream(widget);
}
