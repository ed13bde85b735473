// Moving a card: picked up (by its Move button, the keys or a drag), shown where it goes
// before the server has answered, then put down — sent on the socket, or posted as the page
// without its script would — or put back. Keys move it everywhere but the stream.
import { csrfField, make } from "./dom.js";
import { movable, order, placeOf, sectionIds, sectionOf, setCell } from "./place.js";
import { act } from "./socket.js";
import { cardUrl } from "./state.js";
import { say } from "./status.js";
import { apply, cardElement, flash, put, redraw } from "./store.js";

const ARROWS = {
  ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1],
};

export function addMoveHelp(board) {
  const moveHelp = make("p", {
    className: "visually-hidden",
    id: "wall-move-help",
    text: board.layout === "columns"
      ? "Left and right arrows move the card to the next column, up and down change its " +
        "place in the column. Enter puts it there, Escape puts it back."
      : "Arrow keys move the card one cell. Enter puts it there, Escape puts it back.",
  });
  board.wall.parentNode.insertBefore(moveHelp, board.wall);
  board.moveHelp = moveHelp;
}

export function where(board, card) {
  const place = placeOf(board, card);
  if (board.layout === "wall") return "Column " + (place.x + 1) + ", row " + (place.y + 1);
  const section = board.sections.find((s) => s.id === sectionOf(board, card));
  const column = columnCards(board, sectionOf(board, card), card.id);
  const index = column.filter((other) => order(board, other, card) < 0).length;
  return (section ? section.title : "Column") + ", place " + (index + 1) + " of " +
    (column.length + 1);
}

function columnCards(board, sectionId, leaving) {
  return Array.from(board.cards.values()).filter((card) => {
    return !card.deleted && card.id !== leaving && sectionOf(board, card) === sectionId;
  }).sort((a, b) => order(board, a, b));
}

export function begin(board, id, how) {
  const card = board.cards.get(id);
  if (!card || !movable(board, card)) return false;
  if (board.sending.has(id)) {
    say(board, "Still saving this card's last move.");
    return false;
  }
  if (board.moving) cancel(board, false);
  board.moving = { id: id, origin: placeOf(board, card), how: how };
  const li = cardElement(id);
  if (li) {
    li.classList.add("wall-card--moving");
    const handle = li.querySelector(".wall-card__handle");
    if (handle) handle.setAttribute("aria-pressed", "true");
  }
  return true;
}

function same(board, a, b) {
  if (board.layout === "wall") return a.x === b.x && a.y === b.y;
  return a.section === b.section && a.position === b.position;
}

function finish(board, id) {
  const li = cardElement(id);
  if (li) li.classList.remove("wall-card--moving", "wall-card--dragging");
  board.moving = null;
  redraw(board, id);
}

export function cancel(board, announce) {
  if (!board.moving) return;
  const id = board.moving.id;
  board.placed.delete(id);
  finish(board, id);
  if (announce) say(board, "Put back where it was.");
}

export function drop(board) {
  if (!board.moving) return;
  const id = board.moving.id;
  const origin = board.moving.origin;
  const card = board.cards.get(id);
  const place = placeOf(board, card);
  if (card.deleted || same(board, place, origin)) {
    board.placed.delete(id);
    finish(board, id);
    say(board, "Left where it was.");
    return;
  }
  finish(board, id);
  commitMove(board, card, place);
}

function commitMove(board, card, place) {
  const id = card.id;
  const message = { action: "move", card: id, version: card.version };
  if (board.layout === "wall") {
    message.x = place.x;
    message.y = place.y;
  } else {
    message.section = sectionOf(board, card);
    message.position = place.position;
  }
  if (!board.following) {
    postMove(board, card, message);
    return;
  }
  board.sending.add(id);
  act(board, message).then((answer) => {
    board.sending.delete(id);
    board.placed.delete(id);
    if (answer.card) apply(board, answer.card);
    redraw(board, id);
    const now = board.cards.get(id);
    if (answer.type === "done") {
      say(board, "Moved: " + where(board, now) + ".");
    } else {
      say(board, answer.message || "That didn't work. Try again.");
      flash(id);
    }
  });
}

// No socket: the same move as the page without its script posts it.
function postMove(board, card, message) {
  const fields = { version: message.version };
  if (board.layout === "wall") {
    fields.x = message.x + 1;
    fields.y = message.y + 1;
  } else {
    fields.section = message.section;
    fields.position = message.position;
  }
  const form = make("form", {
    method: "post", action: cardUrl(board, "move", card.id), hidden: true,
  }, [csrfField()]);
  Object.keys(fields).forEach((name) => {
    form.append(make("input", { type: "hidden", name: name, value: fields[name] }));
  });
  document.body.append(form);
  form.submit();
}

// The position that sets ``card`` after ``before`` and before ``after`` in the server's
// order (position, then id), or undefined when no whole number does.
function slotPosition(board, card, before, after) {
  const fits = (value) => {
    const afterBefore = !before || value > before.position ||
      (value === before.position && card.id > before.id);
    const beforeAfter = !after || value < after.position ||
      (value === after.position && card.id < after.id);
    return afterBefore && beforeAfter;
  };
  const tries = [];
  if (!before && !after) tries.push(placeOf(board, card).position);
  if (before && after) tries.push(Math.floor((before.position + after.position) / 2));
  if (before) tries.push(before.position + 1, before.position);
  if (after) tries.push(after.position - 1, after.position);
  return tries.find(fits);
}

function slotIn(board, card, sectionId, index, direction) {
  const column = columnCards(board, sectionId, card.id).map((other) => {
    return { id: other.id, position: placeOf(board, other).position };
  });
  for (let at = index; at >= 0 && at <= column.length; at += direction || 1) {
    const position = slotPosition(board, card, column[at - 1], column[at]);
    if (position !== undefined) return { section: sectionId, position: position };
    if (!direction) break;
  }
  return null;
}

function step(board, id, dx, dy) {
  const card = board.cards.get(id);
  const li = cardElement(id);
  if (!card || !li) return;
  const place = placeOf(board, card);
  if (board.layout === "wall") {
    const x = Math.min(board.gridColumns - 1, Math.max(0, place.x + dx));
    const y = Math.min(board.gridRows - 1, Math.max(0, place.y + dy));
    board.placed.set(id, { x: x, y: y });
    setCell(li, x, y);
    if (board.wide.matches) li.scrollIntoView({ block: "nearest", inline: "nearest" });
    say(board, where(board, card));
    return;
  }
  const ids = sectionIds(board);
  const sectionId = sectionOf(board, card);
  const column = columnCards(board, sectionId, id);
  const index = column.filter((other) => order(board, other, card) < 0).length;
  let slot = null;
  if (dx) {
    const target = ids[ids.indexOf(sectionId) + dx];
    if (target === undefined) {
      say(board, "No column further that way. " + where(board, card) + ".");
      return;
    }
    const length = columnCards(board, target, id).length;
    slot = slotIn(board, card, target, Math.min(index, length), 1) ||
      slotIn(board, card, target, Math.min(index, length), -1);
  } else {
    slot = slotIn(board, card, sectionId, index + dy, dy);
  }
  if (!slot) {
    say(board, "It can't go further that way. " + where(board, card) + ".");
    return;
  }
  board.placed.set(id, slot);
  const focused = document.activeElement;
  put(board, li, card);
  if (focused && li.contains(focused) && document.activeElement !== focused) {
    focused.focus({ preventScroll: true });
  }
  li.scrollIntoView({ block: "nearest", inline: "nearest" });
  say(board, where(board, card));
}

export function listenForKeys(board) {
  const wall = board.wall;
  wall.addEventListener("keydown", (event) => {
    const li = event.target.closest(".wall-card");
    if (!li) return;
    const onHandle = event.target.classList.contains("wall-card__handle");
    if (!onHandle && event.target !== li) return;
    const id = Number(li.dataset.card);
    const card = board.cards.get(id);
    const here = board.moving && board.moving.id === id;
    if (here && (!card || card.deleted)) {
      cancel(board, false);
      return;
    }
    if (!card || !movable(board, card)) return;
    const arrow = ARROWS[event.key];
    if (arrow && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (!here && !begin(board, id, "keys")) return;
      step(board, id, arrow[0], arrow[1]);
    } else if (here && event.key === "Enter") {
      event.preventDefault();
      drop(board);
    } else if (here && event.key === "Escape") {
      event.preventDefault();
      cancel(board, true);
    }
  });

  wall.addEventListener("focusout", (event) => {
    if (!board.moving || board.moving.how !== "keys") return;
    const li = cardElement(board.moving.id);
    if (event.relatedTarget && li && !li.contains(event.relatedTarget)) cancel(board, true);
  });
}
