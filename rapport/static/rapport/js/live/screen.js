// The shared screen: the question, in large type, and its results once revealed (no
// names, ever); the join code stays in view.
import { drawResults } from "./results.js";
import { liveSocket, showStatus } from "./socket.js";

const root = document.querySelector("[data-live-screen]");
const find = (name) => root.querySelector(`[data-live-${name}]`);
let activity = null;

function hear(data) {
  if (data.type === "activity") {
    activity = data.activity;
    find("prompt").textContent = activity ? activity.prompt : "";
    find("anonymous").hidden = !(activity && activity.anonymous);
    drawResults(find("results"), activity, data.results, {});
  } else if (data.type === "results" && activity && data.activity === activity.id) {
    drawResults(find("results"), activity, data.results, {});
  }
}

if (root) {
  liveSocket(root.dataset.socketUrl, hear, (text, final) => showStatus(find("status"), text, final));
}
