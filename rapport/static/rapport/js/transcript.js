// Transcripts under players (media/_captions_panel.html): each caption's time becomes a
// button that plays the recording from there, and a box shows only the captions holding
// the words typed. Without this script the transcript stays plain, findable text.
// The panel includes this file once per recording: the guard makes it run once, and
// document-level listeners cover panels htmx swaps in later.
(function () {
  "use strict";
  if (window.rapportTranscripts) {
    window.rapportTranscripts.enhanceAll();
    return;
  }

  function enhance(details) {
    if (details.dataset.transcriptReady) return;
    details.dataset.transcriptReady = "1";
    details.querySelectorAll("[data-seek]").forEach(function (time) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "media-captions__seek";
      button.dataset.seek = time.dataset.seek;
      button.textContent = time.textContent;
      button.setAttribute("aria-label", "Play from " + time.textContent);
      time.replaceWith(button);
    });
    var find = details.querySelector("[data-transcript-find]");
    if (find) find.hidden = false;
  }

  function enhanceAll() {
    document.querySelectorAll("[data-transcript]").forEach(enhance);
  }

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-seek]");
    if (!button) return;
    var player = button.closest("[data-media-id]");
    var media = player && player.querySelector("video, audio");
    if (!media) return;
    media.currentTime = parseFloat(button.dataset.seek);
    var playing = media.play();
    if (playing && playing.catch) playing.catch(function () {});
  });

  document.addEventListener("input", function (event) {
    var box = event.target.closest("[data-transcript-filter]");
    if (!box) return;
    var details = box.closest("[data-transcript]");
    var wanted = words(box.value);
    var shown = 0;
    var cues = details.querySelectorAll("[data-transcript-cue]");
    cues.forEach(function (cue) {
      var text = cue.querySelector("[data-transcript-text]").textContent.toLowerCase();
      var match = wanted.every(function (word) { return text.indexOf(word) !== -1; });
      cue.hidden = !match;
      if (match) shown += 1;
    });
    var count = details.querySelector("[data-transcript-count]");
    count.textContent = wanted.length
      ? shown + " of " + cues.length + " captions shown."
      : "";
  });

  window.rapportTranscripts = { enhanceAll: enhanceAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
  document.addEventListener("htmx:afterSettle", enhanceAll);
})();
