// The card's buttons and forms: Edit, Cancel and Move handled here, and reactions,
// deletions and approvals sent on the socket while it is up — otherwise each form posts as
// it would without the script.
import { closeEditor, openEditor, save } from "./edit.js";
import { begin, drop, where } from "./move.js";
import { act } from "./socket.js";
import { say } from "./status.js";
import { apply, flash, redraw } from "./store.js";

function answered(board, id, answer, success) {
  if (answer.card) apply(board, answer.card);
  redraw(board, id);
  if (answer.type === "done") {
    if (success) say(board, success);
  } else {
    say(board, answer.message || "That didn't work. Try again.");
    flash(id);
  }
}

export function listenForActions(board) {
  const wall = board.wall;
  wall.addEventListener("click", (event) => {
    const control = event.target.closest("[data-action]");
    const li = control && control.closest(".wall-card");
    if (!li) return;
    const id = Number(li.dataset.card);
    const action = control.dataset.action;
    if (action === "edit") {
      if (!board.following) return; // the edit page, as without the script
      event.preventDefault();
      openEditor(board, id);
    } else if (action === "cancel-edit") {
      closeEditor(board, id);
    } else if (action === "move") {
      if (board.swallowClick) return;
      if (board.moving && board.moving.id === id) {
        drop(board);
      } else if (begin(board, id, "keys")) {
        say(board, "Moving the card: " + where(board, board.cards.get(id)) + ". " +
          board.moveHelp.textContent);
      }
    }
  });

  wall.addEventListener("submit", (event) => {
    const form = event.target;
    const li = form.closest(".wall-card");
    if (!li) return;
    const id = Number(li.dataset.card);
    const kind = form.dataset.form;
    if (kind === "delete" && !window.confirm("Delete this card? This can't be undone.")) {
      event.preventDefault();
      return;
    }
    if (kind === "edit") {
      event.preventDefault();
      save(board, id, form);
      return;
    }
    if (!board.following || !["react", "delete", "approve"].includes(kind)) return;
    event.preventDefault();
    if (kind === "react") {
      const emoji = event.submitter && event.submitter.value;
      if (!emoji) return;
      const picker = form.querySelector("details");
      if (picker) picker.open = false;
      act(board, { action: "react", card: id, emoji: emoji }).then((answer) => {
        answered(board, id, answer, null);
      });
    } else if (kind === "delete") {
      act(board, { action: "delete", card: id }).then((answer) => {
        answered(board, id, answer, "Card deleted.");
      });
    } else {
      act(board, { action: "approve", card: id }).then((answer) => {
        answered(board, id, answer, "Approved: the class sees it now.");
      });
    }
  });
}
