// The host's controls: previous and next, show and hide results, lock and open answers,
// reset; the full results all along; and a click on any activity puts it on screen.
import { drawResults } from "./results.js";
import { liveSocket, showStatus } from "./socket.js";

const root = document.querySelector("[data-live-host]");
const find = (name) => root.querySelector(`[data-live-${name}]`);
const page = { activity: null, results: null };
let socket;

function error(message) {
  const node = find("error");
  node.textContent = message || "";
  node.hidden = !message;
}

function act(fields) {
  error("");
  socket.send(fields).then((reply) => {
    if (reply.type === "error") error(reply.message);
  });
}

function setToggle(name, on, labels) {
  const node = root.querySelector(`[data-act="${name}"], [data-toggle="${name}"]`);
  if (!node) return;
  node.textContent = on ? labels[1] : labels[0];
  node.dataset.state = on ? "on" : "off";
}

function draw() {
  const activity = page.activity;
  find("prompt").textContent = activity ? activity.prompt : "Add a first activity below.";
  find("position").textContent = activity ? `Activity ${activity.position + 1} of ${activity.count}` : "";
  const flags = [];
  if (activity && activity.anonymous) flags.push("Anonymous");
  if (activity && activity.locked) flags.push("Answers locked");
  if (activity) flags.push(activity.results_visible ? "Results showing" : "Results hidden from the class");
  find("flags").textContent = flags.join(" · ");
  setToggle("reveal", activity && activity.results_visible, ["Show results", "Hide results"]);
  setToggle("lock", activity && activity.locked, ["Lock answers", "Open answers"]);
  document.querySelectorAll("[data-live-activities] [data-activity]").forEach((item) => {
    const current = activity && Number(item.dataset.activity) === activity.id;
    if (current) item.setAttribute("aria-current", "step"); else item.removeAttribute("aria-current");
  });
  drawResults(find("results"), activity, page.results, { host: true });
}

function hear(data) {
  if (data.type === "activity") {
    page.activity = data.activity;
    page.results = data.results;
    draw();
  } else if (data.type === "results" && page.activity && data.activity === page.activity.id) {
    page.results = data.results;
    drawResults(find("results"), page.activity, page.results, { host: true });
  }
}

if (root) {
  root.querySelectorAll("[data-act]").forEach((node) => {
    node.addEventListener("click", () => {
      const base = node.dataset.act;
      const name = node.dataset.state === "on" && node.dataset.toggle ? node.dataset.toggle : base;
      if (node.dataset.confirm && !window.confirm(node.dataset.confirm)) return;
      act({ type: name });
    });
  });
  document.querySelectorAll("[data-goto]").forEach((node) => {
    node.addEventListener("click", () => act({ type: "goto", activity: Number(node.dataset.goto) }));
  });
  socket = liveSocket(root.dataset.socketUrl, hear, (text, final) => showStatus(find("status"), text, final));
}
