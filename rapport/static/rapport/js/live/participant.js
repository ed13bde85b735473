// A phone taking part: the question on screen, a way to answer it for its kind, one's own
// answer (changeable until locked), and the results once revealed.
import { drawResults } from "./results.js";
import { liveSocket, showStatus } from "./socket.js";

const root = document.querySelector("[data-live-participant]");
const find = (name) => root.querySelector(`[data-live-${name}]`);
const page = { activity: null, results: null, mine: null, upvoted: new Set() };
let socket;

function button(label, value, chosen) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = "live-choice";
  node.textContent = label;
  node.setAttribute("aria-pressed", chosen ? "true" : "false");
  node.addEventListener("click", () => answer(value));
  return node;
}

function textInput(activity) {
  const wrap = document.createElement("div");
  wrap.className = "live-type";
  const isWord = activity.kind === "word";
  const input = document.createElement(isWord ? "input" : "textarea");
  input.id = "live-text";
  input.maxLength = isWord ? 24 : 280;
  input.autocomplete = "off";
  if (isWord) input.setAttribute("autocapitalize", "none");
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = isWord ? "Your word" : "Your answer";
  const send = document.createElement("button");
  send.type = "submit";
  send.textContent = page.mine ? "Change my answer" : "Send";
  wrap.append(label, input, send);
  return wrap;
}

function chosenValue() {
  const mine = page.mine;
  if (!mine) return null;
  return mine.number !== null && mine.number !== undefined ? mine.number : mine.text;
}

function drawInputs() {
  const activity = page.activity;
  const inputs = find("inputs");
  // What someone is typing survives a redraw of the same activity (the teacher showing the
  // results or locking another one must not wipe it).
  const typing = root.querySelector("#live-text");
  const kept = typing && inputs.dataset.activity === String(activity.id) ? typing.value : "";
  const focused = typing !== null && document.activeElement === typing;
  inputs.replaceChildren();
  inputs.dataset.activity = String(activity.id);
  const chosen = chosenValue();
  if (activity.kind === "word" || activity.kind === "open") {
    inputs.appendChild(textInput(activity));
    const input = root.querySelector("#live-text");
    input.value = kept;
    if (focused) input.focus();
  } else {
    const group = document.createElement("div");
    group.className = `live-choices live-choices--${activity.kind}`;
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", "live-prompt");
    if (activity.kind === "poll") {
      activity.choices.forEach((c) => group.appendChild(button(c, c, chosen === c)));
    } else if (activity.kind === "scale") {
      activity.scale.forEach((v) => group.appendChild(button(String(v), v, chosen === v)));
    } else {
      activity.faces.forEach((face) => {
        const node = button(face.face, face.value, chosen === face.value);
        node.setAttribute("aria-label", face.label);
        node.title = face.label;
        group.appendChild(node);
      });
    }
    inputs.appendChild(group);
  }
}

function drawMine() {
  const mine = find("mine");
  const value = chosenValue();
  mine.hidden = value === null;
  if (value !== null) {
    const until = page.activity && page.activity.locked ? "" : " You can change it until it's locked.";
    mine.textContent = `Your answer: ${value}.${until}`;
  }
}

function draw() {
  const activity = page.activity;
  find("prompt").textContent = activity ? activity.prompt : "Waiting for the first question…";
  find("anonymous").hidden = !(activity && activity.anonymous);
  find("answer").hidden = !activity || activity.locked;
  find("locked").hidden = !(activity && activity.locked);
  if (activity) drawInputs();
  drawMine();
  drawResults(find("results"), activity, page.results, {
    upvoted: page.upvoted,
    ownAnswer: (id) => page.mine && page.mine.id === id,
    onUpvote: activity && activity.kind === "open" && !activity.locked ? upvote : null,
  });
}

function error(message) {
  const node = find("error");
  node.textContent = message || "";
  node.hidden = !message;
}

function answer(value) {
  error("");
  socket.send({ type: "answer", activity: page.activity.id, value }).then((reply) => {
    if (reply.type === "error") {
      error(reply.message);
      return;
    }
    page.mine = reply.mine.answer;
    draw();
    const input = root.querySelector("#live-text");
    if (input) input.value = "";
  });
}

function upvote(answerId) {
  socket.send({ type: "upvote", answer: answerId }).then((reply) => {
    if (reply.type === "error") {
      error(reply.message);
      return;
    }
    if (reply.on) page.upvoted.add(answerId); else page.upvoted.delete(answerId);
    draw();
  });
}

function hear(data) {
  if (data.type === "activity") {
    if (!page.activity || !data.activity || page.activity.id !== data.activity.id) error("");
    page.activity = data.activity;
    page.results = data.results;
    draw();
  } else if (data.type === "results" && page.activity && data.activity === page.activity.id) {
    page.results = data.results;
    drawResults(find("results"), page.activity, page.results, {
      upvoted: page.upvoted,
      ownAnswer: (id) => page.mine && page.mine.id === id,
      onUpvote: page.activity.kind === "open" && !page.activity.locked ? upvote : null,
    });
  } else if (data.type === "mine") {
    page.mine = data.answer;
    page.upvoted = new Set(data.upvoted || []);
    draw();
  }
}

if (root) {
  find("answer").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = root.querySelector("#live-text");
    if (input) answer(input.value);
  });
  socket = liveSocket(root.dataset.socketUrl, hear, (text, final) => {
    showStatus(find("status"), text, final);
    if (final) find("answer").hidden = true;
  });
}
