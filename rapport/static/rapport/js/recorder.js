// The recorder: record a short video or voice message in the browser — or pick a file — and
// upload it with real progress. Enhances every [data-recorder] (see media/_recorder.html),
// now and in content htmx swaps in later. Without this script the plain file input inside
// the widget is sent with its form, so nothing here is required for the form to work.
(function () {
  "use strict";
  if (window.RapportRecorder) return; // the include may load this script more than once

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
  const WARN_SECONDS_LEFT = 30;

  const THING = { video: "camera", voice: "microphone" };
  const SAY = {
    insecure:
      "Recording only works on a secure (https) page. You can upload a file instead.",
    unsupported: "This browser can't record here. You can upload a file instead.",
    denied: function (mode) {
      return "Your browser didn't let us use the " + THING[mode] +
        ". You can allow it in the address bar, or upload a file instead.";
    },
    missing: function (mode) {
      return "We couldn't find a " + THING[mode] +
        ". Check that one is connected, or upload a file instead.";
    },
    busy: function (mode) {
      return "The " + THING[mode] + " is busy — another app may be using it. " +
        "Close that app and try again, or upload a file instead.";
    },
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

  const instances = new WeakMap();
  const ZERO_ID = "00000000-0000-0000-0000-000000000000"; // in data-status-url, for an id
  const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  function pickMimeType(mode) {
    if (!window.MediaRecorder) return null;
    if (typeof MediaRecorder.isTypeSupported !== "function") return "";
    const found = (TYPES[mode] || TYPES.video).find(function (type) {
      return MediaRecorder.isTypeSupported(type);
    });
    return found || ""; // let the browser choose
  }

  function baseType(type) {
    return (type || "").split(";")[0].trim().toLowerCase();
  }

  function extensionFor(type) {
    return EXTENSIONS[baseType(type)] || "webm";
  }

  function clock(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function spoken(seconds) {
    const whole = Math.max(1, Math.floor(seconds)); // as the clock shows it
    const minutes = Math.floor(whole / 60);
    const rest = whole % 60;
    const parts = [];
    if (minutes) parts.push(minutes + (minutes === 1 ? " minute" : " minutes"));
    if (rest) parts.push(rest + (rest === 1 ? " second" : " seconds"));
    return parts.join(" ");
  }

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0) + " MB";
  }

  function recordingProblem() {
    if (!window.isSecureContext) return SAY.insecure;
    const devices = navigator.mediaDevices;
    if (!devices || !devices.getUserMedia || !window.MediaRecorder) return SAY.unsupported;
    return "";
  }

  function csrfToken(root) {
    const form = root.closest("form");
    const field = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (field && field.value) return field.value;
    const headers = document.body.getAttribute("hx-headers");
    if (headers) {
      try {
        const token = JSON.parse(headers)["X-CSRFToken"];
        if (token) return token;
      } catch (error) { /* fall through to the cookie */ }
    }
    const cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return cookie ? decodeURIComponent(cookie[1]) : "";
  }

  function parseJSON(text) {
    try { return JSON.parse(text); } catch (error) { return null; }
  }

  // While any recorder in a form is uploading, the form's own submit buttons wait.
  function lockForm(form, locked) {
    if (!form) return;
    const before = parseInt(form.dataset.recorderUploads, 10) || 0;
    const count = Math.max(0, before + (locked ? 1 : -1));
    form.dataset.recorderUploads = String(count);
    Array.prototype.forEach.call(form.elements, function (el) {
      if ((el.type !== "submit" && el.type !== "image") || el.closest("[data-recorder]")) return;
      if (count > 0 && !el.disabled) {
        el.disabled = true;
        el.setAttribute("data-recorder-locked", "");
      } else if (count === 0 && el.hasAttribute("data-recorder-locked")) {
        el.disabled = false;
        el.removeAttribute("data-recorder-locked");
      }
    });
  }

  function setUp(root) {
    if (instances.has(root)) return;
    const part = function (name) { return root.querySelector('[data-part="' + name + '"]'); };
    const button = function (name) { return root.querySelector('[data-action="' + name + '"]'); };

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
    };
    const buttons = {};
    ["start", "record", "stop", "off", "retake", "discard", "use", "cancel", "replace"]
      .forEach(function (name) { buttons[name] = button(name); });

    const modes = (root.dataset.modes || "video voice").split(/\s+/).filter(function (m) {
      return m === "video" || m === "voice";
    });
    let mode = modes[0] || "video";
    const maxSeconds = parseInt(root.dataset.maxSeconds, 10) || 600;
    const maxBytes = parseInt(root.dataset.maxBytes, 10) || 0;
    const problem = recordingProblem();
    const fileName = el.file.getAttribute("name");
    const form = root.closest("form");

    let state = "idle";
    let stream = null;
    let recorder = null;
    let chunks = [];
    let recording = null; // { blob, mode, url, seconds }
    let startedAt = 0;
    let warned = false;
    let tick = null;
    let countdownTimer = null;
    let audio = null; // { context, frame } for the voice level meter
    let xhr = null;
    let uploadOrigin = null;
    let formLocked = false;
    let attempts = 0; // only the latest request for the camera may take effect

    let announcing = null;
    function announce(message) {
      // Clearing first makes a repeated message be read again.
      window.clearTimeout(announcing);
      el.status.textContent = "";
      announcing = window.setTimeout(function () { el.status.textContent = message; }, 50);
    }

    function alertUser(message) {
      el.alert.textContent = message;
    }

    function clearAlert() {
      el.alert.textContent = "";
    }

    function show(node, visible) {
      if (node) node.hidden = !visible;
    }

    function setState(next) {
      state = next;
      root.dataset.state = next;
      const video = mode === "video";
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
      if (uploading !== formLocked) {
        formLocked = uploading;
        lockForm(form, uploading);
      }
    }

    function restingState() {
      return problem ? "unsupported" : "idle";
    }

    function labelButtons() {
      buttons.start.textContent = mode === "video" ? "Turn on camera" : "Turn on microphone";
      buttons.off.textContent = mode === "video" ? "Turn camera off" : "Turn microphone off";
    }

    // --- the camera and microphone ----------------------------------------------------

    function constraints() {
      const audioWanted = { echoCancellation: true, noiseSuppression: true };
      if (el.microphone.value) audioWanted.deviceId = { exact: el.microphone.value };
      if (mode !== "video") return { audio: audioWanted, video: false };
      const videoWanted = {
        width: { ideal: 1280 },
        height: { ideal: 720 },
        frameRate: { ideal: 30, max: 30 },
      };
      if (el.camera.value) videoWanted.deviceId = { exact: el.camera.value };
      else videoWanted.facingMode = "user";
      return { audio: audioWanted, video: videoWanted };
    }

    function explain(error) {
      const name = error && error.name;
      if (name === "NotAllowedError" || name === "SecurityError") return SAY.denied(mode);
      if (name === "NotFoundError" || name === "OverconstrainedError") return SAY.missing(mode);
      if (name === "NotReadableError" || name === "AbortError") return SAY.busy(mode);
      return SAY.failedToStart;
    }

    function stopStream() {
      if (stream) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        stream = null;
      }
      el.live.srcObject = null;
      if (audio) {
        window.cancelAnimationFrame(audio.frame);
        audio.context.close().catch(function () {});
        audio = null;
      }
    }

    function startStream(options) {
      const moveFocus = !options || options.focus !== false;
      clearAlert();
      stopStream();
      const attempt = ++attempts;
      setState("starting");
      announce(mode === "video" ? "Turning on the camera…" : "Turning on the microphone…");
      let request = navigator.mediaDevices.getUserMedia(constraints());
      request = request.catch(function (error) {
        // A remembered device may have been unplugged: try once more with any device.
        const chosen = el.camera.value || el.microphone.value;
        if (error && error.name === "OverconstrainedError" && chosen) {
          el.camera.value = "";
          el.microphone.value = "";
          return navigator.mediaDevices.getUserMedia(constraints());
        }
        throw error;
      });
      return request.then(function (media) {
        if (!root.isConnected || state !== "starting" || attempt !== attempts) {
          media.getTracks().forEach(function (track) { track.stop(); });
          return;
        }
        stream = media;
        stream.getTracks().forEach(function (track) {
          track.addEventListener("ended", function () {
            if (state === "recording") stopRecording();
            else if (state === "live" || state === "countdown") {
              turnOff("The " + THING[mode] + " was disconnected.");
            }
          });
        });
        if (mode === "video") {
          const settings = stream.getVideoTracks()[0].getSettings();
          const facingAway = settings.facingMode === "environment";
          el.live.classList.toggle("recorder__live--mirrored", !facingAway);
          el.live.srcObject = stream;
          el.live.play().catch(function () {});
        } else {
          startMeter();
        }
        setState("live");
        return fillDevices().then(function () {
          announce((mode === "video" ? "The camera is on." : "The microphone is on.") +
            " Press Record when you're ready.");
          if (moveFocus) buttons.record.focus();
        });
      }, function (error) {
        if (attempt !== attempts) return;
        setState(restingState());
        alertUser(explain(error));
        announce("");
        buttons.start.focus();
      });
    }

    function fillDevices() {
      if (!navigator.mediaDevices.enumerateDevices) return Promise.resolve();
      return navigator.mediaDevices.enumerateDevices().then(function (devices) {
        const current = {};
        if (stream) {
          stream.getTracks().forEach(function (track) {
            current[track.kind] = track.getSettings().deviceId;
          });
        }
        fill(el.camera, devices, "videoinput", "Camera", current.video);
        fill(el.microphone, devices, "audioinput", "Microphone", current.audio);
      }).catch(function () {});
    }

    function fill(select, devices, kind, noun, currentId) {
      const found = devices.filter(function (d) { return d.kind === kind && d.deviceId; });
      select.replaceChildren();
      found.forEach(function (device, index) {
        const option = document.createElement("option");
        option.value = device.deviceId;
        option.textContent = device.label || noun + " " + (index + 1);
        option.selected = device.deviceId === currentId;
        select.appendChild(option);
      });
    }

    function startMeter() {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context || !stream) return;
      try {
        const context = new Context();
        const analyser = context.createAnalyser();
        analyser.fftSize = 512;
        context.createMediaStreamSource(stream).connect(analyser);
        const samples = new Uint8Array(analyser.fftSize);
        audio = { context: context, frame: 0 };
        const draw = function () {
          if (!audio) return;
          if (!root.isConnected) { destroy(); return; }
          analyser.getByteTimeDomainData(samples);
          let sum = 0;
          for (let i = 0; i < samples.length; i++) {
            const v = (samples[i] - 128) / 128;
            sum += v * v;
          }
          const level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
          el.level.style.transform = "scaleX(" + level.toFixed(3) + ")";
          audio.frame = window.requestAnimationFrame(draw);
        };
        draw();
      } catch (error) {
        audio = null; // the meter is a comfort, not a requirement
      }
    }

    function turnOff(message) {
      stopStream();
      setState(restingState());
      announce(message || (mode === "video" ? "The camera is off." : "The microphone is off."));
      buttons.start.focus();
    }

    // --- recording ------------------------------------------------------------------------

    function beginCountdown() {
      clearAlert();
      let count = 3;
      setState("countdown");
      buttons.stop.focus();
      const animate = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      const step = function () {
        if (state !== "countdown") return;
        if (count === 0) { startRecording(); return; }
        el.countdown.textContent = String(count);
        if (animate) {
          el.countdown.classList.remove("recorder__countdown--pop");
          void el.countdown.offsetWidth; // restart the animation for each number
          el.countdown.classList.add("recorder__countdown--pop");
        }
        announce(count === 3 ? "Recording in 3" : String(count));
        count -= 1;
        countdownTimer = window.setTimeout(step, 1000);
      };
      step();
    }

    function startRecording() {
      const type = pickMimeType(mode);
      const options = { audioBitsPerSecond: AUDIO_BITS_PER_SECOND[mode] };
      if (mode === "video") options.videoBitsPerSecond = VIDEO_BITS_PER_SECOND;
      if (type) options.mimeType = type;
      try {
        recorder = new MediaRecorder(stream, options);
      } catch (error) {
        try {
          recorder = new MediaRecorder(stream);
        } catch (again) {
          turnOff("");
          alertUser(SAY.failedToStart);
          return;
        }
      }
      chunks = [];
      const recordedMode = mode;
      const thisRecorder = recorder;
      recorder.addEventListener("dataavailable", function (event) {
        if (event.data && event.data.size) chunks.push(event.data);
      });
      recorder.addEventListener("stop", function () {
        finishRecording(thisRecorder, recordedMode, type);
      });
      recorder.addEventListener("error", function () {
        alertUser(SAY.brokeOff);
        stopRecording();
      });
      recorder.start(1000);
      startedAt = performance.now();
      warned = false;
      el.elapsed.textContent = "0:00";
      setState("recording");
      announce("Recording.");
      tick = window.setInterval(updateTimer, 250);
    }

    function elapsedSeconds() {
      return (performance.now() - startedAt) / 1000;
    }

    function updateTimer() {
      const seconds = elapsedSeconds();
      el.elapsed.textContent = clock(seconds);
      const left = maxSeconds - seconds;
      if (!warned && left <= WARN_SECONDS_LEFT && maxSeconds > WARN_SECONDS_LEFT * 2) {
        warned = true;
        announce(WARN_SECONDS_LEFT + " seconds left.");
      }
      if (seconds >= maxSeconds) {
        stopRecording();
        if (recording) recording.atLimit = true;
      }
    }

    function stopRecording() {
      window.clearTimeout(countdownTimer);
      window.clearInterval(tick);
      if (state === "countdown") {
        setState("live");
        announce("Cancelled. Press Record when you're ready.");
        buttons.record.focus();
        return;
      }
      if (recorder && recorder.state !== "inactive") {
        recording = { seconds: elapsedSeconds() };
        recorder.stop();
      }
    }

    function finishRecording(finished, recordedMode, requestedType) {
      if (finished !== recorder) return;
      recorder = null;
      window.clearInterval(tick);
      stopStream(); // the camera light goes off while they watch it back
      const type = baseType(finished.mimeType || requestedType) ||
        (recordedMode === "video" ? "video/webm" : "audio/webm");
      const blob = new Blob(chunks, { type: type });
      chunks = [];
      if (!blob.size) {
        recording = null;
        setState(restingState());
        alertUser(SAY.empty);
        buttons.start.focus();
        return;
      }
      const seconds = recording && recording.seconds ? recording.seconds : elapsedSeconds();
      const atLimit = Boolean(recording && recording.atLimit);
      discardRecording();
      recording = {
        blob: blob, mode: recordedMode, url: URL.createObjectURL(blob), seconds: seconds,
      };
      const player = recordedMode === "video" ? el.reviewVideo : el.reviewAudio;
      player.src = recording.url;
      showWholeDuration(player);
      setState("review");
      const limit = atLimit
        ? "That's the " + spoken(maxSeconds) + " limit, so recording stopped. "
        : "";
      announce(limit + "Recorded " + spoken(seconds) +
        ". Play it back, then choose Use this recording, Re-take or Discard.");
      player.focus();
    }

    // MediaRecorder's WebM has no duration, so players show no length and cannot seek until
    // they have read to the end once: make them do that now, then rewind.
    function showWholeDuration(player) {
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

    function discardRecording() {
      if (recording && recording.url) URL.revokeObjectURL(recording.url);
      recording = null;
      [el.reviewVideo, el.reviewAudio].forEach(function (player) {
        player.pause();
        player.removeAttribute("src");
        player.load();
      });
    }

    function discard() {
      discardRecording();
      clearAlert();
      setState(restingState());
      announce("Recording discarded.");
      buttons.start.focus();
    }

    function retake() {
      discardRecording();
      clearAlert();
      startStream();
    }

    function useRecording() {
      if (!recording || !recording.blob) return;
      const name = "recording-" + new Date().toISOString().replace(/[:.]/g, "-") +
        "." + extensionFor(recording.blob.type);
      upload(recording.blob, name, "recording");
    }

    // --- uploading --------------------------------------------------------------------

    function setProgress(fraction) {
      const percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
      el.progress.value = percent;
      el.percent.textContent = percent + "%";
    }

    function upload(blob, name, origin) {
      clearAlert();
      const body = new FormData();
      body.append("file", blob, name);
      xhr = new XMLHttpRequest();
      const request = xhr;
      uploadOrigin = origin;
      request.open("POST", root.dataset.uploadUrl);
      request.setRequestHeader("X-CSRFToken", csrfToken(root));
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          setProgress(event.loaded / event.total);
        } else {
          el.progress.removeAttribute("value"); // still moving, size unknown
          el.percent.textContent = "";
        }
      });
      request.upload.addEventListener("load", function () {
        // Sent; the server still checks the file before it answers.
        setProgress(1);
        el.uploadLabel.textContent = "Uploaded — checking it…";
      });
      request.addEventListener("load", function () {
        if (request !== xhr) return;
        xhr = null;
        const data = parseJSON(request.responseText);
        if ((request.status === 201 || request.status === 200) && data && data.id) {
          uploaded(data);
        } else {
          uploadFailed((data && data.error) || messageFor(request.status));
        }
      });
      request.addEventListener("error", function () {
        if (request !== xhr) return;
        xhr = null;
        uploadFailed(SAY.network);
      });
      request.addEventListener("abort", function () {
        if (request !== xhr) return;
        xhr = null;
        uploadFailed("", "Upload cancelled.");
      });
      setProgress(0);
      el.uploadLabel.textContent = "Uploading";
      setState("uploading");
      announce("Uploading…");
      buttons.cancel.focus();
      request.send(body);
    }

    function messageFor(status) {
      if (status === 413) return SAY.tooBig;
      if (status === 403 || status === 401) return SAY.expired;
      if (status === 0) return SAY.network;
      return SAY.server;
    }

    function uploaded(data) {
      setProgress(1);
      el.value.value = data.id;
      el.value.dispatchEvent(new Event("change", { bubbles: true }));
      discardRecording();
      el.file.value = "";
      el.processing.textContent = "Uploaded. We're getting it ready…";
      setState("done");
      if (data.status_url) loadProcessing(data.status_url);
      announce((data.kind === "audio" ? "Your voice recording" : "Your video") +
        " is uploaded. We're getting it ready — you can carry on.");
      el.result.focus();
      root.dispatchEvent(new CustomEvent("recorder:uploaded", { bubbles: true, detail: data }));
    }

    function loadProcessing(url) {
      if (window.htmx && typeof window.htmx.ajax === "function") {
        window.htmx.ajax("GET", url, { target: el.processing, swap: "innerHTML" })
          .catch(function () {});
        return;
      }
      fetch(url, { credentials: "same-origin", headers: { "HX-Request": "true" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
        .then(function (html) { el.processing.innerHTML = html; })
        .catch(function () {});
    }

    function uploadFailed(message, quietly) {
      setProgress(0);
      if (message) alertUser(message);
      if (quietly) announce(quietly);
      if (uploadOrigin === "recording" && recording) {
        setState("review");
        buttons.use.focus();
      } else {
        el.file.value = "";
        el.file.setAttribute("name", fileName);
        setState(restingState());
        el.file.focus();
      }
    }

    function fileChosen() {
      const file = el.file.files && el.file.files[0];
      if (!file) return;
      clearAlert();
      if (file.type && !/^(audio|video)\//.test(file.type)) {
        alertUser(SAY.notMedia);
        el.file.value = "";
        return;
      }
      if (maxBytes && file.size > maxBytes) {
        alertUser("That file is " + megabytes(file.size) + "; the limit is " +
          megabytes(maxBytes) + ".");
        el.file.value = "";
        return;
      }
      stopStream();
      discardRecording();
      // It is on its way by XHR: the form must not send it a second time.
      el.file.removeAttribute("name");
      upload(file, file.name, "file");
    }

    function replace() {
      el.value.value = "";
      el.value.dispatchEvent(new Event("change", { bubbles: true }));
      el.processing.replaceChildren();
      el.file.setAttribute("name", fileName);
      clearAlert();
      setState(restingState());
      announce("Removed. You can record or upload again.");
      (problem ? el.file : buttons.start).focus();
    }

    // Leaving the page: the camera goes off, and a recording in progress is kept for review.
    function release() {
      if (state === "recording") stopRecording();
      else if (state === "countdown" || state === "live" || state === "starting") turnOff("");
    }

    // Removed from the page (an htmx swap): let everything go.
    function destroy() {
      window.clearTimeout(countdownTimer);
      window.clearInterval(tick);
      recorder = null;
      stopStream();
      discardRecording();
      if (xhr) { const request = xhr; xhr = null; request.abort(); }
      if (formLocked) { formLocked = false; lockForm(form, false); }
    }

    // Asked before the page is left, and by the form's submit guard: a reason to stay, or "".
    function holdSubmit() {
      if (state === "uploading") return SAY.busyUploading;
      if (state === "countdown" || state === "recording") return SAY.stillRecording;
      if (state === "review") return SAY.unused;
      return "";
    }

    // --- wiring -----------------------------------------------------------------------

    buttons.start.addEventListener("click", function () { startStream(); });
    buttons.off.addEventListener("click", function () { turnOff(); });
    buttons.record.addEventListener("click", beginCountdown);
    buttons.stop.addEventListener("click", stopRecording);
    buttons.retake.addEventListener("click", retake);
    buttons.discard.addEventListener("click", discard);
    buttons.use.addEventListener("click", useRecording);
    buttons.cancel.addEventListener("click", function () { if (xhr) xhr.abort(); });
    buttons.replace.addEventListener("click", replace);
    el.file.addEventListener("change", fileChosen);
    [el.camera, el.microphone].forEach(function (select) {
      select.addEventListener("change", function () { startStream({ focus: false }); });
    });
    root.querySelectorAll('input[type="radio"][value]').forEach(function (radio) {
      radio.disabled = false; // disabled in the HTML so that, without JavaScript, no mode is sent
      if (radio.checked) mode = radio.value;
      radio.addEventListener("change", function () {
        if (!radio.checked) return;
        const wasLive = state === "live";
        stopStream();
        mode = radio.value;
        el.camera.value = "";
        labelButtons();
        if (wasLive) startStream({ focus: false });
        else setState(restingState());
      });
    });

    instances.set(root, { destroy: destroy, release: release, holdSubmit: holdSubmit });

    // Show the recorder; the plain-file wording steps back.
    labelButtons();
    el.limit.textContent = clock(maxSeconds);
    el.ui.hidden = false;
    part("nojs").hidden = true;
    part("file-label-nojs").hidden = true;
    part("file-label-js").hidden = false;
    if (problem) el.unsupported.textContent = problem;
    if (el.value.value) {
      // The form came back (with an error elsewhere): the recording is still attached.
      el.file.removeAttribute("name");
      el.processing.textContent = "A recording is attached.";
      setState("done");
      const id = el.value.value.trim().toLowerCase();
      if (MEDIA_ID.test(id) && root.dataset.statusUrl) {
        loadProcessing(root.dataset.statusUrl.replace(ZERO_ID, id));
      }
    } else {
      setState(restingState());
    }
  }

  function enhance(scope) {
    const node = scope && scope.nodeType === 1 ? scope : document;
    if (node !== document && node.matches("[data-recorder]")) setUp(node);
    node.querySelectorAll("[data-recorder]").forEach(setUp);
  }

  // Hold a form's submission while one of its recorders is uploading, or has a recording
  // that was never attached. Capturing on the document runs before htmx's own handler.
  document.addEventListener("submit", function (event) {
    const recorders = event.target.querySelectorAll("[data-recorder]");
    for (let i = 0; i < recorders.length; i++) {
      const instance = instances.get(recorders[i]);
      const reason = instance && instance.holdSubmit();
      if (reason) {
        event.preventDefault();
        event.stopPropagation();
        const alert = recorders[i].querySelector('[data-part="alert"]');
        alert.textContent = reason;
        const next = recorders[i].querySelector(
          '[data-action="use"]:not([hidden]), [data-action="stop"]:not([hidden])'
        ) || recorders[i].querySelector('[data-action="cancel"]');
        if (next) next.focus();
        return;
      }
    }
  }, true);

  // Leaving mid-upload, or with a recording never attached, loses it: the browser asks first.
  window.addEventListener("beforeunload", function (event) {
    const roots = document.querySelectorAll("[data-recorder]");
    for (let i = 0; i < roots.length; i++) {
      const instance = instances.get(roots[i]);
      if (instance && instance.holdSubmit()) {
        event.preventDefault();
        event.returnValue = "";
        return;
      }
    }
  });

  document.addEventListener("htmx:beforeCleanupElement", function (event) {
    const instance = instances.get(event.target);
    if (instance) instance.destroy();
  });
  window.addEventListener("pagehide", function () {
    document.querySelectorAll("[data-recorder]").forEach(function (root) {
      const instance = instances.get(root);
      if (instance) instance.release();
    });
  });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });

  window.RapportRecorder = {
    enhance: enhance, pickMimeType: pickMimeType, extensionFor: extensionFor,
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
