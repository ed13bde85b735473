// Editing a card in place, over the socket: the editor replaces the card's text, what is
// typed is kept in the draft across redraws, and a save that meets a newer version shows it
// and keeps the text for saving again.
import { colourOf } from "./card.js";
import { act } from "./socket.js";
import { say } from "./status.js";
import { apply, cardElement, redraw } from "./store.js";

export function openEditor(board, id) {
  const card = board.cards.get(id);
  if (!card || !card.may_edit) return;
  board.editing.set(id, {
    version: card.version, body: card.body || "", colour: colourOf(card), message: "",
    showCurrent: false, warned: false,
  });
  redraw(board, id);
  const textarea = cardElement(id).querySelector('[data-keep="edit-body"]');
  if (textarea) textarea.focus();
}

export function closeEditor(board, id) {
  board.editing.delete(id);
  redraw(board, id);
  const li = cardElement(id);
  if (li) ((li.querySelector('[data-keep="edit"]')) || li).focus();
}

export function save(board, id, form) {
  const edit = board.editing.get(id);
  if (!edit) return;
  edit.body = form.elements.body.value;
  edit.colour = form.elements.colour.value;
  const button = form.querySelector('[data-keep="edit-save"]');
  if (button) button.disabled = true;
  act(board, {
    action: "edit", card: id, version: edit.version, body: edit.body, colour: edit.colour,
  }).then((answer) => {
    if (answer.type === "done") {
      apply(board, answer.card);
      closeEditor(board, id);
      say(board, "Saved.");
      return;
    }
    if (answer.type === "conflict" && answer.card) {
      apply(board, answer.card);
      edit.version = answer.card.version;
      edit.message = answer.message + " Your text is still here: save again to put it " +
        "on the card.";
      edit.showCurrent = true;
      edit.warned = false;
    } else {
      edit.message = answer.message || "That didn't work. Try again.";
    }
    redraw(board, id);
    say(board, edit.message);
  });
}

// The draft follows what is typed, so a redraw (a change heard meanwhile) keeps it.
export function listenForDrafts(board) {
  const wall = board.wall;
  wall.addEventListener("input", (event) => {
    const li = event.target.closest(".wall-card");
    const edit = li && board.editing.get(Number(li.dataset.card));
    if (!edit) return;
    if (event.target.dataset.keep === "edit-body") edit.body = event.target.value;
    if (event.target.dataset.keep === "edit-colour") edit.colour = event.target.value;
  });
  wall.addEventListener("change", (event) => {
    const li = event.target.closest(".wall-card");
    const edit = li && board.editing.get(Number(li.dataset.card));
    if (edit && event.target.dataset.keep === "edit-colour") edit.colour = event.target.value;
  });
}
