// The course socket (/ws/c/<slug>/): follow the board, hear each change as the card as it
// now stands, send this page's own changes as acts answered by their ref, and after a drop
// connect again and ask for what changed meanwhile.
import { applySettings } from "./settings.js";
import { bump, hear } from "./store.js";
import { say, showHere } from "./status.js";

const RENEW_HERE_MS = 30000;
const OFFLINE = "The wall isn't connected right now. Try again in a moment.";

export function act(board, fields) {
  return new Promise((resolve) => {
    const socket = board.socket;
    if (!socket || !board.following || socket.readyState !== WebSocket.OPEN) {
      resolve({ type: "error", message: OFFLINE, code: "offline" });
      return;
    }
    board.lastRef += 1;
    board.pending.set(board.lastRef, resolve);
    socket.send(JSON.stringify(Object.assign(
      { type: "act", stream: "board", id: board.boardId, ref: board.lastRef }, fields,
    )));
  });
}

function send(board, message) {
  const socket = board.socket;
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

// What changed since the last revision heard of; every card again, as this reader may now
// see it, once their place in the course has changed or the wall was locked or opened.
function catchUp(board) {
  const all = board.redrawAll;
  board.redrawAll = false;
  act(board, { action: "since", revision: all ? 0 : board.lastRevision }).then((answer) => {
    if (answer.type !== "caught_up") return;
    (answer.cards || []).forEach((card) => { hear(board, card, all); });
    bump(board, answer.revision);
    if (answer.board && applySettings(board, answer.board) && !all) {
      board.redrawAll = true;
      catchUp(board);
    }
  });
}

export function connect(board) {
  const wall = board.wall;
  const boardId = board.boardId;
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const mine = new WebSocket(scheme + location.host + wall.dataset.liveUrl);
  board.socket = mine;
  mine.addEventListener("open", () => {
    send(board, { type: "follow", stream: "board", id: boardId });
  });
  mine.addEventListener("message", (event) => {
    if (board.socket !== mine) return;
    let data;
    try { data = JSON.parse(event.data); } catch (error) { return; }
    if (data.ref !== undefined && data.ref !== null && board.pending.has(data.ref)) {
      const resolve = board.pending.get(data.ref);
      board.pending.delete(data.ref);
      resolve(data);
      return;
    }
    if (data.stream !== "board" || data.id !== boardId) return;
    if (data.type === "following") {
      const back = wall.classList.contains("wall--offline");
      board.following = true;
      board.delay = 1000;
      document.body.dataset.following = "true";
      wall.classList.remove("wall--offline");
      board.offline.hidden = true;
      if (back) say(board, "Connected again.");
      catchUp(board);
      clearInterval(board.renewHere);
      board.renewHere = setInterval(() => {
        send(board, { type: "here", stream: "board", id: boardId });
      }, RENEW_HERE_MS);
    } else if (data.type === "event" && data.board) {
      if (applySettings(board, data.board)) {
        board.redrawAll = true;
        catchUp(board);
      }
    } else if (data.type === "event") {
      hear(board, data.card);
    } else if (data.type === "here") {
      showHere(data.people);
    }
  });
  mine.addEventListener("close", (event) => {
    if (board.socket !== mine) return;
    board.following = false;
    delete document.body.dataset.following;
    clearInterval(board.renewHere);
    const lost = Array.from(board.pending.values());
    board.pending.clear();
    lost.forEach((resolve) => {
      resolve({
        type: "error", code: "offline",
        message: "The connection dropped before the answer came. Check the wall once " +
          "it is back, and try again if needed.",
      });
    });
    if (event.code === 4401 || event.code === 4403) return;
    if (event.code === 4409) board.redrawAll = true;
    wall.classList.add("wall--offline");
    board.offline.hidden = false;
    say(board, "Reconnecting…");
    setTimeout(() => connect(board), board.delay);
    board.delay = Math.min(board.delay * 2, 30000);
  });
}
