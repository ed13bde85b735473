// Presence: tell the server when a learner has watched or listened to a message's
// recording — at its end, or once 90% has played — so the teaching team can see who it
// reached. Media events do not bubble, so one capturing listener serves every player,
// including ones htmx swaps in later.
import { csrfToken } from "./csrf.js";

function markWatched(box) {
  if (box.dataset.watchState) return;
  box.dataset.watchState = "sending";
  fetch(box.dataset.watchUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
  }).then(function (response) {
    if (!response.ok) throw new Error(String(response.status));
    box.dataset.watchState = "done";
    const card = box.closest("[data-message]");
    if (card) {
      card.querySelectorAll("[data-new-marker]").forEach(function (marker) {
        marker.hidden = true;
      });
    }
  }).catch(function () {
    delete box.dataset.watchState; // try again at the next progress event
  });
}

function onMedia(event) {
  const media = event.target;
  if (!(media instanceof HTMLMediaElement)) return;
  const box = media.closest("[data-watch-url]");
  if (!box) return;
  if (event.type === "ended") {
    markWatched(box);
  } else if (isFinite(media.duration) && media.duration > 0 &&
             media.currentTime / media.duration >= 0.9) {
    markWatched(box);
  }
}

document.addEventListener("ended", onMedia, true);
document.addEventListener("timeupdate", onMedia, true);
