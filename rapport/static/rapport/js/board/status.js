// Saying what happened (the status line, read out politely), the notice shown while the
// socket is down, and who else is on the wall now.
import { make } from "./dom.js";

export function say(board, text) {
  const status = board.status;
  if (!status) return;
  // The same words twice in a row are read again only if the region changes.
  status.textContent = status.textContent === text ? text + "\u00a0" : text;
}

export function addOfflineNotice(board) {
  const offline = make("p", { className: "wall-offline", hidden: true });
  offline.textContent = "Reconnecting… The wall shows what it had; changes made meanwhile " +
    "appear once the connection is back.";
  board.wall.parentNode.insertBefore(offline, board.wall);
  board.offline = offline;
}

export function showHere(people) {
  const here = document.getElementById("wall-here");
  if (!here) return;
  const names = (people || []).map((person) => person.name).filter(Boolean);
  here.hidden = names.length === 0;
  if (names.length === 0) {
    here.textContent = "";
    return;
  }
  let said;
  if (names.length === 1) said = names[0];
  else if (names.length <= 3) said = names.slice(0, -1).join(", ") + " and " + names.at(-1);
  else said = names.slice(0, 2).join(", ") + " and " + (names.length - 2) + " others";
  here.textContent = "Here now: " + said;
}
