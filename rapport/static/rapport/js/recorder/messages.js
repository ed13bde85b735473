// What the recorder says, and where: the status line (read out politely) and the alert.
export const THING = { video: "camera", voice: "microphone" };

export const SAY = {
  insecure:
    "Recording only works on a secure (https) page. You can upload a file instead.",
  unsupported: "This browser can't record here. You can upload a file instead.",
  denied: (mode) => "Your browser didn't let us use the " + THING[mode] +
    ". You can allow it in the address bar, or upload a file instead.",
  missing: (mode) => "We couldn't find a " + THING[mode] +
    ". Check that one is connected, or upload a file instead.",
  busy: (mode) => "The " + THING[mode] + " is busy — another app may be using it. " +
    "Close that app and try again, or upload a file instead.",
  failedToStart: "We couldn't start recording. Try again, or upload a file instead.",
  empty: "Nothing was recorded. Please try again.",
  brokeOff: "Recording stopped unexpectedly. You can keep what was recorded or re-take it.",
  notMedia: "That file isn't a video or a voice recording. Please choose another one.",
  network: "The upload didn't go through. Check your connection and try again.",
  expired: "Your session may have ended. Reload the page and try again.",
  tooBig: "That file is too big to upload.",
  server: "Something went wrong on our side. Please try again in a moment.",
  busyUploading: "Please wait for the upload to finish.",
  stillRecording: "You're still recording. Press Stop first, then “Use this recording”.",
  unused: "Your recording isn't attached yet. Choose “Use this recording”, or “Discard” " +
    "to send without it.",
};

// "1 minute 5 seconds", as the clock shows it (never "0 seconds").
export function spoken(seconds) {
  const whole = Math.max(1, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  const parts = [];
  if (minutes) parts.push(minutes + (minutes === 1 ? " minute" : " minutes"));
  if (rest) parts.push(rest + (rest === 1 ? " second" : " seconds"));
  return parts.join(" ");
}

export function megabytes(bytes) {
  return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0) + " MB";
}

export function announce(widget, message) {
  // Clearing first makes a repeated message be read again.
  window.clearTimeout(widget.announcing);
  widget.el.status.textContent = "";
  widget.announcing = window.setTimeout(() => { widget.el.status.textContent = message; }, 50);
}

export function alertUser(widget, message) {
  widget.el.alert.textContent = message;
}

export function clearAlert(widget) {
  widget.el.alert.textContent = "";
}
