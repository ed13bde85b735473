// A class wall, live. Every card is drawn here from its dict (walls.selectors.shape), in the
// same markup the page without its script draws (walls/_card.html). The page follows its
// board on the course's socket (/ws/c/<slug>/): a change by anyone arrives as the card as it
// now stands, stamped with the board's revision, and this page's own adds, moves, edits,
// deletions, approvals and reactions are sent on it. While the socket is down every form
// posts as it would without this script, and once it is back the page asks for what changed.
//
// A native ES module (no build step): walls/board.html loads it with <script type="module">,
// which runs once the HTML is parsed.
import { listenForActions } from "./actions.js";
import { setUpAddForm } from "./add.js";
import { draw } from "./card.js";
import { listenForDrags } from "./drag.js";
import { listenForDrafts } from "./edit.js";
import { addMoveHelp, listenForKeys } from "./move.js";
import { order } from "./place.js";
import { connect } from "./socket.js";
import { createState, readJson } from "./state.js";
import { addOfflineNotice } from "./status.js";
import { bump, put, showEmpty } from "./store.js";

const wall = document.getElementById("wall");
if (wall && "WebSocket" in window) start(wall);

function start(wall) {
  const board = createState(wall);
  addOfflineNotice(board);
  addMoveHelp(board);
  listenForKeys(board);
  listenForDrags(board);
  listenForDrafts(board);
  listenForActions(board);
  setUpAddForm(board);

  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => { window.print(); });
  });

  // One drawing for every card: the list the server drew is drawn again from the dicts.
  readJson("wall-cards", []).forEach((card) => {
    board.cards.set(card.id, card);
    bump(board, card.revision);
  });
  wall.querySelectorAll("ol.wall-cards").forEach((list) => { list.replaceChildren(); });
  Array.from(board.cards.values()).sort((a, b) => order(board, a, b)).forEach((card) => {
    put(board, draw(board, card), card);
  });
  showEmpty(board);
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains("wall-card")) {
    target.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  connect(board);
}
