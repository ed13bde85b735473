// MediaRecorder: which format to ask for (WebM where the browser can, else MP4), and the
// quirks of what it hands back.
import { SAY } from "./messages.js";

const TYPES = {
  video: [
    "video/webm;codecs=vp9,opus",
    "video/webm;codecs=vp8,opus",
    "video/webm",
    "video/mp4;codecs=avc1,mp4a",
    "video/mp4",
  ],
  voice: ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"],
};
const EXTENSIONS = {
  "video/webm": "webm",
  "audio/webm": "webm",
  "audio/ogg": "ogg",
  "video/mp4": "mp4",
  "audio/mp4": "m4a",
  "video/x-matroska": "mkv",
};
// Small files upload quickly on a phone connection and are plenty for a face and a voice.
const VIDEO_BITS_PER_SECOND = 1500000;
const AUDIO_BITS_PER_SECOND = { video: 96000, voice: 64000 };

export function pickMimeType(mode) {
  if (!window.MediaRecorder) return null;
  if (typeof MediaRecorder.isTypeSupported !== "function") return "";
  const found = (TYPES[mode] || TYPES.video).find((type) => MediaRecorder.isTypeSupported(type));
  return found || ""; // let the browser choose
}

export function baseType(type) {
  return (type || "").split(";")[0].trim().toLowerCase();
}

export function extensionFor(type) {
  return EXTENSIONS[baseType(type)] || "webm";
}

// Why this page cannot record at all, or "" when it can.
export function recordingProblem() {
  if (!window.isSecureContext) return SAY.insecure;
  const devices = navigator.mediaDevices;
  if (!devices || !devices.getUserMedia || !window.MediaRecorder) return SAY.unsupported;
  return "";
}

// A MediaRecorder for the stream and the type asked for, or null when none can be made.
// Some browsers refuse the options they claim to support: then try with none.
export function createMediaRecorder(stream, mode) {
  const type = pickMimeType(mode);
  const options = { audioBitsPerSecond: AUDIO_BITS_PER_SECOND[mode] };
  if (mode === "video") options.videoBitsPerSecond = VIDEO_BITS_PER_SECOND;
  if (type) options.mimeType = type;
  try {
    return { recorder: new MediaRecorder(stream, options), type: type };
  } catch (error) {
    try {
      return { recorder: new MediaRecorder(stream), type: type };
    } catch (again) {
      return null;
    }
  }
}

// MediaRecorder's WebM has no duration, so players show no length and cannot seek until
// they have read to the end once: make them do that now, then rewind.
export function showWholeDuration(player) {
  player.addEventListener("loadedmetadata", function once() {
    player.removeEventListener("loadedmetadata", once);
    if (player.duration !== Infinity) return;
    player.addEventListener("durationchange", function rewind() {
      if (player.duration === Infinity) return;
      player.removeEventListener("durationchange", rewind);
      player.currentTime = 0;
    });
    player.currentTime = 1e101;
  });
}
