// The camera and microphone themselves: asking for them, listing them in the pickers,
// letting them go, and the voice level meter.
import { SAY } from "./messages.js";

function constraintsFor(mode, cameraId, microphoneId) {
  const audioWanted = { echoCancellation: true, noiseSuppression: true };
  if (microphoneId) audioWanted.deviceId = { exact: microphoneId };
  if (mode !== "video") return { audio: audioWanted, video: false };
  const videoWanted = {
    width: { ideal: 1280 },
    height: { ideal: 720 },
    frameRate: { ideal: 30, max: 30 },
  };
  if (cameraId) videoWanted.deviceId = { exact: cameraId };
  else videoWanted.facingMode = "user";
  return { audio: audioWanted, video: videoWanted };
}

// The devices chosen in the two pickers, or any when none is chosen.
export function openStream(mode, cameraSelect, microphoneSelect) {
  const ask = () => navigator.mediaDevices.getUserMedia(
    constraintsFor(mode, cameraSelect.value, microphoneSelect.value)
  );
  return ask().catch((error) => {
    // A remembered device may have been unplugged: try once more with any device.
    const chosen = cameraSelect.value || microphoneSelect.value;
    if (error && error.name === "OverconstrainedError" && chosen) {
      cameraSelect.value = "";
      microphoneSelect.value = "";
      return ask();
    }
    throw error;
  });
}

export function stopTracks(stream) {
  stream.getTracks().forEach((track) => track.stop());
}

export function explainError(error, mode) {
  const name = error && error.name;
  if (name === "NotAllowedError" || name === "SecurityError") return SAY.denied(mode);
  if (name === "NotFoundError" || name === "OverconstrainedError") return SAY.missing(mode);
  if (name === "NotReadableError" || name === "AbortError") return SAY.busy(mode);
  return SAY.failedToStart;
}

// Labels are only known once a device is in use, so the pickers are filled after that;
// currentStream() is read when the list arrives, to select what is in use then.
export function fillDeviceSelects(cameraSelect, microphoneSelect, currentStream) {
  if (!navigator.mediaDevices.enumerateDevices) return Promise.resolve();
  return navigator.mediaDevices.enumerateDevices().then((devices) => {
    const current = {};
    const stream = currentStream();
    if (stream) {
      stream.getTracks().forEach((track) => {
        current[track.kind] = track.getSettings().deviceId;
      });
    }
    fill(cameraSelect, devices, "videoinput", "Camera", current.video);
    fill(microphoneSelect, devices, "audioinput", "Microphone", current.audio);
  }).catch(() => {});
}

function fill(select, devices, kind, noun, currentId) {
  const found = devices.filter((d) => d.kind === kind && d.deviceId);
  select.replaceChildren();
  found.forEach((device, index) => {
    const option = document.createElement("option");
    option.value = device.deviceId;
    option.textContent = device.label || noun + " " + (index + 1);
    option.selected = device.deviceId === currentId;
    select.appendChild(option);
  });
}

// Draws the stream's loudness into `level` each frame. Returns { stop }, or null when the
// browser has no Web Audio — the meter is a comfort, not a requirement. When `level` has
// left the page without anyone saying so, onDetached is called instead of drawing.
export function startMeter(stream, level, onDetached) {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context || !stream) return null;
  let meter = null;
  try {
    const context = new Context();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    let frame = 0;
    let running = true;
    meter = {
      stop() {
        running = false;
        window.cancelAnimationFrame(frame);
        context.close().catch(() => {});
      },
    };
    const draw = () => {
      if (!running) return;
      if (!level.isConnected) { onDetached(); return; }
      analyser.getByteTimeDomainData(samples);
      let sum = 0;
      for (let i = 0; i < samples.length; i++) {
        const v = (samples[i] - 128) / 128;
        sum += v * v;
      }
      const loudness = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      level.style.transform = "scaleX(" + loudness.toFixed(3) + ")";
      frame = window.requestAnimationFrame(draw);
    };
    draw();
    return meter;
  } catch (error) {
    if (meter) meter.stop();
    return null;
  }
}
